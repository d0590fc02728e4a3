"""The server's parts on their own: index, spec routing, stages, embedders, settings."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pytest
from mnemexa_server.app import Api
from mnemexa_server.embedding import HashingEmbedder, make_embedder
from mnemexa_server.pipeline import (
    CategoryTagger,
    ImportanceScorer,
    LocalMergePolicy,
    PiiDetector,
    TemporalClassifier,
)
from mnemexa_server.pipeline.pii import luhn_valid, redact
from mnemexa_server.registry import RESOURCES
from mnemexa_server.resources.workspace.quality import quality_score, signals
from mnemexa_server.search.vector_index import WorkspaceIndex
from mnemexa_server.settings import Settings
from mnemexa_server.spec import operations


def _unit(rng: np.random.Generator, n: int, dim: int = 32) -> np.ndarray:
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_exact_index_finds_nearest_and_forgets_deleted():
    rng = np.random.default_rng(1)
    vectors = _unit(rng, 200)
    index = WorkspaceIndex(32, hnsw_threshold=10_000)
    index.upsert(list(range(1, 201)), vectors)
    assert index.kind == "exact"
    hits = index.search(vectors[41], 3)
    assert hits[0][0] == 42
    assert hits[0][1] == pytest.approx(1.0, abs=1e-5)
    index.remove(42)
    assert 42 not in [i for i, _ in index.search(vectors[41], 10)]
    assert len(index) == 199
    index.upsert([42], vectors[41:42])
    assert index.search(vectors[41], 1)[0][0] == 42


def test_index_switches_to_hnsw_above_threshold_with_high_recall():
    rng = np.random.default_rng(2)
    vectors = _unit(rng, 3000)
    exact = WorkspaceIndex(32, hnsw_threshold=10_000)
    hnsw = WorkspaceIndex(32, hnsw_threshold=1000)
    ids = list(range(1, 3001))
    exact.upsert(ids, vectors)
    hnsw.upsert(ids[:1500], vectors[:1500])  # crosses the threshold: a build starts
    hnsw.upsert(ids[1500:2000], vectors[1500:2000])  # during the build, or after it
    hnsw.remove(7)
    exact.remove(7)
    hnsw.wait_for_build()
    assert hnsw.kind == "hnsw"
    hnsw.upsert(ids[2000:], vectors[2000:])
    queries = _unit(rng, 50)
    overlap = [
        len({i for i, _ in exact.search(q, 10)} & {i for i, _ in hnsw.search(q, 10)}) / 10
        for q in queries
    ]
    assert np.mean(overlap) >= 0.95
    assert all(7 not in {i for i, _ in hnsw.search(q, 10)} for q in queries)


def test_every_spec_operation_has_a_route_and_a_handler(tmp_path):
    ops = operations()
    api = Api(Settings(data_dir=tmp_path), HashingEmbedder())
    assert {op.operation_id for op in ops} == set(api.handlers)
    assert next(op for op in ops if op.operation_id == "get_memory").route_path == (
        "/v1/memory/{memory_id:digits}"  # digits only; spec.py converts and range-checks
    )


def test_stage_interfaces_return_documented_types():
    now = datetime(2026, 11, 21, 12, tzinfo=timezone.utc)
    text = "Client prefers async standups on Tuesdays at 9am IST and mandates passing tests."
    score = ImportanceScorer().score(text)
    assert isinstance(score.value, int)
    assert 1 <= score.value <= 10
    tags = CategoryTagger().tag(text)
    assert isinstance(tags, list)
    assert all(isinstance(t, str) for t in tags)
    temporal = TemporalClassifier().classify("Freeze until Friday", now)
    assert temporal.type == "temporal"
    assert temporal.valid_until == datetime(2026, 11, 27, 23, 59, 59, tzinfo=timezone.utc)
    assert TemporalClassifier().classify(text, now).type == "persistent"
    assert LocalMergePolicy().decide(
        "Standups are now on Mondays", "Standups are on Tuesdays", 0.9
    ) == ("updated_existing")


def test_pii_detector_and_redaction():
    detector = PiiDetector()
    text = "card 4242-4242-4242-4242, ssn 078-05-1120, email ann@example.com"
    found = detector.detect(text)
    assert [f.type for f in found] == ["credit_card", "ssn", "email"]
    assert [f.blocking for f in found] == [True, True, False]
    redacted = redact(text, [f for f in found if f.blocking])
    assert redacted == "card [REDACTED:credit_card], ssn [REDACTED:ssn], email ann@example.com"
    assert luhn_valid("4242424242424242")
    assert not luhn_valid("4242424242424243")
    assert detector.detect("order 4242424242424243 shipped") == []


def test_embedders_share_the_interface():
    hashing = HashingEmbedder(dim=64)
    v = hashing.embed(["alpha beta", "alpha beta", "gamma"])
    assert v.shape == (3, 64)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0)
    assert np.allclose(v[0], v[1])
    minilm = make_embedder("minilm")
    assert minilm.dim == 384  # read from the model, not configured
    pair = minilm.embed(["The cat sat on the mat.", "A cat was sitting on a rug."])
    assert float(pair[0] @ pair[1]) > 0.6
    with pytest.raises(ValueError, match="unknown embedder"):
        make_embedder("nope")


def test_minilm_refuses_a_tampered_model(tmp_path):
    from mnemexa_server.embedding.minilm import MiniLMEmbedder, ModelFileError

    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(ModelFileError, match="sha256"):
        MiniLMEmbedder(model_path=fake)


def test_openai_compatible_embedder_over_a_mock_transport():
    import httpx
    from mnemexa_server.embedding.openai_http import OpenAIEmbedder

    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        inputs = __import__("json").loads(request.content)["input"]
        data = [{"index": i, "embedding": [float(len(t)), 1.0, 0.0]} for i, t in enumerate(inputs)]
        return httpx.Response(200, json={"data": data})

    embedder = OpenAIEmbedder(
        "http://127.0.0.1:9/v1", "small", api_key="sk-test", transport=httpx.MockTransport(handler)
    )
    assert embedder.dim == 3
    out = embedder.embed(["ab", "abcd"])
    assert out.shape == (2, 3)
    assert seen[-1].url.path == "/v1/embeddings"
    assert seen[-1].headers["authorization"] == "Bearer sk-test"


def test_quality_score_formula():
    empty = signals({"total": 0, "expired": 0, "avg_importance": None, "categorized": 0}, 0)
    assert quality_score(empty) == 100
    s = signals({"total": 10, "expired": 5, "avg_importance": 10.0, "categorized": 10}, 2)
    assert s["active_memories"] == 5
    assert quality_score(s) == round(100 * (0.4 * 0.5 + 0.3 * 1.0 + 0.3 * 1.0))


def test_settings_from_env_with_overrides():
    s = Settings.from_env(
        {"MNEMEXA_RATE_LIMIT": "2.5", "MNEMEXA_DATA_DIR": "data/x"}, embedder="hashing"
    )
    assert (s.rate_limit, str(s.data_dir), s.embedder) == (2.5, "data/x", "hashing")
    assert Settings.from_env(s.to_env()) == s


def test_a_spec_operation_without_a_handler_stops_start_up(tmp_path):
    without_memory = [r for r in RESOURCES if r.name != "memory"]
    with pytest.raises(RuntimeError, match=r"operations without a handler: .*store_memory"):
        Api(Settings(data_dir=tmp_path), HashingEmbedder(), resources=without_memory)


def test_start_drops_expired_idempotency_records_and_keeps_fresh_ones(tmp_path):
    import time

    from mnemexa_server.idempotency import IdempotencyStore
    from mnemexa_server.idempotency.replay import TTL_SECONDS
    from mnemexa_server.registry import open_database
    from mnemexa_server.resources.workspace.sql_store import SqlWorkspaceStore

    db = open_database(tmp_path)
    workspace, _ = SqlWorkspaceStore(db).create_key("purge")
    records = IdempotencyStore(db)
    with db.transaction() as tx:
        records.record(workspace.id, "fresh", "fp", 200, {"ok": 1})
        records.record(workspace.id, "stale", "fp", 200, {"ok": 2})
        tx.conn.execute(
            "UPDATE idempotency SET created_at = ? WHERE key = 'stale'",
            (time.time() - TTL_SECONDS - 60,),
        )
    Api(Settings(data_dir=tmp_path), HashingEmbedder())
    keys = {row[0] for row in db.conn.execute("SELECT key FROM idempotency")}
    assert keys == {"fresh"}
