"""Categories stage: micro-F1 and per-tag F1 of the multi-label tagger.

The tagger's constants were tuned on the ``tune`` half of the set; the ``test`` half is
reported on its own as well.
"""

from __future__ import annotations

from typing import Any

from mnemexa_server.pipeline.categories import TAXONOMY, CategoryTagger

from .data import holdout, jsonl, split_of
from .metrics import Counts, set_counts
from .models import embed, embedder
from .report import Bar, StageReport


def tag_all(items: list[dict[str, Any]], tagger: CategoryTagger) -> list[list[str]]:
    vectors = embed([i["text"] for i in items])
    return [tagger.tag(i["text"], v) for i, v in zip(items, vectors)]


def per_tag(items: list[dict[str, Any]], predicted: list[list[str]]) -> dict[str, Counts]:
    return {
        tag.name: sum(
            (set_counts(p, i["categories"], tag.name) for i, p in zip(items, predicted)), Counts()
        )
        for tag in TAXONOMY
    }


def micro_f1(counts: dict[str, Counts]) -> float:
    return sum(counts.values(), Counts()).f1


def evaluate(verbose: bool = False) -> StageReport:
    items = jsonl("categories.jsonl")
    predicted = tag_all(items, CategoryTagger(embedder()))
    counts = per_tag(items, predicted)
    report = StageReport("categories", f"tests/data/categories.jsonl, {len(items)} memories")
    report.add("micro-F1", micro_f1(counts), Bar(">=", 0.75))
    test = [n for n, i in enumerate(items) if split_of(i["id"]) == "test"]
    test_counts = per_tag([items[n] for n in test], [predicted[n] for n in test])
    report.add(f"micro-F1 on the untuned half ({len(test)})", micro_f1(test_counts))
    unseen = holdout("categories.jsonl")
    if unseen is not None:
        unseen_counts = per_tag(unseen, tag_all(unseen, CategoryTagger(embedder())))
        report.add(f"held-out set micro-F1 ({len(unseen)})", micro_f1(unseen_counts))
    report.details.append("tag                  precision  recall  F1")
    for name, c in counts.items():
        report.details.append(f"{name:<20} {c.precision:9.2f} {c.recall:7.2f} {c.f1:5.2f}")
    if verbose:
        for item, got in zip(items, predicted):
            if set(got) != set(item["categories"]):
                report.details.append(
                    f"  {item['id']} want {item['categories']} got {got}: {item['text'][:90]}"
                )
    return report
