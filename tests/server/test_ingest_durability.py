"""Durability: ``kill -9`` a two-process server while events and writes are queued and being
processed, restart it on the same data dir, and every item becomes exactly one memory."""

from __future__ import annotations

import signal
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Set

import httpx

from .conftest import ServerProcess
from .test_events import api, event, ingest, memories
from .test_writes import queue

EVENTS = 1_000
BATCH = 100
WRITES = 200
NAMES = ("Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai")
PARTS = ("valves", "gaskets", "rotors", "filters", "brackets", "sensors", "hinges")


def fact(n: int, what: str) -> str:
    """A distinct fact per ``n``: names, parts and numbers all differ."""
    return (
        f"{what} {n}: {NAMES[n % len(NAMES)]} ordered {n * 7 + 3} {PARTS[n % len(PARTS)]} "
        f"for site {n // len(NAMES)}."
    )


def statuses(client: httpx.Client, ids: List[str]) -> Dict[str, Any]:
    merged: Dict[str, Any] = {"completed_ids": [], "pending_ids": [], "failed": []}
    for start in range(0, len(ids), BATCH):
        part = client.post("/v1/events/status", json={"event_ids": ids[start : start + BATCH]})
        for key, value in part.json().items():
            merged[key] += value
    return merged


def write_status(client: httpx.Client, write_ids: List[str]) -> Dict[str, Dict[str, Any]]:
    return {w: client.get(f"/v1/memory/writes/{w}").json() for w in write_ids}


def queue_writes(client: httpx.Client, numbers: range) -> List[str]:
    with ThreadPoolExecutor(8) as pool:
        return list(
            pool.map(
                lambda n: queue(client, {"text": fact(n, "Write"), "dedup_mode": "off"}), numbers
            )
        )


def wait_until_done(client: httpx.Client, ids: List[str], write_ids: List[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        pending = statuses(client, ids)["pending_ids"]
        writing = [
            w
            for w, s in write_status(client, write_ids).items()
            if s["status"] in ("queued", "processing")
        ]
        if not pending and not writing:
            return
        time.sleep(0.25)
    raise AssertionError(f"still pending: {len(pending)} events, {len(writing)} writes")


def test_kill_9_while_processing_loses_nothing_and_duplicates_nothing(fresh_server: ServerProcess):
    fresh_server.env_overrides.update(
        {"MNEMEXA_EMBEDDER": "hashing", "MNEMEXA_WORKER_LEASE_SECONDS": "2"}
    )
    fresh_server.serve_args = ["--workers", "2"]  # two processes, two workers per queue
    fresh_server.start()
    client = api(fresh_server, "durable")
    # Dedup off: an item processed twice would show as a second memory, not be folded.
    assert fresh_server.cli("workspaces", "dedup-mode", "durable", "off").returncode == 0

    sent = [
        event(fact(n, "Event"), user_id=f"user{n % 5}", session_id=f"s{n % 3}")
        for n in range(EVENTS)
    ]
    # Most of the work is queued before the kill (writes first, then 900 events), so that the
    # workers are still busy however fast they are.
    before_kill = 9 * BATCH
    write_ids = queue_writes(client, range(WRITES // 2))
    ids: List[str] = []
    for start in range(0, before_kill, BATCH):
        ids += ingest(client, sent[start : start + BATCH])
    deadline = time.monotonic() + 30
    while True:  # kill once the workers are busy, with plenty still queued
        at_kill = statuses(client, ids)
        if at_kill["completed_ids"] or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    fresh_server.stop(signal.SIGKILL)
    assert at_kill["completed_ids"], "the workers never started"
    assert len(at_kill["pending_ids"]) >= BATCH, "everything was done before the kill"

    fresh_server.start()
    for start in range(before_kill, EVENTS, BATCH):
        ids += ingest(client, sent[start : start + BATCH])
    write_ids += queue_writes(client, range(WRITES // 2, WRITES))
    wait_until_done(client, ids, write_ids)

    final = statuses(client, ids)
    assert final["failed"] == []
    assert sorted(final["completed_ids"]) == sorted(ids)
    stored = memories(client)
    by_event: Dict[str, List[int]] = {}
    for memory in stored:
        for event_id in memory["source_event_ids"]:
            by_event.setdefault(event_id, []).append(memory["memory_id"])
    assert sorted(by_event) == sorted(ids)  # none lost
    assert all(len(made) == 1 for made in by_event.values())  # none twice
    from_events = [m for m in stored if m["source_event_ids"]]
    assert all(len(m["source_event_ids"]) == 1 for m in from_events)
    assert len(from_events) == EVENTS
    assert sorted(m["text"] for m in from_events) == sorted(e["content"] for e in sent)
    listed = {e["event_id"]: e["memory_id"] for e in _all_events(client)}
    assert listed == {event_id: made[0] for event_id, made in by_event.items()}

    writes = write_status(client, write_ids)
    assert {s["status"] for s in writes.values()} == {"completed"}
    results: Set[int] = {s["result"]["memory_id"] for s in writes.values()}
    assert len(results) == WRITES
    written = [m for m in stored if not m["source_event_ids"]]
    assert {m["memory_id"] for m in written} == results
    assert sorted(m["text"] for m in written) == sorted(fact(n, "Write") for n in range(WRITES))


def _all_events(client: httpx.Client) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    params: Dict[str, Any] = {"limit": 100}
    while True:
        page = client.get("/v1/events", params=params).json()
        out += page["data"]
        if not page["has_more"]:
            return out
        params["cursor"] = page["next_cursor"]
