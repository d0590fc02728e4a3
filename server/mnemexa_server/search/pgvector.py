"""Vector search in PostgreSQL with pgvector's HNSW index (cosine), filters in the SQL.

The index is on ``embedding::vector(dim)`` (the embedder's dimension, known at start), made
once by the first server to start with that embedder. Every connection scans it iteratively
(``hnsw.iterative_scan``), so a filter in the same query (workspace, scope, category, dates)
still fills ``k`` results; for a selective filter the planner reads the filter's own index
and ranks those rows exactly.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Optional, Sequence

import numpy as np

from ..resources.memory.sqlite_store import filter_sql
from ..storage.backend import Db
from ..storage.postgres import vector_text

if TYPE_CHECKING:
    from ..resources.memory.store import Filter

log = logging.getLogger("mnemexa.server")


class PgVectorSearch:
    """A ``VectorSearch`` over the ``memories`` table."""

    def __init__(self, db: Db, dim: int) -> None:
        self.db = db
        self.dim = int(dim)
        self.expression = f"(embedding::vector({self.dim}))"

    def rebuild(self) -> int:
        """Make the HNSW index for this dimension if it is missing; return the memory count."""
        started = time.perf_counter()
        with self.db.transaction():  # the write lock: nodes starting together make it once
            self.db.conn.execute(
                f"CREATE INDEX IF NOT EXISTS memories_embedding_hnsw_{self.dim} ON memories "
                f"USING hnsw ({self.expression} vector_cosine_ops)"
            )
        count = int(self.db.conn.execute("SELECT COUNT(*) FROM memories").fetchone()[0])
        log.info(
            "pgvector HNSW index ready (%d dimensions, %d memories) in %.0f ms",
            self.dim,
            count,
            (time.perf_counter() - started) * 1000,
        )
        return count

    def catch_up(self) -> int:
        """Nothing to apply: the index is the database's."""
        return 0

    def search(
        self,
        workspace_id: int,
        query: np.ndarray,
        k: int,
        among: Optional[Sequence[int]] = None,
        where: Optional[Filter] = None,
    ) -> list[tuple[int, float]]:
        conditions, args = filter_sql(where, dialect="postgres") if where is not None else ([], [])
        if among is not None:
            if not among:
                return []
            conditions.append("id = ANY(?)")
            args.append(list(among))
        vector = vector_text(query)
        distance = f"{self.expression} <=> CAST(? AS vector({self.dim}))"
        rows = self.db.conn.execute(
            f"SELECT id, {distance} AS distance FROM memories "  # noqa: S608
            f"WHERE {' AND '.join(['workspace_id = ?', *conditions])} "
            "ORDER BY distance LIMIT ?",
            (vector, workspace_id, *args, k),
        ).fetchall()
        found = [(int(row[0]), 1.0 - float(row[1])) for row in rows]
        found.sort(key=lambda pair: (-pair[1], pair[0]))  # relaxed order: sort exactly
        return found
