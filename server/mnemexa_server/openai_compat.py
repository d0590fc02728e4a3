"""The HTTP client for an OpenAI-compatible endpoint (embeddings, or the LLM merge policy)."""

from __future__ import annotations

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
