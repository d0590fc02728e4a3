"""Embeddings from any OpenAI-compatible ``/embeddings`` endpoint."""

from __future__ import annotations

from typing import Optional, Sequence

import httpx
import numpy as np

from ..openai_compat import openai_client
from .base import Vectors, normalise


class OpenAIEmbedder:
    """Calls ``POST {base_url}/embeddings``; the dimension is read from a first probe call."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: Optional[str] = None,
        timeout: float = 30.0,
        transport: Optional[httpx.BaseTransport] = None,
    ) -> None:
        self._http = openai_client(base_url, api_key, timeout, transport)
        self._model = model
        self._dim = int(self._request(["dimension probe"]).shape[1])

    @property
    def name(self) -> str:
        return f"openai:{self._model}"

    @property
    def dim(self) -> int:
        return self._dim

    def _request(self, texts: Sequence[str]) -> Vectors:
        response = self._http.post("/embeddings", json={"model": self._model, "input": list(texts)})
        response.raise_for_status()
        rows = sorted(response.json()["data"], key=lambda item: item["index"])
        return normalise(np.array([row["embedding"] for row in rows], dtype=np.float32))

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return self._request(texts)
