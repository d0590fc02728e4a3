"""Session records, with the memories each summary was made from (SQL that both backends
run)."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from typing import Any, Optional

from ...erasure import Counts
from ...errors import ConflictError
from ...storage.backend import Db
from ..memory.sqlite_store import filter_sql
from ..memory.store import Filter, Scope
from .store import NewSession, Session, SessionMemory, SessionQuery

# Every column of a session, and how many memories name it (the memories' partial index on
# (workspace_id, session_id) counts them).
_SELECT = (
    "SELECT s.*, (SELECT COUNT(*) FROM memories m WHERE m.workspace_id = s.workspace_id "
    "AND m.session_id = s.session_id) AS memory_count FROM sessions s"
)
_INSERT = (
    "INSERT INTO sessions (workspace_id, session_id, agent_id, user_id, meta, created_at) "
    "VALUES (?,?,?,?,?,?) ON CONFLICT (workspace_id, session_id) DO NOTHING"
)
# A store into a session: start it if it is unknown, else note the activity if it is open.
_ENTER = (
    "INSERT INTO sessions (workspace_id, session_id, agent_id, user_id, created_at, "
    "first_activity_at, last_activity_at) VALUES (?,?,?,?,?,?,?) "
    "ON CONFLICT (workspace_id, session_id) DO UPDATE SET "
    "first_activity_at = COALESCE(sessions.first_activity_at, excluded.first_activity_at), "
    "last_activity_at = CASE WHEN sessions.last_activity_at >= excluded.last_activity_at "
    "THEN sessions.last_activity_at ELSE excluded.last_activity_at END "
    "WHERE sessions.status = 'open'"
)
# Writes and events naming a session that the workers have not applied yet.
_QUEUED = (
    "SELECT (SELECT COUNT(*) FROM writes WHERE workspace_id = ? AND session_id = ? "
    "AND status IN ('queued','processing')) + (SELECT COUNT(*) FROM events "
    "WHERE workspace_id = ? AND session_id = ? AND status IN ('queued','processing'))"
)
# The sessions whose summary used one of a list of memories (the list's marks follow).
_SUMMARIZED_FROM = (
    "SELECT DISTINCT session_seq FROM session_summary_sources "
    "WHERE workspace_id = ? AND memory_id IN "
)
# What a summary reads of each memory (the filter's conditions follow).
_SESSION_MEMORIES = (
    "SELECT id, text, importance, COALESCE(observed_at, created_at) AS at FROM memories"
)
_ANY = Scope()  # no filter: every memory of the session
_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on parameters


def _session(row: Any) -> Session:
    return Session(
        session_id=row["session_id"],
        agent_id=row["agent_id"],
        user_id=row["user_id"],
        meta=json.loads(row["meta"]),
        status=row["status"],
        summary=row["summary"],
        created_at=row["created_at"],
        ended_at=row["ended_at"],
        first_activity_at=row["first_activity_at"],
        last_activity_at=row["last_activity_at"],
        memory_count=int(row["memory_count"]),
        position=int(row["seq"]),
    )


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class SqlSessionStore:
    def __init__(self, db: Db) -> None:
        self.db = db

    def create(self, workspace_id: int, new: NewSession, at: str) -> bool:
        cur = self.db.conn.execute(_INSERT, self._values(workspace_id, new, at))
        return bool(cur.rowcount)

    def get_or_create(self, workspace_id: int, new: NewSession, at: str) -> Session:
        self.db.conn.execute(_INSERT, self._values(workspace_id, new, at))
        session = self.get(workspace_id, new.session_id)
        assert session is not None, "a session just started is not there"
        return session

    @staticmethod
    def _values(workspace_id: int, new: NewSession, at: str) -> tuple[Any, ...]:
        meta = json.dumps(new.meta)
        return (workspace_id, new.session_id, new.agent_id, new.user_id, meta, at)

    def get(self, workspace_id: int, session_id: str) -> Optional[Session]:
        row = self.db.conn.execute(
            f"{_SELECT} WHERE s.workspace_id = ? AND s.session_id = ?",
            (workspace_id, session_id),
        ).fetchone()
        return _session(row) if row is not None else None

    def page(self, workspace_id: int, query: SessionQuery) -> tuple[list[Session], bool]:
        conditions = [
            (clause, value)
            for clause, value in (
                ("s.seq < ?", query.after),
                ("s.agent_id = ?", query.agent_id),
                ("s.user_id = ?", query.user_id),
                ("s.status = ?", query.status),
            )
            if value is not None
        ]
        where = " AND ".join(["s.workspace_id = ?", *(clause for clause, _ in conditions)])
        rows = self.db.conn.execute(
            f"{_SELECT} WHERE {where} ORDER BY s.seq DESC LIMIT ?",
            (workspace_id, *(value for _, value in conditions), query.limit + 1),
        ).fetchall()
        return [_session(r) for r in rows[: query.limit]], len(rows) > query.limit

    def end(self, workspace_id: int, session_id: str, at: str) -> None:
        self.db.conn.execute(
            "UPDATE sessions SET status = 'ended', ended_at = ? "
            "WHERE workspace_id = ? AND session_id = ? AND status = 'open'",
            (at, workspace_id, session_id),
        )

    def delete(self, workspace_id: int, session_id: str) -> bool:
        cur = self.db.conn.execute(
            "DELETE FROM sessions WHERE workspace_id = ? AND session_id = ?",
            (workspace_id, session_id),
        )
        return bool(cur.rowcount)

    def queued_writes(self, workspace_id: int, session_id: str) -> int:
        row = self.db.conn.execute(
            _QUEUED, (workspace_id, session_id, workspace_id, session_id)
        ).fetchone()
        return int(row[0])

    def delete_for_agent(self, workspace_id: int, agent_id: str) -> list[str]:
        conn = self.db.conn
        where = "workspace_id = ? AND agent_id = ?"
        ids = [
            str(row[0])
            for row in conn.execute(
                f"SELECT session_id FROM sessions WHERE {where} ORDER BY seq",  # noqa: S608
                (workspace_id, agent_id),
            )
        ]
        conn.execute(f"DELETE FROM sessions WHERE {where}", (workspace_id, agent_id))  # noqa: S608
        return ids

    def count_for_agent(self, workspace_id: int, agent_id: str) -> int:
        row = self.db.conn.execute(
            "SELECT COUNT(*) FROM sessions WHERE workspace_id = ? AND agent_id = ?",
            (workspace_id, agent_id),
        ).fetchone()
        return int(row[0])

    def memories(
        self, workspace_id: int, session_id: str, where: Scope = _ANY
    ) -> list[SessionMemory]:
        scope = dataclasses.replace(where, session_id=session_id)
        conditions, args = filter_sql(Filter(scope=scope))
        matching = " AND ".join(["workspace_id = ?", *conditions])
        rows = self.db.conn.execute(
            f"{_SESSION_MEMORIES} WHERE {matching} ORDER BY at, id",
            (workspace_id, *args),
        ).fetchall()
        return [SessionMemory(r["id"], r["text"], r["importance"], r["at"]) for r in rows]

    def save_summary(
        self, workspace_id: int, session_id: str, text: str, memory_ids: Sequence[int]
    ) -> None:
        conn = self.db.conn
        row = conn.execute(
            "UPDATE sessions SET summary = ? WHERE workspace_id = ? AND session_id = ? "
            "RETURNING seq",
            (text, workspace_id, session_id),
        ).fetchone()
        if row is None:
            return
        conn.execute("DELETE FROM session_summary_sources WHERE session_seq = ?", (row[0],))
        conn.executemany(
            "INSERT INTO session_summary_sources (session_seq, workspace_id, memory_id) "
            "VALUES (?,?,?) ON CONFLICT DO NOTHING",
            [(row[0], workspace_id, memory_id) for memory_id in memory_ids],
        )

    # -- SessionGate --------------------------------------------------------------------

    def enter(self, workspace_id: int, scope: Scope, at: str, *, admitted: bool = False) -> None:
        session_id = scope.session_id
        if not session_id:
            return
        conn = self.db.conn
        conn.execute(_ENTER, (workspace_id, session_id, scope.agent_id, scope.user_id, at, at, at))
        row = conn.execute(
            "SELECT status FROM sessions WHERE workspace_id = ? AND session_id = ?",
            (workspace_id, session_id),
        ).fetchone()
        if row["status"] == "ended" and not admitted:
            raise ConflictError(
                f"Session {session_id} has ended: it takes no more memories. "
                "Start a new session to store more.",
                code="session_ended",
                details={"session_id": session_id},
            )

    # -- erasure Dependent --------------------------------------------------------------

    def forget_memories(self, workspace_id: int, memory_ids: Collection[int]) -> Counts:
        """Clear every summary made from one of these memories (its text and sources)."""
        conn = self.db.conn
        ids = sorted(set(memory_ids))
        sessions = sorted(
            {
                int(row[0])
                for chunk in _chunks(ids)
                for row in conn.execute(
                    f"{_SUMMARIZED_FROM}({_marks(chunk)})", (workspace_id, *chunk)
                )
            }
        )
        for chunk in _chunks(sessions):
            marks = _marks(chunk)
            conn.execute(f"UPDATE sessions SET summary = NULL WHERE seq IN ({marks})", chunk)  # noqa: S608
            conn.execute(
                f"DELETE FROM session_summary_sources WHERE session_seq IN ({marks})",  # noqa: S608
                chunk,
            )
        return Counter({"summaries_deleted": len(sessions)}) if sessions else Counter()

    def forget_scope(self, workspace_id: int, scope: Scope) -> Counts:
        """Session records stay when a scope's memories are erased (``delete_agent`` deletes
        an agent's sessions itself)."""
        return Counter()
