"""Session summarizers: the extractive default, and the LLM one with its fallback."""

from __future__ import annotations

import logging
from typing import Iterator, List

import pytest
from mnemexa_server.resources.sessions.store import SessionMemory
from mnemexa_server.resources.sessions.summarize import (
    ExtractiveSummarizer,
    LlmSummarizer,
    Summary,
    make_summarizer,
    sentences,
)

from tests.server.fake_chat import ChatServer

KEY = "sk-summarize-secret-7f3a"


def _memories(*rows: tuple) -> List[SessionMemory]:
    """(text, importance) rows, oldest first."""
    return [
        SessionMemory(i + 1, text, importance, f"2026-01-0{i + 1}T00:00:00.000000Z")
        for i, (text, importance) in enumerate(rows)
    ]


SESSION = _memories(
    ("The kickoff is in Lisbon. Coffee was fine.", 5),
    ("The client budget is 40k EUR.", 8),
    ("Someone mentioned the weather.", 2),
    ("The deadline moved to March 3. Dana owns the contract.", 8),
)


def test_extractive_picks_important_sentences_in_chronological_order():
    # Importance 8 first (a memory's first sentence before its second), then 5, then 2.
    assert ExtractiveSummarizer().summarize(SESSION, 3) == Summary(
        "The client budget is 40k EUR. The deadline moved to March 3. Dana owns the contract.",
        (2, 4),
    )
    assert ExtractiveSummarizer().summarize(SESSION, 4) == Summary(
        "The kickoff is in Lisbon. The client budget is 40k EUR. The deadline moved to March 3. "
        "Dana owns the contract.",
        (1, 2, 4),
    )


def test_extractive_never_invents_text_and_is_deterministic():
    every = {s for m in SESSION for s in sentences(m.text)}
    for n in range(1, 8):
        first = ExtractiveSummarizer().summarize(SESSION, n)
        assert first == ExtractiveSummarizer().summarize(SESSION, n)
        picked = sentences(first.text)
        assert len(picked) == min(n, len(every))
        assert set(picked) <= every
        assert set(first.memory_ids) <= {m.memory_id for m in SESSION}


def test_extractive_prefers_recent_on_ties_and_skips_repeats():
    rows = _memories(("Old fact.", 5), ("Repeated fact.", 5), ("repeated   FACT.", 5), ("New.", 5))
    summary = ExtractiveSummarizer().summarize(rows, 2)
    assert summary.text == "Repeated fact. New."  # the newest two distinct, oldest first
    assert summary.memory_ids == (2, 4)
    assert ExtractiveSummarizer().summarize([], 5) == Summary("", ())


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    server = ChatServer()
    yield server
    server.close()


def test_llm_summarizer_asks_the_endpoint(chat):
    chat.reply = (200, "Budget is 40k EUR. Deadline is March 3. Extra sentence.")
    summarizer = LlmSummarizer(chat.url, "tiny-model", KEY)
    summary = summarizer.summarize(SESSION, 2)
    assert summary == Summary("Budget is 40k EUR. Deadline is March 3.", (1, 2, 3, 4))
    request = chat.requests[-1]
    assert request["path"] == "/v1/chat/completions"
    assert request["model"] == "tiny-model"
    assert request["auth"] == f"Bearer {KEY}"
    assert "at most 2 sentences" in request["messages"][0]["content"]
    assert "- The client budget is 40k EUR." in request["messages"][-1]["content"]


def test_llm_summarizer_sends_the_newest_memories_that_fit(chat):
    summarizer = LlmSummarizer(chat.url, "tiny-model", max_input_chars=90)
    summary = summarizer.summarize(SESSION, 2)
    assert summary.memory_ids == (3, 4)  # 54 + 30 characters fit in 90; + 29 more would not
    assert "kickoff" not in chat.requests[-1]["messages"][-1]["content"]


@pytest.mark.parametrize("reply", [(500, "oops"), (200, None), (200, ""), (200, 42)])
def test_llm_summarizer_falls_back_without_logging_text_or_key(chat, caplog, reply):
    chat.reply = reply
    summarizer = LlmSummarizer(chat.url, "tiny-model", KEY)
    with caplog.at_level(logging.DEBUG):
        summary = summarizer.summarize(SESSION, 3)
    assert summary == ExtractiveSummarizer().summarize(SESSION, 3)
    assert "using the extractive summary" in caplog.text
    assert KEY not in caplog.text
    assert not any(word in caplog.text for word in ("Lisbon", "budget", "Dana"))


def test_llm_summarizer_falls_back_when_the_endpoint_is_down(caplog):
    chat = ChatServer()
    url = chat.url
    chat.close()
    summarizer = LlmSummarizer(url, "tiny-model", KEY, timeout=2.0)
    with caplog.at_level(logging.DEBUG):
        summary = summarizer.summarize(SESSION, 2)
    assert summary == ExtractiveSummarizer().summarize(SESSION, 2)
    assert "ConnectError" in caplog.text
    assert KEY not in caplog.text


def test_summarizer_is_chosen_by_config(chat):
    assert isinstance(make_summarizer(), ExtractiveSummarizer)
    assert isinstance(make_summarizer("extractive"), ExtractiveSummarizer)
    shared = {
        "MNEMEXA_LLM_URL": chat.url,
        "MNEMEXA_LLM_MODEL": "shared",
        "MNEMEXA_LLM_API_KEY": KEY,
    }
    make_summarizer("llm", shared).summarize(SESSION, 1)
    assert (chat.requests[-1]["model"], chat.requests[-1]["auth"]) == ("shared", f"Bearer {KEY}")
    step = {**shared, "MNEMEXA_SUMMARIZE_LLM_MODEL": "own", "MNEMEXA_SUMMARIZE_LLM_API_KEY": "k2"}
    make_summarizer("llm", step).summarize(SESSION, 1)
    assert (chat.requests[-1]["model"], chat.requests[-1]["auth"]) == ("own", "Bearer k2")
    with pytest.raises(ValueError, match="MNEMEXA_SUMMARIZE_LLM_URL or MNEMEXA_LLM_URL"):
        make_summarizer("llm", {})
    with pytest.raises(ValueError, match="unknown summarizer"):
        make_summarizer("oracle")
