"""Vector search in PostgreSQL with pgvector's HNSW index (cosine), filters in the SQL.

The index is on ``embedding::vector(dim)`` (the embedder's dimension, known at start). The
first server to start with that embedder builds it in the background, concurrently (writes
go on; searches are exact until it is ready); a build cut short is dropped and made again at
the next start. Every connection scans it iteratively
(``hnsw.iterative_scan``), so a filter in the same query (workspace, scope, category, dates)
still fills ``k`` results; for a selective filter the planner reads the filter's own index
and ranks those rows exactly.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Optional, Sequence

import numpy as np

from ..resources.memory.sqlite_store import filter_sql
from ..storage.postgres import Connection, PostgresDatabase, vector_text

if TYPE_CHECKING:
    from ..resources.memory.store import Filter

log = logging.getLogger("mnemexa.server")


INDEX_LOCK = 0x6D6E6978  # "mnix": the server building the HNSW index holds it
BUILD_MEMORY = "1GB"  # maintenance_work_mem of the build (100k: 37 s with 1GB, 128 s with 64MB)


class PgVectorSearch:
    """A ``VectorSearch`` over the ``memories`` table."""

    def __init__(self, db: PostgresDatabase, dim: int) -> None:
        self.db = db
        self.dim = int(dim)
        self.expression = f"(embedding::vector({self.dim}))"
        self.index = f"memories_embedding_hnsw_{self.dim}"
        self._builder: Optional[threading.Thread] = None
        self._building: Optional[Connection] = None

    def rebuild(self) -> int:
        """Start building the HNSW index for this dimension in the background if it is
        missing or invalid; return the memory count. Searches work meanwhile, exactly (and
        slower), and writes never wait for the build (``CREATE INDEX CONCURRENTLY``)."""
        count = int(self.db.conn.execute("SELECT COUNT(*) FROM memories").fetchone()[0])
        if self._state() == "valid":
            log.info("pgvector HNSW index ready (%d dimensions, %d memories)", self.dim, count)
            return count
        self._builder = threading.Thread(target=self._build, name="pgvector-index", daemon=True)
        self._builder.start()
        return count

    def _state(self) -> str:
        """``valid``, ``invalid`` (a build that did not finish) or ``missing``."""
        row = self.db.conn.execute(
            "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE c.relname = ?",
            (self.index,),
        ).fetchone()
        return "missing" if row is None else ("valid" if row[0] else "invalid")

    def _build(self) -> None:
        started = time.perf_counter()
        try:
            with self.db.session() as conn:
                if not conn.execute("SELECT pg_try_advisory_lock(?)", (INDEX_LOCK,)).fetchone()[0]:
                    log.info("another server is building the pgvector index")
                    return
                self._building = conn
                try:
                    if self._state() == "invalid":
                        conn.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {self.index}")
                    conn.execute(f"SET maintenance_work_mem = '{BUILD_MEMORY}'")
                    conn.execute(
                        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {self.index} ON memories "
                        f"USING hnsw ({self.expression} vector_cosine_ops)"
                    )
                    conn.execute("ANALYZE memories")
                finally:
                    self._building = None
                    conn.execute("SELECT pg_advisory_unlock(?)", (INDEX_LOCK,))
        except Exception as error:
            log.warning("pgvector index build stopped: %s", type(error).__name__)
            return
        log.info(
            "pgvector HNSW index built (%d dimensions) in %.1f s",
            self.dim,
            time.perf_counter() - started,
        )

    def stop(self) -> None:
        """Cancel a build in progress (the next start resumes it)."""
        building = self._building
        if building is not None:
            building.raw.cancel_safe()

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
