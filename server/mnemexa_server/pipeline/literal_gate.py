"""Skip a regular expression that cannot match: the longest literal every match contains.

Reading a fact runs a few hundred substitutions, most of which find nothing; a substring test
on the lower-cased text rules most of them out for a fraction of a scan. The literal is read
from the pattern's parse tree: characters in sequence at the top level or in a group there,
never inside an alternation, a repeat or a class, so the test is a necessary condition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Optional

try:  # Python 3.11+
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse

MIN_LITERAL = 3


def required_literal(pattern: re.Pattern[str]) -> Optional[str]:
    """The longest literal (lower-cased, at least ``MIN_LITERAL`` long) that every match of
    ``pattern`` contains, or None."""
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:
        return None
    best = ""

    def walk(items: Iterable[Any]) -> None:
        nonlocal best
        run = ""
        for op, argument in items:
            if op is _sre_parse.LITERAL:
                run += chr(argument)
                continue
            best = max(best, run, key=len)
            run = ""
            if op is _sre_parse.SUBPATTERN:
                walk(argument[-1])
        best = max(best, run, key=len)

    walk(tree)
    return best.lower() if len(best) >= MIN_LITERAL else None


class GatedSubstitutions:
    """``pattern.sub(replacement, text)`` for each (pattern, replacement) in order (the
    replacement a string or a function of the match), skipping those whose
    required literal the text lacks (only for ASCII text, where lower-casing is exact)."""

    def __init__(self, pairs: Sequence[tuple[re.Pattern[str], Any]]) -> None:
        self._pairs = tuple((p, r, required_literal(p)) for p, r in pairs)

    def __call__(self, text: str) -> str:
        lowered = text.lower() if text.isascii() else None
        for pattern, replacement, needed in self._pairs:
            if needed is not None and lowered is not None and needed not in lowered:
                continue
            changed = pattern.sub(replacement, text)
            if changed != text:
                text = changed
                lowered = text.lower() if text.isascii() else None
        return text
