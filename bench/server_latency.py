"""Store and retrieve latency through the SDK against a real server, with the real embedder.

Preloads N memories (default 1,000) into one workspace with batch stores, then times single
``memory.store`` and ``memory.retrieve(top_k=10)`` calls and prints p50/p95 in milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "server"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import ServerProcess
from corpus import sentences


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(preload: int = 1000, samples: int = 200) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(Path(tmp))
        server.start()
        try:
            client = server.client("bench", max_retries=0)
            texts = iter(sentences(3 * preload + 2 * samples))
            started, total = time.perf_counter(), 0
            while total < preload:  # dedup folds near-identical sentences: load until N are kept
                batch = [next(texts) for _ in range(min(100, preload - total))]
                client.memory.store_batch(batch)
                total = client.optimize.health().signals.total_memories
            load_s = time.perf_counter() - started
            probes = [next(texts) for _ in range(samples)]
            store_ms, retrieve_ms = [], []
            for text in probes:
                t0 = time.perf_counter()
                client.memory.store(text)
                t1 = time.perf_counter()
                client.memory.retrieve(text[:40], top_k=10)
                t2 = time.perf_counter()
                store_ms.append((t1 - t0) * 1000)
                retrieve_ms.append((t2 - t1) * 1000)
        finally:
            server.stop()
    print(
        f"workspace: {total} memories preloaded by batch store in {load_s:.1f} s "
        f"({total / load_s:.0f} memories/s)"
    )
    print(f"{'operation':<22} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}  (n={samples})")
    for name, values in (("store (full pipeline)", store_ms), ("retrieve (top_k=10)", retrieve_ms)):
        print(
            f"{name:<22} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f} "
            f"{statistics.mean(values):>8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(*[int(a) for a in sys.argv[1:]]))
