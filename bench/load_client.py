"""The load generator, run as its own process: concurrent SDK clients, mixed store/retrieve.

Each of ``--clients`` tasks owns a ``mnemexa.AsyncClient`` (one connection, retries off, so
every failure counts) and sends requests back to back until ``--seconds`` have passed: a
``store`` of a new sentence with probability ``--store-share``, else a ``retrieve`` (top 10).
The server and key come from ``MNEMEXA_BASE_URL`` and ``MNEMEXA_API_KEY``. It writes a JSON
summary to ``--out``.

    python -m bench.load_client --seconds 60 --clients 64 --out load.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Optional, Sequence

import mnemexa

from .corpus import sentences
from .stats import percentile


async def _client(
    number: int, args: argparse.Namespace, deadline: float, texts: list[str], out: dict[str, Any]
) -> None:
    rng = random.Random(number)
    queries = out["queries"]
    async with mnemexa.AsyncClient(max_retries=0) as client:
        sent = 0
        while time.perf_counter() < deadline:
            store = rng.random() < args.store_share
            started = time.perf_counter()
            try:
                if store:
                    text = f"{texts[sent % len(texts)]} (client {number}, #{sent})"
                    await client.memory.store(text)
                else:
                    await client.memory.retrieve(rng.choice(queries), top_k=10)
            except mnemexa.MnemexaError as exc:
                out["errors"][f"{type(exc).__name__} {exc.status_code}"] += 1
            except Exception as exc:  # anything else is a bug in the SDK: count it too
                out["errors"][type(exc).__name__] += 1
            else:
                out["latencies_ms"].append((time.perf_counter() - started) * 1000)
                out["ops"]["store" if store else "retrieve"] += 1
            sent += 1


async def _run(args: argparse.Namespace) -> dict[str, Any]:
    texts = sentences(2000, seed=31)
    out: dict[str, Any] = {
        "queries": [s[:40] for s in sentences(200, seed=37)],
        "errors": Counter(),
        "ops": Counter(),
        "latencies_ms": [],
    }
    started = time.perf_counter()
    deadline = started + args.seconds
    await asyncio.gather(
        *(_client(i, args, deadline, texts[i :: args.clients], out) for i in range(args.clients))
    )
    elapsed = time.perf_counter() - started
    latencies = out["latencies_ms"]
    errors = sum(out["errors"].values())
    return {
        "clients": args.clients,
        "seconds": round(elapsed, 2),
        "requests": len(latencies) + errors,
        "ok": len(latencies),
        "errors": errors,
        "error_kinds": dict(out["errors"]),
        "ops": dict(out["ops"]),
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 0.5) if latencies else None,
        "p99_ms": percentile(latencies, 0.99) if latencies else None,
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--store-share", type=float, default=0.25)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    summary = asyncio.run(_run(args))
    args.out.write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
