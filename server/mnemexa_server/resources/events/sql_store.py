"""Events, and the claim protocol that the event and write tables share (SQL that both
backends run)."""

from __future__ import annotations

import json
import secrets
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from typing import Any, ClassVar, Optional

from ...clock import utc_iso
from ...erasure import Counts
from ...storage.backend import Db
from ..memory.sqlite_store import filter_sql
from ..memory.store import SCOPE_FIELDS, Filter, Scope
from ..workspace.store import Workspace
from .queue import Job
from .store import Event, EventQuery, NewEvent

_PENDING = "status IN ('queued','processing')"  # the partial index events_pending's condition
_CLAIMABLE = f"{_PENDING} AND COALESCE(lease_until, 0) < ?"  # a new item has no lease
_CHUNK = 500  # ids per IN (...) list


def chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def find_workspace(db: Db, workspace_id: int) -> Optional[Workspace]:
    """The workspace with this id (the worker's items name theirs by id), or None."""
    row = db.conn.execute("SELECT * FROM workspaces WHERE id = ?", (workspace_id,)).fetchone()
    if row is None:
        return None
    return Workspace(row["id"], row["name"], row["status"], row["pii_policy"], row["dedup_mode"])


class SqlQueue:
    """The claim protocol of a queue table (``TABLE``: a constant, never user input), whose
    rows ``_job`` reads. The table has ``seq``, ``status``, ``claim``, ``lease_until`` and
    ``attempts`` columns, and a partial index on ``seq`` for its pending rows."""

    TABLE: ClassVar[str]

    def __init__(self, db: Db) -> None:
        self.db = db

    def _job(self, row: Any) -> Job:
        raise NotImplementedError

    def ready(self, now: float) -> bool:
        row = self.db.conn.execute(
            f"SELECT EXISTS (SELECT 1 FROM {self.TABLE} WHERE {_CLAIMABLE})",  # noqa: S608
            (now,),
        ).fetchone()
        return bool(row[0])

    def claim(self, token: str, limit: int, now: float, until: float) -> list[Job]:
        conn = self.db.conn
        rows = conn.execute(
            f"SELECT * FROM {self.TABLE} WHERE {_CLAIMABLE} ORDER BY seq LIMIT ?",  # noqa: S608
            (now, limit),
        ).fetchall()
        conn.executemany(
            f"UPDATE {self.TABLE} SET status = 'processing', claim = ?, lease_until = ?, "  # noqa: S608
            "attempts = attempts + 1 WHERE seq = ?",
            [(token, until, row["seq"]) for row in rows],
        )
        return [self._job(row) for row in rows]

    def holds(self, seq: int, token: str) -> bool:
        row = self.db.conn.execute(
            f"SELECT 1 FROM {self.TABLE} WHERE seq = ? AND claim = ? AND status = 'processing'",  # noqa: S608
            (seq, token),
        ).fetchone()
        return row is not None

    def release(self, seq: int, token: str, after: float) -> None:
        self.db.conn.execute(
            f"UPDATE {self.TABLE} SET status = 'queued', claim = NULL, lease_until = ? "  # noqa: S608
            "WHERE seq = ? AND claim = ?",
            (after, seq, token),
        )

    def _finish(self, seq: int, token: str, status: str, values: dict[str, Any]) -> None:
        """End a claim: ``status`` and the outcome's ``values`` (column -> value)."""
        assign = "".join(f", {column} = ?" for column in values)
        self.db.conn.execute(
            f"UPDATE {self.TABLE} SET status = ?, claim = NULL, lease_until = NULL{assign} "  # noqa: S608
            "WHERE seq = ? AND claim = ?",
            (status, *values.values(), seq, token),
        )

    def _forget(self, counter: str, where: str, args: Sequence[Any]) -> Counts:
        """Delete the rows ``where`` selects; count them under ``counter``."""
        cur = self.db.conn.execute(f"DELETE FROM {self.TABLE} WHERE {where}", args)  # noqa: S608
        return Counter({counter: cur.rowcount})

    def _forget_memories(self, counter: str, workspace_id: int, ids: Collection[int]) -> Counts:
        counts: Counts = Counter()
        for chunk in chunks(sorted(set(ids))):
            where = f"workspace_id = ? AND memory_id IN ({marks(chunk)})"
            counts.update(self._forget(counter, where, (workspace_id, *chunk)))
        return counts

    def _forget_scope(self, counter: str, workspace_id: int, scope: Scope) -> Counts:
        if not scope:
            raise ValueError("forget_scope needs at least one scope field")
        conditions, args = filter_sql(Filter(scope=scope))
        return self._forget(
            counter, " AND ".join(["workspace_id = ?", *conditions]), (workspace_id, *args)
        )


def _event(row: Any) -> Event:
    return Event(
        event_id=row["event_id"],
        kind=row["kind"],
        content=row["content"],
        meta=json.loads(row["meta"]),
        scope=Scope(*(row[name] for name in SCOPE_FIELDS)),
        ts=row["ts"],
        status=row["status"],
        memory_id=row["memory_id"],
        reason=row["reason"],
        created_at=row["created_at"],
    )


_INSERT = (
    "INSERT INTO events (event_id, workspace_id, kind, content, meta, ts, request_id, "  # noqa: S608
    f"created_at, {', '.join(SCOPE_FIELDS)}) VALUES (?,?,?,?,?,?,?,?, {marks(SCOPE_FIELDS)})"
)


class SqlEventStore(SqlQueue):
    TABLE = "events"

    def _job(self, row: Any) -> Job:
        meta = json.loads(row["meta"])
        fields = {name: row[name] for name in SCOPE_FIELDS if row[name] is not None}
        return Job(
            seq=row["seq"],
            item_id=row["event_id"],
            workspace_id=row["workspace_id"],
            attempts=row["attempts"] + 1,
            text=row["content"],
            meta=meta or None,
            fields={**fields, "observed_at": row["ts"]},
            request_id=row["request_id"],
        )

    def add(self, workspace_id: int, events: Sequence[NewEvent], request_id: str) -> list[str]:
        ids = ["evt_" + secrets.token_hex(12) for _ in events]
        now = utc_iso()
        rows = [
            (event_id, workspace_id, e.kind, e.content, json.dumps(e.meta), e.ts, request_id, now)
            for event_id, e in zip(ids, events)
        ]
        self.db.conn.executemany(
            _INSERT, [(*row, *e.scope.values()) for row, e in zip(rows, events)]
        )
        return ids

    def get_many(self, workspace_id: int, event_ids: Collection[str]) -> dict[str, Event]:
        found: dict[str, Event] = {}
        for chunk in chunks(sorted(set(event_ids))):
            rows = self.db.conn.execute(
                f"SELECT * FROM events WHERE workspace_id = ? AND event_id IN ({marks(chunk)})",  # noqa: S608
                (workspace_id, *chunk),
            )
            found.update((row["event_id"], _event(row)) for row in rows)
        return found

    def page(self, workspace_id: int, query: EventQuery) -> tuple[list[tuple[int, Event]], bool]:
        conditions, args = filter_sql(Filter(scope=query.scope))
        for clause, value in (
            ("seq < ?", query.before_seq),
            ("kind = ?", query.kind),
            ("ts >= ?", query.ts_from),
            ("ts < ?", query.ts_until),
        ):
            if value is not None:
                conditions.append(clause)
                args.append(value)
        rows = self.db.conn.execute(
            f"SELECT * FROM events WHERE {' AND '.join(['workspace_id = ?', *conditions])} "  # noqa: S608
            "ORDER BY seq DESC LIMIT ?",
            (workspace_id, *args, query.limit + 1),
        ).fetchall()
        return [(r["seq"], _event(r)) for r in rows[: query.limit]], len(rows) > query.limit

    def complete(self, seq: int, token: str, memory_id: int) -> None:
        self._finish(seq, token, "completed", {"memory_id": memory_id})

    def fail(self, seq: int, token: str, reason: str) -> None:
        self._finish(seq, token, "failed", {"reason": reason})

    def forget_memories(self, workspace_id: int, memory_ids: Collection[int]) -> Counts:
        return self._forget_memories("events_deleted", workspace_id, memory_ids)

    def forget_scope(self, workspace_id: int, scope: Scope) -> Counts:
        return self._forget_scope("events_deleted", workspace_id, scope)
