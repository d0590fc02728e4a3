"""Idempotency records, with the memories each recorded response mentions (SQL that both
backends run)."""

from __future__ import annotations

import json
import time
from collections.abc import Collection, Iterator
from typing import Any, Callable, Optional

from ..errors import ConflictError, InvalidError
from ..storage.backend import Db
from ..storage.migrations import Migration
from .replay import TTL_SECONDS, Recorded, memory_ids, scrub, scrub_subject, subjects

MIGRATIONS = (
    Migration.portable(
        "idempotency.0001_records",
        """
        CREATE TABLE idempotency (
            workspace_id INTEGER NOT NULL,
            key          TEXT NOT NULL,
            fingerprint  TEXT NOT NULL,
            status       INTEGER NOT NULL,
            body         TEXT,
            created_at   REAL NOT NULL,
            PRIMARY KEY (workspace_id, key)
        );
        """,
    ),
    Migration.portable(
        "idempotency.0002_memory_refs",
        """
        CREATE TABLE idempotency_refs (
            workspace_id INTEGER NOT NULL,
            key          TEXT NOT NULL,
            memory_id    INTEGER NOT NULL,
            PRIMARY KEY (workspace_id, key, memory_id)
        );
        CREATE INDEX idempotency_refs_by_memory ON idempotency_refs (workspace_id, memory_id);
        """,
    ),
    Migration.portable(
        "idempotency.0003_subject_refs",
        """
        CREATE TABLE idempotency_subjects (
            workspace_id INTEGER NOT NULL,
            key          TEXT NOT NULL,
            field        TEXT NOT NULL,
            value        TEXT NOT NULL,
            PRIMARY KEY (workspace_id, key, field, value)
        );
        CREATE INDEX idempotency_subjects_by_value
            ON idempotency_subjects (workspace_id, field, value);
        """,
    ),
)


class KeyTakenError(ConflictError):
    """Another request recorded this key first (it committed while this one ran)."""

    def __init__(self) -> None:
        super().__init__("Another request with this Idempotency-Key completed first.")


class IdempotencyStore:
    def __init__(self, db: Db) -> None:
        self.db = db

    def lookup(self, workspace_id: int, key: str, fp: str) -> Optional[Recorded]:
        """The recorded response for this key, None if there is none, ``InvalidError`` if the
        key was used with another request."""
        row = self.db.conn.execute(
            "SELECT fingerprint, status, body, created_at FROM idempotency "
            "WHERE workspace_id=? AND key=?",
            (workspace_id, key),
        ).fetchone()
        if row is None or row["created_at"] < _cutoff():
            return None
        if row["fingerprint"] != fp:
            raise InvalidError(
                "This Idempotency-Key was already used with a different request.",
                code="idempotency_key_reused",
            )
        return Recorded(row["status"], json.loads(row["body"]) if row["body"] is not None else None)

    def record(self, workspace_id: int, key: str, fp: str, status: int, body: Any) -> None:
        """Record a response inside the caller's transaction; ``KeyTakenError`` on a race."""
        conn = self.db.conn
        self._delete("workspace_id=? AND key=? AND created_at < ?", (workspace_id, key, _cutoff()))
        try:
            conn.execute(
                "INSERT INTO idempotency (workspace_id, key, fingerprint, status, body, "
                "created_at) VALUES (?,?,?,?,?,?)",
                (
                    workspace_id,
                    key,
                    fp,
                    status,
                    json.dumps(body) if body is not None else None,
                    time.time(),
                ),
            )
        except self.db.integrity_errors:
            raise KeyTakenError() from None
        conn.executemany(
            "INSERT INTO idempotency_refs (workspace_id, key, memory_id) VALUES (?,?,?) "
            "ON CONFLICT DO NOTHING",
            [(workspace_id, key, memory_id) for memory_id in sorted(set(memory_ids(body)))],
        )
        conn.executemany(
            "INSERT INTO idempotency_subjects (workspace_id, key, field, value) "
            "VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
            [(workspace_id, key, name, value) for name, value in sorted(set(subjects(body)))],
        )

    def forget_memories(self, workspace_id: int, deleted: Collection[int]) -> int:
        """Scrub the content of ``deleted`` memories from every recorded response; return
        how many records changed. Runs in the transaction that deletes the memories."""
        if not deleted:
            return 0
        conn = self.db.conn
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
            self._rewrite(workspace_id, key, lambda body: scrub(body, gone))
        for chunk in _chunks(ids):
            conn.execute(
                f"DELETE FROM idempotency_refs WHERE workspace_id=? AND memory_id IN ({_marks(chunk)})",  # noqa: S608, E501
                (workspace_id, *chunk),
            )
        return len(keys)

    def forget_subject(self, workspace_id: int, field: str, value: str) -> int:
        """Scrub the content of the record (agent or session) whose ``field`` is ``value``
        from every recorded response; return how many records changed."""
        conn = self.db.conn
        where = "workspace_id=? AND field=? AND value=?"
        keys = [
            row["key"]
            for row in conn.execute(
                f"SELECT key FROM idempotency_subjects WHERE {where}",  # noqa: S608
                (workspace_id, field, value),
            )
        ]
        for key in keys:
            self._rewrite(workspace_id, key, lambda body: scrub_subject(body, field, value))
        conn.execute(
            f"DELETE FROM idempotency_subjects WHERE {where}",  # noqa: S608
            (workspace_id, field, value),
        )
        return len(keys)

    def _rewrite(self, workspace_id: int, key: str, change: Callable[[Any], Any]) -> None:
        row = self.db.conn.execute(
            "SELECT body FROM idempotency WHERE workspace_id=? AND key=?", (workspace_id, key)
        ).fetchone()
        if row is not None and row["body"] is not None:
            self.db.conn.execute(
                "UPDATE idempotency SET body=? WHERE workspace_id=? AND key=?",
                (json.dumps(change(json.loads(row["body"]))), workspace_id, key),
            )

    def forget_workspace(self, workspace_id: int) -> None:
        self._delete("workspace_id=?", (workspace_id,))

    def purge_expired(self) -> int:
        """Drop records older than the TTL (inside the caller's transaction)."""
        return self._delete("created_at < ?", (_cutoff(),))

    def _delete(self, where: str, args: tuple[Any, ...]) -> int:
        """Delete records (and their memory references) matching ``where``."""
        conn = self.db.conn
        for table in ("idempotency_refs", "idempotency_subjects"):
            conn.execute(
                f"DELETE FROM {table} WHERE (workspace_id, key) IN (SELECT workspace_id, key FROM idempotency WHERE {where})",  # noqa: S608, E501
                args,
            )
        return int(conn.execute(f"DELETE FROM idempotency WHERE {where}", args).rowcount)  # noqa: S608


def _marks(values: list[int]) -> str:
    return ",".join("?" * len(values))


def _cutoff() -> float:
    return time.time() - TTL_SECONDS


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
