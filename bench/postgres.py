"""``make bench-postgres``: the PostgreSQL backend side by side with SQLite, in one run.

    python -m bench.postgres [--smoke] [--json bench/results/postgres.json]

Both backends (SQLite, and PostgreSQL 18 + pgvector 0.8.5 started by
``tests/postgres_server.py``) are measured with their servers up side by side, the real
embedder, and every call through the SDK; latencies interleaved call by call, throughput in
rounds alternating between the backends, so both see the same background load:

1. Fresh servers: batch-store 1k memories through the pipeline, retrieve p50/p95, then single
   ``store`` p50/p95.
2. Server stopped: the workspace grown to 100k with ``bulk_load``'s synthetic rows
   (``postgres_data``; 1% of them a user's). On PostgreSQL the HNSW index is dropped first, the
   rows are COPYed and ``VACUUM (ANALYZE)`` run (as autovacuum would, later); the database's
   ``maintenance_work_mem`` is raised (``ALTER DATABASE``) so the server's start builds the
   index in memory.
3. Servers started again, one after the other, timed; their logs give the index build.
   Retrieve p50/p95, the same with a ``user_id`` filter selecting 1%, recall@10 against exact
   cosine search in numpy (SQLite's by ``index_recall``), the server's peak RSS. PostgreSQL
   also: recall of the vector SQL on its own, the memory of its processes, and where a
   retrieve's time goes (``postgres_profile``).
4. Throughput at that size (``postgres_load``): ``postgres_load_client`` (8 clients, 25%
   stores) against that node, then against it and a second node on the same database (SQLite:
   data dir), requests alternating between the nodes.

``BENCH_PG_1M=1`` then runs ``postgres_large`` (1M memories on PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Optional, Sequence

import mnemexa
from mnemexa_server.embedding import make_embedder
from mnemexa_server.embedding.base import Embedder
from mnemexa_server.search import vector_index as vi

from tests.postgres_server import cluster

from . import postgres_load
from . import postgres_measure as measure
from .corpus import sentences
from .postgres_data import WORKSPACE
from .postgres_nodes import Node, cluster_pss_mb, node
from .postgres_report import side_by_side
from .postgres_side import FULL, SMOKE, PgPlan, Side
from .report import Report
from .server import peak_rss_mb, wait_until_idle

DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "postgres.json"


def _first_size(sides: Sequence[Side]) -> None:
    """Fresh servers: batch-store the first size, retrieve, then single stores."""
    plan = sides[0].plan
    texts = sentences(3 * plan.first + plan.samples)
    with ExitStack() as stack:
        servers = [stack.enter_context(node(s.data, plan.embedder, s.url)) for s in sides]
        clients = [stack.enter_context(n.client(WORKSPACE, max_retries=0)) for n in servers]
        measure.batch_load(sides, clients, plan.first, texts[: -plan.samples])
        for side, (times, _) in zip(sides, measure.retrieves(clients, plan.samples)):
            measure.add_p(side, "retrieve_first", times)
        measure.stores(sides, clients, texts[-plan.samples :])


def _full_size(sides: Sequence[Side], embedder: Embedder) -> None:
    """Servers started on the grown databases, one after the other; retrieve, recall, RSS and
    profile; then the load rounds with one node and with two."""
    with ExitStack() as stack:
        servers = []
        for side in sides:
            started = node(side.node_dir(1), side.plan.embedder, side.url)
            servers.append(stack.enter_context(started))
            measure.record_start(side, servers[-1])
        clients = [stack.enter_context(n.client(WORKSPACE, max_retries=0)) for n in servers]
        for side, (times, _) in zip(sides, measure.retrieves(clients, sides[0].plan.samples)):
            measure.add_p(side, "retrieve", times)
        measure.user_tier(sides, clients)
        for side, server, client in zip(sides, servers, clients):
            _per_side(side, server, client, embedder)
        _loads(sides, servers)


def _per_side(side: Side, server: Node, client: mnemexa.Client, embedder: Embedder) -> None:
    """Recall, RSS, and on PostgreSQL its processes' memory, index settings and profile."""
    db = side.db()
    try:
        measure.recalls(side, client, db, embedder)
        assert server.process is not None
        side.add("peak_rss_mb", peak_rss_mb(server.process.pid), "MiB")
        if side.url is not None:
            side.add("postgres_pss_mb", cluster_pss_mb(cluster().pgdata), "MiB")
            measure.index_settings(side, db, embedder.dim)
            measure.profile(side, db, embedder)
    finally:
        db.close()


def _loads(sides: Sequence[Side], firsts: Sequence[Node]) -> None:
    """Load rounds against the first nodes, then against them and a second node each."""
    keys = [n.keys[-1] for n in firsts]
    postgres_load.run(sides, [[n.url] for n in firsts], keys)
    with ExitStack() as stack:
        others = []
        for side in sides:
            other = stack.enter_context(node(side.node_dir(2), side.plan.embedder, side.url))
            assert other.process is not None
            side.add("node_2_start_s", other.start_seconds, "s")
            wait_until_idle(other.process.pid)
            others.append(other)
        postgres_load.run(sides, [[a.url, b.url] for a, b in zip(firsts, others)], keys)
        for side, a, b in zip(sides, firsts, others):
            rss = [peak_rss_mb(n.process.pid) for n in (a, b) if n.process is not None]
            side.detail("load_2_nodes_rss_mb", rss)
    for side in sides:
        loads = side.report.details[side.name]
        one, two = loads["load_1_node"]["rps"], loads["load_2_nodes"]["rps"]
        side.add("load_2_vs_1_node_rps", two / one if one else 0.0, "x")


def run(report: Report, plan: PgPlan, workdir: Path) -> None:
    embedder = make_embedder(plan.embedder)
    url = cluster().new_database("bench")
    sides = [
        Side("sqlite", workdir / "sqlite", None, plan, report),
        Side("postgres", workdir / "postgres", url, plan, report),
    ]
    print(f"\n== First {plan.first:,} memories, through the pipeline", flush=True)
    _first_size(sides)
    print(f"\n== Grown to {plan.size:,} memories", flush=True)
    for side in sides:
        measure.grow(side)
    _full_size(sides, embedder)


def notes(report: Report, plan: PgPlan) -> str:
    """How the figures were made, printed under the table."""
    pg = report.details.get("postgres", {})
    return "\n".join(
        [
            f"sizes: {plan.first:,} memories through the pipeline, then {plan.size:,} with "
            f"bulk rows (1% a user's); embedder {plan.embedder}; PG/SQLite: PostgreSQL / SQLite",
            f"PostgreSQL: maintenance_work_mem = '{plan.maintenance_work_mem}' for the server's "
            "index build (ALTER DATABASE); VACUUM (ANALYZE) memories after the bulk COPY",
            f"pgvector index: {pg.get('hnsw_options')}; server sessions: "
            f"{pg.get('search_settings')}",
            f"SQLite index: hnswlib above {vi.HNSW_THRESHOLD:,}, M={vi.HNSW_M}, "
            f"ef_construction={vi.HNSW_EF_CONSTRUCTION}, ef={vi.HNSW_EF_SEARCH}",
            "recall served: retrieve top 10 for index_recall's phrases with no lexical match "
            "(dense ranking only); vector SQL: PgVectorSearch top 40 -> 10, corpus queries",
            f"load: {plan.load_clients} clients, 25% stores, at full size; {plan.load_rounds} "
            f"rounds of {plan.load_round_seconds:.0f} s per backend and node count, the backends "
            "alternating; 2 nodes: a second server on the same database (SQLite: data dir), "
            "each client's requests alternating between them",
        ]
    )


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
    print("\n" + notes(report, plan))
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
