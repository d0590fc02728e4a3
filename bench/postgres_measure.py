"""The measurements of ``make bench-postgres``, per backend (``Side``).

Latencies are taken interleaved: with both backends' servers up, each query (or text) goes to
one backend, then the other, so both see the same background load on a shared machine.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Optional, Sequence

import mnemexa
import numpy as np
from mnemexa_server.embedding.base import Embedder
from mnemexa_server.resources.memory.store import Filter
from mnemexa_server.search.fts5 import Fts5Search
from mnemexa_server.search.pgvector import PgVectorSearch
from mnemexa_server.search.postgres_text import PostgresTextSearch
from mnemexa_server.storage.backend import Db

from . import index_recall, postgres_data
from .corpus import sentences
from .postgres_data import USER
from .postgres_nodes import Node
from .postgres_profile import Stages, filters, median_query, p50
from .postgres_side import Side
from .report import Target
from .server import DB_FILE, wait_until_idle
from .server_latency import BATCH, TIER_SECONDS
from .stats import percentile

K = index_recall.K
RECALL = Target(">=", 0.98)


def _interleaved(
    calls: Sequence[Callable[[str], Any]], items: Sequence[str], *, cap: bool
) -> list[tuple[list[float], list[Any]]]:
    """Each item through each call in turn; per call (milliseconds, results). ``cap``: stop
    after ``TIER_SECONDS`` per call once a quarter of the items are done."""
    out: list[tuple[list[float], list[Any]]] = [([], []) for _ in calls]
    deadline = time.perf_counter() + TIER_SECONDS * len(calls)
    for done, item in enumerate(items):
        if cap and done >= len(items) // 4 and time.perf_counter() > deadline:
            break
        for call, (times, results) in zip(calls, out):
            started = time.perf_counter()
            results.append(call(item))
            times.append((time.perf_counter() - started) * 1000)
    return out


def retrieves(
    clients: Sequence[mnemexa.Client], samples: int, **where: str
) -> list[tuple[list[float], list[Any]]]:
    """Timed retrieves of corpus prefixes (``where``: scope filter), interleaved; per client
    (milliseconds, hits)."""
    queries = [s[:40] for s in sentences(samples, seed=99)]
    calls = [
        (lambda q, c=c: c.memory.retrieve(q, top_k=K, **where).memories)  # type: ignore[misc]
        for c in clients
    ]
    for call in calls:
        call(queries[0])  # warm-up
    return _interleaved(calls, queries, cap=True)


def add_p(side: Side, name: str, times: list[float], target: Optional[Target] = None) -> None:
    side.detail(f"{name}_samples", len(times))
    side.add(f"{name}_p50_ms", percentile(times, 0.5), "ms", target)
    side.add(f"{name}_p95_ms", percentile(times, 0.95), "ms")


def stores(sides: Sequence[Side], clients: Sequence[mnemexa.Client], texts: list[str]) -> None:
    """Single ``store`` calls, interleaved: store p50/p95 of each side."""
    calls = [(lambda t, c=c: c.memory.store(t)) for c in clients]
    for side, (times, _) in zip(sides, _interleaved(calls, texts, cap=False)):
        add_p(side, "store", times)


def batch_load(
    sides: Sequence[Side], clients: Sequence[mnemexa.Client], size: int, texts: list[str]
) -> None:
    """``server_latency._batch_load`` for every side, a batch each in turn: store 100 texts a
    call until ``size`` memories are kept (dedup folds some); the rate counts every text sent
    over the side's own time (its batches and health checks)."""
    sent, kept, spent = [0] * len(sides), [0] * len(sides), [0.0] * len(sides)
    while min(kept) < size:
        for i, client in enumerate(clients):
            if kept[i] >= size:
                continue
            batch = texts[sent[i] : sent[i] + min(BATCH, size - kept[i])]
            started = time.perf_counter()
            client.memory.store_batch(batch)
            kept[i] = client.optimize.health().signals.total_memories
            spent[i] += time.perf_counter() - started
            sent[i] += len(batch)
    for i, side in enumerate(sides):
        side.detail("first_size", kept[i])
        side.add("batch_store_items_per_s", sent[i] / spent[i], "texts/s")


def user_tier(sides: Sequence[Side], clients: Sequence[mnemexa.Client]) -> None:
    """Retrieves filtered by ``user_id`` (1% of the memories), interleaved; every answer must
    be 10 of that user's memories."""
    found = retrieves(clients, sides[0].plan.samples, user_id=USER)
    for side, (times, hits) in zip(sides, found):
        add_p(side, "retrieve_user", times)
        full = [len(h) == K and all(m.user_id == USER for m in h) for h in hits]
        side.add("user_full_top10", sum(full) / len(full), "", Target(">=", 1.0))


def grow(side: Side, anchors: Optional[np.ndarray] = None) -> None:
    """Server stopped: grow to the full size (PostgreSQL: index dropped, build memory set,
    VACUUM ANALYZE after); vectors from ``anchors``, else from the workspace's real ones."""
    db = side.db()
    try:
        if db.dialect == "postgres":
            name = db.conn.execute("SELECT current_database()").fetchone()[0]
            mwm = side.plan.maintenance_work_mem
            db.conn.execute(f"ALTER DATABASE \"{name}\" SET maintenance_work_mem = '{mwm}'")
            side.detail("maintenance_work_mem", mwm)
            print(f"  ALTER DATABASE {name} SET maintenance_work_mem = '{mwm}'", flush=True)
        ws = postgres_data.workspace_id(db)
        added, seconds = postgres_data.grow(db, ws, side.plan.size, anchors)
        print(f"  {side.name}: bulk-loaded {added:,} rows in {seconds:.1f} s", flush=True)
        if db.dialect == "postgres":
            vacuumed = postgres_data.analyze(db)
            side.detail("vacuum_analyze_s", round(vacuumed, 1))
            print(f"  VACUUM (ANALYZE) memories in {vacuumed:.1f} s", flush=True)
    finally:
        db.close()
    side.detail("bulk_rows", added)
    side.detail("bulk_s", round(seconds, 1))
    side.add("bulk_rows_per_s", added / seconds if seconds else 0.0, "rows/s")


def record_start(side: Side, server: Node) -> None:
    """Start-up figures: start time, the index build, and when the server is idle."""
    assert server.process is not None
    index_ms = server.index_ms()
    idle = wait_until_idle(server.process.pid)
    side.add("start_s", server.start_seconds, "s")
    side.add("index_build_s", (index_ms or 0) / 1000, "s")
    side.add("index_ready_s", server.start_seconds + idle, "s")
    print(
        f"  {side.name}: started in {server.start_seconds:.1f} s (index build logged: "
        f"{index_ms} ms), idle {idle:.1f} s later",
        flush=True,
    )


def _query_vectors(embedder: Embedder, texts: list[str]) -> np.ndarray:
    return np.asarray(embedder.embed(texts), dtype=np.float32)


def _exact(ids: np.ndarray, vectors: np.ndarray, query: np.ndarray) -> set[int]:
    scores = vectors @ query
    top = np.argpartition(-scores, K)[:K] if len(scores) > K else np.arange(len(scores))
    return set(ids[top].tolist())


def _unmatched(db: Db, ws: int) -> list[str]:
    """``index_recall``'s phrases that match no memory lexically (the backend's own search)."""
    lexical = PostgresTextSearch(db) if db.dialect == "postgres" else Fts5Search(db)
    return [p for p in index_recall.PHRASES if not lexical.search(ws, p, 1, Filter())]


def _served_recall(
    client: mnemexa.Client,
    queries: list[str],
    qvecs: np.ndarray,
    ids: np.ndarray,
    vectors: np.ndarray,
    **where: str,
) -> float:
    """Mean recall@10 of ``retrieve`` (with ``where``) against exact cosine over ``ids``."""
    recalls = []
    for query, vector in zip(queries, qvecs):
        served = {m.memory_id for m in client.memory.retrieve(query, top_k=K, **where).memories}
        recalls.append(len(_exact(ids, vectors, vector) & served) / K)
    return float(np.mean(recalls))


def recalls(side: Side, client: mnemexa.Client, db: Db, embedder: Embedder) -> None:
    """Served recall@10, whole workspace and user-filtered, against exact search; on
    PostgreSQL also the vector SQL's own."""
    ws = postgres_data.workspace_id(db)
    ids, vectors = postgres_data.vectors(db, ws)
    queries = _unmatched(db, ws)
    qvecs = _query_vectors(embedder, queries)
    side.detail("recall_queries", len(queries))
    if db.dialect == "sqlite":  # the measure make bench uses, reused as is
        recall, _ = index_recall.served_recall(client, side.data / DB_FILE, ws, side.plan.embedder)
    else:
        recall = _served_recall(client, queries, qvecs, ids, vectors)
    side.add("recall_at_10", recall, "", RECALL)
    mine = np.isin(ids, postgres_data.user_ids(db, ws))
    user = _served_recall(client, queries, qvecs, ids[mine], vectors[mine], user_id=USER)
    side.add("recall_user_at_10", user, "", RECALL)
    if db.dialect == "postgres":
        _index_recall(side, db, embedder, ws, ids, vectors)


def _index_recall(
    side: Side, db: Db, embedder: Embedder, ws: int, ids: np.ndarray, vectors: np.ndarray
) -> None:
    """Recall@10 and latency of ``PgVectorSearch.search`` alone (top 40, as retrieval asks)."""
    texts = [s[:40] for s in sentences(side.plan.index_queries, seed=99)]
    search = PgVectorSearch(db, embedder.dim)
    hits, times = [], []
    for vector in _query_vectors(embedder, texts):
        started = time.perf_counter()
        found = search.search(ws, vector, 40, where=Filter(include_expired=False))
        times.append((time.perf_counter() - started) * 1000)
        hits.append(len({i for i, _ in found[:K]} & _exact(ids, vectors, vector)) / K)
    side.add("index_recall_at_10", float(np.mean(hits)), "", RECALL)
    side.add("vector_sql_p50_ms", percentile(times, 0.5), "ms")


def index_settings(side: Side, db: Db, dim: int) -> None:
    """The pgvector index's build options and the search settings of a server connection."""
    row = db.conn.execute(
        "SELECT reloptions FROM pg_class WHERE relname = ?", (postgres_data.hnsw_index(dim),)
    ).fetchone()
    defaults = "pgvector defaults (m=16, ef_construction=64)"
    options = ", ".join(row[0]) if row and row[0] else defaults
    search = {
        name: db.conn.execute(f"SHOW {name}").fetchone()[0]
        for name in ("hnsw.ef_search", "hnsw.iterative_scan", "shared_buffers", "jit")
    }
    side.detail("hnsw_options", options)
    side.detail("search_settings", search)
    print(f"  pgvector index: {options}; a server connection has {search}", flush=True)


def profile(side: Side, db: Db, embedder: Embedder) -> None:
    """PostgreSQL: each stage's p50, and EXPLAIN ANALYZE of the query whose slowest stage
    took its median time; printed and kept."""
    stages = Stages(db, embedder, postgres_data.workspace_id(db))
    texts = [s[:40] for s in sentences(side.plan.profile_queries, seed=99)]
    for label, where in filters().items():
        runs = stages.runs(texts, where)
        medians = p50(runs)
        side.detail(f"profile_{label}_p50_ms", medians)
        shown = ", ".join(f"{k} {v:.2f}" for k, v in medians.items())
        print(f"  profile ({label}): p50 ms per stage in-process: {shown}", flush=True)
        query = median_query(texts, runs, max(medians, key=lambda k: medians[k]))
        plans = stages.explain(query, where)
        side.detail(f"explain_{label}", {"query": query, **plans})
        for stage, plan in plans.items():
            print(f"  EXPLAIN ANALYZE, {stage} ({label}), query {query!r}:", flush=True)
            print("    " + plan.replace("\n", "\n    "), flush=True)
