"""Every memory method, sync and async, replayed from cassettes recorded against the server."""

from __future__ import annotations

import mnemexa
import pytest

from tests.cassettes.calls import call, collect, pages

pytestmark = [pytest.mark.vcr, pytest.mark.block_network]

SEED = (
    "Client prefers async standups on Tuesdays at 9am IST and mandates passing tests "
    "before merging to main."
)
FACTS = [
    "The team holds standup every weekday at 9:30 in the Oak room.",
    "Priya owns the billing service and its on-call rota.",
    "The mobile app release is planned for the end of Q2.",
    "Use ruff and mypy --strict on every pull request.",
    "The staging database is PostgreSQL 16 on db-stage-1.",
]


async def test_store_reports_every_pipeline_outcome(connect):
    client = connect.client()
    result = await call(client.memory.store(SEED, meta={"source": "kickoff_meeting"}))
    assert result.status == "ok"
    assert result.dedup.action == "stored_new"
    assert result.dedup.existing_id is None
    assert {"project_management", "team_workflow"} <= set(result.categories)
    assert 1 <= result.importance <= 10
    assert result.temporal.type_ == "persistent"
    assert result.temporal.valid_until is None
    assert result.pii.detected == []


async def test_store_resolves_time_and_folds_exact_duplicates(connect):
    client = connect.client()
    text = "I am on vacation until Friday."
    first = await call(client.memory.store(text))
    assert first.temporal.type_ == "temporal"
    assert first.temporal.valid_until.date().isoformat() == "2026-03-06"  # the clock is fixed
    again = await call(client.memory.store(text))
    assert again.dedup.action == "duplicate_exact"
    assert again.dedup.existing_id == first.memory_id


async def test_store_batch_gives_one_result_per_item(connect):
    client = connect.client()
    batch = await call(
        client.memory.store_batch(
            [
                FACTS[0],
                {"text": "Card on file: 4111 1111 1111 1111", "meta": {"source": "chat"}},
                {"text": FACTS[1], "meta": {"source": "org_chart"}},
            ]
        )
    )
    assert [r.index for r in batch.results] == [0, 1, 2]
    assert [r.status for r in batch.results] == ["ok", "error", "ok"]
    assert batch.results[1].error.code == "pii_rejected"
    assert "4111" not in str(batch.results[1].error.to_dict())
    assert batch.results[2].result.memory_id != batch.results[0].result.memory_id


async def test_retrieve_ranks_the_relevant_memory_first(connect):
    client = connect.client()
    await call(client.memory.store_batch(FACTS))
    found = await call(client.memory.retrieve("When is the daily standup?", top_k=3))
    assert 1 <= len(found.memories) <= 3
    assert "standup" in found.memories[0].text
    scores = [m.score for m in found.memories]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert len(scores) >= 2
    assert scores[0] > scores[1]
    between = round((scores[0] + scores[1]) / 2, 6)
    strict = await call(
        client.memory.retrieve("When is the daily standup?", top_k=3, min_score=between)
    )
    assert [m.memory_id for m in strict.memories] == [found.memories[0].memory_id]


async def test_retrieve_hides_expired_memories_unless_asked(connect):
    client = connect.client()
    expired = await call(client.memory.store("The Berlin office is closed until 2026-02-01."))
    assert expired.temporal.type_ == "temporal"
    default = await call(client.memory.retrieve("Is the Berlin office closed?"))
    assert expired.memory_id not in [m.memory_id for m in default.memories]
    everything = await call(
        client.memory.retrieve("Is the Berlin office closed?", include_expired=True)
    )
    assert expired.memory_id in [m.memory_id for m in everything.memories]


async def test_list_pages_through_every_memory_newest_first(connect):
    client = connect.client()
    await call(client.memory.store_batch(FACTS))
    items = await collect(client.memory.list(limit=2))
    assert [m.text for m in items] == list(reversed(FACTS))
    assert [len(page.data) for page in await pages(client.memory.list(limit=2))] == [2, 2, 1]
    first = await call(client.memory.list(limit=2).fetch_page())
    assert first.has_more is True
    rest = await collect(client.memory.list(limit=2, cursor=first.next_cursor))
    assert [m.text for m in rest] == list(reversed(FACTS))[2:]


async def test_list_filters(connect):
    client = connect.client()
    await call(client.memory.store_batch([*FACTS, "I am out sick today."]))
    temporal = await collect(client.memory.list(temporal_type="temporal"))
    assert [m.text for m in temporal] == ["I am out sick today.", FACTS[2]]  # newest first
    important = await collect(client.memory.list(min_importance=5))
    assert all(m.importance >= 5 for m in important)


async def test_get_update_delete(connect):
    client = connect.client()
    stored = await call(client.memory.store("The deploy window is Thursday 14:00 UTC."))
    memory = await call(client.memory.get(stored.memory_id))
    assert memory.text == "The deploy window is Thursday 14:00 UTC."
    updated = await call(
        client.memory.update(
            stored.memory_id, text="The deploy window is Friday 10:00 UTC.", meta={"v": 2}
        )
    )
    assert updated.text == "The deploy window is Friday 10:00 UTC."
    assert updated.meta.to_dict() == {"v": 2}
    assert [r.text for r in updated.history] == ["The deploy window is Thursday 14:00 UTC."]
    assert await call(client.memory.delete(stored.memory_id)) is None
    with pytest.raises(mnemexa.NotFoundError):
        await call(client.memory.get(stored.memory_id))
