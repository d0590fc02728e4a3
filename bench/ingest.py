"""Ingestion: events accepted and processed per second, and exactly once across a ``kill -9``.

1. A fresh server (real embedder, ``workers`` processes, a 5 s worker lease) gets ``events``
   distinct facts (each names its own ticket number, so dedup has nothing to fold) by
   ``ingest_events``, 100 per request from ``clients`` threads: accepted per second is the
   events over the wall time of those requests, while the workers already process.
2. Once the events at ``kill_at`` of the queue are done, the server's process group gets
   SIGKILL, and the server starts again on the same data dir; the workers take over the
   unfinished claims when their lease runs out.
3. When every event is done: processed per second is the memories made over the time the
   workers spent making them (from the first to the last memory's ``created_at`` before the
   kill, plus the same after the restart: the restart itself is not counted). Exactly once:
   every event completed, each linked to exactly one memory, no memory made twice (each made
   from one event, none a duplicate the workspace prevented), none lost.

    python -m bench.ingest [--smoke]
"""

from __future__ import annotations

import argparse
import signal
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from .report import Report
from .server import running_server

SECTION = "ingest"
BATCH = 100
WORKSPACE = "ingest"
NAMES = ("Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai")
PARTS = ("valves", "gaskets", "rotors", "filters", "brackets", "sensors", "hinges")
KINDS = ("user_message", "assistant_message", "tool_result", "app_event")


@dataclass(frozen=True)
class IngestPlan:
    events: int = 5_000
    embedder: str = "minilm"
    workers: int = 2  # server processes, each with its own worker thread
    clients: int = 4  # threads sending ingest requests
    kill_at: float = 0.4  # share of the queue done when the server is killed
    lease_seconds: float = 5.0
    timeout: float = 900.0  # seconds for the events to be done after the restart


FULL = IngestPlan()
SMOKE = IngestPlan(events=300, embedder="hashing", lease_seconds=1.0, timeout=120.0)


def fact(n: int) -> dict[str, Any]:
    """Event ``n``: a fact of its own (its ticket number is its subject)."""
    return {
        "user_id": f"user{n % 20}",
        "session_id": f"session{n % 50}",
        "kind": KINDS[n % len(KINDS)],
        "content": (
            f"Ticket {10_000 + n}: {NAMES[n % len(NAMES)]} ordered {n % 90 + 10} "
            f"{PARTS[n % len(PARTS)]} for site {n % 13}."
        ),
    }


def _client(url: str, key: str) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=60)


def _ingest(client: httpx.Client, events: list[dict[str, Any]], clients: int) -> list[str]:
    batches = [events[i : i + BATCH] for i in range(0, len(events), BATCH)]

    def send(batch: list[dict[str, Any]]) -> list[str]:
        response = client.post("/v1/events", json={"events": batch})
        response.raise_for_status()
        ids: list[str] = response.json()["event_ids"]
        return ids

    with ThreadPoolExecutor(clients) as pool:
        return [event_id for ids in pool.map(send, batches) for event_id in ids]


def _status(client: httpx.Client, ids: list[str]) -> dict[str, Any]:
    merged: dict[str, Any] = {"completed_ids": [], "pending_ids": [], "failed": []}
    for start in range(0, len(ids), BATCH):
        part = client.post("/v1/events/status", json={"event_ids": ids[start : start + BATCH]})
        for key, value in part.json().items():
            merged[key] += value
    return merged


def _wait(client: httpx.Client, ids: list[str], timeout: float) -> None:
    """Until none of ``ids`` is pending (the queue's tail first: it is processed last)."""
    deadline = time.monotonic() + timeout
    tail = ids[-BATCH:]
    while time.monotonic() < deadline:
        if not _status(client, tail)["pending_ids"] and not _status(client, ids)["pending_ids"]:
            return
        time.sleep(0.5)
    raise TimeoutError(f"events still pending after {timeout:.0f} s")


def _memories(client: httpx.Client) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 100}
    while True:
        page = client.get("/v1/memory", params=params).json()
        out += page["data"]
        if not page["has_more"]:
            return out
        params["cursor"] = page["next_cursor"]


def _span(memories: list[dict[str, Any]]) -> float:
    """Seconds from the first to the last of ``memories`` made."""
    if len(memories) < 2:
        return 0.0
    made = sorted(datetime.fromisoformat(m["created_at"].replace("Z", "+00:00")) for m in memories)
    return (made[-1] - made[0]).total_seconds()


def _check(client: httpx.Client, ids: list[str]) -> dict[str, int]:
    """Counts for the exactly-once verdict."""
    status = _status(client, ids)
    linked: dict[str, list[int]] = {}
    memories = _memories(client)
    for memory in memories:
        for event_id in memory["source_event_ids"]:
            linked.setdefault(event_id, []).append(memory["memory_id"])
    health = client.get("/v1/optimize/health").json()["signals"]
    return {
        "completed": len(status["completed_ids"]),
        "failed": len(status["failed"]),
        "lost": sum(1 for event_id in ids if event_id not in linked),
        "duplicated": sum(len(made) - 1 for made in linked.values())
        + sum(1 for m in memories if len(m["source_event_ids"]) > 1)
        + int(health["duplicates_prevented"]),
        "memories": len(memories),
    }


def run(report: Report, plan: IngestPlan, workdir: Path) -> None:
    events = [fact(n) for n in range(plan.events)]
    env = {"MNEMEXA_WORKER_LEASE_SECONDS": str(plan.lease_seconds)}
    data = workdir / "ingest"
    with running_server(data, embedder=plan.embedder, workers=plan.workers, env=env) as server:
        key = server.new_key(WORKSPACE)
        client = _client(server.url, key)
        started = time.perf_counter()
        ids = _ingest(client, events, plan.clients)
        accepted = plan.events / (time.perf_counter() - started)
        mark = ids[int(plan.kill_at * len(ids)) :][:BATCH]
        deadline = time.monotonic() + plan.timeout
        while not _status(client, mark)["completed_ids"]:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no event done after {plan.timeout:.0f} s")
            time.sleep(0.05)
        at_kill = _status(client, ids)
        before = _memories(client)
        server.stop(signal.SIGKILL)
        restarted = time.perf_counter()
        server.start()
        restart_s = time.perf_counter() - restarted
        _wait(client, ids, plan.timeout)
        counts = _check(client, ids)
        made_before = {m["memory_id"] for m in before}
        after = [m for m in _memories(client) if m["memory_id"] not in made_before]
    busy = _span(before) + _span(after)
    processed = counts["memories"] / busy if busy else 0.0
    exactly_once = (
        counts["completed"] == plan.events
        and counts["memories"] == plan.events
        and not (counts["failed"] or counts["lost"] or counts["duplicated"])
    )
    report.detail(SECTION, "plan", {"events": plan.events, "embedder": plan.embedder})
    report.detail(SECTION, "workers", plan.workers)
    report.detail(SECTION, "pending_at_kill", len(at_kill["pending_ids"]))
    report.detail(SECTION, "completed_at_kill", len(at_kill["completed_ids"]))
    report.detail(SECTION, "restart_s", round(restart_s, 1))
    report.detail(SECTION, "counts", counts)
    print(
        f"  {plan.events:,} events ({plan.embedder}, {plan.workers} processes): killed with "
        f"{len(at_kill['completed_ids']):,} done and {len(at_kill['pending_ids']):,} pending; "
        f"after the restart ({restart_s:.1f} s): {counts}",
        flush=True,
    )
    report.add(SECTION, "events_accepted_per_s", accepted, "events/s")
    report.add(SECTION, "events_processed_per_s", processed, "events/s")
    report.add(SECTION, "events_lost", counts["lost"])
    report.add(SECTION, "events_duplicated", counts["duplicated"])
    report.add(SECTION, "exactly_once", "yes" if exactly_once else "NO")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="300 events, hashing embedder")
    args = parser.parse_args()
    report = Report()
    with tempfile.TemporaryDirectory(prefix="mnemexa-ingest-") as tmp:
        run(report, SMOKE if args.smoke else FULL, Path(tmp))
    print(report.table())


if __name__ == "__main__":
    main()
