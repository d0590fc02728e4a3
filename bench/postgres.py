"""``make bench-postgres``: the PostgreSQL backend side by side with SQLite, in one run.

    python -m bench.postgres [--smoke] [--json bench/results/postgres.json]

For each backend in turn (SQLite first, then PostgreSQL 18 + pgvector 0.8.5 started by
``tests/postgres_server.py``), with the real embedder and every call through the SDK:

1. A fresh server: batch-store 1k memories through the pipeline, retrieve p50/p95, then single
   ``store`` p50/p95.
2. Server stopped: the workspace grown to 100k with ``bulk_load``'s synthetic rows
   (``postgres_data``; 1% of them a user's). On PostgreSQL the HNSW index is dropped first and
   the rows are COPYed; the database's ``maintenance_work_mem`` is raised (``ALTER DATABASE``)
   so the server's start builds the index in memory.
3. Server started again, timed; its log gives the index build. Retrieve p50/p95, the same with
   a ``user_id`` filter selecting 1%, recall@10 against exact cosine search in numpy (SQLite's
   by ``index_recall``), the server's peak RSS. PostgreSQL also: recall of the vector SQL on
   its own, the memory of its processes, and where a retrieve's time goes (``postgres_profile``).
4. Throughput: ``postgres_load_client`` (stores and retrieves, 25% stores) against that node,
   then against it and a second node on the same database, alternating.

``BENCH_PG_1M=1`` then runs ``postgres_large`` (1M memories on PostgreSQL).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

import mnemexa
import numpy as np
from mnemexa_server.embedding import make_embedder
from mnemexa_server.embedding.base import Embedder
from mnemexa_server.resources.memory.store import Filter
from mnemexa_server.search.fts5 import Fts5Search
from mnemexa_server.search.pgvector import PgVectorSearch
from mnemexa_server.search.postgres_text import PostgresTextSearch
from mnemexa_server.storage.backend import Db

from tests.postgres_server import cluster

from . import index_recall, postgres_data
from .corpus import sentences
from .postgres_data import USER, WORKSPACE
from .postgres_nodes import Node, cluster_pss_mb, node
from .postgres_profile import Stages, filters
from .postgres_report import side_by_side
from .report import Report, Target
from .server import DB_FILE, peak_rss_mb, wait_until_idle
from .server_latency import TIER_SECONDS, _batch_load
from .stats import percentile

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "bench" / "results" / "postgres.json"
RECALL = Target(">=", 0.98)
ERRORS = Target("==", 0)
K = index_recall.K


@dataclass(frozen=True)
class PgPlan:
    first: int = 1_000
    size: int = 100_000
    samples: int = 200  # timed retrieves and stores per tier
    index_queries: int = 200  # recall of the vector SQL alone
    profile_queries: int = 50
    embedder: str = "minilm"
    maintenance_work_mem: str = "1GB"
    load_seconds: float = 30.0
    load_clients: int = 32


FULL = PgPlan()
SMOKE = PgPlan(
    first=100,
    size=3_000,
    samples=20,
    index_queries=20,
    profile_queries=5,
    embedder="hashing",
    load_seconds=3.0,
    load_clients=4,
)


@dataclass
class Side:
    """One backend's run: where its data lives, and its report section."""

    name: str
    data: Path
    url: Optional[str]
    plan: PgPlan
    report: Report

    def add(self, name: str, value: Any, unit: str = "", target: Optional[Target] = None) -> None:
        self.report.add(self.name, name, value, unit, target)

    def detail(self, name: str, value: Any) -> None:
        self.report.detail(self.name, name, value)

    def db(self) -> Db:
        return postgres_data.open_db(self.data, self.url)

    def node_dir(self, number: int) -> Path:
        """SQLite: its data dir (every node shares it); PostgreSQL: a log dir per node."""
        return self.data if self.url is None else self.data / f"node-{number}"


def retrieves(
    client: mnemexa.Client, samples: int, **where: str
) -> tuple[list[float], list[list[Any]]]:
    """Timed retrieves of corpus prefixes (``where``: scope filter), at most ``TIER_SECONDS``
    once a quarter of ``samples`` is done; (milliseconds, hits) of each."""
    queries = [s[:40] for s in sentences(samples, seed=99)]
    client.memory.retrieve(queries[0], top_k=K, **where)  # warm-up
    times: list[float] = []
    hits: list[list[Any]] = []
    deadline = time.perf_counter() + TIER_SECONDS
    for query in queries:
        if len(times) >= samples // 4 and time.perf_counter() > deadline:
            break
        started = time.perf_counter()
        hits.append(client.memory.retrieve(query, top_k=K, **where).memories)
        times.append((time.perf_counter() - started) * 1000)
    return times, hits


def add_p(side: Side, name: str, times: list[float], target: Optional[Target] = None) -> None:
    side.detail(f"{name}_samples", len(times))
    side.add(f"{name}_p50_ms", percentile(times, 0.5), "ms", target)
    side.add(f"{name}_p95_ms", percentile(times, 0.95), "ms")


def _first_size(side: Side) -> None:
    """Batch-store the first size, retrieve, then single stores (all through the pipeline)."""
    plan = side.plan
    texts = sentences(3 * plan.first + plan.samples)
    with node(side.data, plan.embedder, side.url) as server:
        side.detail("fresh_start_s", round(server.start_seconds, 2))
        with server.client(WORKSPACE, max_retries=0) as client:
            kept, rate = _batch_load(client, plan.first, texts[: -plan.samples])
            side.detail("first_size", kept)
            side.add("batch_store_items_per_s", rate, "texts/s")
            add_p(side, "retrieve_first", retrieves(client, plan.samples)[0])
            times = []
            for text in texts[-plan.samples :]:
                started = time.perf_counter()
                client.memory.store(text)
                times.append((time.perf_counter() - started) * 1000)
            add_p(side, "store", times)


def grow(side: Side, anchors: Optional[np.ndarray] = None) -> None:
    """Server stopped: grow to the full size (PostgreSQL: index dropped, build memory set);
    the synthetic vectors are made from ``anchors``, else from the workspace's real ones."""
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
    finally:
        db.close()
    print(f"  bulk-loaded {added:,} rows in {seconds:.1f} s", flush=True)
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
    """Served recall@10, whole workspace and user-filtered, against exact search."""
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
    side.add(
        "recall_user_at_10",
        _served_recall(client, queries, qvecs, ids[mine], vectors[mine], user_id=USER),
        "",
        RECALL,
    )
    if db.dialect == "postgres":
        _index_recall(side, db, embedder, ws, ids, vectors)


def _index_recall(
    side: Side, db: Db, embedder: Embedder, ws: int, ids: np.ndarray, vectors: np.ndarray
) -> None:
    """Recall@10 and latency of ``PgVectorSearch.search`` alone (top 40, as retrieval asks)."""
    texts = [s[:40] for s in sentences(side.plan.index_queries, seed=99)]
    search = PgVectorSearch(db, embedder.dim)
    recalls, times = [], []
    for vector in _query_vectors(embedder, texts):
        started = time.perf_counter()
        found = search.search(ws, vector, 40, where=Filter(include_expired=False))
        times.append((time.perf_counter() - started) * 1000)
        recalls.append(len({i for i, _ in found[:K]} & _exact(ids, vectors, vector)) / K)
    side.add("index_recall_at_10", float(np.mean(recalls)), "", RECALL)
    side.add("vector_sql_p50_ms", percentile(times, 0.5), "ms")


def user_tier(side: Side, client: mnemexa.Client) -> None:
    times, found = retrieves(client, side.plan.samples, user_id=USER)
    add_p(side, "retrieve_user", times)
    full = [len(h) == K and all(m.user_id == USER for m in h) for h in found]
    side.add("user_full_top10", sum(full) / len(full), "", Target(">=", 1.0))


def profile(side: Side, db: Db, embedder: Embedder) -> None:
    """PostgreSQL: each stage's p50, and EXPLAIN ANALYZE of one query, printed and kept."""
    stages = Stages(db, embedder, postgres_data.workspace_id(db))
    texts = [s[:40] for s in sentences(side.plan.profile_queries, seed=99)]
    for label, where in filters().items():
        p50 = stages.p50(texts, where)
        side.detail(f"profile_{label}_p50_ms", p50)
        shown = ", ".join(f"{k} {v:.2f}" for k, v in p50.items())
        print(f"  profile ({label}): p50 ms per stage in-process: {shown}", flush=True)
        plans = stages.explain(texts[0], where)
        side.detail(f"explain_{label}", plans)
        for stage, plan in plans.items():
            print(f"  EXPLAIN ANALYZE, {stage} ({label}), query {texts[0]!r}:", flush=True)
            print("    " + plan.replace("\n", "\n    "), flush=True)


def _full_size(side: Side, embedder: Embedder) -> None:
    """Start on the grown database; retrieve, recall, RSS, profile; then the load runs."""
    with node(side.node_dir(1), side.plan.embedder, side.url) as server:
        record_start(side, server)
        db = side.db()
        try:
            with server.client(WORKSPACE, max_retries=0) as client:
                add_p(side, "retrieve", retrieves(client, side.plan.samples)[0])
                user_tier(side, client)
                recalls(side, client, db, embedder)
            assert server.process is not None
            side.add("peak_rss_mb", peak_rss_mb(server.process.pid), "MiB")
            if side.url is not None:
                side.add("postgres_pss_mb", cluster_pss_mb(cluster().pgdata), "MiB")
                profile(side, db, embedder)
        finally:
            db.close()
        _loads(side, server)


def _loads(side: Side, first: Node) -> None:
    """Throughput against one node, then against it and a second node, alternating."""
    one = _load(side, [first.url], first.keys[-1])
    with node(side.node_dir(2), side.plan.embedder, side.url) as second:
        assert second.process is not None
        side.add("node_2_start_s", second.start_seconds, "s")
        wait_until_idle(second.process.pid)
        two = _load(side, [first.url, second.url], first.keys[-1])
        assert first.process is not None
        side.detail(
            "load_2_nodes_rss_mb", [peak_rss_mb(first.process.pid), peak_rss_mb(second.process.pid)]
        )
    side.add("load_2_vs_1_node_rps", two["rps"] / one["rps"], "x")


def _load(side: Side, urls: list[str], key: str) -> dict[str, Any]:
    """``postgres_load_client`` in its own process against ``urls``; its figures."""
    name = f"load_{len(urls)}_node{'s' if len(urls) > 1 else ''}"
    out = side.data / f"{name}.json"
    env = {**os.environ, "MNEMEXA_API_KEY": key}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.postgres_load_client",
            "--urls",
            ",".join(urls),
            "--seconds",
            str(side.plan.load_seconds),
            "--clients",
            str(side.plan.load_clients),
            "--out",
            str(out),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    result: dict[str, Any] = json.loads(out.read_text())
    side.detail(name, result)
    side.add(f"{name}_stores_per_s", result["stores_per_s"], "/s")
    side.add(f"{name}_retrieves_per_s", result["retrieves_per_s"], "/s")
    side.add(f"{name}_p99_ms", result["p99_ms"], "ms")
    side.add(f"{name}_errors", result["errors"], "", ERRORS)
    return result


def run_side(side: Side, embedder: Embedder) -> None:
    print(f"\n== {side.name}", flush=True)
    _first_size(side)
    grow(side)
    _full_size(side, embedder)


def run(report: Report, plan: PgPlan, workdir: Path) -> None:
    embedder = make_embedder(plan.embedder)
    url = cluster().new_database("bench")
    for name, side_url in (("sqlite", None), ("postgres", url)):
        run_side(Side(name, workdir / name, side_url, plan, report), embedder)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.postgres", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks it all runs")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = parser.parse_args(argv)
    plan = SMOKE if args.smoke else FULL
    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mnemexa-bench-pg-") as tmp:
        run(report, plan, Path(tmp))
    elapsed = time.perf_counter() - started
    print(
        f"\n== PostgreSQL vs SQLite ({'smoke' if args.smoke else 'full'} plan, {elapsed:.0f} s)\n"
    )
    print(side_by_side(report))
    meta = {
        "plan": "smoke" if args.smoke else "full",
        "sizes": [plan.first, plan.size],
        "embedder": plan.embedder,
        "maintenance_work_mem": plan.maintenance_work_mem,
        "seconds": round(elapsed, 1),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    report.write(args.json, meta)
    print(f"\nwritten to {args.json}")
    if os.environ.get("BENCH_PG_1M") == "1":
        from . import postgres_large

        return postgres_large.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
