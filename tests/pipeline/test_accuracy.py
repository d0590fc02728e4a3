"""Each pipeline stage meets its bar on its labelled set (the same figures ``make eval`` prints)."""

from __future__ import annotations

import importlib

import pytest

from evals.report import StageReport

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
_cache: dict[str, StageReport] = {}


def report(stage: str) -> StageReport:
    if stage not in _cache:
        _cache[stage] = importlib.import_module(f"evals.{stage}").evaluate()
    return _cache[stage]


@pytest.mark.parametrize(
    "stage", ["pii", "dedup", "importance", "temporal", "categories", "retrieval"]
)
def test_stage_meets_every_bar(stage):
    failures = [(f.name, round(f.value, 3), str(f.bar)) for f in report(stage).failures]
    assert failures == []
    assert any(f.bar is not None for f in report(stage).figures)


def test_the_bars_are_the_issue_bars():
    bars = {
        (s, f.name): str(f.bar)
        for s in ("pii", "temporal", "importance")
        for f in report(s).figures
        if f.bar
    }
    assert bars[("pii", "recall credit_card")] == ">= 0.97"
    assert bars[("pii", "recall ssn")] == ">= 0.97"
    assert bars[("pii", "recall api_key")] == ">= 0.97"
    assert any(
        name.startswith("false positives") and bar == "<= 0.02" for (_, name), bar in bars.items()
    )
    assert bars[("importance", "Spearman rho")] == ">= 0.6"
    assert bars[("temporal", "type accuracy")] == ">= 0.9"
    assert bars[("temporal", "valid_until exact to the day")] == ">= 0.85"


def test_dedup_beats_the_threshold_only_baseline():
    dedup = report("dedup")
    assert (
        dedup.figure("accuracy").value
        > dedup.figure(
            next(f.name for f in dedup.figures if f.name.startswith("baseline, thresholds only"))
        ).value
    )
    assert (
        dedup.figure("accuracy in the 0.70-0.98 band").value
        > dedup.figure("baseline in the band").value
    )


def test_hybrid_retrieval_beats_both_single_retrievers_on_the_untuned_half():
    retrieval = report("retrieval")
    hybrid = retrieval.figure("hybrid: recall@10 (test half)").value
    assert hybrid > retrieval.figure("dense: recall@10 (test half)").value
    assert hybrid > retrieval.figure("lexical: recall@10 (test half)").value
    assert (
        retrieval.figure("server DENSE_WEIGHT").value
        == retrieval.figure("tuned dense weight (tune half)").value
    )


def test_categories_meet_the_bar_and_hold_their_level_on_the_held_out_sets():
    categories = report("categories")
    assert str(categories.figure("micro-F1").bar) == ">= 0.75"
    # Settings chosen on the tagger's own examples; measured 0.783 and 0.727 (the blind v2 set is
    # under the issue's bar, see the README). Pinned so that neither can slip.
    assert categories.figure("holdout/categories.jsonl micro-F1 (163)").value >= 0.76
    assert categories.figure("holdout/categories_v2.jsonl micro-F1 (300)").value >= 0.70
    assert categories.figure("all sets pooled micro-F1 (855)").value >= 0.75
    # The labels themselves: three annotators working blind agree far above the tagger.
    assert categories.figure("annotator agreement (micro-F1)").value >= 0.9
