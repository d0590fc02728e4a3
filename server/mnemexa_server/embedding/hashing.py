"""A deterministic feature-hashing embedder: fast, dependency-free, for tests."""

from __future__ import annotations

import re
import zlib
from typing import Sequence

import numpy as np

from .base import Vectors, normalise

_WORD = re.compile(r"[a-z0-9]+")


class HashingEmbedder:
    """Hashes words, word pairs and character trigrams into signed buckets.

    Not semantic: texts are close only when they share words. The same text gives the same
    vector in every process (crc32, not Python's salted ``hash``).
    """

    def __init__(self, dim: int = 384) -> None:
        self._dim = dim

    @property
    def name(self) -> str:
        return f"hashing-{self._dim}"

    @property
    def dim(self) -> int:
        return self._dim

    def _features(self, text: str) -> list[str]:
        words = _WORD.findall(text.lower())
        grams = [f"{a} {b}" for a, b in zip(words, words[1:])]
        chars = [w[i : i + 3] for w in words if len(w) > 3 for i in range(len(w) - 2)]
        return words + grams + chars

    def embed(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in self._features(text):
                h = zlib.crc32(feature.encode())
                out[row, h % self._dim] += 1.0 if (h >> 16) & 1 else -1.0
        return normalise(out)
