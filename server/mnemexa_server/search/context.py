"""What a memory's search vector embeds: its text, said by the person it is about.

A question names people ("What did Caroline say about the trip?"), and a memory's text often
does not ("I finally booked it!"). So when a memory's ``user_id`` reads as a name, its stored
vector embeds ``"<name>: <text>"``, and a question that names that person finds it. An opaque
id (``u_8f14e45f``, ``user-42``, an email address) adds nothing a question could match, so
such a memory embeds its text alone.

Only the search vector changes. Dedup, importance and categories read the text's own vector.
"""

from __future__ import annotations

import re
from typing import Optional

# Bump when what is embedded changes: a server that finds another version re-embeds the
# memories it affects at start.
VERSION = "speaker-1"

_SEPARATORS = re.compile(r"[_.\-\s]+")
_WORD = re.compile(r"^[^\W\d_]{2,}$")  # letters only, at least two
MAX_WORDS = 4


def speaker_name(user_id: Optional[str]) -> Optional[str]:
    """``user_id`` as a name (``"bob_smith"`` -> ``"bob smith"``), or None if it is not one:
    one to four words of two or more letters, no digits, no other characters."""
    if not user_id:
        return None
    words = [w for w in _SEPARATORS.split(user_id.strip()) if w]
    if not words or len(words) > MAX_WORDS or not all(_WORD.match(w) for w in words):
        return None
    return " ".join(words)


def search_text(text: str, user_id: Optional[str]) -> Optional[str]:
    """What the search vector of ``text`` embeds, or None when that is ``text`` itself."""
    name = speaker_name(user_id)
    return None if name is None else f"{name}: {text}"
