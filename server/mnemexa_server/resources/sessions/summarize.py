"""Session summaries: a ``Summarizer`` turns a session's memories into a short text.

The default, ``ExtractiveSummarizer``, is offline, local and deterministic: it picks whole
sentences of the memories and invents nothing. ``LlmSummarizer`` asks an OpenAI-compatible
``/chat/completions`` endpoint instead, and falls back to the extractive summary on any
failure (network, status, an unreadable or empty answer); its log line names the failure's
type only, never a memory or the key.

Selected with ``MNEMEXA_SUMMARIZER`` (``extractive``, the default, or ``llm``). The endpoint
comes from ``MNEMEXA_SUMMARIZE_LLM_URL``, ``_MODEL`` and ``_API_KEY``; each one not set
there is taken from the shared LLM group, ``MNEMEXA_LLM_URL``, ``_MODEL`` and ``_API_KEY``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Optional, Protocol

import httpx

from ...openai_compat import llm_setting, openai_client
from .store import SessionMemory

log = logging.getLogger("mnemexa.server")

DEFAULT_MODEL = "gpt-4o-mini"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Summary:
    text: str  # empty when there was nothing to summarize
    memory_ids: tuple[int, ...]  # the memories it was made from, oldest first


class Summarizer(Protocol):
    def summarize(self, memories: Sequence[SessionMemory], max_sentences: int) -> Summary:
        """A summary of ``memories`` (oldest first) in at most ``max_sentences`` sentences."""


def sentences(text: str) -> list[str]:
    """The sentences of ``text``: split after ``.``, ``!`` or ``?`` and whitespace."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]


@dataclass(frozen=True)
class _Candidate:
    rank: tuple[int, int, int]  # smaller first: see ExtractiveSummarizer
    order: int  # chronological: memory, then sentence
    memory_id: int
    sentence: str


class ExtractiveSummarizer:
    """Picks up to ``max_sentences`` sentences of the memories, in chronological order.

    Sentences are ranked by their memory's importance (higher first), then by their place in
    it (a memory's first sentence before its second), then by recency (newer first). A
    sentence that repeats an earlier one (ignoring case and spacing) is left out.
    """

    def summarize(self, memories: Sequence[SessionMemory], max_sentences: int) -> Summary:
        picked = sorted(self._candidates(memories), key=lambda c: (c.rank, c.order))
        chosen = sorted(picked[:max_sentences], key=lambda c: c.order)
        text = " ".join(c.sentence for c in chosen)
        return Summary(text, tuple(dict.fromkeys(c.memory_id for c in chosen)))

    @staticmethod
    def _candidates(memories: Sequence[SessionMemory]) -> list[_Candidate]:
        seen: set[str] = set()
        out: list[_Candidate] = []
        newest = len(memories) - 1
        for position, memory in enumerate(memories):
            for index, sentence in enumerate(sentences(memory.text)):
                key = _SPACE.sub(" ", sentence.lower())
                if key in seen:
                    continue
                seen.add(key)
                rank = (-memory.importance, index, newest - position)
                out.append(_Candidate(rank, len(out), memory.memory_id, sentence))
        return out


INSTRUCTIONS = """You summarize one session of an AI agent from the memories stored during it.
Write at most {n} sentences. State only what the memories say; add nothing, guess nothing.
Answer with the summary text alone."""


class LlmSummarizer:
    """Asks ``POST {base_url}/chat/completions``; falls back to ``fallback`` on any failure.

    The model is sent the session's newest memories that fit in ``max_input_chars``
    (chronologically); the summary names those as the memories it used.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: Optional[str] = None,
        *,
        timeout: float = 30.0,
        max_input_chars: int = 24_000,
        fallback: Optional[Summarizer] = None,
        transport: Optional[httpx.BaseTransport] = None,
    ) -> None:
        self._http = openai_client(base_url, api_key, timeout, transport)
        self._model = model
        self._budget = max_input_chars
        self._fallback = fallback or ExtractiveSummarizer()

    def summarize(self, memories: Sequence[SessionMemory], max_sentences: int) -> Summary:
        if not memories:
            return Summary("", ())
        sent = self._fit(memories)
        try:
            answer = self._ask(sent, max_sentences)
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as error:
            log.warning(
                "summarize model unavailable (%s); using the extractive summary",
                type(error).__name__,
            )
            return self._fallback.summarize(memories, max_sentences)
        text = " ".join(sentences(answer)[:max_sentences])
        if not text:
            log.warning("summarize model gave an empty answer; using the extractive summary")
            return self._fallback.summarize(memories, max_sentences)
        return Summary(text, tuple(m.memory_id for m in sent))

    def _fit(self, memories: Sequence[SessionMemory]) -> list[SessionMemory]:
        """The newest memories whose texts fit in the budget (at least one), oldest first."""
        kept: list[SessionMemory] = []
        used = 0
        for memory in reversed(memories):
            used += len(memory.text)
            if kept and used > self._budget:
                break
            kept.append(memory)
        return kept[::-1]

    def _ask(self, memories: Sequence[SessionMemory], max_sentences: int) -> str:
        listing = "\n".join(f"- {m.text}" for m in memories)
        response = self._http.post(
            "/chat/completions",
            json={
                "model": self._model,
                "temperature": 0,
                "messages": [
                    {"role": "system", "content": INSTRUCTIONS.format(n=max_sentences)},
                    {"role": "user", "content": f"MEMORIES, oldest first:\n{listing}"},
                ],
            },
        )
        response.raise_for_status()
        content = response.json()["choices"][0]["message"]["content"]
        if not isinstance(content, str):
            raise TypeError("content is not text")
        return content

    def close(self) -> None:
        self._http.close()


def make_summarizer(
    name: str = "extractive", environ: Mapping[str, str] = os.environ
) -> Summarizer:
    """``extractive`` (the default) or ``llm``, configured as the module docstring says."""
    if name == "extractive":
        return ExtractiveSummarizer()
    if name == "llm":
        url = llm_setting(environ, "SUMMARIZE", "URL")
        if not url:
            raise ValueError(
                "the llm summarizer needs MNEMEXA_SUMMARIZE_LLM_URL or MNEMEXA_LLM_URL"
            )
        model = llm_setting(environ, "SUMMARIZE", "MODEL") or DEFAULT_MODEL
        return LlmSummarizer(url, model, llm_setting(environ, "SUMMARIZE", "API_KEY"))
    raise ValueError(f"unknown summarizer {name!r}; choose extractive or llm")
