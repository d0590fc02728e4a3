"""Dedup stage: false merges, duplicate recall and update detection on the fact-pair sets.

Each pair is a stored memory and a new one, labelled ``duplicate`` (the same fact reworded),
``updated_existing`` (the same subject with another value) or ``stored_new`` (another
subject). A *false merge* loses a fact: another subject answered ``duplicate``, ``merged`` or
``updated_existing``, or a changed value answered ``duplicate``. The pipeline decides from
the real embedder's cosine, as the server does (stored beside the sets: ``pair_cosines``).

- ``tests/data/dedup_facts.jsonl``: the development set the rules were written against.
- ``tests/data/holdout/dedup_facts_a.jsonl`` and ``_b.jsonl``: written blind to the rules,
  measured at first sight (figures in docs/evaluation.md), since then seen.
- ``tests/data/holdout/dedup_facts_c.jsonl`` to ``_z.jsonl``, ``_aa`` to ``_bz``, ``_ca`` to
  ``_cz`` (no ``_ct``), ``_da`` to ``_dz`` and ``_ea`` to ``_ej``: written blind later, each
  measured once at first sight against the rules of its day (figures in docs/evaluation.md),
  and studied since.
- ``tests/data/holdout/dedup_probe_1.jsonl`` and ``_2.jsonl``: 1,000 hard negatives only,
  written blind to find what the rules miss (names in swapped roles, a verb swapped, a
  particle turned round, a model number), and studied since: their false-merge rate.
- ``tests/data/dedup_pairs.jsonl`` and its held-out half: the first, 5-way set (accuracy).
"""

from __future__ import annotations

import multiprocessing
import os
import string
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from mnemexa_server.pipeline.dedup import (
    DUPLICATE_ACTIONS,
    LocalMergePolicy,
    MergePolicy,
    decide,
)

from .metrics import confusion
from .pair_cosines import cosines
from .pair_probabilities import StoredPairModel
from .report import Bar, StageReport

LABELS = ["duplicate_exact", "duplicate", "updated_existing", "merged", "stored_new"]
DUPLICATES = DUPLICATE_ACTIONS
FALSE_MERGE_BAR = Bar("<=", 0.005)
DUPLICATE_RECALL_BAR = Bar(">=", 0.90)
UPDATE_BAR = Bar(">=", 0.80)

DEVELOPMENT = "dedup_facts.jsonl"
FIRST_BLIND = ["holdout/dedup_facts_a.jsonl", "holdout/dedup_facts_b.jsonl"]
LATER_BLIND = {
    letters: f"holdout/dedup_facts_{letters}.jsonl"
    for letters in [
        *"cdefghijklmnopqrstuvwxyz",
        *(f"a{c}" for c in string.ascii_lowercase),
        *(f"b{c}" for c in string.ascii_lowercase),
        *(f"c{c}" for c in "abcdefghijklmnopqrsuvwxyz"),  # no CT: that set was never written
        *(f"d{c}" for c in string.ascii_lowercase),
        *(f"e{c}" for c in "abcdefghijklmnopqrstuv"),
    ]
}
PROBES = ["holdout/dedup_probe_1.jsonl", "holdout/dedup_probe_2.jsonl"]
FIRST_FIVE_WAY = "dedup_pairs.jsonl"
FIRST_FIVE_WAY_HELD_OUT = "holdout/dedup_pairs.jsonl"
SETS = [
    DEVELOPMENT,
    *FIRST_BLIND,
    *LATER_BLIND.values(),
    *PROBES,
    FIRST_FIVE_WAY,
    FIRST_FIVE_WAY_HELD_OUT,
]


def policy() -> LocalMergePolicy:
    """The server's own policy (``make_merge_policy("local")``)."""
    return LocalMergePolicy()


def predicted(
    chooser: MergePolicy, *names: str, second_look: bool = True
) -> tuple[list[dict[str, Any]], list[str]]:
    """The pairs of the sets ``names`` (paths under tests/data) and the pipeline's action for
    each, from the embedder's cosine (stored, see ``pair_cosines``) and, with
    ``second_look``, the pair model's P(duplicate) (stored, see ``pair_probabilities``), as
    the server decides."""
    pairs: list[dict[str, Any]] = []
    actions: list[str] = []
    for name in names:
        some, sims = cosines(name)
        model = StoredPairModel(name) if second_look else None
        pairs += some
        actions += [
            decide(p["new"], p["existing"], s, chooser, model).action for p, s in zip(some, sims)
        ]
    return pairs, actions


def _actions_of(name: str) -> list[str]:
    return predicted(policy(), name)[1]


def predicted_in_parallel(*names: str) -> dict[str, tuple[list[dict[str, Any]], list[str]]]:
    """``predicted`` for each set of ``names``, the sets spread over the CPUs (in fresh
    processes: the caller may hold threads, such as a live server's)."""
    workers = max(1, min(len(names), os.cpu_count() or 1))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        actions = list(pool.map(_actions_of, names))
    return {name: (cosines(name)[0], got) for name, got in zip(names, actions)}


def is_false_merge(label: str, got: str) -> bool:
    if label == "stored_new":
        return got != "stored_new"
    return label == "updated_existing" and got in DUPLICATES


def rates(pairs: list[dict[str, Any]], predicted: list[str]) -> dict[str, float]:
    """False-merge rate, duplicate recall and update detection."""
    distinct = [(p, g) for p, g in zip(pairs, predicted) if p["label"] != "duplicate"]
    duplicates = [g for p, g in zip(pairs, predicted) if p["label"] == "duplicate"]
    updates = [g for p, g in zip(pairs, predicted) if p["label"] == "updated_existing"]
    return {
        "false merges": sum(is_false_merge(p["label"], g) for p, g in distinct) / len(distinct),
        "duplicate recall": sum(g in DUPLICATES for g in duplicates) / len(duplicates),
        "update detection": sum(g == "updated_existing" for g in updates) / len(updates),
    }


def rates_of_distinct(pairs: list[dict[str, Any]], predicted: list[str]) -> float:
    """The false-merge rate of a set that holds only distinct facts (no duplicates)."""
    return sum(is_false_merge(p["label"], g) for p, g in zip(pairs, predicted)) / len(pairs)


def add_fact_set(
    report: StageReport, label: str, pairs: list[dict[str, Any]], predicted: list[str]
) -> None:
    figures = rates(pairs, predicted)
    report.add(f"{label}: false-merge rate", figures["false merges"], FALSE_MERGE_BAR)
    report.add(f"{label}: duplicate recall", figures["duplicate recall"], DUPLICATE_RECALL_BAR)
    report.add(f"{label}: update detection", figures["update detection"], UPDATE_BAR)
    misses = Counter(
        (p.get("kind", "?"), p["label"], got)
        for p, got in zip(pairs, predicted)
        if got != p["label"] and not (p["label"] == "duplicate" and got in DUPLICATES)
    )
    if misses:
        report.details.append(
            f"{label} misses (kind, want, got): "
            + ", ".join(f"{k}/{w}->{g} {n}" for (k, w, g), n in misses.most_common())
        )


def render_confusion(pairs: list[dict[str, Any]], predicted: list[str]) -> list[str]:
    short = {"duplicate_exact": "exact", "duplicate": "dup", "updated_existing": "update"}
    counts = confusion((p["label"], got) for p, got in zip(pairs, predicted))
    width = max(len(label) for label in LABELS)
    head = "".join(f"{short.get(lab, lab[:6]):>8}" for lab in LABELS)
    lines = ["expected \\ predicted".ljust(width) + head]
    for want in LABELS:
        lines.append(want.ljust(width) + "".join(f"{counts[(want, got)]:>8}" for got in LABELS))
    return lines


def evaluate(verbose: bool = False) -> StageReport:
    sets = predicted_in_parallel(*SETS)

    def predicted_on(*names: str) -> tuple[list[dict[str, Any]], list[str]]:
        pairs: list[dict[str, Any]] = []
        actions: list[str] = []
        for name in names:
            pairs += sets[name][0]
            actions += sets[name][1]
        return pairs, actions

    facts, predictions = predicted_on(DEVELOPMENT)
    groups = Counter(p["group"] for p in facts)
    report = StageReport(
        "dedup",
        f"tests/data/{DEVELOPMENT}, {len(facts)} pairs ("
        + ", ".join(f"{n} {g}" for g, n in sorted(groups.items()))
        + "); blind sets in tests/data/holdout/dedup_facts_{a,b}.jsonl",
    )
    add_fact_set(report, "development set", facts, predictions)
    blind, blind_predictions = predicted_on(*FIRST_BLIND)
    add_fact_set(report, f"blind set ({len(blind)})", blind, blind_predictions)
    for letters, name in LATER_BLIND.items():
        later, later_predictions = predicted_on(name)
        add_fact_set(
            report, f"blind set {letters.upper()} ({len(later)})", later, later_predictions
        )
    probes, probe_predictions = predicted_on(*PROBES)
    report.add(
        f"hard-negative probe sets ({len(probes)}): false-merge rate",
        rates_of_distinct(probes, probe_predictions),
    )
    first, first_predictions = predicted_on(FIRST_FIVE_WAY)
    report.add(
        f"first 5-way set ({len(first)}): accuracy",
        sum(p["label"] == g for p, g in zip(first, first_predictions)) / len(first),
    )
    unseen, unseen_predictions = predicted_on(FIRST_FIVE_WAY_HELD_OUT)
    report.add(
        f"first 5-way held-out set ({len(unseen)}): accuracy",
        sum(p["label"] == g for p, g in zip(unseen, unseen_predictions)) / len(unseen),
    )
    report.add(
        f"first 5-way sets ({len(first) + len(unseen)}): false-merge rate",
        rates(first + unseen, first_predictions + unseen_predictions)["false merges"],
    )
    report.details.extend(render_confusion(facts, predictions))
    if verbose:
        for pair, got in zip(facts, predictions):
            if got != pair["label"]:
                report.details.append(
                    f"  {pair['id']} {pair.get('kind')} want {pair['label']} got {got}: "
                    f"{pair['existing'][:70]!r} -> {pair['new'][:70]!r}"
                )
    return report
