"""Hybrid retrieval: dense (cosine) and lexical (FTS5 BM25) candidates, fused into [0, 1].

``score = DENSE_WEIGHT * max(cosine, 0) + (1 - DENSE_WEIGHT) * bm25 / best_bm25``

Each retriever proposes ``max(4 * top_k, 40)`` candidates; lexical-only candidates get their
exact cosine from the stored vector. Expired temporal memories are dropped unless asked for.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import numpy as np

from .clock import utc_iso
from .storage.memories import MemoryStore, memory_to_api, vector_of
from .vector_index import VectorIndex

DENSE_WEIGHT = 0.95  # tuned on the tune half of tests/data/retrieval.json (make eval)


@dataclass(frozen=True)
class Hit:
    memory_id: int
    score: float
    dense: float
    lexical: float


class HybridRetriever:
    """Fuses dense and lexical candidates; ``dense_weight`` 1.0 or 0.0 gives one retriever alone."""

    def __init__(
        self, memories: MemoryStore, index: VectorIndex, dense_weight: float = DENSE_WEIGHT
    ) -> None:
        self.memories = memories
        self.index = index
        self.dense_weight = dense_weight

    def search(
        self,
        conn: sqlite3.Connection,
        workspace_id: int,
        query: str,
        query_vector: np.ndarray,
        *,
        top_k: int,
        min_score: float,
        include_expired: bool,
    ) -> list[dict[str, Any]]:
        pool = max(4 * top_k, 40)
        dense = dict(self.index.search(workspace_id, query_vector, pool))
        lexical = self.memories.lexical(conn, workspace_id, query, pool)
        rows = self.memories.get_many(conn, workspace_id, list(dense.keys() | lexical.keys()))
        best_lexical = max(lexical.values(), default=0.0)
        now = utc_iso()
        hits: list[tuple[Hit, sqlite3.Row]] = []
        for memory_id, row in rows.items():
            if not include_expired and row["valid_until"] is not None and row["valid_until"] <= now:
                continue
            cosine = dense.get(memory_id)
            if cosine is None:
                cosine = float(vector_of(row) @ query_vector)
            lex = lexical.get(memory_id, 0.0) / best_lexical if best_lexical > 0 else 0.0
            score = self.dense_weight * max(cosine, 0.0) + (1 - self.dense_weight) * lex
            score = min(1.0, max(0.0, score))
            if score >= min_score:
                hits.append((Hit(memory_id, score, cosine, lex), row))
        hits.sort(key=lambda pair: (-pair[0].score, -pair[0].memory_id))
        out = []
        for hit, row in hits[:top_k]:
            item = memory_to_api(row)
            del item["updated_at"], item["history"]
            item["score"] = round(hit.score, 6)
            out.append(item)
        return out
