"""``make bench-postgres-large`` (or ``BENCH_PG_1M=1 make bench-postgres``): 1M memories on
PostgreSQL, through a real server.

The workspace gets 1M synthetic rows, made as ``bulk_load`` makes them from 1,000 real MiniLM
embeddings computed here (as ``bench.large`` does: there are no memories stored through the
pipeline to take them from), 1% of them a user's, COPYed with the HNSW index dropped, then
``VACUUM (ANALYZE)``. The server's start builds the index (``PgVectorSearch.rebuild``) with
the database's ``maintenance_work_mem`` raised; the start is bounded by ``--timeout`` (then
the build is cancelled) and the build's progress (``pg_stat_progress_create_index``) printed
every minute. Then: retrieve p50/p95 (target p50 <= 20 ms), the same filtered by ``user_id``,
recall@10 (target >= 0.98) served and of the vector SQL alone, and where a retrieve's time
goes, with EXPLAIN ANALYZE.

    python -m bench.postgres_large [--memories 1000000] [--timeout 2400]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
import psycopg
from mnemexa_server.embedding import make_embedder
from mnemexa_server.embedding.base import Embedder

from tests.postgres_server import cluster

from . import postgres_measure as measure
from .corpus import sentences
from .postgres_data import WORKSPACE, hnsw_index
from .postgres_nodes import Node, cluster_pss_mb, node
from .postgres_side import FULL, Side
from .report import Report, Target
from .server import peak_rss_mb

SECTION = "postgres_1m"
MAINTENANCE_WORK_MEM = "4GB"  # the 1M graph (~2.5 GB) is built in memory
P50_TARGET = Target("<=", 20.0)
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "postgres-large.json"
_PROGRESS = (
    "SELECT phase, blocks_done, blocks_total, tuples_done, tuples_total "
    "FROM pg_stat_progress_create_index WHERE datname = current_database()"
)


class _Progress(threading.Thread):
    """Prints the index build's progress every ``every`` s until stopped."""

    def __init__(self, url: str, every: float = 60.0) -> None:
        super().__init__(daemon=True)
        self.url, self.every = url, every
        self.stopped = threading.Event()
        self.started_at = time.perf_counter()

    def run(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self.stopped.wait(self.every):
                for row in conn.execute(_PROGRESS).fetchall():
                    elapsed = time.perf_counter() - self.started_at
                    print(
                        f"  [{elapsed:6.0f} s] index build: {row[0]}, blocks "
                        f"{row[1]}/{row[2]}, tuples {row[3]}/{row[4]}",
                        flush=True,
                    )

    def cancel_build(self) -> int:
        """Cancel any CREATE INDEX still running on the database: its server was killed, but
        a backend only notices that when it next talks to it; return how many were found."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND query ILIKE 'CREATE INDEX%%' AND state = 'active'"
            ).fetchall()
            for row in rows:
                conn.execute("SELECT pg_cancel_backend(%s)", (row[0],))
        return len(rows)


def _prepare(side: Side, embedder: Embedder) -> None:
    """The workspace (a key made by the CLI), then the synthetic rows."""
    side.data.mkdir(parents=True, exist_ok=True)
    Node(side.data, database_url=side.url).new_key(WORKSPACE)
    anchors = np.asarray(embedder.embed(sentences(1_000, seed=41)), dtype=np.float32)
    measure.grow(side, anchors)


def _sizes(side: Side, url: str, dim: int) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        index, table = conn.execute(
            "SELECT pg_relation_size(%s::regclass), pg_total_relation_size('memories')",
            (hnsw_index(dim),),
        ).fetchone()
    side.add("hnsw_index_mb", index / 2**20, "MiB")
    side.add("memories_total_mb", table / 2**20, "MiB")


def _measure(side: Side, server: Node, embedder: Embedder) -> None:
    """Start-up, retrieve latency, recall, memory and the profile, on the started node."""
    measure.record_start(side, server)
    assert side.url is not None
    assert server.process is not None
    _sizes(side, side.url, embedder.dim)
    db = side.db()
    try:
        with server.client(WORKSPACE, max_retries=0) as client:
            [(times, _)] = measure.retrieves([client], side.plan.samples)
            measure.add_p(side, "retrieve", times, P50_TARGET)
            measure.user_tier([side], [client])
            measure.recalls(side, client, db, embedder)
        side.add("peak_rss_mb", peak_rss_mb(server.process.pid), "MiB")
        side.add("postgres_pss_mb", cluster_pss_mb(cluster().pgdata), "MiB")
        measure.index_settings(side, db, embedder.dim)
        measure.profile(side, db, embedder)
    finally:
        db.close()


def run(report: Report, memories: int, workdir: Path, timeout: float) -> None:
    plan = replace(FULL, size=memories, maintenance_work_mem=MAINTENANCE_WORK_MEM)
    url = cluster().new_database("large")
    side = Side(SECTION, workdir, url, plan, report)
    embedder = make_embedder(plan.embedder)
    print(f"\n== PostgreSQL with {memories:,} memories", flush=True)
    _prepare(side, embedder)
    progress = _Progress(url)
    progress.start()
    try:
        with node(side.node_dir(1), plan.embedder, url, start_timeout=timeout) as server:
            progress.stopped.set()
            _measure(side, server, embedder)
    except RuntimeError as exc:
        cancelled = progress.cancel_build()
        side.detail("outcome", f"server did not start: {exc}; builds cancelled: {cancelled}")
        print(f"  the server did not start within {timeout:.0f} s: {exc}", flush=True)
        print(f"  index builds cancelled: {cancelled}", flush=True)
    finally:
        progress.stopped.set()


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.postgres_large", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--memories", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=float, default=2400.0, help="seconds for the start")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = parser.parse_args(argv)
    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mnemexa-bench-pg-large-") as tmp:
        run(report, args.memories, Path(tmp), args.timeout)
    elapsed = time.perf_counter() - started
    print(f"\n== PostgreSQL, {args.memories:,} memories ({elapsed:.0f} s)\n")
    print(report.table())
    meta = {"plan": "large", "memories": args.memories, "seconds": round(elapsed, 1)}
    report.write(args.json, {**meta, "maintenance_work_mem": MAINTENANCE_WORK_MEM})
    print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
