"""A substitution is skipped only where it could not have matched."""

from __future__ import annotations

import json
import re

import pytest
from mnemexa_server.pipeline import facts
from mnemexa_server.pipeline.literal_gate import GatedSubstitutions, required_literal

from evals.data import DATA_DIR


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        (r"(?i)\bat\sall\stimes\b", "times"),
        (r"\b([Nn])o[\s-]one(?![\w-])", "one"),
        (r"(?i)(?:half|quarter) past", " past"),
        (r"(?i)\b(?:twice|two times)\b", None),  # an alternation: no literal every match has
        (r"(?i)(every )?other week", "other week"),  # an optional group is skipped
        (r"ab", None),  # shorter than MIN_LITERAL
    ],
)
def test_the_required_literal_is_one_every_match_contains(pattern, literal):
    assert required_literal(re.compile(pattern)) == literal


def _ungated(text: str) -> str:
    for pattern, written in facts._PHRASES + facts._CLOCK_PARTS:
        text = pattern.sub(written, text)
    return text


def test_gated_substitutions_equal_every_substitution_run_in_turn():
    texts = [
        json.loads(line)[side]
        for line in (DATA_DIR / "dedup_facts.jsonl").read_text(encoding="utf-8").splitlines()
        for side in ("existing", "new")
    ]
    texts += [
        "No one is in at ten to six IN THE EVENING, WITHOUT EXCEPTION.",
        "\u017fix times a week, at all t\u0131mes, half past \u017feven",  # not ASCII
        "",
    ]
    gated = GatedSubstitutions(facts._PHRASES + facts._CLOCK_PARTS)
    changed = [text for text in texts if _ungated(text) != text]
    assert len(changed) > 40  # the substitutions do rewrite these texts
    assert [gated(text) for text in texts] == [_ungated(text) for text in texts]
