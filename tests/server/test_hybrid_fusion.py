"""The fusion of hybrid retrieval, on hand-made candidates: each ranking component alone."""

from __future__ import annotations

from typing import Optional, Sequence

import mnemexa_server.resources.memory  # noqa: F401 - first, as the server imports them
import numpy as np
import pytest
from mnemexa_server.resources.memory.store import Candidate, Filter, Memory, Scope
from mnemexa_server.search.hybrid import CONTEXT_WEIGHT, DENSE_WEIGHT, HybridRetriever

QUERY = np.array([1.0, 0.0], dtype=np.float32)


def _memory(memory_id: int, cosine: float, session: Optional[str] = None, **extra) -> Memory:
    vector = np.array([cosine, np.sqrt(1 - cosine**2)], dtype=np.float32)
    fields = dict(
        memory_id=memory_id,
        workspace_id=1,
        text=f"m{memory_id}",
        text_hash="",
        meta={},
        importance=5,
        categories=[],
        temporal_type="persistent",
        temporal_raw=None,
        valid_until=None,
        embedding=vector,
        history=[],
        created_at="2026-01-01T00:00:00Z",
        updated_at="2026-01-01T00:00:00Z",
        scope=Scope(session_id=session),
        observed_at="2026-01-01T00:00:00Z",
    )
    fields.update(extra)
    return Memory(**fields)  # type: ignore[arg-type]


class Memories:
    def __init__(
        self, memories: list[Memory], sessions: dict[int, tuple[Optional[int], Optional[int]]]
    ):
        self.by_id = {m.memory_id: m for m in memories}
        self.sessions = sessions
        self.asked_where: list[Filter] = []
        self.read_whole: list[int] = []

    def get_many(self, workspace_id: int, ids: Sequence[int]) -> dict[int, Memory]:
        self.read_whole.extend(ids)
        return {i: self.by_id[i] for i in ids if i in self.by_id}

    def candidates(self, workspace_id: int, ids: Sequence[int]) -> dict[int, Candidate]:
        return {
            i: Candidate(i, m.valid_until, m.scope.session_id, m.embedding)
            for i, m in self.by_id.items()
            if i in ids
        }

    def session_neighbours(self, workspace_id, ids, where):
        self.asked_where.append(where)
        return {i: self.sessions[i] for i in ids if i in self.sessions}


class Dense:
    def __init__(self, hits: dict[int, float]):
        self.hits = hits

    def search(self, workspace_id, query, k, among=None, where=None):
        return sorted(self.hits.items(), key=lambda kv: -kv[1])[:k]


class Lexical:
    def __init__(self, hits: dict[int, float]):
        self.hits = hits

    def search(self, workspace_id, query, limit, where=None):
        return dict(self.hits)


def _search(memories, dense, lexical, context_weight=0.0, **options):
    retriever = HybridRetriever(
        Memories(*memories) if isinstance(memories, tuple) else memories,
        Dense(dense),
        Lexical(lexical),
        context_weight=context_weight,
    )
    settings = {"top_k": 10, "min_score": 0.0, "include_expired": False, **options}
    return retriever.search(1, "q", QUERY, **settings)


def test_the_score_is_the_weighted_sum_of_cosine_and_relative_bm25():
    memories = ([_memory(1, 0.8), _memory(2, 0.6)], {})
    hits = _search(memories, {1: 0.8, 2: 0.6}, {1: 2.0, 2: 4.0})
    scores = {h.memory.memory_id: h.score for h in hits}
    assert scores[1] == pytest.approx(DENSE_WEIGHT * 0.8 + (1 - DENSE_WEIGHT) * 0.5, abs=1e-6)
    assert scores[2] == pytest.approx(DENSE_WEIGHT * 0.6 + (1 - DENSE_WEIGHT) * 1.0, abs=1e-6)


def test_a_lexical_only_candidate_gets_its_exact_cosine():
    memories = ([_memory(1, 0.5)], {})
    (hit,) = _search(memories, {}, {1: 3.0})
    assert hit.dense == pytest.approx(0.5, abs=1e-6)
    assert hit.score == pytest.approx(DENSE_WEIGHT * 0.5 + (1 - DENSE_WEIGHT), abs=1e-6)


def test_a_score_given_back_as_min_score_keeps_its_memory_and_expired_ones_stay_out():
    memories = ([_memory(1, 0.7), _memory(2, 0.9, valid_until="2000-01-01T00:00:00Z")], {})
    (hit,) = _search(memories, {1: 0.7, 2: 0.9}, {})
    assert [h.memory.memory_id for h in _search(memories, {1: 0.7}, {}, min_score=hit.score)] == [1]
    assert {
        h.memory.memory_id for h in _search(memories, {1: 0.7, 2: 0.9}, {}, include_expired=True)
    } == {1, 2}


def test_each_score_is_blended_with_its_best_session_neighbour():
    # 1 asks, 2 replies (weak on its own), 3 has no session; 4 is 2's other neighbour, found
    # only through 2 (neither retriever proposed it).
    memories = Memories(
        [_memory(1, 0.9, "s"), _memory(2, 0.3, "s"), _memory(3, 0.5), _memory(4, 0.1, "s")],
        {1: (None, 2), 2: (1, 4), 3: (None, None)},
    )
    where = Filter(scope=Scope(user_id="alice"))
    hits = _search(
        memories, {1: 0.9, 2: 0.3, 3: 0.5}, {}, context_weight=CONTEXT_WEIGHT, where=where
    )
    scores = {h.memory.memory_id: h.score for h in hits}
    own = {i: DENSE_WEIGHT * c for i, c in ((1, 0.9), (2, 0.3), (3, 0.5), (4, 0.1))}
    w = CONTEXT_WEIGHT
    assert scores[2] == pytest.approx((own[2] + w * own[1]) / (1 + w), abs=1e-6)
    assert scores[1] == pytest.approx((own[1] + w * own[2]) / (1 + w), abs=1e-6)
    assert scores[3] == pytest.approx(own[3], abs=1e-6)  # no neighbour: unchanged
    assert scores[4] == pytest.approx((own[4] + w * own[2]) / (1 + w), abs=1e-6)
    assert scores[2] > own[2]
    assert memories.asked_where == [where]  # neighbours come from what the filter lets through


def test_candidates_without_a_session_need_no_neighbour_lookup():
    memories = Memories([_memory(1, 0.8), _memory(2, 0.6)], {})
    hits = _search(memories, {1: 0.8, 2: 0.6}, {}, context_weight=CONTEXT_WEIGHT)
    assert [h.memory.memory_id for h in hits] == [1, 2]
    assert memories.asked_where == []


def test_only_the_returned_memories_are_read_whole():
    """Ranking reads each candidate's expiry, session and vector; whole rows (text, meta,
    history) only for the ``top_k`` it returns."""
    memories = Memories([_memory(i, 0.9 - i / 100) for i in range(1, 31)], {})
    hits = _search(memories, {i: 0.9 - i / 100 for i in range(1, 31)}, {}, top_k=5)
    assert [h.memory.memory_id for h in hits] == [1, 2, 3, 4, 5]
    assert sorted(memories.read_whole) == [1, 2, 3, 4, 5]


def test_a_memory_deleted_after_ranking_is_not_returned():
    memories = Memories([_memory(1, 0.9), _memory(2, 0.8)], {})
    real_get_many = memories.get_many

    def deleted_meanwhile(workspace_id, ids):
        return {i: m for i, m in real_get_many(workspace_id, ids).items() if i != 1}

    memories.get_many = deleted_meanwhile  # type: ignore[method-assign]
    assert [h.memory.memory_id for h in _search(memories, {1: 0.9, 2: 0.8}, {})] == [2]
