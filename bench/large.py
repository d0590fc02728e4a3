"""``make bench-large``: the server's vector index with 1M memories, in this process.

The index is the server's own ``WorkspaceIndex`` (same HNSW parameters, same background
build), used directly rather than through a server: 1M memories through the HTTP pipeline
would take hours here. The vectors are synthetic, made as ``bulk_load`` makes them, from real
MiniLM embeddings of 1,000 corpus sentences computed here. Queries are real MiniLM embeddings
of other sentences. Reports the build time, the process's memory, the search latency
(40 candidates, as retrieval asks for top_k 10) and recall@10 against exact search.

    python -m bench.large [--memories 1000000] [--json bench/results/large.json]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
import psutil
from mnemexa_server.embedding import make_embedder
from mnemexa_server.search import vector_index

from .bulk_load import synthetic_vectors
from .corpus import sentences
from .report import Report, Target
from .server import peak_rss_mb
from .stats import median, percentile

SECTION = "large"
QUERIES = 200
RECALL_QUERIES = 100
POOL = 40  # what retrieval asks the index for, for top_k 10


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def run(report: Report, memories: int) -> None:
    embedder = make_embedder("minilm")
    texts = sentences(1_000 + QUERIES, seed=41)
    anchors = embedder.embed(texts[:1_000])
    queries = embedder.embed([t[:40] for t in texts[1_000:]])
    vectors = synthetic_vectors(anchors, memories, np.random.default_rng(5))
    ids = list(range(1, memories + 1))
    before = _rss_mb()

    started = time.perf_counter()
    index = vector_index.WorkspaceIndex(embedder.dim)
    index.upsert(ids, vectors)
    stored = time.perf_counter() - started
    index.wait_for_build()
    built = time.perf_counter() - started
    report.detail(SECTION, "memories", memories)
    report.detail(SECTION, "vectors", "synthetic, from 1,000 real MiniLM embeddings")
    report.detail(SECTION, "M", vector_index.HNSW_M)
    report.detail(SECTION, "ef_construction", vector_index.HNSW_EF_CONSTRUCTION)
    report.detail(SECTION, "ef", vector_index.HNSW_EF_SEARCH)
    report.detail(SECTION, "kind", index.kind)
    report.add(SECTION, "exact_copy_s", stored, "s")
    report.add(SECTION, "build_s", built, "s")
    report.add(SECTION, "index_memory_mb", _rss_mb() - before, "MiB")
    report.add(SECTION, "peak_rss_mb", peak_rss_mb(psutil.Process().pid), "MiB")

    times = []
    for query in queries:
        t0 = time.perf_counter()
        index.search(query, POOL)
        times.append((time.perf_counter() - t0) * 1000)
    report.add(SECTION, "search_p50_ms", median(times), "ms")
    report.add(SECTION, "search_p95_ms", percentile(times, 0.95), "ms")

    recalls = []
    for query in queries[:RECALL_QUERIES]:
        exact = set(np.argsort(-(vectors @ query))[:10] + 1)
        served = {memory_id for memory_id, _ in index.search(query, POOL)[:10]}
        recalls.append(len(exact & served) / 10)
    report.add(SECTION, "recall_at_10", float(np.mean(recalls)), "", Target(">=", 0.98))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.large", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--memories", type=int, default=1_000_000)
    parser.add_argument(
        "--json", type=Path, default=Path(__file__).resolve().parent / "results" / "large.json"
    )
    args = parser.parse_args(argv)
    report = Report()
    started = time.perf_counter()
    run(report, args.memories)
    print()
    print(report.table())
    report.write(args.json, {"plan": "large", "seconds": round(time.perf_counter() - started, 1)})
    print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
