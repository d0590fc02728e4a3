"""A ``MergePolicy`` that asks an OpenAI-compatible chat endpoint.

Selected with ``MNEMEXA_MERGE_POLICY=llm``; ``MNEMEXA_MERGE_LLM_URL`` (for example
``http://127.0.0.1:11434/v1``), ``MNEMEXA_MERGE_LLM_MODEL`` and ``MNEMEXA_MERGE_LLM_API_KEY``
configure it; each unset one falls back to the shared ``MNEMEXA_LLM_*``. The model answers with one action word. Any failure (network, status, an answer
that names no action) falls back to the local rules, so a store never fails because the model
is down; the log line says so without quoting either memory.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from typing import Optional

import httpx

from ..openai_compat import llm_setting, openai_client
from .dedup import BAND_ACTIONS, LocalMergePolicy, MergePolicy

log = logging.getLogger("mnemexa.server")

INSTRUCTIONS = """You maintain an AI agent's long-term memory. A NEW memory is similar to an
EXISTING one. Answer with exactly one word:
- duplicate: NEW restates EXISTING and adds nothing.
- updated_existing: NEW changes or supersedes what EXISTING says about the same subject.
- merged: NEW adds compatible details about the same fact as EXISTING.
- stored_new: NEW is a different fact (another person, item, attribute or event)."""

_ACTION = re.compile(r"\b(" + "|".join(sorted(BAND_ACTIONS)) + r")\b")


class LlmMergePolicy:
    """Asks ``POST {base_url}/chat/completions``; falls back to ``fallback`` on any failure."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: Optional[str] = None,
        *,
        timeout: float = 10.0,
        fallback: Optional[MergePolicy] = None,
        transport: Optional[httpx.BaseTransport] = None,
    ) -> None:
        self._http = openai_client(base_url, api_key, timeout, transport)
        self._model = model
        self._fallback = fallback or LocalMergePolicy()

    def decide(self, new_text: str, existing_text: str, similarity: float) -> str:
        try:
            answer = self._ask(new_text, existing_text)
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as error:
            log.warning("merge model unavailable (%s); using the local rules", type(error).__name__)
            return self._fallback.decide(new_text, existing_text, similarity)
        match = _ACTION.search(answer.lower())
        if match is None:
            log.warning("merge model gave no action; using the local rules")
            return self._fallback.decide(new_text, existing_text, similarity)
        return match.group(1)

    def _ask(self, new_text: str, existing_text: str) -> str:
        response = self._http.post(
            "/chat/completions",
            json={
                "model": self._model,
                "temperature": 0,
                "messages": [
                    {"role": "system", "content": INSTRUCTIONS},
                    {"role": "user", "content": f"EXISTING: {existing_text}\nNEW: {new_text}"},
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


def make_merge_policy(name: str = "local", environ: Mapping[str, str] = os.environ) -> MergePolicy:
    """``local`` (the default) or ``llm``, configured from ``MNEMEXA_MERGE_LLM_*``, each
    falling back to the shared ``MNEMEXA_LLM_*``."""
    if name == "local":
        return LocalMergePolicy()
    if name == "llm":
        url = llm_setting(environ, "MERGE", "URL")
        if not url:
            raise ValueError("the llm merge policy needs MNEMEXA_MERGE_LLM_URL or MNEMEXA_LLM_URL")
        return LlmMergePolicy(
            url,
            llm_setting(environ, "MERGE", "MODEL") or "gpt-4o-mini",
            llm_setting(environ, "MERGE", "API_KEY"),
        )
    raise ValueError(f"unknown merge policy {name!r}; choose local or llm")
