"""What retrieval and dedup need from a search backend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Protocol, Sequence

import numpy as np

if TYPE_CHECKING:
    from ..resources.memory.store import Filter


class LexicalSearch(Protocol):
    def search(
        self, workspace_id: int, query: str, limit: int, where: Optional[Filter] = None
    ) -> dict[int, float]:
        """Memory id -> relevance (higher is better) of the best lexical matches among the
        memories ``where`` lets through."""

    def compact(self) -> None:
        """Rewrite the index so that no trace of deleted text remains in it."""


class VectorSearch(Protocol):
    def search(
        self,
        workspace_id: int,
        query: np.ndarray,
        k: int,
        among: Optional[Sequence[int]] = None,
        where: Optional[Filter] = None,
    ) -> list[tuple[int, float]]:
        """The ``k`` nearest memories (of ``among`` only, when given, and of those ``where``
        lets through) as (memory id, cosine similarity), best first."""

    def rebuild(self) -> int:
        """Make the index ready at start; return how many memories it holds."""

    def stop(self) -> None:
        """Stop background work (an index build) at shutdown."""

    def catch_up(self) -> int:
        """Apply writes committed since the last call, by this process or any other."""
