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
from ..resources.memory.store import Candidate, Filter, Memory, MemoryStore
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


@dataclass(frozen=True)
class _Ranked:
    """A candidate and its scores, before its whole row is read (only the top ones are)."""

    candidate: Candidate
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

        def scored(candidates: dict[int, Candidate]) -> dict[int, _Ranked]:
            ranked = {}
            for memory_id, candidate in candidates.items():
                if not include_expired and candidate.expired(now):
                    continue
                cosine = dense.get(memory_id)
                if cosine is None:
                    cosine = float(candidate.embedding @ query_vector)
                lex = lexical.get(memory_id, 0.0) / best_lexical if best_lexical > 0 else 0.0
                score = self.dense_weight * max(cosine, 0.0) + (1 - self.dense_weight) * lex
                ranked[memory_id] = _Ranked(candidate, score, cosine, lex)
            return ranked

        ids = list(dense.keys() | lexical.keys())
        ranked = scored(self.memories.candidates(workspace_id, ids))
        ranked = self._in_context(workspace_id, ranked, where, scored)
        kept = []
        for item in ranked.values():
            # Rounded as responses show it, so that a score read from one answer, given
            # back as min_score, keeps that memory.
            score = round(min(1.0, max(0.0, item.score)), SCORE_DIGITS)
            if score >= min_score:
                kept.append(replace(item, score=score))
        kept.sort(key=lambda item: (-item.score, -item.candidate.memory_id))
        top = kept[:top_k]
        rows = self.memories.get_many(workspace_id, [item.candidate.memory_id for item in top])
        return [
            Hit(rows[item.candidate.memory_id], item.score, item.dense, item.lexical)
            for item in top
            if item.candidate.memory_id in rows  # deleted since it was ranked: gone
        ]

    def _in_context(
        self,
        workspace_id: int,
        ranked: dict[int, _Ranked],
        where: Filter,
        scored: Callable[[dict[int, Candidate]], dict[int, _Ranked]],
    ) -> dict[int, _Ranked]:
        """Each candidate's score blended with its best session neighbour's (the memory just
        before or after it, among those ``where`` lets through), the neighbours added as
        candidates: ``(score + w * neighbour) / (1 + w)``, ``w = CONTEXT_WEIGHT``. A reply
        ("On the 24th!") is found through the question it answers. A memory with no
        neighbour keeps its score."""
        if self.context_weight <= 0 or not any(r.candidate.session_id for r in ranked.values()):
            return ranked
        neighbours = self.memories.session_neighbours(workspace_id, list(ranked), where)
        adjacent: dict[int, set[int]] = defaultdict(set)
        for memory_id, pair in neighbours.items():
            for other in pair:
                if other is not None:
                    adjacent[memory_id].add(other)
                    adjacent[other].add(memory_id)
        missing = [memory_id for memory_id in adjacent if memory_id not in ranked]
        ranked = {**ranked, **scored(self.memories.candidates(workspace_id, missing))}
        weight = self.context_weight
        blended = {}
        for memory_id, item in ranked.items():
            around = [ranked[other].score for other in adjacent[memory_id] if other in ranked]
            best = max(around, default=item.score)
            blended[memory_id] = replace(item, score=(item.score + weight * best) / (1 + weight))
        return blended
