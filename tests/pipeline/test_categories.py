"""The category tagger's parts: its examples, their shipped vectors, scoring and the choice rule."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from mnemexa_server.embedding import make_embedder
from mnemexa_server.embedding.hashing import HashingEmbedder
from mnemexa_server.pipeline import category_examples
from mnemexa_server.pipeline.categories import (
    DEFAULT_SETTINGS,
    CategoryTagger,
    PrototypeScorer,
    TaggerSettings,
    choose,
)
from mnemexa_server.pipeline.category_examples import (
    VECTORS_PATH,
    example_vectors,
    fingerprint,
    load_examples,
)
from mnemexa_server.pipeline.taxonomy import TAG_NAMES

from evals.data import DATA_DIR

# Examples this close to an evaluation memory (cosine) were removed from the examples.
NEAR_DUPLICATE = 0.85
SEED = (
    "Client prefers async standups on Tuesdays at 9am IST and mandates passing tests before "
    "merging to main."
)


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def test_every_tag_has_enough_examples():
    counts = load_examples().labels.sum(axis=0).tolist()
    assert {name: c for name, c in zip(TAG_NAMES, counts) if c < 30} == {}


def test_no_evaluation_memory_is_among_the_examples_even_reworded():
    examples = load_examples()
    evaluated = [
        json.loads(line)["text"]
        for path in [
            DATA_DIR / "categories.jsonl",
            *sorted((DATA_DIR / "holdout").glob("categor*")),
        ]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(evaluated) >= 800
    known = {_normalised(t) for t in examples.texts}
    assert [t for t in evaluated if _normalised(t) in known] == []
    embedder = make_embedder("minilm")
    nearest = (embedder.embed(evaluated) @ example_vectors(embedder, examples).T).max(axis=1)
    assert [t for t, similarity in zip(evaluated, nearest) if similarity >= NEAR_DUPLICATE] == []


def test_an_unknown_tag_in_the_examples_is_an_error(tmp_path: Path):
    path = tmp_path / "examples.jsonl"
    path.write_text(json.dumps({"text": "x", "categories": ["preferences", "gossip"]}) + "\n")
    with pytest.raises(ValueError, match="line 1: unknown tags \\['gossip'\\]"):
        load_examples(path)


def test_the_shipped_vectors_are_current_for_the_default_embedder():
    embedder = make_embedder("minilm")
    examples = load_examples()
    with np.load(VECTORS_PATH, allow_pickle=False) as shipped:
        assert str(shipped["fingerprint"]) == fingerprint(embedder.name, examples.texts)
        vectors = shipped["vectors"].astype(np.float32)
    sample = [0, len(examples.texts) // 2, len(examples.texts) - 1]
    fresh = embedder.embed([examples.texts[i] for i in sample])
    assert np.all(np.sum(fresh * vectors[sample], axis=1) > 0.999)


def test_another_embedder_embeds_the_examples_itself(monkeypatch: pytest.MonkeyPatch):
    embedder = HashingEmbedder(dim=32)
    examples = load_examples()
    vectors = example_vectors(embedder, examples)
    assert vectors.shape == (len(examples.texts), 32)
    assert np.allclose(vectors[:3], embedder.embed(list(examples.texts[:3])))
    monkeypatch.setattr(category_examples, "VECTORS_PATH", Path("/nonexistent/vectors.npz"))
    assert np.allclose(example_vectors(embedder, examples), vectors)


def test_a_prototype_scorer_ranks_the_nearest_examples_first():
    vectors = np.eye(4, dtype=np.float32)
    labels = np.array([[1, 0], [1, 0], [0, 1], [0, 1]], dtype=bool)
    scorer = PrototypeScorer(vectors, labels, top_k=1, centroid_weight=0.0)
    query = np.array([[0.0, 0.0, 0.6, 0.8]], dtype=np.float32)
    assert scorer.similarities(query)[0].tolist() == pytest.approx([0.0, 0.8])
    blended = PrototypeScorer(vectors, labels, top_k=2, centroid_weight=0.5)
    # nearest two of tag 1: (0.6 + 0.8) / 2; centroid of tag 1: (0.6 + 0.8) / sqrt(2)
    assert blended.similarities(query)[0, 1] == pytest.approx(0.5 * 0.7 + 0.5 * 1.4 / 2**0.5)


def test_a_tag_without_examples_is_refused():
    with pytest.raises(ValueError, match="every tag needs at least one example"):
        PrototypeScorer(np.eye(2, dtype=np.float32), np.array([[1, 0], [1, 0]], dtype=bool), 1, 0.0)


@pytest.mark.parametrize(
    ("scores", "chosen"),
    [
        ([0.9, 0.8, 0.7, 0.6], [True, True, True, False]),  # at most max_tags
        ([0.62, 0.59, 0.3, 0.1], [True, True, False, False]),  # near the best, above the floor
        ([0.62, 0.55, 0.3, 0.1], [True, False, False, False]),  # too far below the best
        ([0.52, 0.49, 0.3, 0.1], [True, False, False, False]),  # near, but under the floor
        ([0.2, 0.1, 0.0, 0.0], [True, False, False, False]),  # none qualifies: the best one
    ],
)
def test_the_choice_rule(scores: list[float], chosen: list[bool]):
    settings = TaggerSettings(threshold=0.6, near_best=0.05, floor_gap=0.1, max_tags=3)
    assert choose(np.array([scores], dtype=np.float32), settings)[0].tolist() == chosen


def test_keywords_alone_decide_without_an_embedder():
    tagger = CategoryTagger()
    assert tagger.tag("Our flight to Lisbon leaves at 7am.") == ["travel"]
    assert len(tagger.tag("Nothing to see here.")) == 1


def test_the_seed_example_gets_the_seed_tags():
    embedder = make_embedder("minilm")
    tags = CategoryTagger(embedder).tag(SEED, embedder.embed([SEED])[0])
    assert {"project_management", "team_workflow"} <= set(tags)
    assert 1 <= len(tags) <= DEFAULT_SETTINGS.max_tags
