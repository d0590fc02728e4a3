"""A slice of the conversational benchmark (``make eval retrieval-conversations`` runs it all):
the first sessions of one development conversation through the real server, ranked against
the baselines."""

from __future__ import annotations

import pytest

from evals import baselines
from evals.conversations import by_kind, first_sessions, load_one
from evals.retrieval_conversations import hybrid

from .conftest import ServerProcess

CONVERSATION = "c01"  # development half: the held-out half stays out of the tests too
SESSIONS = 10  # 284 turns, 55 questions
# Measured when this test was written (recall@10): hybrid 0.727, BM25 0.392, dense 0.652,
# RRF 0.611. The margins are about half the gaps: room for small changes, not for a regression
# to what the server did before (a blend 0.034 above RRF on the development half).
OVER_BM25 = 0.15
OVER_RRF = 0.05


@pytest.fixture(scope="module")
def ranked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    conversation = first_sessions(load_one(CONVERSATION), SESSIONS)
    server = ServerProcess(
        tmp_path_factory.mktemp("conversation"), env_overrides={"MNEMEXA_EMBEDDER": "minilm"}
    )
    server.start()
    try:
        served = hybrid(server, conversation)
    finally:
        server.stop()
    lexical, dense = baselines.bm25(conversation), baselines.dense(conversation)
    questions = list(conversation.questions)
    return {
        name: by_kind(rankings, questions)["all"].recall10
        for name, rankings in (
            ("hybrid", served),
            ("bm25", lexical),
            ("dense", dense),
            ("rrf", baselines.rrf(lexical, dense)),
        )
    }


def test_the_server_ranks_evidence_well_above_bm25(ranked):
    assert ranked["hybrid"] >= ranked["bm25"] + OVER_BM25, ranked


def test_the_server_ranks_evidence_above_rank_fusion_and_dense_alone(ranked):
    assert ranked["hybrid"] >= ranked["rrf"] + OVER_RRF, ranked
    assert ranked["hybrid"] > ranked["dense"], ranked
