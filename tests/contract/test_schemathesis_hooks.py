"""The schemathesis hooks pass over exactly the documented answers, against a live server."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import httpx
import pytest
from schemathesis.openapi.checks import UseAfterFree

from tests.contract.schemathesis_hooks import filter_failure
from tests.server.conftest import ServerProcess

STATS = "/v1/agents/{agent_id}/stats"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of one workspace on a live server of the module's own."""
    server = ServerProcess(
        tmp_path_factory.mktemp("hooks"), env_overrides={"MNEMEXA_EMBEDDER": "hashing"}
    )
    server.start()
    try:
        headers = {"Authorization": f"Bearer {server.new_key('hooks')}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=30) as http:
            yield http
    finally:
        server.stop()


def _use_after_free() -> UseAfterFree:
    return UseAfterFree(
        operation="GET /v1/agents/{agent_id}/stats",
        message="deleted resource still available",
        free="DELETE /v1/agents/agt_1",
        usage="GET /v1/agents/agt_1/stats",
    )


def test_a_deleted_agents_empty_statistics_pass_and_anything_it_still_holds_fails(
    client: httpx.Client,
) -> None:
    kept = client.post("/v1/agents", json={"name": "kept", "agent_id": "kept"})
    gone = client.post("/v1/agents", json={"name": "gone", "agent_id": "gone"})
    assert kept.status_code == gone.status_code == 201
    stored = client.post("/v1/memory/store", json={"text": "Kept likes tea.", "agent_id": "kept"})
    assert stored.status_code in (200, 201), stored.text
    assert client.delete("/v1/agents/gone").status_code == 200
    after_delete = client.get("/v1/agents/gone/stats")
    holding = client.get("/v1/agents/kept/stats")
    failure = _use_after_free()
    stats_case = SimpleNamespace(path=STATS)
    assert after_delete.status_code == 200
    assert after_delete.json()["registered"] is False
    assert filter_failure(None, failure, stats_case, after_delete) is False
    # Statistics that still count something, another operation, or another check are kept.
    assert holding.json()["memory_count"] == 1
    assert filter_failure(None, failure, stats_case, holding) is True
    other_case = SimpleNamespace(path="/v1/agents/{agent_id}")
    assert filter_failure(None, failure, other_case, after_delete) is True
    other_check = SimpleNamespace(code="ST101")
    assert filter_failure(None, other_check, stats_case, after_delete) is True


def test_an_instant_outside_years_1_to_9999_passes_and_another_refusal_fails(
    client: httpx.Client,
) -> None:
    year_zero = client.post(
        "/v1/memory/store_batch",
        json={"items": [{"text": "Tea.", "observed_at": "0001-01-01T00:00:00+03:00"}]},
    )
    not_a_date = client.post(
        "/v1/memory/store_batch", json={"items": [{"text": "Tea.", "observed_at": "yesterday"}]}
    )
    rejected = SimpleNamespace(code="ST202")
    batch = SimpleNamespace(path="/v1/memory/store_batch")
    assert year_zero.status_code == 422, year_zero.text
    assert year_zero.json()["details"]["rule"] == "instant-range"
    assert filter_failure(None, rejected, batch, year_zero) is False
    # Another refusal of the same field, and another check on the same answer, are kept.
    assert not_a_date.status_code == 422, not_a_date.text
    assert filter_failure(None, rejected, batch, not_a_date) is True
    assert filter_failure(None, SimpleNamespace(code="ST101"), batch, year_zero) is True
