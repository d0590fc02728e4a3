"""Categories stage: micro-F1 and per-tag F1 of the multi-label tagger.

Three labelled sets are scored, and none of them is among the tagger's examples or was used to
choose its settings (those come from cross-validation on the examples, ``evals.tune_categories``).
Each set was labelled by three annotators from ``docs/categories.md`` without seeing the tagger;
the gold tags are the per-tag majority, and their agreement is reported next to the tagger's.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from mnemexa_server.pipeline.categories import CategoryTagger
from mnemexa_server.pipeline.taxonomy import TAG_NAMES

from .data import holdout, jsonl
from .metrics import Counts, set_counts
from .models import embed, embedder
from .report import Bar, StageReport

HELD_OUT = ("categories.jsonl", "categories_v2.jsonl")


def per_tag(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, Counts]:
    return {
        name: sum((set_counts(p, g, name) for g, p in zip(gold, predicted)), Counts())
        for name in TAG_NAMES
    }


def micro_f1(counts: dict[str, Counts]) -> float:
    return sum(counts.values(), Counts()).f1


def agreement(items: list[dict[str, Any]]) -> float:
    """Mean micro-F1 of each pair of annotators, one taken as gold for the other."""
    pairs = list(combinations(range(len(items[0]["annotations"])), 2))
    return sum(
        micro_f1(
            per_tag([i["annotations"][a] for i in items], [i["annotations"][b] for i in items])
        )
        for a, b in pairs
    ) / len(pairs)


def tag_all(items: list[dict[str, Any]], tagger: CategoryTagger) -> list[list[str]]:
    texts = [i["text"] for i in items]
    return tagger.tag_many(texts, embed(texts))


def evaluate(verbose: bool = False) -> StageReport:
    tagger = CategoryTagger(embedder())
    items = jsonl("categories.jsonl")
    predicted = tag_all(items, tagger)
    counts = per_tag([i["categories"] for i in items], predicted)
    report = StageReport("categories", f"tests/data/categories.jsonl, {len(items)} memories")
    report.add("micro-F1", micro_f1(counts), Bar(">=", 0.75))
    report.add("annotator agreement (micro-F1)", agreement(items))
    pooled, memories = counts, len(items)
    for name in HELD_OUT:
        unseen = holdout(name)
        if unseen is not None:
            got = per_tag([i["categories"] for i in unseen], tag_all(unseen, tagger))
            pooled = {tag: pooled[tag] + got[tag] for tag in TAG_NAMES}
            memories += len(unseen)
            report.add(f"holdout/{name} micro-F1 ({len(unseen)})", micro_f1(got))
            report.add(f"holdout/{name} annotator agreement", agreement(unseen))
    report.add(f"all sets pooled micro-F1 ({memories})", micro_f1(pooled))
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
