"""Agents: a name, a description and meta for an ``agent_id``; stats for any ``agent_id``; and
deletion of an agent with its memories and sessions.

Every response is checked against ``openapi.yaml`` (``spec_client``).
"""

from __future__ import annotations

import base64
from typing import Any, Dict, List

import httpx
import pytest

from tests.server.spec_client import assert_error, spec_client, store_memory

CARD = "4242 4242 4242 4242"  # a Luhn-valid card number: the PII policy blocks it


def _all_pages(http: httpx.Client, limit: int) -> List[Dict[str, Any]]:
    agents: List[Dict[str, Any]] = []
    params: Dict[str, Any] = {"limit": limit}
    while True:
        page = http.get("/v1/agents", params=params).json()
        agents += page["data"]
        if not page["has_more"]:
            assert page["next_cursor"] is None
            return agents
        params["cursor"] = page["next_cursor"]


def test_create_get_and_agent_exists(http):
    body = {"agent_id": "planner", "name": "Planner", "description": "Plans.", "meta": {"v": 2}}
    created = http.post("/v1/agents", json=body)
    assert created.status_code == 201
    agent = created.json()
    assert {k: agent[k] for k in body} == body
    assert agent["created_at"] == agent["updated_at"]
    assert http.get("/v1/agents/planner").json() == agent
    error = assert_error(http.post("/v1/agents", json=body), 409, "agent_exists")
    assert "planner" in error["message"]
    generated = http.post("/v1/agents", json={"name": "Helper"}).json()
    assert generated["agent_id"].startswith("agt_")
    assert (generated["description"], generated["meta"]) == (None, {})
    assert http.get(f"/v1/agents/{generated['agent_id']}").json() == generated


def test_list_pages_newest_first(http):
    names = [f"Agent {i}" for i in range(5)]
    ids = [http.post("/v1/agents", json={"name": name}).json()["agent_id"] for name in names]
    assert [a["agent_id"] for a in _all_pages(http, limit=2)] == ids[::-1]
    assert [a["agent_id"] for a in _all_pages(http, limit=100)] == ids[::-1]


def test_update_changes_only_what_it_names(http):
    http.post("/v1/agents", json={"agent_id": "a1", "name": "One", "description": "First."})
    renamed = http.patch("/v1/agents/a1", json={"name": "Uno"}).json()
    assert (renamed["name"], renamed["description"], renamed["meta"]) == ("Uno", "First.", {})
    assert renamed["updated_at"] > renamed["created_at"]
    with_meta = http.patch("/v1/agents/a1", json={"meta": {"team": "core"}}).json()
    assert (with_meta["name"], with_meta["meta"]) == ("Uno", {"team": "core"})
    cleared = http.patch("/v1/agents/a1", json={"description": None}).json()
    assert (cleared["description"], cleared["meta"]) == (None, {"team": "core"})
    assert http.get("/v1/agents/a1").json() == cleared
    assert_error(http.patch("/v1/agents/a1", json={}), 422, "invalid_request")
    assert_error(http.patch("/v1/agents/a1", json={"name": "   "}), 422, "invalid_request")
    assert_error(http.patch("/v1/agents/a1", json={"agent_id": "b"}), 422, "invalid_request")
    assert_error(http.patch("/v1/agents/nobody", json={"name": "X"}), 404, "not_found")


def test_meta_obeys_the_pii_policy(http):
    refused = assert_error(
        http.post("/v1/agents", json={"agent_id": "pii", "name": "P", "meta": {"card": CARD}}),
        422,
        "pii_rejected",
    )
    assert refused["details"]["fields"] == ["meta"]
    assert CARD not in str(refused)
    assert_error(http.get("/v1/agents/pii"), 404, "not_found")
    http.post("/v1/agents", json={"agent_id": "pii", "name": "P", "meta": {"ok": 1}})
    assert_error(
        http.patch("/v1/agents/pii", json={"meta": {"note": f"card {CARD}"}}), 422, "pii_rejected"
    )
    assert http.get("/v1/agents/pii").json()["meta"] == {"ok": 1}


def test_stats_work_for_any_agent_id(http):
    store_memory(http, "The client budget is 40k EUR.", agent_id="loose", session_id="l1")
    store_memory(http, "The launch moved to March 3.", agent_id="loose")
    store_memory(http, "Unrelated fact for someone else.", agent_id="other")
    http.put("/v1/sessions/l2", json={"agent_id": "loose"})
    stats = http.get("/v1/agents/loose/stats").json()
    assert stats["agent_id"] == "loose"
    assert (stats["registered"], stats["memory_count"], stats["session_count"]) == (False, 2, 2)
    assert sum(stats["by_category"].values()) >= 1
    assert stats["last_write_at"] is not None
    http.post("/v1/agents", json={"agent_id": "loose", "name": "Loose"})
    assert http.get("/v1/agents/loose/stats").json() == {**stats, "registered": True}
    empty = http.get("/v1/agents/never-seen/stats").json()
    assert empty == {
        "agent_id": "never-seen",
        "registered": False,
        "memory_count": 0,
        "by_category": {},
        "session_count": 0,
        "last_write_at": None,
    }


def test_delete_erases_the_agents_memories_and_sessions(http):
    http.post("/v1/agents", json={"agent_id": "doomed", "name": "Doomed"})
    doomed = [
        store_memory(
            http, "Doomed: the invoice run is on the 5th.", agent_id="doomed", session_id="d1"
        ),
        store_memory(http, "Doomed: Dana approves refunds.", agent_id="doomed", session_id="d1"),
        store_memory(http, "Doomed: alice likes tea.", agent_id="doomed", user_id="alice"),
    ]
    kept = store_memory(http, "A fact of another agent.", agent_id="survivor", session_id="k1")
    http.put("/v1/sessions/d2", json={"agent_id": "doomed"})
    http.post("/v1/sessions/d1/summarize", json={})
    answer = http.delete("/v1/agents/doomed")
    assert answer.status_code == 200
    assert answer.json() == {
        "agent_id": "doomed",
        "erased": {
            "memories_deleted": 3,
            "events_deleted": 0,
            "writes_deleted": 0,
            "summaries_deleted": 1,
            "sessions_deleted": 2,
        },
    }
    for memory_id in doomed:
        assert_error(http.get(f"/v1/memory/{memory_id}"), 404, "not_found")
    assert http.get(f"/v1/memory/{kept}").status_code == 200
    for session_id in ("d1", "d2"):
        assert_error(http.get(f"/v1/sessions/{session_id}"), 404, "not_found")
    assert http.get("/v1/sessions/k1").json()["memory_count"] == 1
    assert_error(http.get("/v1/agents/doomed"), 404, "not_found")
    assert_error(http.delete("/v1/agents/doomed"), 404, "not_found")
    stats = http.get("/v1/agents/doomed/stats").json()
    assert (stats["registered"], stats["memory_count"], stats["session_count"]) == (False, 0, 0)
    hits = http.post("/v1/memory/retrieve", json={"query": "Doomed", "top_k": 10}).json()
    assert [m["memory_id"] for m in hits["memories"]] == [kept]


def test_an_unregistered_agent_cannot_be_deleted(http):
    memory_id = store_memory(http, "A memory of an unregistered agent.", agent_id="free")
    assert_error(http.delete("/v1/agents/free"), 404, "not_found")
    assert http.get(f"/v1/memory/{memory_id}").status_code == 200


def test_a_replay_after_delete_returns_no_deleted_content(http):
    body = {"agent_id": "replayed", "name": "Zyrtalbex bot", "meta": {"owner": "Quomprivet"}}
    headers = {"Idempotency-Key": "agent-replayed"}
    assert http.post("/v1/agents", json=body, headers=headers).status_code == 201
    session_headers = {"Idempotency-Key": "agent-session-replayed"}
    session_body = {"session_id": "rs", "agent_id": "replayed", "meta": {"topic": "Quomprivet"}}
    assert http.post("/v1/sessions", json=session_body, headers=session_headers).is_success
    assert http.delete("/v1/agents/replayed").status_code == 200
    replay = http.post("/v1/agents", json=body, headers=headers)
    assert (replay.status_code, replay.headers["idempotency-replayed"]) == (201, "true")
    assert replay.json()["agent_id"] == "replayed"
    assert (replay.json()["name"], replay.json()["meta"]) == ("", {})
    session_replay = http.post("/v1/sessions", json=session_body, headers=session_headers)
    assert session_replay.headers["idempotency-replayed"] == "true"
    assert session_replay.json()["meta"] == {}
    for answer in (replay, session_replay):
        assert "Zyrtalbex" not in answer.text
        assert "Quomprivet" not in answer.text


def test_another_workspace_sees_none_of_it(hashing_server, http):
    http.post("/v1/agents", json={"agent_id": "mine", "name": "Mine"})
    store_memory(http, "A private memory of mine.", agent_id="mine")
    with spec_client(hashing_server, hashing_server.new_key("agents-other")) as other:
        assert_error(other.get("/v1/agents/mine"), 404, "not_found")
        assert_error(other.patch("/v1/agents/mine", json={"name": "Theirs"}), 404, "not_found")
        assert_error(other.delete("/v1/agents/mine"), 404, "not_found")
        assert other.get("/v1/agents").json()["data"] == []
        stats = other.get("/v1/agents/mine/stats").json()
        assert (stats["registered"], stats["memory_count"]) == (False, 0)
        theirs = other.post("/v1/agents", json={"agent_id": "mine", "name": "Theirs"})
        assert theirs.status_code == 201  # ids are per workspace
    assert http.get("/v1/agents/mine").json()["name"] == "Mine"
    assert http.get("/v1/agents/mine/stats").json()["memory_count"] == 1


def _b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor", ["zzz", "%%", _b64("a:0"), _b64("a:x"), _b64("a:" + "9" * 30), _b64("s:3"), _b64("a")]
)
def test_a_forged_cursor_gets_422_naming_it(http, cursor):
    error = assert_error(http.get("/v1/agents", params={"cursor": cursor}), 422, "invalid_request")
    assert error["details"] == {"parameter": "cursor"}


def test_hostile_inputs_get_clean_4xx(http):
    long_id = "y" * 129
    for method, path in [
        ("GET", f"/v1/agents/{long_id}"),
        ("GET", f"/v1/agents/{long_id}/stats"),
        ("DELETE", f"/v1/agents/{long_id}"),
    ]:
        assert_error(http.request(method, path), 422, "invalid_request")
    assert_error(http.patch(f"/v1/agents/{long_id}", json={"name": "X"}), 422, "invalid_request")
    assert_error(
        http.post("/v1/agents", json={"agent_id": long_id, "name": "X"}), 422, "invalid_request"
    )
    for bad in ({}, {"name": ""}, {"name": "\t\n"}, {"name": "x", "description": "d" * 2001}):
        assert_error(http.post("/v1/agents", json=bad), 422, "invalid_request")
    assert_error(http.post("/v1/agents", json={"name": "x", "meta": None}), 422, "invalid_request")
    assert_error(http.get("/v1/agents", params={"limit": 101}), 422, "invalid_request")
    assert_error(
        http.post("/v1/agents", json={"agent_id": "100%", "name": "X"}), 422, "invalid_request"
    )
    odd = "agent 🤖 'quoted' ; DROP TABLE agents"
    assert http.post("/v1/agents", json={"agent_id": odd, "name": "Odd"}).status_code == 201
    assert http.get(f"/v1/agents/{odd}").json()["agent_id"] == odd
    assert http.get(f"/v1/agents/{odd}/stats").json()["registered"] is True
    assert_error(http.get("/v1/agents/unknown"), 404, "not_found")
