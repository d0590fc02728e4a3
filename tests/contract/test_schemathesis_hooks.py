"""The schemathesis hooks pass over exactly the documented answers, against a live server."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import httpx
from schemathesis.openapi.checks import UseAfterFree

from tests.contract.schemathesis_hooks import filter_failure
from tests.server.conftest import ServerProcess

STATS = "/v1/agents/{agent_id}/stats"


def _use_after_free() -> UseAfterFree:
    return UseAfterFree(
        operation="GET /v1/agents/{agent_id}/stats",
        message="deleted resource still available",
        free="DELETE /v1/agents/agt_1",
        usage="GET /v1/agents/agt_1/stats",
    )


def test_a_deleted_agents_empty_statistics_pass_and_anything_it_still_holds_fails(
    tmp_path: Path,
) -> None:
    server = ServerProcess(tmp_path)
    server.start()
    try:
        headers = {"Authorization": f"Bearer {server.new_key('hooks')}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=30) as client:
            kept = client.post("/v1/agents", json={"name": "kept", "agent_id": "kept"})
            gone = client.post("/v1/agents", json={"name": "gone", "agent_id": "gone"})
            assert kept.status_code == gone.status_code == 201
            stored = client.post(
                "/v1/memory/store", json={"text": "Kept likes tea.", "agent_id": "kept"}
            )
            assert stored.status_code in (200, 201), stored.text
            assert client.delete("/v1/agents/gone").status_code == 200
            after_delete = client.get("/v1/agents/gone/stats")
            holding = client.get("/v1/agents/kept/stats")
    finally:
        server.stop()
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
