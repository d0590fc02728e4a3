"""Deduplication: exact and near-duplicates, and the merge decision in between.

- The same text after normalising (case, whitespace, punctuation at the ends):
  ``duplicate_exact``; nothing is stored, ``existing_id`` names the memory.
- Cosine similarity >= 0.98 to a memory: ``duplicate``; nothing is stored.
- 0.70 <= cosine < 0.98: a ``MergePolicy`` decides between ``stored_new`` (different facts),
  ``updated_existing`` (the same subject with newer information: the memory takes the new
  text, and the old text goes into its history) and ``merged`` (complementary details: the
  memory's text becomes both).
- Below 0.70: ``stored_new``.

``LocalMergePolicy`` decides by documented rules; an LLM-backed policy can replace it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Optional, Protocol

DUPLICATE_AT = 0.98
MERGE_FROM = 0.70

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")
_CHANGE = re.compile(
    r"(?i)\b(now|no longer|instead|changed|moved|switched|updated|anymore|new|rescheduled|renamed|replaced|from now on)\b"
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
        "this",
        "that",
        "be",
        "has",
        "have",
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
        """One of ``stored_new``, ``updated_existing`` or ``merged``."""


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


class LocalMergePolicy:
    """Rules, in order:

    1. The new text signals a change ("now", "no longer", "instead", "moved", ...) and shares
       at least a third of its content words with the old one: ``updated_existing``.
    2. The new text keeps every content word of the old one and adds words: ``merged``
       (a substituted word, a different number above all, means a different fact).
    3. Otherwise ``stored_new``.
    """

    def decide(self, new_text: str, existing_text: str, similarity: float) -> str:
        new, old = _content_words(new_text), _content_words(existing_text)
        if not new or not old:
            return "stored_new"
        shared = len(new & old)
        if _CHANGE.search(new_text) and shared / len(new) >= 1 / 3:
            return "updated_existing"
        if old <= new and new - old:
            return "merged"
        return "stored_new"


def merge_texts(existing_text: str, new_text: str) -> str:
    """The merged memory: the old text, then what the new one adds."""
    return f"{existing_text.rstrip()} {new_text.strip()}"
