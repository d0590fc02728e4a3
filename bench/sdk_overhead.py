"""SDK overhead per call: ``Client.memory.retrieve``/``store`` against raw httpx and generated.

The three callers (``callers.py``) take turns call by call, in a rotating order, against the
same server and workspace, so that drift in the machine's load hits all three alike. Each
figure is the median of ``calls`` timed calls per caller, after a warm-up.

Every store sends a text nobody stored before, drawn from one stream in turn, and each text is
far from all others, so every store on every side runs the whole pipeline to ``stored_new``;
the dedup actions are counted per side to show it.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any, Callable

from .callers import Caller, GeneratedCaller, HttpxCaller, SdkCaller
from .corpus import sentences, unique_texts
from .report import Report, Target
from .stats import median

SECTION = "sdk_overhead"
TARGET = Target("<=", 1.10)
WARMUP = 30


def _timed_rounds(
    callers: list[Caller], rounds: int, call: Callable[[Caller, int], Any]
) -> dict[str, list[float]]:
    """Seconds per call for each caller; round ``i`` starts with caller ``i % n``."""
    times: dict[str, list[float]] = {c.name: [] for c in callers}
    n = len(callers)
    for i in range(rounds):
        for j in range(n):
            caller = callers[(i + j) % n]
            started = time.perf_counter()
            call(caller, i)
            times[caller.name].append(time.perf_counter() - started)
    return times


def _record(report: Report, op: str, times: dict[str, list[float]]) -> None:
    sdk, raw, gen = (median(times[name]) * 1e6 for name in ("sdk", "httpx", "generated"))
    report.detail(SECTION, f"{op}_sdk_us", round(sdk, 1))
    report.detail(SECTION, f"{op}_httpx_us", round(raw, 1))
    report.detail(SECTION, f"{op}_generated_us", round(gen, 1))
    print(
        f"  {op}: median sdk {sdk:,.0f} us, raw httpx {raw:,.0f} us, generated {gen:,.0f} us",
        flush=True,
    )
    report.add(SECTION, f"{op}_ratio_vs_httpx", sdk / raw, "x", TARGET)
    report.add(SECTION, f"{op}_overhead_us", sdk - raw, "us")
    report.add(SECTION, f"{op}_ratio_vs_generated", sdk / gen, "x")


def run(report: Report, base_url: str, api_key: str, calls: int) -> None:
    """Time ``calls`` retrieves and ``calls`` stores per caller; add the ratios to ``report``."""
    callers: list[Caller] = [
        SdkCaller(base_url, api_key),
        HttpxCaller(base_url, api_key),
        GeneratedCaller(base_url, api_key),
    ]
    try:
        queries = [s[:40] for s in sentences(200, seed=5)]
        _timed_rounds(callers, WARMUP, lambda c, i: c.retrieve(queries[i % len(queries)]))
        retrieve = _timed_rounds(callers, calls, lambda c, i: c.retrieve(queries[i % len(queries)]))

        texts = iter(unique_texts(len(callers) * (calls + WARMUP), seed=23))
        actions: dict[str, Counter[str]] = {c.name: Counter() for c in callers}

        def store(caller: Caller, _: int) -> None:
            actions[caller.name][caller.store(next(texts))] += 1

        _timed_rounds(callers, WARMUP, store)
        store_times = _timed_rounds(callers, calls, store)
    finally:
        for caller in callers:
            caller.close()
    report.detail(SECTION, "calls_per_caller", calls)
    counted = {name: dict(counter) for name, counter in actions.items()}
    report.detail(SECTION, "store_dedup_actions", counted)
    print(f"  {calls:,} calls per caller; store dedup actions per caller: {counted}", flush=True)
    _record(report, "retrieve", retrieve)
    _record(report, "store", store_times)
