"""``python -m evals.tune_categories``: choose the category tagger's settings.

Only the tagger's own examples are used: each of ``FOLDS`` folds is tagged against the
examples of the other folds, and every combination in ``GRID`` is scored by micro-F1 over all
folds. The evaluation sets in ``tests/data`` are never read. Prints the best settings; they are
copied into ``DEFAULT_SETTINGS`` by hand, so a change is a reviewed diff.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace

import numpy as np
from mnemexa_server.pipeline.categories import (
    DEFAULT_SETTINGS,
    PrototypeScorer,
    TaggerSettings,
    choose,
    keyword_hits,
)
from mnemexa_server.pipeline.category_examples import load_examples

from .metrics import Counts
from .models import embed

FOLDS = 10
GRID = {
    "top_k": (1, 3, 5, 8),
    "centroid_weight": (0.0, 0.25, 0.5, 0.75),
    "keyword_bonus": (0.0, 0.025, 0.05, 0.1),
    "threshold": tuple(np.round(np.arange(0.35, 0.71, 0.025), 3)),
    "near_best": (0.0, 0.02, 0.04, 0.06, 0.08),
    "floor_gap": (0.05, 0.1, 0.2),
}


def micro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    counts = Counts(
        tp=int((gold & predicted).sum()),
        fp=int((~gold & predicted).sum()),
        fn=int((gold & ~predicted).sum()),
    )
    return counts.f1


def cross_validated(
    vectors: np.ndarray, labels: np.ndarray, top_k: int, weight: float
) -> np.ndarray:
    """Every example's similarities to the examples outside its fold."""
    fold = np.arange(len(vectors)) % FOLDS
    out = np.empty(labels.shape, dtype=np.float32)
    for f in range(FOLDS):
        scorer = PrototypeScorer(vectors[fold != f], labels[fold != f], top_k, weight)
        out[fold == f] = scorer.similarities(vectors[fold == f])
    return out


def main() -> int:
    examples = load_examples()
    vectors = embed(list(examples.texts))
    hits = keyword_hits(examples.texts)
    results: list[tuple[float, TaggerSettings]] = []
    for top_k, weight in itertools.product(GRID["top_k"], GRID["centroid_weight"]):
        similarity = cross_validated(vectors, examples.labels, top_k, weight)
        print(f"top_k={top_k} centroid_weight={weight} ...", file=sys.stderr, flush=True)
        for bonus, threshold, near, gap in itertools.product(
            GRID["keyword_bonus"], GRID["threshold"], GRID["near_best"], GRID["floor_gap"]
        ):
            settings = replace(
                DEFAULT_SETTINGS,
                top_k=top_k,
                centroid_weight=weight,
                keyword_bonus=bonus,
                threshold=float(threshold),
                near_best=near,
                floor_gap=gap,
            )
            chosen = choose(similarity + bonus * hits, settings)
            results.append((micro_f1(examples.labels, chosen), settings))
    results.sort(key=lambda r: -r[0])
    print(f"{len(examples.texts)} examples, {FOLDS}-fold micro-F1, best of {len(results)}:")
    for score, settings in results[:5]:
        print(f"  {score:.4f}  {settings}")
    current = [score for score, settings in results if settings == DEFAULT_SETTINGS]
    print(f"DEFAULT_SETTINGS: {current[0]:.4f}" if current else "DEFAULT_SETTINGS: not in the grid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
