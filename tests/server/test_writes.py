"""Queued writes: ``store_async`` answers 202 once the write is durable; ``write_status``
reports it queued, processing, completed (with what store would have answered), failed (with
the error) or not_found. Items queued with no worker running wait for one, and erasing them
before then means they never become memories."""

from __future__ import annotations

import time
from typing import Any, Dict

import httpx
import pytest

from .test_events import CARD, api, event, ingest, memories, settle

TEXT = "Priya approved the Q3 budget of $42k for the analytics dashboard."


def queue(client: httpx.Client, body: Dict[str, Any], **headers: str) -> str:
    response = client.post("/v1/memory/store_async", json=body, headers=headers)
    assert response.status_code == 202, response.text
    accepted = response.json()
    assert accepted["status"] == "queued"
    assert accepted["write_id"].startswith("wr_")
    return str(accepted["write_id"])


def finished(client: httpx.Client, write_id: str, timeout: float = 30) -> Dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        status: Dict[str, Any] = client.get(f"/v1/memory/writes/{write_id}").json()
        if status["status"] not in ("queued", "processing") or time.monotonic() > deadline:
            return status
        time.sleep(0.05)


def test_a_queued_write_completes_with_what_store_answers(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    body = {
        "text": TEXT,
        "meta": {"source": "standup"},
        "user_id": "priya",
        "agent_id": "finance-bot",
        "observed_at": "2025-06-01T12:00:00Z",
    }
    write_id = queue(client, body)
    status = finished(client, write_id)
    assert (status["write_id"], status["status"], status["error"]) == (write_id, "completed", None)
    result = status["result"]

    twin = api(hashing_server, workspace_name + "-twin")  # the same store, synchronously
    direct = twin.post("/v1/memory/store", json=body).json()
    same = {k: v for k, v in direct.items() if k not in ("memory_id", "workspace_id")}
    assert {k: v for k, v in result.items() if k not in ("memory_id", "workspace_id")} == same
    assert result.keys() == direct.keys()

    memory = client.get(f"/v1/memory/{result['memory_id']}").json()
    assert (memory["text"], memory["meta"], memory["user_id"], memory["agent_id"]) == (
        TEXT,
        {"source": "standup"},
        "priya",
        "finance-bot",
    )
    assert memory["observed_at"] == "2025-06-01T12:00:00.000000Z"
    assert memory["source_event_ids"] == []

    again = finished(
        client, queue(client, {"text": TEXT, "user_id": "priya", "agent_id": "finance-bot"})
    )
    assert again["result"]["dedup"] == {
        "action": "duplicate_exact",
        "existing_id": result["memory_id"],
    }


def test_write_status_of_unknown_and_foreign_writes_is_not_found(hashing_server, workspace_name):
    alice = api(hashing_server, workspace_name + "-a")
    bob = api(hashing_server, workspace_name + "-b")
    write_id = queue(alice, {"text": "Alice's locker code changes monthly."})
    assert finished(alice, write_id)["status"] == "completed"
    for client, asked in ((bob, write_id), (alice, "wr_nope"), (alice, "x" * 128)):
        response = client.get(f"/v1/memory/writes/{asked}")
        assert response.status_code == 200
        assert response.json() == {
            "write_id": asked,
            "status": "not_found",
            "result": None,
            "error": None,
        }
    assert memories(bob) == []


def test_pii_is_screened_when_the_write_is_accepted(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    refused = client.post("/v1/memory/store_async", json={"text": f"Card {CARD} for travel."})
    assert refused.status_code == 422
    assert refused.json()["code"] == "pii_rejected"
    assert refused.json()["details"]["types"] == ["credit_card"]
    assert CARD not in refused.text
    assert memories(client) == []

    assert hashing_server.cli("workspaces", "pii-policy", workspace_name, "redact").returncode == 0
    body = {"text": f"Card {CARD} for travel, email ann@example.com.", "meta": {"card": CARD}}
    status = finished(client, queue(client, body))
    assert status["result"]["pii"] == {
        "detected": ["credit_card", "email"],
        "redacted": ["credit_card"],
    }
    memory = client.get(f"/v1/memory/{status['result']['memory_id']}").json()
    assert CARD not in str(memory)


def test_store_async_honours_idempotency_keys(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    body = {"text": "The office wifi password rotates on the 1st."}
    first = client.post("/v1/memory/store_async", json=body, headers={"Idempotency-Key": "w1"})
    again = client.post("/v1/memory/store_async", json=body, headers={"Idempotency-Key": "w1"})
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert again.headers["Idempotency-Replayed"] == "true"
    finished(client, first.json()["write_id"])
    assert len(memories(client)) == 1


def test_erasure_removes_writes_and_their_results(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    kept = queue(client, {"text": "Team lunch is on Thursdays.", "user_id": "erin"})
    gone = queue(client, {"text": "Frank's badge number is 4471.", "user_id": "frank"})
    deleted = queue(client, {"text": "Erin parks in bay 12.", "user_id": "erin"})
    results = {w: finished(client, w)["result"] for w in (kept, gone, deleted)}
    assert client.delete(f"/v1/memory/{results[deleted]['memory_id']}").status_code == 204
    erased = client.post("/v1/memory/delete_many", json={"user_id": "frank"}).json()
    assert (erased["memories_deleted"], erased["writes_deleted"]) == (1, 1)
    statuses = {w: client.get(f"/v1/memory/writes/{w}").json()["status"] for w in results}
    assert statuses == {kept: "completed", gone: "not_found", deleted: "not_found"}


@pytest.mark.parametrize(
    "body",
    [
        {"text": ""},
        {"text": "  \n"},
        {"text": "x" * 10_001},
        {"text": "ok", "dedup_mode": "sometimes"},
        {"text": "ok", "observed_at": "later"},
        {"text": "ok", "observed_at": "9999-12-31T23:00:00-05:00"},
        {"text": "ok", "user_id": ""},
        {"text": "ok", "unknown": 1},
        {"text": "ok", "meta": None},
        {"meta": {}},
    ],
)
def test_hostile_store_async_bodies_get_422(hashing_server, body):
    client = api(hashing_server, "hostile-writes")
    response = client.post("/v1/memory/store_async", json=body)
    assert response.status_code == 422, response.text
    assert client.get("/v1/memory/writes/" + "w" * 129).status_code == 422


# -- with no worker running (an ingest-only server), then with one ----------------------


def test_queued_items_wait_for_a_worker_and_erased_ones_never_become_memories(fresh_server):
    fresh_server.env_overrides.update({"MNEMEXA_EMBEDDER": "hashing", "MNEMEXA_WORKER_BATCH": "0"})
    fresh_server.start()
    client = api(fresh_server, "ingest-only")
    keep_events = ingest(client, [event("Gina's flight lands at 7pm.", user_id="gina")])
    drop_events = ingest(client, [event("Hal's PIN hint is his dog.", user_id="hal")])
    keep_write = queue(client, {"text": "Gina prefers window seats.", "user_id": "gina"})
    drop_write = queue(client, {"text": "Hal's spare key is under the mat.", "user_id": "hal"})
    ended_write = queue(client, {"text": "Notes for the closed session.", "session_id": "closing"})
    time.sleep(0.5)
    status = client.post("/v1/events/status", json={"event_ids": keep_events + drop_events})
    assert status.json()["pending_ids"] == keep_events + drop_events
    assert {e["status"] for e in client.get("/v1/events").json()["data"]} == {"queued"}
    waiting = client.get(f"/v1/memory/writes/{keep_write}").json()
    assert waiting == {"write_id": keep_write, "status": "queued", "result": None, "error": None}

    erased = client.post("/v1/memory/delete_many", json={"user_id": "hal"}).json()
    assert (erased["events_deleted"], erased["writes_deleted"], erased["memories_deleted"]) == (
        1,
        1,
        0,
    )
    assert client.post("/v1/sessions/closing/end").status_code == 200
    fresh_server.stop()

    fresh_server.env_overrides["MNEMEXA_WORKER_BATCH"] = "32"
    fresh_server.start()
    assert settle(client, keep_events)["completed_ids"] == keep_events
    assert finished(client, keep_write)["status"] == "completed"
    # Accepted before its session ended: it is still stored (nothing accepted is lost).
    late = finished(client, ended_write)
    assert late["status"] == "completed"
    assert late["error"] is None
    texts = sorted(m["text"] for m in memories(client))
    assert texts == [
        "Gina prefers window seats.",
        "Gina's flight lands at 7pm.",
        "Notes for the closed session.",
    ]
    assert client.get("/v1/sessions/closing").json()["status"] == "ended"
    assert client.get(f"/v1/memory/writes/{drop_write}").json()["status"] == "not_found"
    gone = client.post("/v1/events/status", json={"event_ids": drop_events}).json()
    assert gone["failed"] == [{"event_id": drop_events[0], "reason": "not_found"}]
