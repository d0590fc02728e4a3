"""The PII policy for ``meta``: every key and every value is screened as text is.

Strings are scanned as they are; integers of nine digits or more are scanned as their
digits (a card or SSN stored as a number). Under ``redact`` a finding is replaced by its
typed placeholder: in a string, the matched span; a number becomes the placeholder string.
Findings carry types only, never values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .pii import PiiDetector, redact

_SCANNED_DIGITS = 9


@dataclass
class MetaScreen:
    """What screening ``meta`` found (types only) and ``meta`` with blocking PII redacted."""

    detected: set[str] = field(default_factory=set)
    blocking: set[str] = field(default_factory=set)
    redacted: Any = None


def screen_meta(detector: PiiDetector, meta: dict[str, Any]) -> MetaScreen:
    screen = MetaScreen()
    screen.redacted = _walk(detector, meta, screen)
    return screen


def _walk(detector: PiiDetector, value: Any, screen: MetaScreen) -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = _unique(_text(detector, key, screen), out)
            out[name] = _walk(detector, item, screen)
        return out
    if isinstance(value, list):
        return [_walk(detector, item, screen) for item in value]
    if isinstance(value, str):
        return _text(detector, value, screen)
    if isinstance(value, int) and not isinstance(value, bool):
        digits = str(abs(value))
        if len(digits) >= _SCANNED_DIGITS:
            redacted = _text(detector, digits, screen)
            return redacted if redacted != digits else value
    return value


def _text(detector: PiiDetector, text: str, screen: MetaScreen) -> str:
    findings = detector.detect(text)
    screen.detected |= {f.type for f in findings}
    blocking = [f for f in findings if f.blocking]
    screen.blocking |= {f.type for f in blocking}
    return redact(text, blocking) if blocking else text


def _unique(name: str, taken: dict[str, Any]) -> str:
    """``name``, or ``name#2``, ``name#3``... if two keys redact to the same placeholder."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}#{n}"
    return candidate
