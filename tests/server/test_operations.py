"""Every operation of openapi.yaml, through the SDK, against the real server."""

from __future__ import annotations

import httpx
import mnemexa
import pytest

SEED = (
    "Client prefers async standups on Tuesdays at 9am IST and mandates passing tests before "
    "merging to main."
)


def test_status(server, workspace_name):
    status = server.client(workspace_name).status()
    assert status.workspace_name == workspace_name
    assert status.workspace_status == "active"
    assert status.api_version == "0.2.0"
    assert status.workspace_id > 0


def test_store_returns_the_seed_shape(server, workspace_name):
    client = server.client(workspace_name)
    result = client.memory.store(SEED, meta={"source": "kickoff_meeting"})
    assert result.status == "ok"
    assert result.workspace_id == client.status().workspace_id
    assert result.dedup.action == "stored_new"
    assert result.dedup.existing_id is None
    assert 1 <= result.importance <= 10
    assert {"project_management", "team_workflow"} <= set(result.categories)
    assert result.temporal.type_ == "persistent"
    assert result.temporal.valid_until is None
    got = client.memory.get(result.memory_id)
    assert got.text == SEED
    assert got.meta["source"] == "kickoff_meeting"


def test_exact_duplicate_is_not_stored_twice(server, workspace_name):
    client = server.client(workspace_name)
    first = client.memory.store("The staging database is Postgres 16.")
    again = client.memory.store("  the staging database is postgres 16 ")
    assert again.dedup.action == "duplicate_exact"
    assert again.dedup.existing_id == first.memory_id
    assert again.memory_id == first.memory_id
    assert len(list(client.memory.list())) == 1
    assert client.optimize.health().signals.duplicates_prevented == 1


def test_retrieve_respects_top_k_and_min_score(server, workspace_name):
    client = server.client(workspace_name)
    client.memory.store_batch(
        [
            "The billing service retries failed charges three times.",
            "Billing service alerts go to the payments on-call.",
            "The billing service is written in Go.",
            "Invoices from the billing service are emailed on the 1st.",
            "The search service uses OpenSearch.",
            "Lunch is at noon on Fridays.",
        ]
    )
    hits = client.memory.retrieve("billing service", top_k=3)
    assert len(hits.memories) == 3
    scores = [m.score for m in hits.memories]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    everything = client.memory.retrieve("billing service", top_k=10).memories
    assert len(everything) == 6  # six distinct facts: none deduplicated
    assert client.memory.retrieve("billing service", top_k=10, min_score=0.99).memories == []
    high = client.memory.retrieve("billing service", top_k=10, min_score=scores[1])
    expected = [m.memory_id for m in everything if m.score >= scores[1]]
    assert len(expected) >= 2
    assert len(expected) < len(everything)
    assert [m.memory_id for m in high.memories] == expected


def test_list_pages_and_filters(server, workspace_name):
    client = server.client(workspace_name)
    texts = [
        "The team agreed to ship the billing export first.",
        "Priya leads the mobile app redesign.",
        "Our Kubernetes cluster runs in eu-west-1.",
        "The design review moved to Thursday afternoons.",
        "Customer Acme renews their contract in March.",
        "We decided to drop support for Python 3.8.",
        "The support rota changes every Monday.",
    ]
    ids = [r.result.memory_id for r in client.memory.store_batch(texts).results]
    listed = [m.memory_id for m in client.memory.list(limit=3)]
    assert listed == sorted(ids, reverse=True)
    page = client.memory.list(limit=3).fetch_page()
    assert len(page.data) == 3
    assert page.has_more
    rest = client.memory.list(limit=100, cursor=page.next_cursor).fetch_page()
    assert [m.memory_id for m in rest.data] == sorted(ids, reverse=True)[3:]
    assert rest.has_more is False
    assert rest.next_cursor is None
    decided = list(client.memory.list(category="decisions"))
    assert decided
    assert all("decisions" in m.categories for m in decided)
    everything = list(client.memory.list())
    levels = sorted({m.importance for m in everything})
    assert len(levels) >= 2  # the texts above differ in business value
    floor = levels[1]
    important = {m.memory_id for m in client.memory.list(min_importance=floor)}
    assert important == {m.memory_id for m in everything if m.importance >= floor}
    assert 0 < len(important) < len(everything)


def test_update_text_and_meta(server, workspace_name):
    client = server.client(workspace_name)
    stored = client.memory.store("Deploys happen on Thursdays.", meta={"source": "wiki"})
    updated = client.memory.update(stored.memory_id, text="Deploys now happen on Wednesdays.")
    assert updated.text == "Deploys now happen on Wednesdays."
    assert updated.meta["source"] == "wiki"
    meta_only = client.memory.update(stored.memory_id, meta={"source": "slack"})
    assert meta_only.text == "Deploys now happen on Wednesdays."
    assert meta_only.meta.to_dict() == {"source": "slack"}
    hits = client.memory.retrieve("Wednesdays deploys", top_k=1)
    assert hits.memories[0].memory_id == stored.memory_id


def test_store_batch_reports_each_item(server, workspace_name):
    client = server.client(workspace_name)
    batch = client.memory.store_batch(
        [
            "The CFO approved the Q3 budget.",
            {"text": "my password is hunter22!", "meta": {"x": 1}},
            {"text": "The CFO approved the Q3 budget."},
        ]
    )
    ok, rejected, dup = batch.results
    assert (ok.status, rejected.status, dup.status) == ("ok", "error", "ok")
    assert rejected.error.code == "pii_rejected"
    assert "hunter22" not in str(rejected.error.to_dict())
    assert dup.result.dedup.action == "duplicate_exact"
    assert dup.result.memory_id == ok.result.memory_id


def test_health_reports_signals(server, workspace_name):
    client = server.client(workspace_name)
    empty = client.optimize.health()
    assert empty.quality_score == 100
    assert empty.signals.total_memories == 0
    client.memory.store("Maria owns the payments roadmap for Q1.")
    client.memory.store("The office is closed until 2020-01-02.")  # already expired
    health = client.optimize.health()
    assert health.signals.total_memories == 2
    assert health.signals.expired_memories == 1
    assert health.signals.active_memories == 1
    assert 0 <= health.quality_score < 100


def test_expired_memories_are_hidden_from_retrieve_by_default(server, workspace_name):
    client = server.client(workspace_name)
    stored = client.memory.store("The parking garage is closed until 2020-01-02.")
    assert stored.temporal.type_ == "temporal"
    assert stored.temporal.raw_text == "until 2020-01-02"
    assert client.memory.retrieve("parking garage closed").memories == []
    shown = client.memory.retrieve("parking garage closed", include_expired=True)
    assert [m.memory_id for m in shown.memories] == [stored.memory_id]
    assert [m.memory_id for m in client.memory.list(include_expired=False)] == []


async def test_async_client_against_the_server(server, workspace_name):
    async with server.async_client(workspace_name) as client:
        stored = await client.memory.store("Async memory about the data warehouse.")
        hits = await client.memory.retrieve("data warehouse", top_k=3)
        assert hits.memories[0].memory_id == stored.memory_id
        ids = [m.memory_id async for m in client.memory.list()]
        assert ids == [stored.memory_id]
        await client.memory.delete(stored.memory_id)
        with pytest.raises(mnemexa.NotFoundError):
            await client.memory.get(stored.memory_id)


def test_spec_is_served_as_is(server):
    import yaml
    from mnemexa_server.spec import SPEC_PATH

    served = httpx.get(server.url + "/openapi.json").json()
    assert served == yaml.safe_load(SPEC_PATH.read_text())
    assert httpx.get(server.url + "/openapi.yaml").text == SPEC_PATH.read_text()


def test_an_update_keeps_the_old_text_in_history(server, workspace_name):
    client = server.client(workspace_name)
    first = client.memory.store("The weekly design sync is on Thursdays at 2pm.")
    second = client.memory.store("The weekly design sync moved to Fridays at 3pm.")
    assert second.dedup.action == "updated_existing"
    assert second.dedup.existing_id == first.memory_id == second.memory_id
    memory = client.memory.get(first.memory_id)
    assert memory.text == "The weekly design sync moved to Fridays at 3pm."
    assert [h.text for h in memory.history] == ["The weekly design sync is on Thursdays at 2pm."]
    assert len(list(client.memory.list())) == 1


def test_complementary_details_are_merged_into_one_memory(server, workspace_name):
    client = server.client(workspace_name)
    first = client.memory.store("Priya is the engineering manager for the payments team.")
    second = client.memory.store(
        "Priya is the engineering manager for the payments team and runs its hiring loop in Bangalore."
    )
    assert (second.dedup.action, second.dedup.existing_id) == ("merged", first.memory_id)
    text = client.memory.get(first.memory_id).text
    assert "payments team." in text
    assert "hiring loop in Bangalore" in text
    assert len(list(client.memory.list())) == 1
