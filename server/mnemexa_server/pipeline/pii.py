"""PII and secret detection, and redaction.

Blocking types (a ``reject`` workspace answers 422 ``pii_rejected``; a ``redact`` workspace
stores a typed placeholder instead): ``password``, ``credit_card`` (Luhn-checked, separators
allowed), ``ssn``, ``api_key`` (well-known prefixes, or a high-entropy token next to a word
like "key", "token" or "secret") and ``private_key``.

Reported only, never blocking by default: ``email`` and ``phone``.

Findings carry types and offsets, never the matched values, so nothing here can leak a value
into a log line or an error body.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

BLOCKING = frozenset({"password", "credit_card", "ssn", "api_key", "private_key"})
REPORTED = frozenset({"email", "phone"})


@dataclass(frozen=True)
class PiiFinding:
    type: str
    start: int
    end: int

    @property
    def blocking(self) -> bool:
        return self.type in BLOCKING


_PRIVATE_KEY = re.compile(
    r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z]+ )*PRIVATE KEY-----|$)"
)
_KEY_PREFIXES = re.compile(
    r"\b(?:"
    r"sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}"  # OpenAI / Anthropic style
    r"|(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"  # Stripe
    r"|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}"  # GitHub
    r"|glpat-[A-Za-z0-9_\-]{20,}"  # GitLab
    r"|A(?:KIA|SIA)[0-9A-Z]{16}"  # AWS access key id
    r"|xox[abprs]-[A-Za-z0-9\-]{10,}"  # Slack
    r"|AIza[0-9A-Za-z_\-]{35}"  # Google
    r"|mnx_ws_[A-Za-z0-9_\-]{16,}"  # Mnemexa
    r"|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"  # JWT
    r")"
)
_KEY_CONTEXT = re.compile(
    r"(?i)\b(?:api[ _-]?key|access[ _-]?key|secret(?:[ _-]?key)?|token|bearer|auth[ _-]?key"
    r"|client[ _-]?secret)\b[\"']?\s*(?:is|[:=]|->)?\s*[\"']?([A-Za-z0-9_\-+/=.]{16,})"
)
_PASSWORD = re.compile(
    r"(?i)\b(?:password|passwd|passphrase|pwd|passcode)\b\s*(?:is|was|[:=]|->|(?:changed|set) to)\s*[\"']?(\S{4,})"
)
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])")
_SSN_CONTEXT = re.compile(r"(?i)\b(?:ssn|social security(?: number)?)\b\D{0,15}(\d{9})\b")
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b")
_PHONE = re.compile(
    r"(?<![\w-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]\d{3}[ .-]\d{4}(?![\w-])"
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def shannon_entropy(token: str) -> float:
    counts = Counter(token)
    return -sum(c / len(token) * math.log2(c / len(token)) for c in counts.values())


def _looks_random(token: str) -> bool:
    has_digit = any(c.isdigit() for c in token)
    has_alpha = any(c.isalpha() for c in token)
    return has_digit and has_alpha and shannon_entropy(token) >= 3.5


class PiiDetector:
    """Finds PII and secrets in text."""

    def detect(self, text: str) -> list[PiiFinding]:
        findings = list(self._scan(text))
        return _drop_overlaps(findings)

    def _scan(self, text: str) -> Iterable[PiiFinding]:
        for m in _PRIVATE_KEY.finditer(text):
            yield PiiFinding("private_key", m.start(), m.end())
        for m in _KEY_PREFIXES.finditer(text):
            yield PiiFinding("api_key", m.start(), m.end())
        for m in _KEY_CONTEXT.finditer(text):
            if _looks_random(m.group(1)):
                yield PiiFinding("api_key", m.start(1), m.end(1))
        for m in _PASSWORD.finditer(text):
            yield PiiFinding("password", m.start(1), m.end(1))
        for m in _CARD.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if 13 <= len(digits) <= 19 and luhn_valid(digits):
                yield PiiFinding("credit_card", m.start(), m.end())
        for m in _SSN.finditer(text):
            yield PiiFinding("ssn", m.start(), m.end())
        for m in _SSN_CONTEXT.finditer(text):
            yield PiiFinding("ssn", m.start(1), m.end(1))
        for m in _EMAIL.finditer(text):
            yield PiiFinding("email", m.start(), m.end())
        for m in _PHONE.finditer(text):
            yield PiiFinding("phone", m.start(), m.end())


def _drop_overlaps(findings: list[PiiFinding]) -> list[PiiFinding]:
    """Keep the first-found (most specific) finding where two overlap."""
    kept: list[PiiFinding] = []
    for finding in findings:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def redact(text: str, findings: Iterable[PiiFinding]) -> str:
    """Replace each finding with ``[REDACTED:<type>]``."""
    out, cursor = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        out.append(text[cursor : finding.start])
        out.append(f"[REDACTED:{finding.type}]")
        cursor = finding.end
    out.append(text[cursor:])
    return "".join(out)
