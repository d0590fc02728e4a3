"""The agent operations: register, list, get, update, stats and delete (with all its data).

Writers run inside the caller's transaction, which also holds the idempotency record.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Optional

from ...clock import utc_iso
from ...erasure import Counts
from ...errors import ConflictError, NotFoundError
from ...storage.database import Transaction
from ..memory.service import MemoryService
from ..memory.store import Filter, Scope
from ..sessions.store import SessionStore
from ..workspace.store import Workspace
from .store import Agent, AgentStats, AgentStore, NewAgent

ID_PREFIX = "agt_"


def new_agent_id() -> str:
    """An opaque id for an agent registered without one."""
    return ID_PREFIX + secrets.token_hex(12)


class AgentService:
    def __init__(self, agents: AgentStore, sessions: SessionStore, memory: MemoryService) -> None:
        self.agents = agents
        self.sessions = sessions
        self.memory = memory

    def screen_meta(self, workspace: Workspace, meta: Optional[dict[str, Any]]) -> dict[str, Any]:
        """``meta`` under the workspace's PII policy (as a memory's meta is)."""
        return self.memory.preparer.screen_meta(workspace, meta) if meta else {}

    def create(self, workspace: Workspace, new: NewAgent) -> Agent:
        """Register an agent; 409 ``agent_exists`` if its id is registered already."""
        if not self.agents.create(workspace.id, new, utc_iso()):
            raise ConflictError(
                f"Agent {new.agent_id} is registered already.",
                code="agent_exists",
                details={"agent_id": new.agent_id},
            )
        return self.get(workspace, new.agent_id)

    def get(self, workspace: Workspace, agent_id: str) -> Agent:
        agent = self.agents.get(workspace.id, agent_id)
        if agent is None:
            raise NotFoundError("agent", agent_id)
        return agent

    def page(
        self, workspace: Workspace, limit: int, after: Optional[int]
    ) -> tuple[list[Agent], bool]:
        return self.agents.page(workspace.id, limit, after)

    def update(self, workspace: Workspace, agent_id: str, changes: Mapping[str, Any]) -> Agent:
        """Change the fields ``changes`` names: ``name``, ``description`` (None clears it)
        and ``meta`` (screened already; it replaces the old meta)."""
        old = self.get(workspace, agent_id)
        agent = replace(
            old,
            name=changes.get("name", old.name),
            description=changes.get("description", old.description),
            meta=changes.get("meta", old.meta),
        )
        self.agents.update(workspace.id, agent, utc_iso())
        return self.get(workspace, agent_id)

    def delete(self, tx: Transaction, workspace: Workspace, agent_id: str) -> Counts:
        """Erase the agent's memories (as ``delete_memories`` does), delete its sessions and
        its registration, and scrub each from recorded responses."""
        self.get(workspace, agent_id)
        counts = self.memory.erase(tx, workspace, Scope(agent_id=agent_id))
        forget = self.memory.eraser.forget_subject
        session_ids = self.sessions.delete_for_agent(workspace.id, agent_id)
        for session_id in session_ids:
            forget(tx, workspace.id, "session_id", session_id)
        self.agents.delete(workspace.id, agent_id)
        forget(tx, workspace.id, "agent_id", agent_id)
        counts["sessions_deleted"] = len(session_ids)
        return counts

    def stats(self, workspace: Workspace, agent_id: str) -> AgentStats:
        """The statistics of any ``agent_id``, registered or not."""
        totals = self.memory.totals(workspace, Filter(scope=Scope(agent_id=agent_id)))
        return AgentStats(
            agent_id=agent_id,
            registered=self.agents.get(workspace.id, agent_id) is not None,
            memory_count=totals.total,
            by_category=totals.by_category,
            session_count=self.sessions.count_for_agent(workspace.id, agent_id),
            last_write_at=totals.last_write_at,
        )
