"""Where an SDK call's client-side time goes: CPU per call of each caller, and a profile.

Starts a server (hashing embedder, 1,000 memories), measures the client process's CPU time
per ``retrieve`` (top 10) and ``store`` for the SDK, raw httpx and the generated client, then
profiles the SDK's calls and sums the profile by component (HTTP stack, response models,
retries, the SDK's own code).

    python -m bench.profile_sdk [CALLS]
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

from .callers import Caller, GeneratedCaller, HttpxCaller, SdkCaller
from .corpus import sentences, unique_texts
from .server import running_server

COMPONENTS = [  # first match wins, on the function's file path
    ("response models (generated from_dict)", "mnemexa_api/models"),
    ("date parsing (dateutil)", "dateutil"),
    ("retries (tenacity)", "tenacity"),
    ("SDK wrapper (mnemexa)", "wrapper/mnemexa"),
    ("generated endpoint module", "mnemexa_api"),
    ("httpx + httpcore + h11", "http"),
    ("httpx + httpcore + h11", "h11"),
    ("json", "json"),
]


def cpu_per_call_us(call: Callable[[int], Any], calls: int) -> float:
    started = time.process_time()
    for i in range(calls):
        call(i)
    return (time.process_time() - started) / calls * 1e6


def by_component(profile: cProfile.Profile) -> dict[str, float]:
    """Own (not cumulative) seconds per component; the socket wait is reported apart."""
    totals: dict[str, float] = defaultdict(float)
    for (path, _, name), row in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        own = row[2]
        if "recv" in name or "select" in name or "poll" in name:
            totals["waiting for the server (socket)"] += own
            continue
        if "_socket.socket" in name:
            totals["socket send"] += own
            continue
        component = next((label for label, part in COMPONENTS if part in path), None)
        totals[component or f"other: {path.rsplit('/', 1)[-1]}:{name}"] += own
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def main(calls: int = 300) -> int:
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_server(Path(tmp), embedder="hashing") as server,
    ):
        with server.client("profile") as client:
            texts = sentences(1_000, seed=3)
            for i in range(0, len(texts), 100):
                client.memory.store_batch(texts[i : i + 100])
        key = server.keys[-1]
        callers: list[Caller] = [
            SdkCaller(server.url, key),
            HttpxCaller(server.url, key),
            GeneratedCaller(server.url, key),
        ]
        queries = [s[:40] for s in sentences(200, seed=5)]
        new_texts = iter(unique_texts(4 * len(callers) * calls, seed=77))
        print(f"client CPU per call, {calls} calls each (microseconds):")
        for caller in callers:
            retrieve = cpu_per_call_us(lambda i, c=caller: c.retrieve(queries[i % 200]), calls)
            store = cpu_per_call_us(lambda i, c=caller: c.store(next(new_texts)), calls)
            print(f"  {caller.name:<10} retrieve {retrieve:7.0f}   store {store:7.0f}")
        for op, call in (
            ("retrieve", lambda i: callers[0].retrieve(queries[i % 200])),
            ("store", lambda i: callers[0].store(next(new_texts))),
        ):
            profile = cProfile.Profile()
            profile.enable()
            for i in range(calls):
                call(i)
            profile.disable()
            print(f"SDK {op}: own time per call by component (under cProfile, inflated):")
            for component, seconds in list(by_component(profile).items())[:12]:
                print(f"  {component:<40} {seconds / calls * 1e6:8.0f} us")
        for caller in callers:
            caller.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*[int(a) for a in sys.argv[1:]]))
