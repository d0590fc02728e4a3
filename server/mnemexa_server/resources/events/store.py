"""Ingested events: the records, and the store interface every backend implements."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional, Protocol

from ...erasure import Counts
from ..memory.store import Scope
from .queue import QueueStore


@dataclass(frozen=True)
class NewEvent:
    """An event as accepted: its content and meta already screened for PII."""

    kind: str
    content: str
    meta: dict[str, Any]
    scope: Scope  # user_id and session_id always set
    ts: str  # when it happened (stored form): the memory's observed_at


@dataclass(frozen=True)
class Event:
    event_id: str
    kind: str
    content: str
    meta: dict[str, Any]
    scope: Scope
    ts: str
    status: str  # queued | processing | completed | failed
    memory_id: Optional[int]  # the memory it became (or was folded into), once completed
    reason: Optional[str]  # why it failed: an Error code
    created_at: str


@dataclass(frozen=True)
class EventQuery:
    """A page of the event list, newest first."""

    limit: int
    before_seq: Optional[int] = None  # from a cursor: only events older than that one
    scope: Scope = field(default_factory=Scope)
    kind: Optional[str] = None
    ts_from: Optional[str] = None  # ts at or after
    ts_until: Optional[str] = None  # ts before


class EventStore(QueueStore, Protocol):
    """The events of every workspace, queued for the worker until they are memories."""

    def add(self, workspace_id: int, events: Sequence[NewEvent], request_id: str) -> list[str]:
        """Queue the events (inside the caller's transaction); return their new ids."""

    def get_many(self, workspace_id: int, event_ids: Collection[str]) -> dict[str, Event]:
        """The workspace's events among ``event_ids``, by id (other ids are left out)."""

    def page(self, workspace_id: int, query: EventQuery) -> tuple[list[tuple[int, Event]], bool]:
        """Up to ``query.limit`` (seq, event) pairs, newest first, and whether more follow."""

    def complete(self, seq: int, token: str, memory_id: int) -> None: ...

    def fail(self, seq: int, token: str, reason: str) -> None: ...

    def forget_memories(self, workspace_id: int, memory_ids: Collection[int]) -> Counts:
        """Delete the events that these (deleted) memories were made from."""

    def forget_scope(self, workspace_id: int, scope: Scope) -> Counts:
        """Delete the events, processed or not, whose scope matches every field set."""
