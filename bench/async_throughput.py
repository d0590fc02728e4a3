"""Async throughput: ``AsyncClient.memory.retrieve`` against raw ``httpx.AsyncClient``.

``concurrency`` tasks share one client and pull requests until a block of ``block`` retrieves
is done; blocks alternate between the two clients (A B B A ...). The figure per side is the
median requests per second over its blocks.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Awaitable, Callable

import httpx
import mnemexa

from .callers import TOP_K, new_key, sdk_headers
from .corpus import sentences
from .report import Report, Target
from .stats import median

SECTION = "async"
TARGET = Target(">=", 0.90)

Retrieve = Callable[[str], Awaitable[Any]]


async def _block(retrieve: Retrieve, queries: list[str], size: int, concurrency: int) -> float:
    """Requests per second for ``size`` retrieves sent by ``concurrency`` tasks."""
    issued = [0]

    async def worker() -> None:
        while issued[0] < size:
            i = issued[0]
            issued[0] += 1
            await retrieve(queries[i % len(queries)])

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return size / (time.perf_counter() - started)


async def _run(
    base_url: str, api_key: str, blocks: int, block: int, concurrency: int
) -> dict[str, list[float]]:
    queries = [s[:40] for s in sentences(200, seed=5)]
    async with (
        mnemexa.AsyncClient(api_key=api_key, base_url=base_url) as sdk,
        httpx.AsyncClient(base_url=base_url, headers=sdk_headers(api_key)) as raw,
    ):

        async def via_sdk(query: str) -> Any:
            return await sdk.memory.retrieve(query, top_k=TOP_K)

        async def via_httpx(query: str) -> Any:
            response = await raw.post(
                "/v1/memory/retrieve",
                json={"query": query, "top_k": TOP_K},
                headers={"Idempotency-Key": new_key()},
            )
            response.raise_for_status()
            return response.json()

        sides: dict[str, Retrieve] = {"sdk": via_sdk, "httpx": via_httpx}
        for retrieve in sides.values():  # warm-up: open the connections
            await _block(retrieve, queries, concurrency * 2, concurrency)
        rates: dict[str, list[float]] = {name: [] for name in sides}
        order = ["sdk", "httpx", "httpx", "sdk"]
        for i in range(2 * blocks):
            name = order[i % len(order)]
            rates[name].append(await _block(sides[name], queries, block, concurrency))
        return rates


def run(
    report: Report, base_url: str, api_key: str, *, blocks: int, block: int, concurrency: int
) -> None:
    rates = asyncio.run(_run(base_url, api_key, blocks, block, concurrency))
    sdk, raw = median(rates["sdk"]), median(rates["httpx"])
    report.detail(SECTION, "concurrency", concurrency)
    report.detail(SECTION, "retrieves_per_side", blocks * block)
    print(
        f"  {blocks * block:,} retrieves per side at concurrency {concurrency}, "
        f"in blocks of {block}",
        flush=True,
    )
    report.add(SECTION, "sdk_rps", sdk, "req/s")
    report.add(SECTION, "httpx_rps", raw, "req/s")
    report.add(SECTION, "ratio_sdk_vs_httpx", sdk / raw, "x", TARGET)
