"""Text embedders. ``make_embedder`` picks one by name; all share the ``Embedder`` interface."""

from __future__ import annotations

import os
from typing import Mapping, Optional

from .base import Embedder
from .hashing import HashingEmbedder

__all__ = ["Embedder", "HashingEmbedder", "make_embedder"]

EMBEDDERS = ("minilm", "hashing", "openai")


def make_embedder(name: Optional[str] = None, environ: Mapping[str, str] = os.environ) -> Embedder:
    """Build the embedder called ``name`` (default: ``MNEMEXA_EMBEDDER``, else ``minilm``).

    ``openai`` reads ``MNEMEXA_EMBEDDER_URL``, ``MNEMEXA_EMBEDDER_MODEL`` and
    ``MNEMEXA_EMBEDDER_API_KEY``.
    """
    name = name or environ.get("MNEMEXA_EMBEDDER") or "minilm"
    if name == "minilm":
        from .minilm import MiniLMEmbedder

        return MiniLMEmbedder()
    if name == "hashing":
        return HashingEmbedder()
    if name == "openai":
        from .openai_http import OpenAIEmbedder

        url = environ.get("MNEMEXA_EMBEDDER_URL")
        if not url:
            raise ValueError("the openai embedder needs MNEMEXA_EMBEDDER_URL")
        return OpenAIEmbedder(
            base_url=url,
            model=environ.get("MNEMEXA_EMBEDDER_MODEL", "text-embedding-3-small"),
            api_key=environ.get("MNEMEXA_EMBEDDER_API_KEY"),
        )
    raise ValueError(f"unknown embedder {name!r}; choose one of {', '.join(EMBEDDERS)}")
