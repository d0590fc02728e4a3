"""Sessions: the domain records, and the store interface every backend implements.

A session is addressed by its ``session_id`` inside a workspace. It starts when a client
creates it or when a memory first names it; it takes memories until it ends. Its record
holds an agent, a user, meta and the latest summary; its memories are the memories whose
``session_id`` is its id, and they outlive the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Optional, Protocol

from ...erasure import Dependent
from ..memory.service import SessionGate
from ..memory.store import Scope

STATUSES = ("open", "ended")


@dataclass(frozen=True)
class NewSession:
    session_id: str
    agent_id: Optional[str] = None
    user_id: Optional[str] = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Session:
    """A stored session, with the number of memories that name it."""

    session_id: str
    agent_id: Optional[str]
    user_id: Optional[str]
    meta: dict[str, Any]
    status: str
    summary: Optional[str]
    created_at: str
    ended_at: Optional[str]
    first_activity_at: Optional[str]
    last_activity_at: Optional[str]
    memory_count: int
    position: int  # the list order (newest first) and what a cursor points after


@dataclass(frozen=True)
class SessionQuery:
    """A page of the session list, newest first (None: not filtered)."""

    limit: int
    after: Optional[int] = None
    agent_id: Optional[str] = None
    user_id: Optional[str] = None
    status: Optional[str] = None


@dataclass(frozen=True)
class SessionMemory:
    """What a summary is made from: one memory of the session."""

    memory_id: int
    text: str
    importance: int
    observed_at: str


class SessionStore(SessionGate, Dependent, Protocol):
    """Session records of every workspace. Writes run inside the caller's transaction.

    As a ``SessionGate`` it lets stores into open sessions through (starting unknown ones);
    as an erasure ``Dependent`` it drops summaries made from deleted memories.
    """

    def create(self, workspace_id: int, new: NewSession, at: str) -> bool:
        """Start a session; False if one with this id exists."""

    def get_or_create(self, workspace_id: int, new: NewSession, at: str) -> Session:
        """The session with ``new.session_id``, started from ``new`` if there is none."""

    def get(self, workspace_id: int, session_id: str) -> Optional[Session]: ...

    def page(self, workspace_id: int, query: SessionQuery) -> tuple[list[Session], bool]:
        """Up to ``query.limit`` sessions, newest first, and whether more follow."""

    def end(self, workspace_id: int, session_id: str, at: str) -> None:
        """End an open session at ``at`` (an ended one stays as it is)."""

    def delete(self, workspace_id: int, session_id: str) -> bool:
        """Delete the record (not its memories); False if there was none."""

    def delete_for_agent(self, workspace_id: int, agent_id: str) -> list[str]:
        """Delete every session of an agent; return their ids."""

    def queued_writes(self, workspace_id: int, session_id: str) -> int:
        """How many queued writes and events naming the session are not applied yet."""

    def count_for_agent(self, workspace_id: int, agent_id: str) -> int: ...

    def memories(
        self, workspace_id: int, session_id: str, where: Scope = ...
    ) -> list[SessionMemory]:
        """The memories naming the session that ``where``'s set fields let through (each
        must match exactly; its ``session_id`` is ignored), oldest observed first."""

    def save_summary(
        self, workspace_id: int, session_id: str, text: str, memory_ids: Sequence[int]
    ) -> None:
        """Keep a summary on the session, with the memories it was made from."""
