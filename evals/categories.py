"""Categories stage: micro-F1 and per-tag F1 of the multi-label tagger.

The tagger learns from its own examples and its settings come from cross-validation on them
(``evals.tune_categories``), so no evaluation memory is fit directly. Its keywords, though, were
once chosen on the ``tune`` half of ``tests/data/categories.jsonl``. The bar therefore applies
to every memory outside that half: the ``test`` half and both held-out sets.

Each set was labelled by three annotators from ``docs/categories.md`` without seeing the tagger;
the gold tags are the per-tag majority, and the annotators' agreement is reported as a ceiling.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from mnemexa_server.pipeline.categories import CategoryTagger
from mnemexa_server.pipeline.taxonomy import TAG_NAMES

from .data import jsonl, split_of
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


def scored(
    items: list[dict[str, Any]], tagger: CategoryTagger
) -> list[tuple[list[str], list[str]]]:
    """Each item's gold tags and the tagger's."""
    texts = [i["text"] for i in items]
    return list(zip([i["categories"] for i in items], tagger.tag_many(texts, embed(texts))))


def f1_of(pairs: list[tuple[list[str], list[str]]]) -> float:
    return micro_f1(per_tag([g for g, _ in pairs], [p for _, p in pairs]))


def evaluate(verbose: bool = False) -> StageReport:
    tagger = CategoryTagger(embedder())
    items = jsonl("categories.jsonl")
    main = scored(items, tagger)
    untuned = [pair for item, pair in zip(items, main) if split_of(item["id"]) == "test"]
    unseen = {name: jsonl(f"holdout/{name}") for name in HELD_OUT}
    held = {name: scored(sets, tagger) for name, sets in unseen.items()}
    clean = untuned + [pair for pairs in held.values() for pair in pairs]

    report = StageReport(
        "categories",
        f"tests/data/categories.jsonl ({len(items)}) and holdout/ "
        + ", ".join(f"{name} ({len(pairs)})" for name, pairs in held.items()),
    )
    report.add(f"micro-F1, memories never fit to ({len(clean)})", f1_of(clean), Bar(">=", 0.75))
    report.add(f"categories.jsonl micro-F1 ({len(items)})", f1_of(main))
    report.add(f"categories.jsonl untuned half ({len(untuned)})", f1_of(untuned))
    report.add("categories.jsonl annotator agreement", agreement(items))
    for name, pairs in held.items():
        report.add(f"holdout/{name} micro-F1 ({len(pairs)})", f1_of(pairs))
        report.add(f"holdout/{name} annotator agreement", agreement(unseen[name]))
    counts = per_tag([g for g, _ in clean], [p for _, p in clean])
    report.details.append(f"per tag, on the {len(clean)} memories never fit to")
    report.details.append("tag                  precision  recall  F1")
    for name, c in counts.items():
        report.details.append(f"{name:<20} {c.precision:9.2f} {c.recall:7.2f} {c.f1:5.2f}")
    if verbose:
        for item, (gold, got) in zip(items, main):
            if set(got) != set(gold):
                report.details.append(f"  {item['id']} want {gold} got {got}: {item['text'][:90]}")
    return report
