"""Agents: the domain records, and the store interface every backend implements.

A memory may carry any ``agent_id``. Registering one adds a name, a description and meta;
an agent's memories and sessions are the ones with its ``agent_id``, registered or not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Protocol


@dataclass(frozen=True)
class NewAgent:
    agent_id: str
    name: str
    description: Optional[str] = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Agent:
    agent_id: str
    name: str
    description: Optional[str]
    meta: dict[str, Any]
    created_at: str
    updated_at: str
    position: int  # the list order (newest first) and what a cursor points after


@dataclass(frozen=True)
class AgentStats:
    """What any ``agent_id`` has, registered or not."""

    agent_id: str
    registered: bool
    memory_count: int
    by_category: dict[str, int]
    session_count: int
    last_write_at: Optional[str]


class AgentStore(Protocol):
    """Registered agents of every workspace. Writes run inside the caller's transaction."""

    def create(self, workspace_id: int, new: NewAgent, at: str) -> bool:
        """Register an agent; False if its id is registered already."""

    def get(self, workspace_id: int, agent_id: str) -> Optional[Agent]: ...

    def page(self, workspace_id: int, limit: int, after: Optional[int]) -> tuple[list[Agent], bool]:
        """Up to ``limit`` agents, newest first (after position ``after``), and whether more
        follow."""

    def update(self, workspace_id: int, agent: Agent, at: str) -> None:
        """Save ``agent``'s name, description and meta, changed at ``at``."""

    def delete(self, workspace_id: int, agent_id: str) -> bool:
        """Delete the registration; False if there was none."""
