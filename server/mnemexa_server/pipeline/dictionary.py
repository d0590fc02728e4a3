"""Ordinary English words and their meanings, from WordNet 3.0 (``data/dictionary.json.gz``).

``is_ordinary_word("payments")`` is true and ``is_ordinary_word("greta")`` false: a
capitalised word opening a sentence is a name unless it is an ordinary word. The list holds
the lemmas WordNet writes in lower case; inflected forms are found by WordNet's own rules
(suffixes and its list of irregular forms). ``tools/build_dictionary.py`` builds the file.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from pathlib import Path
from typing import Any, cast

DICTIONARY_PATH = Path(__file__).parent / "data" / "dictionary.json.gz"

# Inflectional endings and what replaces them, as WordNet's morphology tries them.
_ENDINGS = (
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("s", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("er", ""),
    ("er", "e"),
    ("est", ""),
    ("est", "e"),
    ("ly", ""),
)


@functools.cache
def _dictionary() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    document = _document()
    return (
        frozenset(document["lemmas"]),
        dict(document["irregular"]),
        frozenset(document["not_nouns"]),
    )


@functools.cache
def _document() -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(gzip.decompress(DICTIONARY_PATH.read_bytes())))


@functools.cache
def _meanings() -> tuple[dict[str, list[list[Any]]], dict[int, frozenset[int]]]:
    document = _document()
    return document["senses"], _relation("links")


@functools.cache
def _relation(kind: str) -> dict[int, frozenset[int]]:
    return {int(k): frozenset(v) for k, v in _document()[kind].items()}


@functools.lru_cache(maxsize=16384)
def _senses(word: str) -> frozenset[int]:
    """The most frequent senses of ``word`` in its most frequent part of speech."""
    senses, _ = _meanings()
    entries = [entry for lemma in lemmas_of(word) for entry in senses.get(lemma, ())]
    if not entries:
        return frozenset()
    part = max(entries, key=lambda entry: int(entry[1]))[0]
    return frozenset(s for entry in entries if entry[0] == part for s in entry[2:])


def are_siblings(a: str, b: str) -> bool:
    """Whether two words (lower case) name different things of one kind ("lunch" / "dinner",
    "niece" / "nephew") or opposites ("older" / "younger"), in their usual sense."""
    first, second = _senses(a), _senses(b)
    if not first or not second or first & second:
        return False
    broader, opposite = _relation("broader"), _relation("opposite")
    empty: frozenset[int] = frozenset()
    return any(
        opposite.get(s, empty) & second
        or opposite.get(t, empty) & first
        or broader.get(s, empty) & broader.get(t, empty)
        for s in first
        for t in second
    )


def same_meaning(a: str, b: str) -> bool:
    """Whether two words (lower case) are synonyms in their usual sense ("died" / "passed",
    "shut" / "closed") or one is derived from the other ("allergic" / "allergy"). Siblings
    ("lunch" / "dinner") and antonyms ("older" / "younger") are neither."""
    first, second = _senses(a), _senses(b)
    if first & second:
        return True
    links = _meanings()[1]
    return any(links.get(s, frozenset()) & second for s in first) or any(
        links.get(s, frozenset()) & first for s in second
    )


@functools.lru_cache(maxsize=65536)
def lemmas_of(word: str) -> tuple[str, ...]:
    """The WordNet lemmas ``word`` (lower case) can be a form of: ``running`` -> ``run``."""
    lemmas, irregular, _ = _dictionary()
    found = [word] if word in lemmas else []
    if word in irregular:
        found.append(irregular[word])
    for ending, replacement in _ENDINGS:
        if len(word) <= len(ending) + 1 or not word.endswith(ending):
            continue
        base = word[: -len(ending)] + replacement
        if base in lemmas:
            found.append(base)
        # A doubled final consonant: "running" -> "run", "bigger" -> "big".
        elif not replacement and len(base) > 2 and base[-1] == base[-2] and base[:-1] in lemmas:
            found.append(base[:-1])
    return tuple(dict.fromkeys(found))


# British spellings WordNet may list only the American way: colour, organise, centre.
_BRITISH = ((re.compile(r"our"), "or"), (re.compile(r"is(e|ed|es|ing|ation)\b"), r"iz\1"))


def is_ordinary_word(word: str) -> bool:
    """Whether ``word`` (lower case) is an English word in WordNet or an inflection of one,
    in British or American spelling."""
    if lemmas_of(word):
        return True
    for pattern, american in _BRITISH:
        spelled = pattern.sub(american, word)
        if spelled != word and lemmas_of(spelled):
            return True
    return False


def can_be_a_noun(word: str) -> bool:
    """Whether ``word`` (lower case) can be a noun: a form of a WordNet noun, or a word the
    dictionary does not know (a name, a product)."""
    lemmas = lemmas_of(word)
    return not lemmas or any(lemma not in _dictionary()[2] for lemma in lemmas)
