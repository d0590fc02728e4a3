"""Erasure by scope (``memory.delete_many``) and scope statistics (``memory.stats``)."""

from __future__ import annotations

import uuid

import httpx
import mnemexa
import pytest

from .test_erasure import _checkpoint, _hits

CANARY_WORDS = ("Vorblenix", "Quathmire")


def _seed(client: mnemexa.Client) -> dict[str, list[int]]:
    rows = {
        "alice-planner": {"user_id": "alice", "agent_id": "planner"},
        "alice-coder": {"user_id": "alice", "agent_id": "coder"},
        "bob-planner": {"user_id": "bob", "agent_id": "planner"},
        "unscoped": {},
    }
    ids: dict[str, list[int]] = {}
    for name, scope in rows.items():
        texts = [
            f"{name} note {i}: the invoice {1000 + i} is due in week {i + 3}." for i in range(3)
        ]
        results = client.memory.store_batch(texts, **scope).results
        ids[name] = [item.result.memory_id for item in results]
    return ids


def _listed(client: mnemexa.Client) -> set[int]:
    return {m.memory_id for m in client.memory.list(limit=100)}


def test_delete_many_erases_exactly_the_scope_and_reports_counts(hashing_server, workspace_name):
    client = hashing_server.client(workspace_name)
    ids = _seed(client)
    before = _listed(client)

    erased = client.memory.delete_many(user_id="alice", agent_id="planner")
    assert erased.memories_deleted == 3
    assert (erased.events_deleted, erased.writes_deleted, erased.sessions_deleted) == (0, 0, 0)
    assert _listed(client) == before - set(ids["alice-planner"])
    for memory_id in ids["alice-planner"]:
        with pytest.raises(mnemexa.NotFoundError):
            client.memory.get(memory_id)
    hits = client.memory.retrieve("alice-planner invoice due", top_k=20, user_id="alice")
    assert {m.memory_id for m in hits.memories}.isdisjoint(ids["alice-planner"])

    again = client.memory.delete_many(user_id="alice")
    assert again.memories_deleted == 3  # alice's coder memories; the planner ones are gone
    assert _listed(client) == set(ids["bob-planner"]) | set(ids["unscoped"])
    assert client.memory.delete_many(user_id="nobody").memories_deleted == 0


def test_delete_many_without_a_scope_field_is_refused(hashing_server, workspace_name):
    client = hashing_server.client(workspace_name)
    ids = _seed(client)
    with pytest.raises(mnemexa.ValidationError):
        client.memory.delete_many()
    raw = httpx.post(
        f"{hashing_server.url}/v1/memory/delete_many",
        headers={"Authorization": f"Bearer {hashing_server.keys[-1]}"},
        json={"user_id": None},
    )
    assert raw.status_code == 422
    assert raw.json()["code"] == "invalid_request"
    assert len(_listed(client)) == sum(len(group) for group in ids.values())


def test_delete_many_stays_inside_the_workspace(hashing_server, workspace_name):
    mine = hashing_server.client(workspace_name)
    theirs = hashing_server.client(workspace_name + "-other")
    kept = theirs.memory.store("Their alice prefers the window seat.", user_id="alice")
    mine.memory.store("My alice prefers the aisle seat.", user_id="alice")
    assert mine.memory.delete_many(user_id="alice").memories_deleted == 1
    assert theirs.memory.get(kept.memory_id).user_id == "alice"


@pytest.mark.sqlite_only("the canary scan reads SQLite's files")
def test_an_erased_scope_leaves_no_trace_on_disk_or_in_replays(fresh_server):
    fresh_server.env_overrides["MNEMEXA_EMBEDDER"] = "hashing"
    fresh_server.start()
    client = fresh_server.client("erase-disk")
    text = "Vorblenix renewal: the Quathmire contract closes on the 14th."
    key = str(uuid.uuid4())
    stored = client.memory.store(
        text, meta={"who": "Vorblenix"}, user_id="carol", extra_headers={"Idempotency-Key": key}
    )
    client.memory.update(stored.memory_id, text=text + " Vorblenix signs.")
    keep = client.memory.store("The boiler service is booked for Tuesday.", user_id="dave")
    _checkpoint(fresh_server.data_dir)
    assert _hits(fresh_server.data_dir, CANARY_WORDS)

    assert client.memory.delete_many(user_id="carol").memories_deleted == 1
    _checkpoint(fresh_server.data_dir)
    assert _hits(fresh_server.data_dir, CANARY_WORDS) == {}
    replay = client.with_raw_response.memory.store(
        text, meta={"who": "Vorblenix"}, user_id="carol", extra_headers={"Idempotency-Key": key}
    )
    assert replay.headers.get("Idempotency-Replayed") == "true"
    assert replay.parse().memory_id == stored.memory_id
    assert "Vorblenix" not in replay.http_response.text
    assert "Quathmire" not in replay.http_response.text
    assert [m.memory_id for m in client.memory.list()] == [keep.memory_id]


def test_stats_count_by_category_and_scope(hashing_server, workspace_name):
    client = hashing_server.client(workspace_name)
    ids = _seed(client)
    everything = client.memory.stats()
    assert everything.total == sum(len(group) for group in ids.values())
    assert everything.by_scope.user_id.to_dict() == {"alice": 6, "bob": 3}
    assert everything.by_scope.agent_id.to_dict() == {"planner": 6, "coder": 3}
    assert everything.by_scope.session_id.to_dict() == {}
    listed = list(client.memory.list(limit=100))
    assert everything.avg_importance == pytest.approx(
        sum(m.importance for m in listed) / len(listed), abs=1e-3
    )
    categories: dict[str, int] = {}
    for memory in listed:
        for category in memory.categories:
            categories[category] = categories.get(category, 0) + 1
    assert everything.by_category.to_dict() == categories

    alice = client.memory.stats(user_id="alice")
    assert alice.total == 6
    assert alice.by_scope.user_id.to_dict() == {"alice": 6}
    assert client.memory.stats(user_id="alice", agent_id="coder").total == 3
    assert client.memory.stats(user_id="nobody").total == 0
    assert client.memory.stats(user_id="nobody").avg_importance == 0


@pytest.mark.sqlite_only("the canary scan reads SQLite's files")
def test_a_purged_workspace_leaves_no_queued_event_or_write_on_disk(fresh_server):
    fresh_server.env_overrides.update({"MNEMEXA_EMBEDDER": "hashing", "MNEMEXA_WORKER_BATCH": "0"})
    fresh_server.start()
    client = fresh_server.client("purged")
    text = "Vorblenix renewal: the Quathmire contract closes on the 14th."
    event = {"user_id": "carol", "session_id": "s1", "kind": "user_message", "content": text}
    client.events.ingest([event])
    client.memory.store_async(text, user_id="dave")
    _checkpoint(fresh_server.data_dir)
    assert _hits(fresh_server.data_dir, CANARY_WORDS)  # queued, not yet processed
    done = fresh_server.cli("workspaces", "delete", "purged", "--yes")
    assert done.returncode == 0, done.stderr
    _checkpoint(fresh_server.data_dir)
    assert _hits(fresh_server.data_dir, CANARY_WORDS) == {}
