"""``load_client`` over several server nodes: each task alternates its requests between them.

Each of ``--clients`` tasks owns one ``mnemexa.AsyncClient`` per URL of ``--urls`` (retries
off) and sends requests back to back until ``--seconds`` have passed, request ``i`` to node
``i % nodes``: a ``store`` of a new sentence with probability ``--store-share``, else a
``retrieve`` (top 10). The key (one workspace, so every node serves the same memories) comes
from ``MNEMEXA_API_KEY``. Writes a JSON summary (stores/s, retrieves/s, every latency) to
``--out``.

    python -m bench.postgres_load_client --urls http://127.0.0.1:8080,http://127.0.0.1:8081 \
        --seconds 30 --clients 32 --out load.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections import Counter
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any, Optional, Sequence

import mnemexa

from .corpus import sentences
from .stats import percentile


async def _send(client: mnemexa.AsyncClient, store: bool, text: str, query: str) -> None:
    if store:
        await client.memory.store(text)
    else:
        await client.memory.retrieve(query, top_k=10)


async def _task(
    number: int, args: argparse.Namespace, deadline: float, texts: list[str], out: dict[str, Any]
) -> None:
    rng = random.Random(number)
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(mnemexa.AsyncClient(base_url=url, max_retries=0))
            for url in args.urls.split(",")
        ]
        sent = 0
        while time.perf_counter() < deadline:
            store = rng.random() < args.store_share
            text = f"{texts[sent % len(texts)]} (client {number}, #{sent})"
            started = time.perf_counter()
            try:
                await _send(clients[sent % len(clients)], store, text, rng.choice(out["queries"]))
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
        *(_task(i, args, deadline, texts[i :: args.clients], out) for i in range(args.clients))
    )
    elapsed = time.perf_counter() - started
    latencies = out["latencies_ms"]
    errors = sum(out["errors"].values())
    return {
        "nodes": len(args.urls.split(",")),
        "clients": args.clients,
        "seconds": round(elapsed, 2),
        "requests": len(latencies) + errors,
        "errors": errors,
        "error_kinds": dict(out["errors"]),
        "ops": dict(out["ops"]),
        "rps": len(latencies) / elapsed,
        "stores_per_s": out["ops"]["store"] / elapsed,
        "retrieves_per_s": out["ops"]["retrieve"] / elapsed,
        "p50_ms": percentile(latencies, 0.5) if latencies else None,
        "p99_ms": percentile(latencies, 0.99) if latencies else None,
        "latencies_ms": [round(ms, 2) for ms in latencies],
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", required=True, help="comma-separated server URLs")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--store-share", type=float, default=0.25)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    summary = asyncio.run(_run(args))
    args.out.write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
