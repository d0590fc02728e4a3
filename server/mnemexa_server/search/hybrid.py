"""Hybrid retrieval: dense (cosine) and lexical (BM25) candidates, fused into [0, 1].

``fused = DENSE_WEIGHT * max(cosine, 0) + (1 - DENSE_WEIGHT) * bm25 / best_bm25``

Each retriever proposes ``max(4 * top_k, 40)`` candidates; lexical-only candidates get their
exact cosine from the stored vector. Then each candidate's fused score is blended with its
best session neighbour's: ``score = (fused + CONTEXT_WEIGHT * neighbour) / (1 + CONTEXT_WEIGHT)``
(``_in_context``). Expired temporal memories are dropped unless asked for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Callable, Optional

import numpy as np

from ..clock import utc_iso
from ..resources.memory.store import Filter, Memory, MemoryStore
from .interfaces import LexicalSearch, VectorSearch

SCORE_DIGITS = 6  # the precision of a score in a response
DENSE_WEIGHT = 0.9  # tuned on the development half of tests/data/conversations (make eval)
CONTEXT_WEIGHT = 0.3  # the same: the weight of a memory's best session neighbour


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
        context_weight: float = CONTEXT_WEIGHT,
    ) -> None:
        self.memories = memories
        self.vectors = vectors
        self.lexical = lexical
        self.dense_weight = dense_weight
        self.context_weight = context_weight

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
        where = where if where is not None else Filter(include_expired=include_expired)
        dense = dict(self.vectors.search(workspace_id, query_vector, pool, where=where))
        lexical = self.lexical.search(workspace_id, query, pool, where)
        best_lexical = max(lexical.values(), default=0.0)
        now = utc_iso()

        def scored(memories: dict[int, Memory]) -> dict[int, Hit]:
            hits = {}
            for memory_id, memory in memories.items():
                if not include_expired and memory.expired(now):
                    continue
                cosine = dense.get(memory_id)
                if cosine is None:
                    cosine = float(memory.embedding @ query_vector)
                lex = lexical.get(memory_id, 0.0) / best_lexical if best_lexical > 0 else 0.0
                score = self.dense_weight * max(cosine, 0.0) + (1 - self.dense_weight) * lex
                hits[memory_id] = Hit(memory, score, cosine, lex)
            return hits

        hits = scored(self.memories.get_many(workspace_id, list(dense.keys() | lexical.keys())))
        hits = self._in_context(workspace_id, hits, where, scored)
        kept = []
        for hit in hits.values():
            # Rounded as responses show it, so that a score read from one answer, given
            # back as min_score, keeps that memory.
            score = round(min(1.0, max(0.0, hit.score)), SCORE_DIGITS)
            if score >= min_score:
                kept.append(replace(hit, score=score))
        kept.sort(key=lambda hit: (-hit.score, -hit.memory.memory_id))
        return kept[:top_k]

    def _in_context(
        self,
        workspace_id: int,
        hits: dict[int, Hit],
        where: Filter,
        scored: Callable[[dict[int, Memory]], dict[int, Hit]],
    ) -> dict[int, Hit]:
        """Each candidate's score blended with its best session neighbour's (the memory just
        before or after it, among those ``where`` lets through), the neighbours added as
        candidates: ``(score + w * neighbour) / (1 + w)``, ``w = CONTEXT_WEIGHT``. A reply
        ("On the 24th!") is found through the question it answers. A memory with no
        neighbour keeps its score."""
        if self.context_weight <= 0 or not any(h.memory.scope.session_id for h in hits.values()):
            return hits
        neighbours = self.memories.session_neighbours(workspace_id, list(hits), where)
        adjacent: dict[int, set[int]] = defaultdict(set)
        for memory_id, pair in neighbours.items():
            for other in pair:
                if other is not None:
                    adjacent[memory_id].add(other)
                    adjacent[other].add(memory_id)
        missing = [memory_id for memory_id in adjacent if memory_id not in hits]
        hits = {**hits, **scored(self.memories.get_many(workspace_id, missing))}
        weight = self.context_weight
        blended = {}
        for memory_id, hit in hits.items():
            around = [hits[other].score for other in adjacent[memory_id] if other in hits]
            best = max(around, default=hit.score)
            blended[memory_id] = replace(hit, score=(hit.score + weight * best) / (1 + weight))
        return blended
