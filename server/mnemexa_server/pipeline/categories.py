"""Categories: up to three tags from the taxonomy, by embedding prototypes plus keywords.

The prototypes are labelled example memories (:mod:`.category_examples`). A memory's score for a
tag blends the mean cosine similarity to its ``top_k`` nearest examples of that tag with the
cosine to the tag's centroid (weight ``centroid_weight``), plus ``keyword_bonus`` when one of the
tag's keywords (:mod:`.taxonomy`) appears. Of its ``max_tags`` best tags it gets each that
scores at least ``threshold``, or within ``near_best`` of the best one and at least
``threshold - floor_gap``; with none of those, its best tag. ``DEFAULT_SETTINGS`` were chosen by
cross-validation on the examples alone (``python -m evals.tune_categories``); the evaluation sets
in ``tests/data`` fit nothing. Without an embedder, keywords alone decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import numpy.typing as npt

from ..embedding.base import Embedder
from .category_examples import example_vectors, load_examples
from .taxonomy import TAG_NAMES, TAXONOMY

Matrix = npt.NDArray[np.float32]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class TaggerSettings:
    """The tagger's constants; see the module docstring for what each one does."""

    top_k: int = 5
    centroid_weight: float = 0.25
    keyword_bonus: float = 0.025
    threshold: float = 0.5
    near_best: float = 0.04
    floor_gap: float = 0.1
    max_tags: int = 3


DEFAULT_SETTINGS = TaggerSettings()


def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    parts = [
        rf"\b{re.escape(k)}\b" if k[0].isalnum() and k[-1].isalnum() else re.escape(k)
        for k in keywords
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


_KEYWORDS = [_keyword_pattern(tag.keywords) for tag in TAXONOMY]


def keyword_hits(texts: Sequence[str]) -> Matrix:
    """A ``(len(texts), tags)`` matrix: 1 where a tag's keyword appears in the text."""
    return np.array(
        [[1.0 if pattern.search(text) else 0.0 for pattern in _KEYWORDS] for text in texts],
        dtype=np.float32,
    ).reshape(len(texts), len(TAXONOMY))


class PrototypeScorer:
    """Each tag's similarity to a memory, from a set of labelled example vectors."""

    def __init__(self, vectors: Matrix, labels: Mask, top_k: int, centroid_weight: float) -> None:
        self._vectors = vectors
        self._members = [np.flatnonzero(labels[:, j]) for j in range(labels.shape[1])]
        if any(len(m) == 0 for m in self._members):
            raise ValueError("every tag needs at least one example")
        centroids = np.stack([vectors[m].mean(axis=0) for m in self._members])
        self._centroids = centroids / np.linalg.norm(centroids, axis=1, keepdims=True)
        self._top_k = top_k
        self._centroid_weight = centroid_weight

    def similarities(self, queries: Matrix) -> Matrix:
        """A ``(len(queries), tags)`` matrix of blended similarities."""
        cosines = queries @ self._vectors.T
        nearest = np.empty((len(queries), len(self._members)), dtype=np.float32)
        for j, members in enumerate(self._members):
            k = min(self._top_k, len(members))
            top = np.partition(cosines[:, members], -k, axis=1)[:, -k:]
            nearest[:, j] = top.mean(axis=1)
        weight = self._centroid_weight
        blended: Matrix = (1 - weight) * nearest + weight * (queries @ self._centroids.T)
        return blended


def choose(scores: Matrix, settings: TaggerSettings) -> Mask:
    """Which tags each row of ``scores`` gets, by the rule in the module docstring."""
    rank = np.argsort(np.argsort(-scores, axis=1), axis=1)
    best = scores.max(axis=1, keepdims=True)
    floor = np.maximum(best - settings.near_best, settings.threshold - settings.floor_gap)
    chosen: Mask = (rank < settings.max_tags) & (scores >= np.minimum(settings.threshold, floor))
    chosen |= ~chosen.any(axis=1, keepdims=True) & (rank == 0)
    return chosen


class CategoryTagger:
    """Tags memories from their text and their embedding."""

    def __init__(
        self,
        embedder: Optional[Embedder] = None,
        settings: TaggerSettings = DEFAULT_SETTINGS,
        prototypes: Optional[PrototypeScorer] = None,
    ) -> None:
        """``prototypes`` replaces the shipped examples (for cross-validation)."""
        self._embedder = embedder
        self._settings = settings
        self._scorer = prototypes

    def prepare(self) -> None:
        """Load (or embed) the examples now rather than on the first store."""
        self._prototypes()

    def _prototypes(self) -> Optional[PrototypeScorer]:
        if self._scorer is None and self._embedder is not None:
            examples = load_examples()
            self._scorer = PrototypeScorer(
                example_vectors(self._embedder, examples),
                examples.labels,
                self._settings.top_k,
                self._settings.centroid_weight,
            )
        return self._scorer

    def score_matrix(self, texts: Sequence[str], vectors: Optional[Matrix] = None) -> Matrix:
        """A ``(len(texts), tags)`` matrix: prototype similarity plus the keyword bonus."""
        scores = self._settings.keyword_bonus * keyword_hits(texts)
        scorer = self._prototypes() if vectors is not None else None
        if scorer is not None and vectors is not None:
            scores = scores + scorer.similarities(vectors)
        return scores

    def tag_many(self, texts: Sequence[str], vectors: Optional[Matrix] = None) -> list[list[str]]:
        """Each text's tags, best first."""
        scores = self.score_matrix(texts, vectors)
        chosen = choose(scores, self._settings)
        return [
            [TAG_NAMES[j] for j in np.argsort(-row) if mask[j]] for row, mask in zip(scores, chosen)
        ]

    def tag(self, text: str, vector: Optional[Matrix] = None) -> list[str]:
        """Up to ``max_tags`` tags for one memory, best first."""
        return self.tag_many([text], None if vector is None else vector[np.newaxis, :])[0]
