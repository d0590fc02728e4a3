"""What retrieval and dedup need from a search backend."""

from __future__ import annotations

from typing import Protocol

import numpy as np


class LexicalSearch(Protocol):
    def search(self, workspace_id: int, query: str, limit: int) -> dict[int, float]:
        """Memory id -> relevance (higher is better) of the best lexical matches."""

    def compact(self) -> None:
        """Rewrite the index so that no trace of deleted text remains in it."""


class VectorSearch(Protocol):
    def search(self, workspace_id: int, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` nearest memories as (memory id, cosine similarity), best first."""

    def catch_up(self) -> int:
        """Apply writes committed since the last call, by this process or any other."""
