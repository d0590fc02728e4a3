"""Importance: an integer from 1 (trivia) to 10 (critical business fact), from documented signals.

Start at 3, then add:

| signal | points |
|---|---|
| a commitment or obligation ("must", "mandates", "promised", "agreed", "will deliver") | +2 |
| a decision ("decided", "approved", "chose", "going with") | +2 |
| a deadline or date ("by Friday", "due", "deadline", an ISO date) | +2 |
| a preference or requirement ("prefers", "wants", "likes", "requires") | +1 |
| money or a quantity with a unit ("$40k", "3 seats", "20%") | +1 |
| a named person or system (a capitalised word not at the start, or a code identifier) | +1 |
| risk words ("blocker", "outage", "security", "legal", "churn", "escalation") | +2 |
| novelty: nothing in the workspace is similar (cosine of nearest < 0.5) | +1 |
| length: more than 25 words | +1; fewer than 4 words: -1 |
| small talk ("lol", "thanks", "hello", "weather") | -2 |

and clamp to 1..10.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_SIGNALS: list[tuple[str, int, re.Pattern[str]]] = [
    (
        "commitment",
        2,
        re.compile(
            r"(?i)\b(must|mandat\w*|promis\w*|agreed|commit\w*|will deliver|guarantee\w*|contract\w*|obligat\w*|required to|need to)\b"
        ),
    ),
    (
        "decision",
        2,
        re.compile(
            r"(?i)\b(decided|decision|approved|chose|chosen|going with|signed off|finali[sz]ed|settled on)\b"
        ),
    ),
    (
        "deadline",
        2,
        re.compile(
            r"(?i)\b(deadline|due|by (?:monday|tuesday|wednesday|thursday|friday|eod|end of)|launch\w*|\d{4}-\d{2}-\d{2}|q[1-4])\b"
        ),
    ),
    (
        "preference",
        1,
        re.compile(
            r"(?i)\b(prefer\w*|wants?|likes?|dislikes?|hates?|requires?|favou?rite|always|never)\b"
        ),
    ),
    (
        "amount",
        1,
        re.compile(
            r"(?i)([$€£]\s?\d|\b\d+(?:\.\d+)?\s?(?:k|m|%|seats?|users?|hours?|days?|usd|eur)\b)"
        ),
    ),
    (
        "risk",
        2,
        re.compile(
            r"(?i)\b(blocker|blocked|outage|incident|security|breach|legal|churn\w*|escalat\w*|urgent|critical|compliance)\b"
        ),
    ),
    (
        "small_talk",
        -2,
        re.compile(r"(?i)\b(lol|haha|thanks|thank you|hello|hi there|weather|good morning)\b"),
    ),
]
_NAMED = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-zA-Z0-9]+\b|\b[a-z]+_[a-z_]+\b|\b\w+\(\)")


@dataclass(frozen=True)
class ImportanceScore:
    value: int
    signals: tuple[str, ...]


class ImportanceScorer:
    def score(self, text: str, nearest_similarity: Optional[float] = None) -> ImportanceScore:
        points, fired = 3, []
        for name, weight, pattern in _SIGNALS:
            if pattern.search(text):
                points += weight
                fired.append(name)
        if _NAMED.search(text.strip()):
            points += 1
            fired.append("named_entity")
        if nearest_similarity is None or nearest_similarity < 0.5:
            points += 1
            fired.append("novel")
        words = len(text.split())
        if words > 25:
            points += 1
            fired.append("long")
        elif words < 4:
            points -= 1
            fired.append("short")
        return ImportanceScore(max(1, min(10, points)), tuple(fired))
