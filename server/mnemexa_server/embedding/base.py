"""The interface every embedder implements."""

from __future__ import annotations

from typing import Protocol, Sequence

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    @property
    def name(self) -> str:
        """Identifies the model; vectors from embedders with different names never mix."""

    @property
    def dim(self) -> int:
        """The vector dimension, as reported by the model."""

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed ``texts``: an array of shape ``(len(texts), dim)``, each row of unit length."""


def normalise(vectors: Vectors) -> Vectors:
    """Scale each row to unit length (rows of zeros stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: Vectors = (vectors / norms).astype(np.float32, copy=False)
    return normalised
