"""Where a PostgreSQL retrieve's time goes: each stage timed, and the SQL's plans.

The stages are the server's own objects, run in this process on a ``PostgresDatabase`` (so
with the session settings every server connection gets): the query embedding, the vector
search (``PgVectorSearch``), the lexical search (``PostgresTextSearch``) and the rows'
fetch (``PostgresMemoryStore.get_many``), with the pool sizes ``HybridRetriever`` asks for.
``explain`` runs the very statements those objects send as ``EXPLAIN (ANALYZE, BUFFERS)``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from typing import Any, Callable

import numpy as np
from mnemexa_server.embedding.base import Embedder
from mnemexa_server.resources.memory.postgres_store import PostgresMemoryStore
from mnemexa_server.resources.memory.store import Filter, Scope
from mnemexa_server.search.pgvector import PgVectorSearch
from mnemexa_server.search.postgres_text import PostgresTextSearch
from mnemexa_server.storage.backend import Db
from mnemexa_server.storage.postgres import Result

from .postgres_data import USER
from .stats import percentile

_VECTOR_LITERAL = re.compile(r"'\[[^\]]{80,}\]'")
POOL = 40  # max(4 * top_k, 40) for top_k 10
STAGES = ("embed", "vector", "lexical", "get_many")


def filters() -> dict[str, Filter]:
    """The two retrievals measured: the whole workspace, and one user's 1%."""
    return {
        "all": Filter(include_expired=False),
        "user": Filter(scope=Scope(user_id=USER), include_expired=False),
    }


class _Explaining:
    """A ``Db`` stand-in: each statement runs as EXPLAIN ANALYZE; the plans are kept."""

    dialect = "postgres"

    def __init__(self, db: Db) -> None:
        self.db = db
        self.plans: list[str] = []

    @property
    def conn(self) -> _Explaining:
        return self

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        rows = self.db.conn.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params).fetchall()
        plan = "\n".join(str(r[0]) for r in rows)
        self.plans.append(_VECTOR_LITERAL.sub("'[the query vector]'", plan))
        return Result([], 0)


class Stages:
    """The server's retrieval stages on ``db``, for one workspace."""

    def __init__(self, db: Db, embedder: Embedder, ws: int) -> None:
        self.db, self.embedder, self.ws = db, embedder, ws

    def _vector(self, db: Any, vector: np.ndarray, where: Filter) -> list[tuple[int, float]]:
        return PgVectorSearch(db, self.embedder.dim).search(self.ws, vector, POOL, where=where)

    def run(self, text: str, where: Filter) -> dict[str, float]:
        """Each stage's milliseconds for one query."""
        times: dict[str, float] = {}
        vector = _timed(times, "embed", lambda: self.embedder.embed([text])[0])
        dense = _timed(times, "vector", lambda: self._vector(self.db, vector, where))
        lexical = _timed(
            times, "lexical", lambda: PostgresTextSearch(self.db).search(self.ws, text, POOL, where)
        )
        ids = sorted({i for i, _ in dense} | set(lexical)) or [0]
        _timed(times, "get_many", lambda: PostgresMemoryStore(self.db).get_many(self.ws, ids))
        return times

    def runs(self, texts: Sequence[str], where: Filter) -> list[dict[str, float]]:
        """Each stage's milliseconds, for each of ``texts``."""
        return [self.run(text, where) for text in texts]

    def explain(self, text: str, where: Filter) -> dict[str, str]:
        """EXPLAIN (ANALYZE, BUFFERS) of the vector, lexical and row statements of one query."""
        self.run(text, where)  # warm the caches as the timed runs are
        vector = self.embedder.embed([text])[0]
        ids = [i for i, _ in self._vector(self.db, vector, where)] or [0]
        shim: Any = _Explaining(self.db)
        self._vector(shim, vector, where)
        PostgresTextSearch(shim).search(self.ws, text, POOL, where)
        PostgresMemoryStore(shim).get_many(self.ws, ids)
        return dict(zip(("vector", "lexical", "get_many"), shim.plans))


def p50(runs: Sequence[dict[str, float]]) -> dict[str, float]:
    """Median milliseconds of each stage."""
    return {stage: percentile([r[stage] for r in runs], 0.5) for stage in STAGES}


def median_query(texts: Sequence[str], runs: Sequence[dict[str, float]], stage: str) -> str:
    """The text whose ``stage`` took the median time: the one to EXPLAIN."""
    order = sorted(range(len(texts)), key=lambda i: runs[i][stage])
    return texts[order[len(order) // 2]]


def _timed(times: dict[str, float], name: str, call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    out = call()
    times[name] = (time.perf_counter() - started) * 1000
    return out
