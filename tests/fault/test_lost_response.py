"""A store whose response is lost after the real server committed it is stored exactly once.

The reference server runs on 127.0.0.1 behind ``LossyProxy``, which lets the first request
reach the server and be answered, then resets the client's connection. The SDK retries with
the same Idempotency-Key; the server replays its first answer instead of storing again.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

import mnemexa
import pytest
from mnemexa.types import MemoryStoreResponse

from tests.server.conftest import ServerProcess

from .conftest import fast_retries, run_call
from .lossy_proxy import LossyProxy

TEXT = "The ledger export runs every Friday at 18:00 UTC."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    proc = ServerProcess(tmp_path_factory.mktemp("fault-server"), {"MNEMEXA_EMBEDDER": "hashing"})
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture
def proxy(server: ServerProcess) -> Iterator[LossyProxy]:
    lossy = LossyProxy(server.port).start()
    yield lossy
    lossy.stop()


def _key(server: ServerProcess, request: pytest.FixtureRequest) -> str:
    return server.new_key(request.node.name[:60])


def _stored(server: ServerProcess, key: str) -> Any:
    """The workspace's memories and health, read directly from the server (no proxy)."""
    with mnemexa.Client(api_key=key, base_url=server.url) as client:
        return list(client.memory.list()), client.optimize.health()


def _assert_one_key_and_a_replay(proxy: LossyProxy, path: str) -> None:
    assert [r.path for r in proxy.requests] == [path, path]
    keys = [r.headers.get("idempotency-key") for r in proxy.requests]
    assert keys[0]
    assert keys[0] == keys[1]
    assert proxy.requests[0].body == proxy.requests[1].body
    first, second = proxy.responses
    assert first.status == second.status == 200  # the server committed the first attempt
    assert "idempotency-replayed" not in first.headers
    assert second.headers["idempotency-replayed"] == "true"
    assert json.loads(second.body) == json.loads(first.body)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_lost_store_response_is_retried_and_stored_once(
    mode: str, server: ServerProcess, proxy: LossyProxy, request: pytest.FixtureRequest
) -> None:
    key = _key(server, request)

    def call(client: Any) -> Any:
        return fast_retries(client).memory.store(TEXT, meta={"source": "fault"})

    result, _ = run_call(mode, proxy.url, call, api_key=key)
    assert isinstance(result, MemoryStoreResponse), result
    assert result.dedup.action == "stored_new"
    _assert_one_key_and_a_replay(proxy, "/v1/memory/store")
    memories, health = _stored(server, key)
    assert [(m.memory_id, m.text) for m in memories] == [(result.memory_id, TEXT)]
    assert health.signals.total_memories == 1


def test_lost_batch_response_is_retried_and_stored_once(
    server: ServerProcess, proxy: LossyProxy, request: pytest.FixtureRequest
) -> None:
    key = _key(server, request)
    texts = ["Invoices are due in 30 days.", "The office closes at 17:00 on Fridays."]

    def call(client: Any) -> Any:
        return fast_retries(client).memory.store_batch(texts)

    result, _ = run_call("sync", proxy.url, call, api_key=key)
    assert [r.status for r in result.results] == ["ok", "ok"]
    _assert_one_key_and_a_replay(proxy, "/v1/memory/store_batch")
    memories, health = _stored(server, key)
    assert sorted(m.text for m in memories) == sorted(texts)
    assert health.signals.total_memories == 2


def test_without_retries_the_loss_surfaces_but_the_store_was_committed(
    server: ServerProcess, proxy: LossyProxy, request: pytest.FixtureRequest
) -> None:
    """The proxy really drops an answered request: the memory exists, the client never heard."""
    key = _key(server, request)
    outcome, _ = run_call(
        "sync", proxy.url, lambda c: c.memory.store(TEXT), max_retries=0, api_key=key
    )
    assert type(outcome) is mnemexa.APIConnectionError
    assert outcome.request_id is None
    assert len(proxy.requests) == 1
    assert proxy.responses[0].status == 200
    memories, health = _stored(server, key)
    assert [m.memory_id for m in memories] == [json.loads(proxy.responses[0].body)["memory_id"]]
    assert health.signals.total_memories == 1
