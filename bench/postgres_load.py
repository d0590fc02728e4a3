"""Throughput for ``make bench-postgres``: ``postgres_load_client`` against each backend's
node(s), in short rounds that alternate between the backends (so both see the same background
load on a shared machine); the rounds of one backend and node count are summed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Sequence

from .postgres_side import Side
from .report import Target
from .stats import percentile

ROOT = Path(__file__).resolve().parent.parent
ERRORS = Target("==", 0)


def _round(side: Side, urls: Sequence[str], key: str, number: int) -> dict[str, Any]:
    """One ``postgres_load_client`` run in its own process; its JSON summary."""
    out = side.data / f"load-{len(urls)}-{number}.json"
    env = {**os.environ, "MNEMEXA_API_KEY": key}
    plan = side.plan
    args = ["--urls", ",".join(urls), "--clients", str(plan.load_clients)]
    args += ["--seconds", str(plan.load_round_seconds), "--out", str(out)]
    subprocess.run(
        [sys.executable, "-m", "bench.postgres_load_client", *args], check=True, cwd=ROOT, env=env
    )
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _merged(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    seconds = sum(r["seconds"] for r in rounds)
    latencies = [ms for r in rounds for ms in r["latencies_ms"]]
    stored = sum(r["ops"].get("store", 0) for r in rounds)
    retrieved = sum(r["ops"].get("retrieve", 0) for r in rounds)
    kinds: dict[str, int] = {}
    for r in rounds:
        for kind, n in r["error_kinds"].items():
            kinds[kind] = kinds.get(kind, 0) + n
    return {
        "rounds": len(rounds),
        "seconds": round(seconds, 2),
        "clients": rounds[0]["clients"],
        "errors": sum(r["errors"] for r in rounds),
        "error_kinds": kinds,
        "ops": {"store": stored, "retrieve": retrieved},
        "rps": (stored + retrieved) / seconds,
        "stores_per_s": stored / seconds,
        "retrieves_per_s": retrieved / seconds,
        "p50_ms": percentile(latencies, 0.5) if latencies else None,
        "p99_ms": percentile(latencies, 0.99) if latencies else None,
    }


def run(sides: Sequence[Side], urls: Sequence[Sequence[str]], keys: Sequence[str]) -> None:
    """Alternating rounds against ``urls[i]`` (one or two nodes) of each side; figures
    ``load_<n>_node(s)_*``."""
    rounds: list[list[dict[str, Any]]] = [[] for _ in sides]
    for number in range(sides[0].plan.load_rounds):
        for i, side in enumerate(sides):
            rounds[i].append(_round(side, urls[i], keys[i], number))
    for side, side_rounds, side_urls in zip(sides, rounds, urls):
        _record(side, len(side_urls), _merged(side_rounds))


def _record(side: Side, nodes: int, result: dict[str, Any]) -> None:
    name = f"load_{nodes}_node{'s' if nodes > 1 else ''}"
    side.detail(name, result)
    print(
        f"  {side.name}, {nodes} node(s): {result['ops']} in {result['seconds']} s, "
        f"errors {result['error_kinds'] or 0}",
        flush=True,
    )
    side.add(f"{name}_stores_per_s", result["stores_per_s"], "/s")
    side.add(f"{name}_retrieves_per_s", result["retrieves_per_s"], "/s")
    side.add(f"{name}_p99_ms", result["p99_ms"], "ms")
    side.add(f"{name}_errors", result["errors"], "", ERRORS)
