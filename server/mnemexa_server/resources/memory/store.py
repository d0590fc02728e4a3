"""Memories: the domain records, and the store interface every backend implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Protocol, Sequence

import numpy as np

from ...embedding.base import Vectors


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
    embedding: np.ndarray
    history: list[dict[str, Any]] = field(default_factory=list)


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
    embedding: np.ndarray
    history: list[dict[str, Any]]
    created_at: str
    updated_at: str

    def expired(self, now_iso: str) -> bool:
        return self.valid_until is not None and self.valid_until <= now_iso


@dataclass(frozen=True)
class PageQuery:
    """A page of the memory list, newest first, and its filters (None: not filtered)."""

    limit: int
    after_id: Optional[int] = None
    category: Optional[str] = None
    temporal_type: Optional[str] = None
    min_importance: Optional[int] = None
    created_after: Optional[str] = None
    created_before: Optional[str] = None
    include_expired: bool = True


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

    def get(self, workspace_id: int, memory_id: int) -> Optional[Memory]: ...

    def get_many(self, workspace_id: int, memory_ids: Sequence[int]) -> dict[int, Memory]: ...

    def find_by_hash(self, workspace_id: int, text_hash: str) -> Optional[Memory]:
        """The oldest memory with exactly this text hash."""

    def page(self, workspace_id: int, query: PageQuery) -> tuple[list[Memory], bool]:
        """Up to ``query.limit`` memories, newest first, and whether more follow."""

    def stats(self, workspace_id: int, now_iso: str) -> dict[str, Any]:
        """total, expired, avg_importance (of active ones) and categorized counts."""

    def all_texts(self) -> list[tuple[int, str]]:
        """(memory id, text) of every memory, for re-embedding."""

    def set_embeddings(self, embeddings: Sequence[tuple[int, np.ndarray]]) -> None:
        """Replace stored vectors (inside the caller's transaction)."""

    def all_vectors(self) -> tuple[list[int], list[int], Vectors]:
        """(workspace ids, memory ids, vectors) of every memory, for rebuilding an index."""

    def latest_change(self) -> int:
        """The sequence number of the newest change-log entry (0 when empty)."""

    def changes_since(self, seq: int) -> list[Change]: ...
