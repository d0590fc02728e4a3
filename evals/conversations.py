"""The conversational retrieval benchmark in ``tests/data/conversations/``, and its scoring.

Each conversation is a list of dated sessions of turns; each question names the turns that
answer it (its evidence). A ranking of turn ids is scored per question by turn-level
evidence recall at k (the share of its evidence turns in the top k) and the reciprocal rank
of the first evidence turn. The odd files are the development half, the even files the
held-out half, which no tuning reads (tests/data/conversations/README.md).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from statistics import mean

from .data import DATA_DIR

FOLDER = DATA_DIR / "conversations"
KINDS = ("single_hop", "multi_hop", "temporal", "knowledge_update", "inference")
HALVES = {"dev": (1, 3, 5, 7, 9), "heldout": (2, 4, 6, 8, 10)}


@dataclass(frozen=True)
class Turn:
    turn_id: str
    session_id: str
    speaker: str
    ts: str
    text: str


@dataclass(frozen=True)
class Question:
    qid: str
    kind: str
    question: str
    answer: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Conversation:
    conversation_id: str
    speakers: tuple[str, ...]
    turns: tuple[Turn, ...]
    questions: tuple[Question, ...]


def load(half: str) -> list[Conversation]:
    """The conversations of ``half`` (``dev`` or ``heldout``), checked."""
    return [_read(f"c{number:02d}") for number in HALVES[half]]


def first_sessions(conversation: Conversation, count: int) -> Conversation:
    """The first ``count`` sessions of ``conversation``, with the questions they answer."""
    sessions: list[str] = []
    for turn in conversation.turns:
        if turn.session_id not in sessions:
            sessions.append(turn.session_id)
    kept = set(sessions[:count])
    turns = tuple(t for t in conversation.turns if t.session_id in kept)
    ids = {t.turn_id for t in turns}
    questions = tuple(q for q in conversation.questions if set(q.evidence) <= ids)
    return replace(conversation, turns=turns, questions=questions)


def load_one(name: str) -> Conversation:
    """One conversation by name (``c01``): a development one, for the test slice."""
    if int(name.removeprefix("c")) not in HALVES["dev"]:
        raise ValueError(f"{name} is held out: no test or tuning reads it")
    return _read(name)


def _read(name: str) -> Conversation:
    raw = json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))
    turns = tuple(
        Turn(t["turn_id"], s["session_id"], t["speaker"], t["ts"], t["text"])
        for s in raw["sessions"]
        for t in s["turns"]
    )
    questions = tuple(
        Question(q["qid"], q["kind"], q["question"], q["answer"], tuple(q["evidence"]))
        for q in raw["questions"]
    )
    known = {t.turn_id for t in turns}
    for q in questions:
        if q.kind not in KINDS or not q.evidence or not set(q.evidence) <= known:
            raise ValueError(f"{name}: question {q.qid} has an unknown kind or evidence turn")
    if len(known) != len(turns):
        raise ValueError(f"{name}: a turn id is used twice")
    return Conversation(raw["id"], tuple(raw["speakers"]), turns, questions)


@dataclass(frozen=True)
class Scores:
    """Mean recall@5, recall@10 and MRR over some questions."""

    recall5: float
    recall10: float
    mrr: float
    questions: int


def question_scores(ranked: Sequence[str], evidence: Iterable[str]) -> tuple[float, float, float]:
    """(recall@5, recall@10, reciprocal rank) of one ranking of turn ids."""
    wanted = set(evidence)
    recall5 = len(wanted & set(ranked[:5])) / len(wanted)
    recall10 = len(wanted & set(ranked[:10])) / len(wanted)
    rank = next((i for i, turn in enumerate(ranked, start=1) if turn in wanted), None)
    return recall5, recall10, 1 / rank if rank else 0.0


def by_kind(rankings: dict[str, Sequence[str]], questions: Iterable[Question]) -> dict[str, Scores]:
    """Scores per question kind, and over every question (``all``)."""
    rows: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for q in questions:
        row = question_scores(rankings[q.qid], q.evidence)
        rows[q.kind].append(row)
        rows["all"].append(row)
    return {
        kind: Scores(
            mean(r[0] for r in values),
            mean(r[1] for r in values),
            mean(r[2] for r in values),
            len(values),
        )
        for kind, values in rows.items()
    }
