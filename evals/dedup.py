"""Dedup stage: the decision for each labelled pair, against a threshold-only baseline.

Both decide ``duplicate_exact`` on equal normalised text, ``duplicate`` at cosine >= 0.98 and
``stored_new`` below 0.70. In between, the pipeline asks its ``MergePolicy``; the baseline gives
every pair in the band the one label that scores best on this very set (its best case).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
from mnemexa_server.pipeline.dedup import (
    DUPLICATE_AT,
    MERGE_FROM,
    LocalMergePolicy,
    MergePolicy,
    decide,
)

from .data import holdout, jsonl
from .metrics import confusion
from .models import embed
from .report import Bar, StageReport

LABELS = ["duplicate_exact", "duplicate", "updated_existing", "merged", "stored_new"]


def similarities(pairs: list[dict[str, Any]]) -> list[float]:
    existing = embed([p["existing"] for p in pairs])
    new = embed([p["new"] for p in pairs])
    return [float(s) for s in np.einsum("ij,ij->i", existing, new)]


def predictions(pairs: list[dict[str, Any]], sims: list[float], policy: MergePolicy) -> list[str]:
    return [decide(p["new"], p["existing"], s, policy).action for p, s in zip(pairs, sims)]


class _ConstantPolicy:
    def __init__(self, action: str) -> None:
        self.action = action

    def decide(self, new_text: str, existing_text: str, similarity: float) -> str:
        return self.action


SHORT = {
    "duplicate_exact": "exact",
    "duplicate": "dup",
    "updated_existing": "update",
    "merged": "merged",
    "stored_new": "new",
}


def render_confusion(pairs: list[dict[str, Any]], predicted: list[str]) -> list[str]:
    counts = confusion((p["label"], got) for p, got in zip(pairs, predicted))
    width = max(len(label) for label in LABELS)
    lines = ["expected \\ predicted".ljust(width) + "".join(f"{SHORT[lab]:>8}" for lab in LABELS)]
    for want in LABELS:
        lines.append(want.ljust(width) + "".join(f"{counts[(want, got)]:>8}" for got in LABELS))
    return lines


def accuracy(pairs: list[dict[str, Any]], predicted: list[str]) -> float:
    return sum(p["label"] == got for p, got in zip(pairs, predicted)) / len(pairs)


def evaluate(verbose: bool = False) -> StageReport:
    pairs = jsonl("dedup_pairs.jsonl")
    sims = similarities(pairs)
    predicted = predictions(pairs, sims, LocalMergePolicy())
    baselines = {
        action: accuracy(pairs, predictions(pairs, sims, _ConstantPolicy(action)))
        for action in ("stored_new", "updated_existing", "merged", "duplicate")
    }
    best = max(baselines, key=baselines.__getitem__)
    labels = Counter(p["label"] for p in pairs)
    report = StageReport(
        "dedup",
        f"tests/data/dedup_pairs.jsonl, {len(pairs)} pairs ("
        + ", ".join(f"{labels[label]} {label}" for label in LABELS)
        + ")",
    )
    ours = accuracy(pairs, predicted)
    report.add("accuracy", ours)
    report.add(f"baseline, thresholds only (band -> {best})", baselines[best])
    report.add("accuracy minus baseline", ours - baselines[best], Bar(">=", 0.05))
    unseen = holdout("dedup_pairs.jsonl")
    if unseen is not None:
        unseen_sims = similarities(unseen)
        unseen_base = max(
            accuracy(unseen, predictions(unseen, unseen_sims, _ConstantPolicy(a)))
            for a in ("stored_new", "updated_existing", "merged", "duplicate")
        )
        unseen_ours = accuracy(unseen, predictions(unseen, unseen_sims, LocalMergePolicy()))
        report.add(f"held-out set ({len(unseen)}): accuracy", unseen_ours)
        report.add(f"held-out set ({len(unseen)}): best threshold-only baseline", unseen_base)
    band = [i for i, s in enumerate(sims) if MERGE_FROM <= s < DUPLICATE_AT]
    band_pairs = [pairs[i] for i in band]
    report.add("accuracy in the 0.70-0.98 band", accuracy(band_pairs, [predicted[i] for i in band]))
    base_band = predictions(band_pairs, [sims[i] for i in band], _ConstantPolicy(best))
    report.add("baseline in the band", accuracy(band_pairs, base_band))
    report.details.append(f"pairs in the 0.70-0.98 band: {len(band)} of {len(pairs)}")
    report.details.extend(render_confusion(pairs, predicted))
    if verbose:
        for pair, sim, got in zip(pairs, sims, predicted):
            if got != pair["label"]:
                report.details.append(
                    f"  {pair['id']} sim={sim:.2f} want {pair['label']} got {got}: "
                    f"{pair['existing'][:60]!r} -> {pair['new'][:60]!r}"
                )
    return report
