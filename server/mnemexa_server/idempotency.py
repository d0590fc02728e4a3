"""Idempotency keys: the same key and body within 24 hours replays the first response.

The record is written in the same transaction as the operation's own writes, so either both
commit or neither does. Two concurrent requests with one key cannot both store: the second
transaction's insert of the record fails on the primary key, it rolls back, and replays the
first one's response. Only 2xx responses are recorded; a failed request can simply be retried.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any, Optional

from .errors import ApiError

TTL_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Recorded:
    status: int
    body: Any


def fingerprint(method: str, path: str, body: bytes) -> str:
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, UnicodeDecodeError):
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
    conn.execute(
        "DELETE FROM idempotency WHERE workspace_id=? AND key=? AND created_at < ?",
        (workspace_id, key, time.time() - TTL_SECONDS),
    )
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


def purge_expired(conn: sqlite3.Connection) -> int:
    return conn.execute(
        "DELETE FROM idempotency WHERE created_at < ?", (time.time() - TTL_SECONDS,)
    ).rowcount
