"""Idempotency keys: the same key and body within 24 hours replays the first response.

Only state-changing operations record anything; a read-only POST (retrieve) ignores the key.
The record is written in the same transaction as the operation's own writes, so either both
commit or neither does. Two concurrent requests with one key cannot both store: the second
transaction's insert of the record fails on the primary key, it rolls back, and replays the
first one's response. Only 2xx responses are recorded; a failed request can simply be retried.

Deleted means gone here too: each record lists the memories its response mentions, and
deleting a memory scrubs that memory's content (text, meta, history, the temporal excerpt)
from every recorded response. What stays is a tombstone: the status, the ids and the
fingerprint, so a retried store still never stores twice and a replay never returns the text.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any, Optional

from .errors import ApiError

TTL_SECONDS = 24 * 3600
# What a memory's content is, wherever a response holds it (``temporal.raw_text`` too).
_SCRUBBED: dict[str, Any] = {"text": "", "meta": {}, "history": []}


@dataclass(frozen=True)
class Recorded:
    status: int
    body: Any


def fingerprint(method: str, path: str, body: bytes) -> str:
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, UnicodeDecodeError, RecursionError):
        canonical = body
    return hashlib.sha256(
        method.upper().encode() + b" " + path.encode() + b"\n" + canonical
    ).hexdigest()


def lookup(conn: sqlite3.Connection, workspace_id: int, key: str, fp: str) -> Optional[Recorded]:
    """The recorded response for this key, None if there is none, 422 if the body differs."""
    row = conn.execute(
        "SELECT fingerprint, status, body, created_at FROM idempotency "
        "WHERE workspace_id=? AND key=?",
        (workspace_id, key),
    ).fetchone()
    if row is None or row["created_at"] < time.time() - TTL_SECONDS:
        return None
    if row["fingerprint"] != fp:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used with a different request.",
        )
    return Recorded(row["status"], json.loads(row["body"]) if row["body"] is not None else None)


def record(
    conn: sqlite3.Connection, workspace_id: int, key: str, fp: str, status: int, body: Any
) -> None:
    """Record a response inside the caller's transaction; raises IntegrityError on a race."""
    _delete(conn, "workspace_id=? AND key=? AND created_at < ?", (workspace_id, key, _cutoff()))
    conn.execute(
        "INSERT INTO idempotency (workspace_id, key, fingerprint, status, body, created_at) "
        "VALUES (?,?,?,?,?,?)",
        (
            workspace_id,
            key,
            fp,
            status,
            json.dumps(body) if body is not None else None,
            time.time(),
        ),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO idempotency_refs (workspace_id, key, memory_id) VALUES (?,?,?)",
        [(workspace_id, key, memory_id) for memory_id in sorted(set(memory_ids(body)))],
    )


def forget_memories(conn: sqlite3.Connection, workspace_id: int, deleted: Collection[int]) -> int:
    """Scrub the content of ``deleted`` memories from every recorded response; return how
    many records changed. Runs in the transaction that deletes the memories."""
    if not deleted:
        return 0
    ids = sorted(set(deleted))
    keys = {
        row["key"]
        for chunk in _chunks(ids)
        for row in conn.execute(
            f"SELECT key FROM idempotency_refs WHERE workspace_id=? AND memory_id IN ({_marks(chunk)})",  # noqa: S608, E501
            (workspace_id, *chunk),
        )
    }
    gone = set(ids)
    for key in keys:
        row = conn.execute(
            "SELECT body FROM idempotency WHERE workspace_id=? AND key=?", (workspace_id, key)
        ).fetchone()
        if row is not None and row["body"] is not None:
            body = scrub(json.loads(row["body"]), gone)
            conn.execute(
                "UPDATE idempotency SET body=? WHERE workspace_id=? AND key=?",
                (json.dumps(body), workspace_id, key),
            )
    for chunk in _chunks(ids):
        conn.execute(
            f"DELETE FROM idempotency_refs WHERE workspace_id=? AND memory_id IN ({_marks(chunk)})",  # noqa: S608
            (workspace_id, *chunk),
        )
    return len(keys)


def forget_workspace(conn: sqlite3.Connection, workspace_id: int) -> None:
    _delete(conn, "workspace_id=?", (workspace_id,))


def purge_expired(conn: sqlite3.Connection) -> int:
    return _delete(conn, "created_at < ?", (_cutoff(),))


def memory_ids(body: Any) -> Iterator[int]:
    """Every memory id a response body mentions (``memory_id`` and ``existing_id``)."""
    if isinstance(body, dict):
        for name in ("memory_id", "existing_id"):
            value = body.get(name)
            if isinstance(value, int) and not isinstance(value, bool):
                yield value
        for value in body.values():
            yield from memory_ids(value)
    elif isinstance(body, list):
        for value in body:
            yield from memory_ids(value)


def scrub(body: Any, gone: Collection[int]) -> Any:
    """``body`` with the content of every memory in ``gone`` removed; ids and shape stay."""
    if isinstance(body, list):
        return [scrub(value, gone) for value in body]
    if not isinstance(body, dict):
        return body
    out = {name: scrub(value, gone) for name, value in body.items()}
    if out.get("memory_id") in gone:
        out.update({name: empty for name, empty in _SCRUBBED.items() if name in out})
        temporal = out.get("temporal")
        if isinstance(temporal, dict) and "raw_text" in temporal:
            out["temporal"] = {**temporal, "raw_text": None}
    return out


def _delete(conn: sqlite3.Connection, where: str, args: tuple[Any, ...]) -> int:
    """Delete records (and their memory references) matching ``where``."""
    conn.execute(
        f"DELETE FROM idempotency_refs WHERE (workspace_id, key) IN (SELECT workspace_id, key FROM idempotency WHERE {where})",  # noqa: S608, E501
        args,
    )
    return conn.execute(f"DELETE FROM idempotency WHERE {where}", args).rowcount  # noqa: S608


def _marks(values: list[int]) -> str:
    return ",".join("?" * len(values))


def _cutoff() -> float:
    return time.time() - TTL_SECONDS


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
