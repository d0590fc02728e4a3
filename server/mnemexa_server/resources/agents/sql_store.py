"""Registered agents (SQL that both backends run)."""

from __future__ import annotations

import json
from typing import Any, Optional

from ...storage.backend import Db
from .store import Agent, NewAgent


def _agent(row: Any) -> Agent:
    return Agent(
        agent_id=row["agent_id"],
        name=row["name"],
        description=row["description"],
        meta=json.loads(row["meta"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        position=int(row["seq"]),
    )


class SqlAgentStore:
    def __init__(self, db: Db) -> None:
        self.db = db

    def create(self, workspace_id: int, new: NewAgent, at: str) -> bool:
        cur = self.db.conn.execute(
            "INSERT INTO agents (workspace_id, agent_id, name, description, meta, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (workspace_id, agent_id) DO NOTHING",
            (workspace_id, new.agent_id, new.name, new.description, json.dumps(new.meta), at, at),
        )
        return bool(cur.rowcount)

    def get(self, workspace_id: int, agent_id: str) -> Optional[Agent]:
        row = self.db.conn.execute(
            "SELECT * FROM agents WHERE workspace_id = ? AND agent_id = ?",
            (workspace_id, agent_id),
        ).fetchone()
        return _agent(row) if row is not None else None

    def page(self, workspace_id: int, limit: int, after: Optional[int]) -> tuple[list[Agent], bool]:
        after_clause, args = ("AND seq < ?", (after,)) if after is not None else ("", ())
        rows = self.db.conn.execute(
            f"SELECT * FROM agents WHERE workspace_id = ? {after_clause} "  # noqa: S608
            "ORDER BY seq DESC LIMIT ?",
            (workspace_id, *args, limit + 1),
        ).fetchall()
        return [_agent(r) for r in rows[:limit]], len(rows) > limit

    def update(self, workspace_id: int, agent: Agent, at: str) -> None:
        self.db.conn.execute(
            "UPDATE agents SET name = ?, description = ?, meta = ?, updated_at = ? "
            "WHERE workspace_id = ? AND agent_id = ?",
            (
                agent.name,
                agent.description,
                json.dumps(agent.meta),
                at,
                workspace_id,
                agent.agent_id,
            ),
        )

    def delete(self, workspace_id: int, agent_id: str) -> bool:
        cur = self.db.conn.execute(
            "DELETE FROM agents WHERE workspace_id = ? AND agent_id = ?", (workspace_id, agent_id)
        )
        return bool(cur.rowcount)
