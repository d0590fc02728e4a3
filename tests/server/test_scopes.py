"""Scope fields on memories: stored once, returned, filtered on before ranking, never crossed
by dedup."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Any, Dict

import httpx
import mnemexa
import pytest

SCOPES = ("agent_id", "user_id", "session_id", "role_id", "team_id")


def _scope(memory: Any) -> Dict[str, Any]:
    return {name: getattr(memory, name) for name in SCOPES}


def test_the_same_text_for_two_users_is_two_memories(hashing_server, workspace_name):
    client = hashing_server.client(workspace_name)
    text = "Prefers tea over coffee in the morning."
    alice = client.memory.store(text, user_id="alice")
    bob = client.memory.store(text, user_id="bob")
    unscoped = client.memory.store(text)
    assert {alice.dedup.action, bob.dedup.action, unscoped.dedup.action} == {"stored_new"}
    assert len({alice.memory_id, bob.memory_id, unscoped.memory_id}) == 3
    again = client.memory.store(text, user_id="alice")
    assert (again.dedup.action, again.dedup.existing_id) == ("duplicate_exact", alice.memory_id)
    in_batch = client.memory.store_batch([text, {"text": text, "user_id": "carol"}], user_id="bob")
    actions = [(item.result.dedup.action, item.result.memory_id) for item in in_batch.results]
    assert actions[0] == ("duplicate_exact", bob.memory_id)
    assert actions[1][0] == "stored_new"
    assert client.memory.get(actions[1][1]).user_id == "carol"


def test_scope_fields_come_back_and_filter_list_and_retrieve_alike(hashing_server, workspace_name):
    client = hashing_server.client(workspace_name)
    rows = [
        {"agent_id": "planner", "user_id": "alice", "session_id": "s1"},
        {"agent_id": "planner", "user_id": "bob", "role_id": "admin"},
        {"agent_id": "coder", "user_id": "alice", "team_id": "core"},
        {},
    ]
    ids = [
        client.memory.store(f"Budget note number {i} about the quarterly plan.", **row).memory_id
        for i, row in enumerate(rows)
    ]
    stored = {m.memory_id: m for m in client.memory.list()}
    for memory_id, row in zip(ids, rows):
        assert _scope(stored[memory_id]) == {name: row.get(name) for name in SCOPES}
    cases = [
        ({"agent_id": "planner"}, {0, 1}),
        ({"user_id": "alice"}, {0, 2}),
        ({"agent_id": "planner", "user_id": "alice"}, {0}),
        ({"session_id": "s1"}, {0}),
        ({"role_id": "admin"}, {1}),
        ({"team_id": "core"}, {2}),
        ({"user_id": "nobody"}, set()),
    ]
    for where, expected in cases:
        listed = {m.memory_id for m in client.memory.list(**where)}
        found = {
            m.memory_id for m in client.memory.retrieve("budget plan", top_k=10, **where).memories
        }
        assert listed == found == {ids[i] for i in expected}, where


def test_a_small_scope_in_a_large_workspace_gets_its_own_top_k(hashing_server, workspace_name):
    """Pre-filtering: 50 of alice's memories among 2,000 of others that match the query
    better still give alice her top 10, in score order."""
    client = hashing_server.client(workspace_name)
    rng = random.Random(7)
    words = ["invoice", "deadline", "roadmap", "budget", "hiring", "launch", "vendor", "audit"]
    others = [
        {"text": f"Budget deadline note {i}: {' '.join(rng.sample(words, 4))}.", "user_id": f"u{i}"}
        for i in range(2000)
    ]
    for start in range(0, len(others), 100):
        client.memory.store_batch(others[start : start + 100], dedup_mode="off")
    mine = [f"Alice's garden journal entry {i}: tomatoes and basil." for i in range(50)]
    for start in range(0, 50, 25):
        client.memory.store_batch(mine[start : start + 25], user_id="alice", dedup_mode="off")
    hits = client.memory.retrieve("budget deadline", top_k=10, user_id="alice").memories
    assert len(hits) == 10
    assert {hit.user_id for hit in hits} == {"alice"}
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    unfiltered = client.memory.retrieve("budget deadline", top_k=10).memories
    assert "alice" not in {hit.user_id for hit in unfiltered}  # others do match better


def test_retrieve_takes_the_list_filters(hashing_server, workspace_name):
    client = hashing_server.client(workspace_name)
    first = client.memory.store("The security audit is booked for the spring.", user_id="a")
    later = datetime.now(timezone.utc) + timedelta(seconds=1)
    kept = client.memory.retrieve("security audit", created_before=later, min_importance=1)
    assert first.memory_id in {m.memory_id for m in kept.memories}
    assert client.memory.retrieve("security audit", created_after=later).memories == []
    none = client.memory.retrieve("security audit", category="no_such_category")
    assert none.memories == []


def test_observed_at_defaults_to_the_store_and_can_be_given(hashing_server, workspace_name):
    client = hashing_server.client(workspace_name)
    said = datetime(2025, 3, 4, 5, 6, 7, tzinfo=timezone.utc)
    given = client.memory.store("We met at the Lisbon conference.", observed_at=said)
    default = client.memory.store("The office moves to the fifth floor.")
    assert client.memory.get(given.memory_id).observed_at == said
    fetched = client.memory.get(default.memory_id)
    assert fetched.observed_at == fetched.created_at


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "x y", "user_id": ""}, "user_id"),
        ({"text": "x y", "agent_id": "a" * 129}, "agent_id"),
        ({"text": "x y", "team_id": 7}, "team_id"),
        ({"text": "x y", "observed_at": "yesterday"}, "observed_at"),
        ({"text": "x y", "observed_at": "9999-12-31T23:59:59-01:00"}, "observed_at"),
    ],
)
def test_bad_scope_values_are_refused(hashing_server, workspace_name, body, field):
    key = hashing_server.new_key(workspace_name)
    answer = httpx.post(
        hashing_server.url + "/v1/memory/store",
        json=body,
        headers={"Authorization": f"Bearer {key}"},
    )
    assert answer.status_code == 422, answer.text
    assert field in answer.text
    assert (
        mnemexa.Client(api_key=key, base_url=hashing_server.url).memory.list().fetch_page().data
        == []
    )


def test_scope_is_immutable(hashing_server, workspace_name):
    client = hashing_server.client(workspace_name)
    stored = client.memory.store("Reports go out on Fridays.", user_id="alice")
    answer = httpx.patch(
        f"{hashing_server.url}/v1/memory/{stored.memory_id}",
        json={"user_id": "bob"},
        headers={"Authorization": f"Bearer {hashing_server.keys[-1]}"},
    )
    assert answer.status_code == 422, answer.text
    client.memory.update(stored.memory_id, text="Reports go out on Thursdays.")
    assert client.memory.get(stored.memory_id).user_id == "alice"


def test_a_replay_after_delete_returns_no_scope_value(hashing_server, workspace_name):
    """A recorded update response names the memory's user; once the memory is deleted, a
    replay of that update answers without it (a user id can be an email address)."""
    key = hashing_server.new_key(workspace_name)
    headers = {"Authorization": f"Bearer {key}"}
    url = hashing_server.url
    stored = httpx.post(
        url + "/v1/memory/store",
        json={"text": "Invoices go to the finance inbox.", "user_id": "alice@example.com"},
        headers=headers,
    ).json()
    update = {"meta": {"checked": True}}
    replay_headers = {**headers, "Idempotency-Key": "scoped-update-1"}
    first = httpx.patch(
        f"{url}/v1/memory/{stored['memory_id']}", json=update, headers=replay_headers
    )
    assert first.json()["user_id"] == "alice@example.com"
    assert (
        httpx.delete(f"{url}/v1/memory/{stored['memory_id']}", headers=headers).status_code == 204
    )
    replayed = httpx.patch(
        f"{url}/v1/memory/{stored['memory_id']}", json=update, headers=replay_headers
    )
    assert replayed.headers.get("idempotency-replayed") == "true"
    assert "alice@example.com" not in replayed.text
    assert replayed.json()["user_id"] is None
