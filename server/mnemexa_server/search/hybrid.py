"""Hybrid retrieval: dense (cosine) and lexical (BM25) candidates, fused into [0, 1].

``score = DENSE_WEIGHT * max(cosine, 0) + (1 - DENSE_WEIGHT) * bm25 / best_bm25``

Each retriever proposes ``max(4 * top_k, 40)`` candidates; lexical-only candidates get their
exact cosine from the stored vector. Expired temporal memories are dropped unless asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..clock import utc_iso
from ..resources.memory.store import Filter, Memory, MemoryStore
from .interfaces import LexicalSearch, VectorSearch

SCORE_DIGITS = 6  # the precision of a score in a response
DENSE_WEIGHT = 0.9  # tuned on the development half of tests/data/conversations (make eval)


@dataclass(frozen=True)
class Hit:
    memory: Memory
    score: float
    dense: float
    lexical: float


class HybridRetriever:
    """Fuses dense and lexical candidates; ``dense_weight`` 1.0 or 0.0 gives one retriever alone."""

    def __init__(
        self,
        memories: MemoryStore,
        vectors: VectorSearch,
        lexical: LexicalSearch,
        dense_weight: float = DENSE_WEIGHT,
    ) -> None:
        self.memories = memories
        self.vectors = vectors
        self.lexical = lexical
        self.dense_weight = dense_weight

    def search(
        self,
        workspace_id: int,
        query: str,
        query_vector: np.ndarray,
        *,
        top_k: int,
        min_score: float,
        include_expired: bool,
        where: Optional[Filter] = None,
    ) -> list[Hit]:
        """The ``top_k`` best memories ``where`` lets through. A narrowing filter is applied
        before ranking (pre-filter): a user with 50 memories among 100,000 gets their top."""
        pool = max(4 * top_k, 40)
        dense = dict(self.vectors.search(workspace_id, query_vector, pool, where=where))
        lexical = self.lexical.search(workspace_id, query, pool, where)
        found = self.memories.get_many(workspace_id, list(dense.keys() | lexical.keys()))
        best_lexical = max(lexical.values(), default=0.0)
        now = utc_iso()
        hits: list[Hit] = []
        for memory_id, memory in found.items():
            if not include_expired and memory.expired(now):
                continue
            cosine = dense.get(memory_id)
            if cosine is None:
                cosine = float(memory.embedding @ query_vector)
            lex = lexical.get(memory_id, 0.0) / best_lexical if best_lexical > 0 else 0.0
            score = self.dense_weight * max(cosine, 0.0) + (1 - self.dense_weight) * lex
            # Rounded as responses show it, so that a score read from one answer, given
            # back as min_score, keeps that memory.
            score = round(min(1.0, max(0.0, score)), SCORE_DIGITS)
            if score >= min_score:
                hits.append(Hit(memory, score, cosine, lex))
        hits.sort(key=lambda hit: (-hit.score, -hit.memory.memory_id))
        return hits[:top_k]
