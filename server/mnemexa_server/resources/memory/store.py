"""Memories: the domain records, and the store interface every backend implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Protocol, Sequence

import numpy as np

from ...embedding.base import Vectors

SCOPE_FIELDS = ("agent_id", "user_id", "session_id", "role_id", "team_id")


@dataclass(frozen=True)
class Scope:
    """Who and what a memory belongs to inside its workspace. Set once, at store; unset
    fields are None. As a filter, each set field must match exactly."""

    agent_id: Optional[str] = None
    user_id: Optional[str] = None
    session_id: Optional[str] = None
    role_id: Optional[str] = None
    team_id: Optional[str] = None

    @classmethod
    def of(cls, fields: Mapping[str, Any]) -> Scope:
        """The scope fields present in ``fields`` (a request body or parameters)."""
        return cls(**{name: fields.get(name) for name in SCOPE_FIELDS})

    def values(self) -> tuple[Optional[str], ...]:
        return tuple(getattr(self, name) for name in SCOPE_FIELDS)

    def set_fields(self) -> dict[str, str]:
        return {name: value for name, value in zip(SCOPE_FIELDS, self.values()) if value}

    def __bool__(self) -> bool:
        return any(self.values())


@dataclass
class NewMemory:
    """Everything the pipeline decided about a memory, ready to store."""

    text: str
    text_hash: str
    meta: dict[str, Any]
    importance: int
    categories: list[str]
    temporal_type: str
    temporal_raw: Optional[str]
    valid_until: Optional[str]
    embedding: np.ndarray  # the search vector (``search.context``)
    history: list[dict[str, Any]] = field(default_factory=list)
    scope: Scope = field(default_factory=Scope)
    observed_at: Optional[str] = None  # None: the time of the store


@dataclass(frozen=True)
class Memory:
    """A stored memory."""

    memory_id: int
    workspace_id: int
    text: str
    text_hash: str
    meta: dict[str, Any]
    importance: int
    categories: list[str]
    temporal_type: str
    temporal_raw: Optional[str]
    valid_until: Optional[str]
    embedding: np.ndarray  # the search vector (``search.context``)
    history: list[dict[str, Any]]
    created_at: str
    updated_at: str
    scope: Scope
    observed_at: str
    source_event_ids: tuple[str, ...] = ()

    def expired(self, now_iso: str) -> bool:
        return self.valid_until is not None and self.valid_until <= now_iso


@dataclass(frozen=True)
class Candidate:
    """What ranking reads of a memory: when it expires, its session and its vector."""

    memory_id: int
    valid_until: Optional[str]
    session_id: Optional[str]
    embedding: np.ndarray

    def expired(self, now_iso: str) -> bool:
        return self.valid_until is not None and self.valid_until <= now_iso


@dataclass(frozen=True)
class Filter:
    """Which memories a list or a retrieval considers (None: not filtered)."""

    scope: Scope = field(default_factory=Scope)
    category: Optional[str] = None
    temporal_type: Optional[str] = None
    min_importance: Optional[int] = None
    created_after: Optional[str] = None
    created_before: Optional[str] = None
    include_expired: bool = True

    def narrows(self) -> bool:
        """True when it leaves out more than expired memories."""
        criteria = (self.category, self.temporal_type, self.min_importance)
        dates = (self.created_after, self.created_before)
        return bool(self.scope) or any(c is not None for c in (*criteria, *dates))


@dataclass(frozen=True)
class MemoryStats:
    """Totals of the memories a filter lets through."""

    total: int
    avg_importance: float
    by_category: dict[str, int]
    by_scope: dict[str, dict[str, int]]  # field -> value -> count (the most common values)
    last_write_at: Optional[str]


@dataclass(frozen=True)
class PageQuery:
    """A page of the memory list, newest first."""

    limit: int
    after_id: Optional[int] = None
    filter: Filter = field(default_factory=Filter)


@dataclass(frozen=True)
class Change:
    """One entry of the change log that keeps vector indexes current."""

    seq: int
    workspace_id: int
    memory_id: int
    op: str  # "upsert" or "delete"


class MemoryStore(Protocol):
    """Memory rows of every workspace. Writes run inside the caller's transaction and
    append to the change log."""

    def insert(self, workspace_id: int, memory: NewMemory) -> int: ...

    def replace(self, workspace_id: int, memory_id: int, memory: NewMemory) -> None:
        """Overwrite a memory's content (an update or a merge), keeping its id."""

    def update_meta(self, workspace_id: int, memory_id: int, meta: dict[str, Any]) -> None: ...

    def delete(self, workspace_id: int, memory_id: int) -> bool:
        """Delete one memory; False if there was none."""

    def delete_workspace(self, workspace_id: int) -> list[int]:
        """Delete every memory of a workspace; return their ids."""

    def delete_scope(self, workspace_id: int, scope: Scope) -> list[int]:
        """Delete every memory whose scope fields match all of ``scope``'s; return their
        ids. Never called with an empty scope."""

    def link_sources(self, workspace_id: int, memory_id: int, event_ids: Sequence[str]) -> None:
        """Record that these ingested events made (or were folded into) the memory."""

    def get(self, workspace_id: int, memory_id: int) -> Optional[Memory]: ...

    def get_many(self, workspace_id: int, memory_ids: Sequence[int]) -> dict[int, Memory]: ...

    def candidates(self, workspace_id: int, memory_ids: Sequence[int]) -> dict[int, Candidate]:
        """What ranking needs of each memory (a small read; whole rows only for the top)."""

    def find_by_hash(self, workspace_id: int, text_hash: str, scope: Scope) -> Optional[Memory]:
        """The oldest memory with exactly this text hash in exactly this scope."""

    def session_neighbours(
        self, workspace_id: int, memory_ids: Sequence[int], where: Filter
    ) -> dict[int, tuple[Optional[int], Optional[int]]]:
        """(before, after) of each memory in its session, in observed order, among the
        memories ``where`` lets through."""

    def matching_ids(self, workspace_id: int, where: Filter) -> list[int]:
        """The ids of every memory ``where`` lets through (for a pre-filtered search)."""

    def same_scope_ids(self, workspace_id: int, scope: Scope) -> Optional[list[int]]:
        """The ids of the memories whose scope is exactly ``scope`` (unset fields unset);
        None when that is every memory of the workspace (no memory has a scope)."""

    def page(self, workspace_id: int, query: PageQuery) -> tuple[list[Memory], bool]:
        """Up to ``query.limit`` memories, newest first, and whether more follow."""

    def stats(self, workspace_id: int, now_iso: str) -> dict[str, Any]:
        """total, expired, avg_importance (of active ones) and categorized counts."""

    def totals(self, workspace_id: int, where: Filter, top: int = 100) -> MemoryStats:
        """Totals of the memories ``where`` lets through (``top`` values per scope field)."""

    def all_texts(self) -> list[tuple[int, str, Optional[str]]]:
        """(memory id, text, user_id) of every memory, for re-embedding."""

    def set_embeddings(self, embeddings: Sequence[tuple[int, np.ndarray]]) -> None:
        """Replace stored vectors (inside the caller's transaction)."""

    def all_vectors(self) -> tuple[list[int], list[int], Vectors]:
        """(workspace ids, memory ids, vectors) of every memory, for rebuilding an index."""

    def latest_change(self) -> int:
        """The sequence number of the newest change-log entry (0 when empty)."""

    def changes_since(self, seq: int) -> list[Change]: ...
