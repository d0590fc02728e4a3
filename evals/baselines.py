"""Baseline rankers for the conversational benchmark, each over one conversation's turns.

- ``bm25``: plain BM25 (bm25s, English stop words, no stemming) on the turn's text.
- ``dense``: the cosine of MiniLM vectors of the question and the turn's text.
- ``rrf``: reciprocal-rank fusion (k = 60) of the two.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .conversations import Conversation
from .models import embed

DEPTH = 50  # how much of each ranking is kept (recall@10 and MRR read the top of it)
RRF_K = 60


def bm25(conversation: Conversation) -> dict[str, list[str]]:
    import bm25s

    ids = [t.turn_id for t in conversation.turns]
    index = bm25s.BM25()
    tokens = bm25s.tokenize(
        [t.text for t in conversation.turns], stopwords="en", show_progress=False
    )
    index.index(tokens, show_progress=False)
    queries = bm25s.tokenize(
        [q.question for q in conversation.questions],
        stopwords="en",
        show_progress=False,
        return_ids=False,
    )
    rankings: dict[str, list[str]] = {}
    for question, words in zip(conversation.questions, queries):
        if not words:
            rankings[question.qid] = []
            continue
        found, scores = index.retrieve([words], k=min(DEPTH, len(ids)), show_progress=False)
        rankings[question.qid] = [
            ids[int(i)] for i, s in zip(found[0], scores[0]) if float(s) > 0.0
        ]
    return rankings


def dense(conversation: Conversation) -> dict[str, list[str]]:
    ids = [t.turn_id for t in conversation.turns]
    turns = embed([t.text for t in conversation.turns])
    questions = embed([q.question for q in conversation.questions])
    similarities = questions @ turns.T
    rankings = {}
    for question, row in zip(conversation.questions, similarities):
        top = np.argsort(-row)[:DEPTH]
        rankings[question.qid] = [ids[int(i)] for i in top]
    return rankings


def rrf(*rankings: dict[str, list[str]]) -> dict[str, list[str]]:
    """Reciprocal-rank fusion of rankings of the same questions."""
    fused = {}
    for qid in rankings[0]:
        scores: dict[str, float] = {}
        for ranking in rankings:
            for rank, turn in enumerate(ranking[qid], start=1):
                scores[turn] = scores.get(turn, 0.0) + 1.0 / (RRF_K + rank)
        fused[qid] = sorted(scores, key=lambda turn: -scores[turn])[:DEPTH]
    return fused


def merged(parts: Sequence[dict[str, list[str]]]) -> dict[str, list[str]]:
    return {qid: ranking for part in parts for qid, ranking in part.items()}
