"""Scopes end to end, sync and async, replayed from cassettes: erasure by scope, statistics,
agents, sessions, events and queued writes."""

from __future__ import annotations

import asyncio
from typing import Any, Callable

import mnemexa
import pytest

from tests.cassettes.calls import call, collect

pytestmark = [pytest.mark.vcr, pytest.mark.block_network]

POLL_SECONDS = 0.1


async def _until(ask: Callable[[], Any], done: Callable[[Any], bool], tries: int = 200) -> Any:
    """Ask until ``done`` (each recorded answer replays in order, so a replay ends as the
    recording did)."""
    for _ in range(tries):
        answer = await call(ask())
        if done(answer):
            return answer
        await asyncio.sleep(POLL_SECONDS)
    raise AssertionError("never done")


async def test_delete_many_erases_one_users_memories(connect):
    client = connect.client()
    await call(client.memory.store("Prefers tea in the morning.", user_id="alice"))
    await call(client.memory.store("Prefers tea in the morning.", user_id="bob"))
    with pytest.raises(mnemexa.ValidationError):
        await call(client.memory.delete_many())
    erased = await call(client.memory.delete_many(user_id="alice"))
    assert (erased.memories_deleted, erased.sessions_deleted) == (1, 0)
    left = await collect(client.memory.list())
    assert [m.user_id for m in left] == ["bob"]


async def test_stats_count_by_category_and_scope(connect):
    client = connect.client()
    await call(
        client.memory.store_batch(
            ["Priya owns the billing service.", "The release is planned for June."],
            user_id="alice",
            agent_id="planner",
        )
    )
    await call(client.memory.store("Bob prefers email over calls.", user_id="bob"))
    stats = await call(client.memory.stats())
    assert stats.total == 3
    assert stats.by_scope.user_id.to_dict() == {"alice": 2, "bob": 1}
    assert stats.by_scope.agent_id.to_dict() == {"planner": 2}
    assert 1 <= stats.avg_importance <= 10
    assert (await call(client.memory.stats(user_id="bob"))).total == 1


async def test_agents_register_list_update_stats_and_delete(connect):
    client = connect.client()
    agent = await call(client.agents.create("planner", "Plans the week", agent_id="planner"))
    assert (agent.agent_id, agent.name, agent.description) == (
        "planner",
        "planner",
        "Plans the week",
    )
    with pytest.raises(mnemexa.ConflictError):
        await call(client.agents.create("again", agent_id="planner"))
    other = await call(client.agents.create("coder"))
    assert other.agent_id != "planner"
    assert [a.agent_id for a in await collect(client.agents.list(limit=1))] == [
        other.agent_id,
        "planner",
    ]
    renamed = await call(client.agents.update("planner", name="Planner", description=None))
    assert (renamed.name, renamed.description) == ("Planner", None)
    assert (await call(client.agents.get("planner"))).name == "Planner"
    await call(client.memory.store("The sprint review is on Friday.", agent_id="planner"))
    stats = await call(client.agents.stats("planner"))
    assert (stats.registered, stats.memory_count) == (True, 1)
    unregistered = await call(client.agents.stats("nobody"))
    assert (unregistered.registered, unregistered.memory_count) == (False, 0)
    deleted = await call(client.agents.delete("planner"))
    assert deleted.erased.memories_deleted == 1
    with pytest.raises(mnemexa.NotFoundError):
        await call(client.agents.get("planner"))


async def test_sessions_start_end_summarize_and_delete(connect):
    client = connect.client()
    session = await call(client.sessions.get_or_create("chat-1", user_id="alice"))
    assert (session.session_id, session.status, session.memory_count) == ("chat-1", "open", 0)
    again = await call(client.sessions.get_or_create("chat-1", user_id="alice"))
    assert again.created_at == session.created_at
    with pytest.raises(mnemexa.ConflictError):
        await call(client.sessions.get_or_create("chat-1", user_id="bob"))
    await call(
        client.memory.store_batch(
            ["Alice moved to Lyon in May.", "Alice's manager is Priya."],
            user_id="alice",
            session_id="chat-1",
        )
    )
    summary = await call(client.sessions.summarize("chat-1", max_sentences=2))
    assert summary.summary
    assert len(summary.memory_ids) == 2
    got = await call(client.sessions.get("chat-1"))
    assert (got.memory_count, got.summary) == (2, summary.summary)
    ended = await call(client.sessions.end("chat-1"))
    assert ended.status == "ended"
    with pytest.raises(mnemexa.ConflictError) as refused:
        await call(client.memory.store("Alice likes jazz.", user_id="alice", session_id="chat-1"))
    assert refused.value.code == "session_ended"
    started = await call(client.sessions.create(agent_id="planner"))
    listed = await collect(client.sessions.list(status="open"))
    assert [s.session_id for s in listed] == [started.session_id]
    assert await call(client.sessions.delete("chat-1")) is None
    with pytest.raises(mnemexa.NotFoundError):
        await call(client.sessions.get("chat-1"))


async def test_events_become_memories_with_their_sources(connect):
    client = connect.client()
    accepted = await call(
        client.events.ingest(
            [
                {
                    "user_id": "alice",
                    "session_id": "chat-2",
                    "kind": "user_message",
                    "content": "I moved to Lyon last month.",
                },
                {
                    "user_id": "alice",
                    "session_id": "chat-2",
                    "kind": "tool_result",
                    "content": "Calendar: dentist appointment on 2026-03-20.",
                },
            ]
        )
    )
    assert accepted.accepted == 2
    ids = accepted.event_ids
    status = await _until(
        lambda: client.events.status(ids), lambda s: sorted(s.completed_ids) == sorted(ids)
    )
    assert (status.pending_ids, status.failed) == ([], [])
    unknown = await call(client.events.status(["evt_unknown"]))
    assert [(f.event_id, f.reason) for f in unknown.failed] == [("evt_unknown", "not_found")]
    events = await collect(client.events.list(user_id="alice", kind="user_message"))
    assert [e.content for e in events] == ["I moved to Lyon last month."]
    hits = await call(
        client.memory.retrieve(
            "Where does Alice live?", user_id="alice", include_source_events=True
        )
    )
    top = hits.memories[0]
    assert "Lyon" in top.text
    assert [e.event_id for e in top.source_events] == list(top.source_event_ids)


async def test_store_async_then_write_status(connect):
    client = connect.client()
    accepted = await call(client.memory.store_async("The office plants are watered every Monday."))
    assert accepted.status == "queued"
    done = await _until(
        lambda: client.memory.write_status(accepted.write_id),
        lambda s: s.status in ("completed", "failed"),
    )
    assert done.status == "completed"
    assert done.result.dedup.action == "stored_new"
    stored = await call(client.memory.get(done.result.memory_id))
    assert stored.text == "The office plants are watered every Monday."
    missing = await call(client.memory.write_status("wr_unknown"))
    assert missing.status == "not_found"
