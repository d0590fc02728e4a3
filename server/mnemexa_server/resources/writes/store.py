"""Queued writes (``store_async``): the records, and the store interface of every backend."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Optional, Protocol

from ...erasure import Counts
from ..events.queue import QueueStore
from ..memory.store import Scope


@dataclass(frozen=True)
class NewWrite:
    """A store request as accepted: text and meta already screened for PII."""

    text: str
    meta: Optional[dict[str, Any]]  # None when the request sent none
    dedup_mode: Optional[str]
    scope: Scope
    observed_at: str  # stored form; the time of the request unless it gave one
    pii: dict[str, list[str]]  # what the screening found and redacted


@dataclass(frozen=True)
class Write:
    write_id: str
    status: str  # queued | processing | completed | failed
    result: Optional[dict[str, Any]]  # what store answered, once completed
    error: Optional[dict[str, Any]]  # the Error body, once failed


class WriteStore(QueueStore, Protocol):
    """The queued writes of every workspace."""

    def add(self, workspace_id: int, write: NewWrite, request_id: str) -> str:
        """Queue a write (inside the caller's transaction); return its new id."""

    def get(self, workspace_id: int, write_id: str) -> Optional[Write]: ...

    def complete(self, seq: int, token: str, memory_id: int, result: dict[str, Any]) -> None: ...

    def fail(self, seq: int, token: str, error: dict[str, Any]) -> None: ...

    def forget_memories(self, workspace_id: int, memory_ids: Collection[int]) -> Counts:
        """Delete the writes whose result is one of these (deleted) memories."""

    def forget_scope(self, workspace_id: int, scope: Scope) -> Counts:
        """Delete the writes, queued or done, whose scope matches every field set."""
