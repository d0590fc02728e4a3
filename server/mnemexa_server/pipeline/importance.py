"""Importance: an integer from 1 (trivia) to 10 (critical business fact), from documented signals.

Start at 3, add the points of every signal that fires, and clamp to 1..10:

| signal | points |
|---|---|
| critical: an outage, a security or data incident, legal or compliance duty, health or safety | +3 |
| a commitment or obligation ("must", "mandates", "promised", "never", "do not") | +2 |
| a decision ("decided", "approved", "going with", "signed off") | +2 |
| a deadline or a date ("due", "by Friday", "expires", an ISO date) | +1 |
| risk or trouble ("blocker", "failing", "at 96%", "churn", "escalation") | +1 |
| a preference or requirement of a client or person ("prefers", "requires") | +1 |
| money: any amount +1; $10k or more +2 | +1 / +2 |
| a named person or system (a capitalised word not at the start, a code identifier) | +1 |
| business context (client, customer, contract, prod, account, revenue) | +1 |
| novelty: nothing in the workspace is similar (nearest cosine < 0.5) | +1 |
| closeness to the critical prototypes rather than the trivial ones (embedding) | -2..+2 |
| speculation ("just an idea", "maybe", "nothing decided") | -2 |
| small talk, jokes, chit-chat ("lol", "thanks", "weather", "fun fact") | -3 |
| fewer than 4 words | -1 |

The embedding signal is ``round(4 * (best cosine to CRITICAL - best cosine to TRIVIAL))`` clamped
to -2..+2, and only counts when an embedder is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..embedding.base import Embedder

_SIGNALS: list[tuple[str, int, re.Pattern[str]]] = [
    (
        "critical",
        3,
        re.compile(
            r"(?i)\b(sev ?[12]|p0|p1|outage|down for|is down|went down|read-only|data loss|breach\w*|leak\w*|ransomware|malware|compromised|suspicious logins?|exposed|attack\w*|vulnerabilit\w*|cve-|litigation|lawsuit|legal hold|subpoena|termination clause|liquidated damages|penalt\w+|hipaa|pci|phi|baa|gdpr|soc ?2|audit|regulator\w*|allerg\w+|epipen|anaphyla\w+|diabetic|seizure|emergency|evacuat\w+|fire|injur\w+|confidential|embargo\w*|board (?:approved|decision|meeting)|acqui\w+|layoffs?|runway|insolven\w+)\b"
        ),
    ),
    (
        "commitment",
        2,
        re.compile(
            r"(?i)\b(must|mandat\w*|promis\w*|committed to|commitment|guarantee\w*|obligat\w*|required to|requirement|need to|have to|never|do not|don't|cannot|can't|not allowed|no \w+ before|sla|contract\w*|agreed)\b"
        ),
    ),
    (
        "decision",
        2,
        re.compile(
            r"(?i)\b(decided|decision|approved|chose|chosen|going with|went with|signed off|signed|finali[sz]ed|settled on|steps? down|pivot\w*|freeze)\b"
        ),
    ),
    (
        "deadline",
        1,
        re.compile(
            r"(?i)\b(deadline|due|by (?:monday|tuesday|wednesday|thursday|friday|eod|end of|tomorrow|the \d+)|expires?|expiry|renew\w*|launch\w*|\d{4}-\d{2}-\d{2}|q[1-4]|eta)\b"
        ),
    ),
    (
        "risk",
        1,
        re.compile(
            r"(?i)(\b(blocker|blocked|failing|failed|failure|broken|incident|churn\w*|escalat\w*|urgent|critical|risk\w*|unhappy|complain\w*|threat\w*|lost|missing|overdue|late|slipp?\w*|warning)\b|\b\d{2}%)"
        ),
    ),
    (
        "preference",
        1,
        re.compile(r"(?i)\b(prefer\w*|requires?|insists?|wants?|expects?|only accepts?)\b"),
    ),
    ("amount", 1, re.compile(r"(?i)([$€£]\s?\d|\b\d+(?:\.\d+)?\s?(?:k|m|usd|eur|gbp)\b)")),
    (
        "large_amount",
        1,
        re.compile(
            r"(?i)([$€£]\s?(?:\d{2,3}(?:,\d{3})+|\d{2,}(?:\.\d+)?\s?k|\d+(?:\.\d+)?\s?(?:m|mm|million|bn|billion))\b|\b\d{2,}(?:\.\d+)?\s?k (?:arr|acv|mrr|usd|eur)\b)"
        ),
    ),
    (
        "business",
        1,
        re.compile(
            r"(?i)\b(client|customer\w*|contract\w*|prod|production|account|revenue|arr|invoice\w*|deal|vendor|enterprise|users?|dau|api|deploy\w*|release)\b"
        ),
    ),
    (
        "speculation",
        -2,
        re.compile(
            r"(?i)\b(just an idea|floated|maybe|might|someday|nothing (?:is )?(?:booked|decided)|no decision|not decided|brainstorm\w*|wondering|idle|random)\b"
        ),
    ),
    (
        "small_talk",
        -3,
        re.compile(
            r"(?i)(\b(lol|lmao|haha\w*|hehe|thanks|thank you|thx|hello|hey|hi there|gm|brb|good morning|happy (?:friday|monday|weekend)|weather|raining|sunny|sunset|joke\w*|jokingly|funny|fun fact|gif|meme|emoji|curiosity|bored|chit-?chat|small talk|lunch|coffee|snack\w*|vending|elevator|umbrella|steps walked|wordle|sounds good|weekend was)\b|[\U0001F300-\U0001FAFF])"
        ),
    ),
]
_NAMED = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-zA-Z0-9]+\b|\b[a-z]+_[a-z_]+\b|\b\w+\(\)")

CRITICAL = (
    "Production is down for all customers; this is a SEV1 incident.",
    "Security breach: credentials were leaked and must be rotated immediately.",
    "The contract obliges us to pay penalties if we miss the deadline.",
    "Compliance requirement: no personal health data may be stored in chat tools.",
    "The client will terminate the contract unless the issue is fixed this week.",
    "He has a severe allergy; an emergency plan is needed.",
    "The board approved the acquisition; this is strictly confidential.",
    "Budget freeze: every expense above $10k needs CEO approval.",
)
TRIVIAL = (
    "Someone posted a funny cat gif in the random channel.",
    "Chatted about the weather and weekend plans.",
    "Thanks, sounds good!",
    "The coffee machine in the kitchen makes a strange noise.",
    "He mentioned he watched a movie last night.",
    "The team had lunch at a new pizza place, it was okay.",
)


@dataclass(frozen=True)
class ImportanceScore:
    value: int
    signals: tuple[str, ...]


class ImportanceScorer:
    """Scores memories; give it an embedder to use the prototype signal too."""

    def __init__(self, embedder: Optional[Embedder] = None) -> None:
        self._embedder = embedder
        self._anchors: Optional[tuple[np.ndarray, np.ndarray]] = None

    def prepare(self) -> None:
        """Embed the prototypes now rather than on the first store."""
        if self._embedder is not None and self._anchors is None:
            vectors = self._embedder.embed([*CRITICAL, *TRIVIAL])
            self._anchors = (vectors[: len(CRITICAL)], vectors[len(CRITICAL) :])

    def _prototype_points(self, vector: np.ndarray) -> int:
        self.prepare()
        if self._anchors is None:
            return 0
        critical, trivial = self._anchors
        lean = float(np.max(critical @ vector) - np.max(trivial @ vector))
        return max(-2, min(2, round(4 * lean)))

    def score(
        self,
        text: str,
        nearest_similarity: Optional[float] = None,
        vector: Optional[np.ndarray] = None,
    ) -> ImportanceScore:
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
        if len(text.split()) < 4:
            points -= 1
            fired.append("short")
        if vector is not None:
            lean = self._prototype_points(vector)
            if lean:
                points += lean
                fired.append(f"prototype{lean:+d}")
        return ImportanceScore(max(1, min(10, points)), tuple(fired))
