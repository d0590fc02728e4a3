"""Responses are typed models; fields and values a newer server adds are kept and readable."""

from __future__ import annotations

import datetime

import mnemexa
import pytest
from mnemexa.types import MemoryStoreResponse, RetrievedMemory

from .conftest import STORE_OK, Recorder, memory, reply


def test_store_response_is_typed(make_client):
    result = make_client(Recorder(reply(200, STORE_OK))).memory.store("x")
    assert isinstance(result, MemoryStoreResponse)
    assert result.memory_id == 8421
    assert result.dedup.action == "stored_new"
    assert result.dedup.existing_id is None
    assert result.categories == ["project_management", "team_workflow"]
    assert result.temporal.type_ == "persistent"


def test_unknown_fields_are_preserved_top_level_and_nested(make_client):
    body = {
        **STORE_OK,
        "sentiment": {"label": "positive", "score": 0.91},
        "dedup": {"action": "merged_v2", "existing_id": 7, "similarity": 0.93},
        "temporal": {**STORE_OK["temporal"], "timezone": "Asia/Kolkata"},
    }
    result = make_client(Recorder(reply(200, body))).memory.store("x")
    assert result["sentiment"] == {"label": "positive", "score": 0.91}
    assert "sentiment" in result
    assert result.additional_properties == {"sentiment": {"label": "positive", "score": 0.91}}
    assert result.dedup.action == "merged_v2"  # an action this SDK does not know yet
    assert result.dedup["similarity"] == 0.93
    assert result.temporal["timezone"] == "Asia/Kolkata"
    assert result.to_dict()["sentiment"]["score"] == 0.91


def test_retrieve_parses_scores_meta_and_datetimes(make_client):
    hit = {**memory(9, meta={"source": "kickoff_meeting"}), "score": 0.87}
    hit["temporal"] = {
        "type": "temporal",
        "raw_text": "until Friday",
        "valid_until": "2026-11-27T23:59:59Z",
    }
    hits = make_client(Recorder(reply(200, {"memories": [hit]}))).memory.retrieve("prefs", top_k=3)
    (m,) = hits.memories
    assert isinstance(m, RetrievedMemory)
    assert m.score == 0.87
    assert m.meta["source"] == "kickoff_meeting"
    assert m.created_at == datetime.datetime(2026, 11, 1, 10, tzinfo=datetime.timezone.utc)
    assert m.temporal.valid_until == datetime.datetime(
        2026, 11, 27, 23, 59, 59, tzinfo=datetime.timezone.utc
    )


def test_request_bodies_follow_the_spec(make_client):
    recorder = Recorder(reply(200, STORE_OK))
    client = make_client(recorder)
    client.memory.store("Client prefers async standups.", meta={"source": "kickoff_meeting"})
    assert recorder.json_body() == {
        "text": "Client prefers async standups.",
        "meta": {"source": "kickoff_meeting"},
    }
    client.memory.store("no meta")
    assert recorder.json_body() == {"text": "no meta"}

    recorder.outcomes = [reply(200, {"memories": []})]
    client.memory.retrieve("q")
    assert recorder.json_body() == {"query": "q"}  # server defaults apply
    client.memory.retrieve("q", top_k=7, min_score=0.25)
    assert recorder.json_body() == {"query": "q", "top_k": 7, "min_score": 0.25}


def test_update_get_delete_paths_and_bodies(make_client):
    recorder = Recorder(reply(200, memory(12, text="new")))
    client = make_client(recorder)
    updated = client.memory.update(12, text="new", meta={"a": 1})
    assert updated.text == "new"
    assert recorder.requests[-1].method == "PATCH"
    assert recorder.requests[-1].url.path == "/v1/memory/12"
    assert recorder.json_body() == {"text": "new", "meta": {"a": 1}}
    client.memory.update(12, meta={"b": 2})
    assert recorder.json_body() == {"meta": {"b": 2}}

    assert client.memory.get(12).memory_id == 12
    assert recorder.requests[-1].method == "GET"

    recorder.outcomes = [reply(204)]
    assert client.memory.delete(12) is None
    assert recorder.requests[-1].method == "DELETE"


def test_store_batch_maps_strings_and_mappings(make_client):
    results = {
        "results": [
            {"index": 0, "status": "ok", "result": STORE_OK},
            {
                "index": 1,
                "status": "error",
                "error": {"code": "pii_rejected", "message": "card", "request_id": "r"},
            },
        ]
    }
    recorder = Recorder(reply(200, results))
    batch = make_client(recorder).memory.store_batch(
        ["plain text", {"text": "card 4111 1111 1111 1111", "meta": {"src": "chat"}}]
    )
    assert recorder.json_body() == {
        "items": [
            {"text": "plain text"},
            {"text": "card 4111 1111 1111 1111", "meta": {"src": "chat"}},
        ]
    }
    assert batch.results[0].result.memory_id == 8421
    assert batch.results[1].error.code == "pii_rejected"


def test_meta_must_be_a_mapping(make_client):
    client = make_client(Recorder(reply(200, STORE_OK)))
    with pytest.raises(TypeError, match="meta must be a mapping"):
        client.memory.store("x", meta=["not", "a", "mapping"])  # type: ignore[arg-type]


def test_public_names_are_exported():
    for name in mnemexa.__all__:
        assert hasattr(mnemexa, name), name
