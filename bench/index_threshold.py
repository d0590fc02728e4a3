"""Exact (numpy) against HNSW (hnswlib) search time by workspace size, 384-dim unit vectors.

Prints the median per-query time of each at several sizes, and HNSW's recall@10 against exact
search; the crossover sets ``vector_index.HNSW_THRESHOLD``.
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np
from mnemexa_server.search.vector_index import WorkspaceIndex

DIM = 384
SIZES = [1_000, 5_000, 10_000, 20_000, 50_000]
QUERIES = 200


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _median_ms(index: WorkspaceIndex, queries: np.ndarray) -> float:
    times = []
    for q in queries:
        started = time.perf_counter()
        index.search(q, 10)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main(sizes: list[int]) -> int:
    rng = np.random.default_rng(0)
    print(f"{'vectors':>8} {'exact ms':>9} {'hnsw ms':>8} {'hnsw build s':>13} {'recall@10':>10}")
    for n in sizes:
        vectors, queries = _unit(rng, n), _unit(rng, QUERIES)
        ids = list(range(1, n + 1))
        exact = WorkspaceIndex(DIM, hnsw_threshold=10**9)
        exact.upsert(ids, vectors)
        started = time.perf_counter()
        hnsw = WorkspaceIndex(DIM, hnsw_threshold=0)
        hnsw.upsert(ids, vectors)
        hnsw.wait_for_build()
        build = time.perf_counter() - started
        recall = np.mean(
            [
                len({i for i, _ in exact.search(q, 10)} & {i for i, _ in hnsw.search(q, 10)}) / 10
                for q in queries
            ]
        )
        print(
            f"{n:>8} {_median_ms(exact, queries):>9.3f} {_median_ms(hnsw, queries):>8.3f} "
            f"{build:>13.1f} {recall:>10.3f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or SIZES))
