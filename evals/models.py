"""The real embedder, loaded once per process for every evaluation that needs it."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from mnemexa_server.embedding import make_embedder
from mnemexa_server.embedding.base import Embedder


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    return make_embedder("minilm")


def embed(texts: list[str]) -> np.ndarray:
    return np.asarray(embedder().embed(texts))
