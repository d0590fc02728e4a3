"""Deduplication: exact and near-duplicates, and the merge decision in between.

- The same text after normalising (case, whitespace, punctuation at the ends):
  ``duplicate_exact``; nothing is stored, ``existing_id`` names the memory.
- Cosine similarity >= 0.98 to a memory: ``duplicate``; nothing is stored.
- 0.70 <= cosine < 0.98: a ``MergePolicy`` decides between ``stored_new`` (different facts),
  ``updated_existing`` (the same subject with newer information: the memory takes the new
  text, and the old text goes into its history), ``merged`` (complementary details: the
  memory's text becomes both) and ``duplicate`` (the same fact reworded: nothing is stored).
- Below 0.70: ``stored_new``.

``LocalMergePolicy`` decides by documented rules; ``LlmMergePolicy`` (``merge_llm.py``) asks an
OpenAI-compatible chat endpoint instead when the server is configured for it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Optional, Protocol

DUPLICATE_AT = 0.98
MERGE_FROM = 0.70
BAND_ACTIONS = frozenset({"stored_new", "updated_existing", "merged", "duplicate"})

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")
_CHANGE = re.compile(
    r"(?i)\b(now|no longer|not anymore|anymore|instead|changed|moved|switched|updated|rescheduled|renamed|replaced|from now on|correction|actually|cancell?ed|postponed|pushed (?:back|out)|slipped|delayed|left|migrated|upgraded|downgraded|promoted|took over|has become|was changed)\b"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_VALUE = re.compile(
    r"(?i)\b(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\d{1,2}:\d{2}|\d+(?:[.,]\d+)*%?"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "with",
        "by",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "has",
        "have",
        "had",
        "will",
        "would",
        "should",
        "can",
        "could",
        "do",
        "does",
        "did",
        "as",
        "from",
        "into",
        "our",
        "their",
        "his",
        "her",
        "we",
        "they",
        "you",
        "i",
        "me",
        "my",
        "your",
        "us",
        "them",
        "he",
        "she",
        "there",
        "here",
        "also",
        "so",
        "but",
        "not",
        "than",
        "then",
        "each",
        "every",
        "per",
        "about",
        "just",
    ]
)


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.strip().lower()).strip(" .!?;,")


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode()).hexdigest()


@dataclass(frozen=True)
class Decision:
    action: str  # stored_new | duplicate_exact | duplicate | updated_existing | merged
    existing_id: Optional[int] = None
    similarity: Optional[float] = None


class MergePolicy(Protocol):
    """Decides what a new memory similar to an existing one means."""

    def decide(self, new_text: str, existing_text: str, similarity: float) -> str:
        """One of ``stored_new``, ``updated_existing``, ``merged`` or ``duplicate``."""


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> list[str]:
    """Content words in order, lower-cased and stemmed, without values."""
    text = _VALUE.sub(" ", text.replace("'s ", " ").replace("\u2019s ", " "))
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]


def _values(text: str) -> set[str]:
    """Numbers, times, weekdays and months, normalised so that "2 AM" equals "02:00"."""
    return {_normal_value(m.group(0)) for m in _VALUE.finditer(text)}


def _normal_value(value: str) -> str:
    value = value.lower().strip()
    clock = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?", value)
    if clock and (clock.group(2) or clock.group(3)):
        hour = int(clock.group(1)) % 12 if clock.group(3) else int(clock.group(1))
        hour += 12 if clock.group(3) == "pm" else 0
        return f"{hour:02d}:{clock.group(2) or '00'}"
    if value[:3] in _MONTHS or value[:3] in _DAYS:
        return value[:3]
    return re.sub(r"[^0-9.]", "", value) or value


class LocalMergePolicy:
    """Decides from the words and values the two texts share and do not share.

    The *head* of the old text is its first 60% of content words (the subject, mostly); a
    *swap* replaces at most two content words by others and keeps at least half of them.

    0. Words added before the old text's subject and nothing removed ("the user's *son's*
       shoe size") narrow the subject to another one: ``stored_new``.
    1. The new text says that something changed ("now", "moved", "renamed", "no longer",
       "instead", "cancelled", ...): ``updated_existing``.
    2. A swap in the head names a different subject: ``stored_new``. A swap of common words
       (no name, no value) at cosine >= 0.9 is a synonym: ``duplicate``.
    3. A value (number, time, weekday, month) replaced by another, or a swap outside the
       head (a new value of the same attribute): ``updated_existing``.
    4. The new text keeps at least half of the old one and adds at least three content words
       more than it drops: ``merged``.
    5. Rewording with no new value at cosine >= 0.75: ``duplicate``.
    6. Otherwise ``stored_new``.
    """

    def decide(self, new_text: str, existing_text: str, similarity: float) -> str:
        new, old = _words(new_text), _words(existing_text)
        if not new or not old:
            return "stored_new"
        added, removed = set(new) - set(old), set(old) - set(new)
        new_values, old_values = _values(new_text), _values(existing_text)
        kept = 1 - len(removed) / len(set(old))
        head = set(old[: max(1, round(0.6 * len(old)))])
        swap = bool(added) and 0 < len(removed) <= 2 and kept >= 0.5
        if added and not removed and len(added) <= 2 and _before_subject(new, added, old):
            return "stored_new"
        if _CHANGE.search(new_text) and not _CHANGE.search(existing_text):
            return "updated_existing"
        if swap and similarity >= 0.9 and new_values == old_values and not _names(new_text, added):
            return "duplicate"
        if swap and removed & head:
            return "stored_new"
        if (old_values - new_values and new_values - old_values) or swap:
            return "updated_existing"
        if kept >= 0.5 and len(added) >= len(removed) + 3:
            return "merged"
        if similarity >= 0.75 and not new_values - old_values:
            return "duplicate"
        return "stored_new"


def _before_subject(new: list[str], added: set[str], old: list[str]) -> bool:
    """Whether every added word sits at most one place after the first word of the new text
    that is also in the first half of the old one (a qualifier of its subject)."""
    anchor = next((i for i, w in enumerate(new) if w in old[: max(1, len(old) // 2)]), None)
    return anchor is not None and all(new.index(w) <= anchor + 1 for w in added)


def _names(text: str, words: set[str]) -> bool:
    """Whether any of ``words`` is written capitalised, away from the start of a sentence."""
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w-]*)", text):
        if _stem(m.group(1).lower()) in words:
            return True
    return False


def decide(new_text: str, existing_text: str, similarity: float, policy: MergePolicy) -> Decision:
    """The dedup decision for a new memory against its nearest neighbour (``existing_id`` unset)."""
    if normalise(new_text) == normalise(existing_text):
        return Decision("duplicate_exact", similarity=similarity)
    if similarity >= DUPLICATE_AT:
        return Decision("duplicate", similarity=similarity)
    if similarity >= MERGE_FROM:
        action = policy.decide(new_text, existing_text, similarity)
        if action in BAND_ACTIONS:
            return Decision(action, similarity=similarity)
    return Decision("stored_new", similarity=similarity)


def merge_texts(existing_text: str, new_text: str) -> str:
    """The merged memory: the old text, then what the new one adds."""
    return f"{existing_text.rstrip()} {new_text.strip()}"
