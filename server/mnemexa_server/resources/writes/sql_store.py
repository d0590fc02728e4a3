"""Queued writes, on the claim protocol of the event queue (SQL that both backends run)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Collection
from typing import Any, Optional

from ...clock import utc_iso
from ...erasure import Counts
from ..events.queue import Job
from ..events.sql_store import SqlQueue, marks
from ..memory.store import SCOPE_FIELDS, Scope
from .store import NewWrite, Write

_INSERT = (
    "INSERT INTO writes (write_id, workspace_id, text, meta, dedup_mode, observed_at, pii, "  # noqa: S608
    f"request_id, created_at, {', '.join(SCOPE_FIELDS)}) "
    f"VALUES (?,?,?,?,?,?,?,?,?, {marks(SCOPE_FIELDS)})"
)


def _json(value: Optional[str]) -> Any:
    return json.loads(value) if value is not None else None


class SqlWriteStore(SqlQueue):
    TABLE = "writes"

    def _job(self, row: Any) -> Job:
        fields = {name: row[name] for name in SCOPE_FIELDS if row[name] is not None}
        return Job(
            seq=row["seq"],
            item_id=row["write_id"],
            workspace_id=row["workspace_id"],
            attempts=row["attempts"] + 1,
            text=row["text"],
            meta=_json(row["meta"]),
            fields={**fields, "observed_at": row["observed_at"]},
            dedup_mode=row["dedup_mode"],
            pii=json.loads(row["pii"]),
            request_id=row["request_id"],
        )

    def add(self, workspace_id: int, write: NewWrite, request_id: str) -> str:
        write_id = "wr_" + secrets.token_hex(12)
        meta = json.dumps(write.meta) if write.meta is not None else None
        pii = json.dumps(write.pii)
        row = (write_id, workspace_id, write.text, meta, write.dedup_mode, write.observed_at, pii)
        self.db.conn.execute(_INSERT, (*row, request_id, utc_iso(), *write.scope.values()))
        return write_id

    def get(self, workspace_id: int, write_id: str) -> Optional[Write]:
        row = self.db.conn.execute(
            "SELECT write_id, status, result, error FROM writes "
            "WHERE workspace_id = ? AND write_id = ?",
            (workspace_id, write_id),
        ).fetchone()
        if row is None:
            return None
        return Write(row["write_id"], row["status"], _json(row["result"]), _json(row["error"]))

    def complete(self, seq: int, token: str, memory_id: int, result: dict[str, Any]) -> None:
        values = {"memory_id": memory_id, "result": json.dumps(result)}
        self._finish(seq, token, "completed", values)

    def fail(self, seq: int, token: str, error: dict[str, Any]) -> None:
        self._finish(seq, token, "failed", {"error": json.dumps(error)})

    def forget_memories(self, workspace_id: int, memory_ids: Collection[int]) -> Counts:
        return self._forget_memories("writes_deleted", workspace_id, memory_ids)

    def forget_scope(self, workspace_id: int, scope: Scope) -> Counts:
        return self._forget_scope("writes_deleted", workspace_id, scope)
