"""Importance stage: Spearman correlation of the 1-10 score with the labels.

Novelty is scored as in a workspace holding the rest of the set: each memory's nearest
neighbour among the others gives its ``nearest_similarity``.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from mnemexa_server.pipeline.importance import ImportanceScorer

from .data import holdout, jsonl
from .metrics import spearman
from .models import embed, embedder
from .report import Bar, StageReport


def nearest_similarities(vectors: np.ndarray) -> list[float]:
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -1.0)
    return [float(v) for v in similarity.max(axis=1)]


def evaluate(verbose: bool = False) -> StageReport:
    items = jsonl("importance.jsonl")
    texts = [i["text"] for i in items]
    labels = [i["importance"] for i in items]
    vectors = embed(texts)
    nearest = nearest_similarities(vectors)
    rules_only = [ImportanceScorer().score(t, n).value for t, n in zip(texts, nearest)]
    scorer = ImportanceScorer(embedder())
    predicted = [scorer.score(t, n, v).value for t, n, v in zip(texts, nearest, vectors)]
    report = StageReport("importance", f"tests/data/importance.jsonl, {len(items)} memories")
    report.add("Spearman rho", spearman(predicted, labels), Bar(">=", 0.6))
    report.add("Spearman rho, rules without prototypes", spearman(rules_only, labels))
    unseen = holdout("importance.jsonl")
    unseen_vectors = embed([i["text"] for i in unseen])
    got = [
        scorer.score(i["text"], n, v).value
        for i, n, v in zip(unseen, nearest_similarities(unseen_vectors), unseen_vectors)
    ]
    report.add(
        f"held-out set Spearman rho ({len(unseen)})",
        spearman(got, [i["importance"] for i in unseen]),
        Bar(">=", 0.6),
    )
    report.add("mean absolute error", float(np.mean(np.abs(np.subtract(predicted, labels)))))
    spread = Counter(predicted)
    report.details.append(
        "predicted levels: " + ", ".join(f"{k}:{spread[k]}" for k in sorted(spread))
    )
    if verbose:
        for item, got in zip(items, predicted):
            if abs(got - item["importance"]) >= 3:
                report.details.append(
                    f"  {item['id']}: want {item['importance']}, got {got}: {item['text'][:90]}"
                )
    return report
