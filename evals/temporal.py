"""Temporal stage: persistent/temporal accuracy and day-exact ``valid_until``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable, Optional

from mnemexa_server.pipeline.temporal import TemporalClassifier

from .data import holdout, jsonl
from .report import Bar, StageReport

# (type, last day) for one text at one time
Predict = Callable[[str, datetime], tuple[str, Optional[date]]]


def mnemexa_predict() -> Predict:
    classifier = TemporalClassifier()

    def predict(text: str, now: datetime) -> tuple[str, Optional[date]]:
        info = classifier.classify(text, now)
        return info.type, info.valid_until.date() if info.valid_until else None

    return predict


def dateparser_predict() -> Optional[Predict]:
    """The baseline: dateparser's ``search_dates``, a future date found = temporal, until it."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None

    def predict(text: str, now: datetime) -> tuple[str, Optional[date]]:
        settings = {"RELATIVE_BASE": now.replace(tzinfo=None), "PREFER_DATES_FROM": "future"}
        found = search_dates(text, languages=["en"], settings=settings) or []
        future = [d.date() for _, d in found if d.date() >= now.date()]
        return ("temporal", future[0]) if future else ("persistent", None)

    return predict


def score(items: list[dict[str, Any]], predict: Predict) -> tuple[float, float, list[str]]:
    """(type accuracy, day-exact share of dated temporal items, the misses)."""
    right_type = right_day = dated = 0
    misses = []
    for item in items:
        now = datetime.fromisoformat(item["now"].replace("Z", "+00:00"))
        kind, until = predict(item["text"], now)
        expected = date.fromisoformat(item["valid_until"]) if item["valid_until"] else None
        right_type += kind == item["type"]
        if item["type"] == "temporal" and expected is not None:
            dated += 1
            right_day += until == expected
        if kind != item["type"] or until != expected:
            misses.append(f"  {item['id']}: want {item['type']} {expected}, got {kind} {until}")
    return right_type / len(items), right_day / dated, misses


def evaluate(verbose: bool = False) -> StageReport:
    items = jsonl("temporal.jsonl")
    temporal = sum(i["type"] == "temporal" for i in items)
    report = StageReport(
        "temporal", f"tests/data/temporal.jsonl, {len(items)} ({temporal} temporal)"
    )
    accuracy, exact, misses = score(items, mnemexa_predict())
    report.add("type accuracy", accuracy, Bar(">=", 0.9))
    report.add("valid_until exact to the day", exact, Bar(">=", 0.85))
    unseen = holdout("temporal.jsonl")
    unseen_accuracy, unseen_exact, _ = score(unseen, mnemexa_predict())
    report.add(f"held-out set ({len(unseen)}): type accuracy", unseen_accuracy, Bar(">=", 0.9))
    report.add(f"held-out set ({len(unseen)}): valid_until exact", unseen_exact, Bar(">=", 0.85))
    baseline = dateparser_predict()
    if baseline is not None:
        base_accuracy, base_exact, _ = score(items, baseline)
        report.add("baseline dateparser: type accuracy", base_accuracy)
        report.add("baseline dateparser: valid_until exact", base_exact)
    if verbose:
        report.details.extend(misses)
    return report
