"""The HTTP client for an OpenAI-compatible endpoint (embeddings, or an LLM-backed step such
as merge or summarize), and the settings of such a step."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional

import httpx


def openai_client(
    base_url: str,
    api_key: Optional[str],
    timeout: float,
    transport: Optional[httpx.BaseTransport] = None,
) -> httpx.Client:
    """A client for ``base_url``, sending ``api_key`` as a bearer token when there is one."""
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    return httpx.Client(
        base_url=base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
    )


def llm_setting(environ: Mapping[str, str], step: str, name: str) -> Optional[str]:
    """``MNEMEXA_<STEP>_LLM_<NAME>``, else the shared ``MNEMEXA_LLM_<NAME>`` (None: neither)."""
    return environ.get(f"MNEMEXA_{step}_LLM_{name}") or environ.get(f"MNEMEXA_LLM_{name}") or None
