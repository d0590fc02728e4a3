"""Ordinary English words and their meanings, from WordNet 3.0 (``data/dictionary.json.gz``).

``is_ordinary_word("payments")`` is true and ``is_ordinary_word("greta")`` false: a
capitalised word opening a sentence is a name unless it is an ordinary word. The list holds
the lemmas WordNet writes in lower case, phrases of two or three words among them
(``run_out``, ``blood_type``: see ``phrase_lemmas``); inflected forms are found by WordNet's
own rules (suffixes and its list of irregular forms); each word's usual senses and how senses relate
are in ``data/dictionary_senses.npz``. ``tools/build_dictionary.py`` builds both files.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import json
import re
from pathlib import Path
from typing import Any

import numpy as np

DICTIONARY_PATH = Path(__file__).parent / "data" / "dictionary.json.gz"
SENSES_PATH = DICTIONARY_PATH.with_name("dictionary_senses.npz")

_NOUN = 0  # the part of speech a sense entry gives first: noun, verb, adjective, adverb
_VERB = 1
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
def _tables() -> dict[str, Any]:
    """The file's tables, compact: the sorted words as one tuple (looked up by bisection),
    and the rest as numpy integer arrays aligned with it (``data/dictionary_senses.npz``)."""
    document = json.loads(gzip.decompress(DICTIONARY_PATH.read_bytes()))
    tables: dict[str, Any] = {
        "words": tuple(document["words"].split("\n")),
        "irregular": dict(document["irregular"]),
    }
    with np.load(SENSES_PATH) as arrays:
        for name in ("noun", "sense_offsets", "sense_data"):
            tables[name] = arrays[name]
        for kind in ("links", "broader", "opposite"):
            tables[kind] = (arrays[f"{kind}_offsets"], arrays[f"{kind}_targets"])
    return tables


def _index(word: str) -> int | None:
    """Where ``word`` sits in the sorted words, if it is one."""
    words = _tables()["words"]
    at = bisect.bisect_left(words, word)
    return at if at < len(words) and words[at] == word else None


def _related(kind: str, synset: int) -> frozenset[int]:
    """The synsets a relation (``links``, ``broader``, ``opposite``) joins ``synset`` to."""
    offsets, targets = _tables()[kind]
    if synset + 1 >= len(offsets):
        return frozenset()
    return frozenset(int(t) for t in targets[offsets[synset] : offsets[synset + 1]])


def _entries(lemma: str) -> list[tuple[int, int, tuple[int, ...]]]:
    """``(part of speech, times tagged, synsets)`` for each part of speech of ``lemma``."""
    index = _index(lemma)
    if index is None:
        return []
    tables = _tables()
    offsets = tables["sense_offsets"]
    run = [int(n) for n in tables["sense_data"][offsets[index] : offsets[index + 1]]]
    entries = []
    while run:
        part, tagged, count = run[:3]
        entries.append((part, tagged, tuple(run[3 : 3 + count])))
        run = run[3 + count :]
    return entries


@functools.lru_cache(maxsize=16384)
def _senses(word: str) -> frozenset[int]:
    """The most frequent senses of ``word`` in its most frequent part of speech."""
    entries = [entry for lemma in lemmas_of(word) for entry in _entries(lemma)]
    if not entries:
        return frozenset()
    part = max(entries, key=lambda entry: entry[1])[0]
    return frozenset(s for entry in entries if entry[0] == part for s in entry[2])


def are_siblings(a: str, b: str) -> bool:
    """Whether two words (lower case) name different things of one kind ("lunch" / "dinner",
    "niece" / "nephew") or opposites ("older" / "younger"), in their usual sense."""
    first, second = _senses(a), _senses(b)
    if not first or not second or first & second:
        return False
    return any(
        _related("opposite", s) & second
        or _related("opposite", t) & first
        or _related("broader", s) & _related("broader", t)
        for s in first
        for t in second
    )


@functools.lru_cache(maxsize=16384)
def _all_senses(word: str) -> frozenset[int]:
    """Every sense of ``word``, in every part of speech."""
    return frozenset(s for lemma in lemmas_of(word) for entry in _entries(lemma) for s in entry[2])


def share_a_sense(a: str, b: str) -> bool:
    """Whether two words (lower case) are synonyms in some sense, in any part of speech
    ("main" / "primary", "last" / "final")."""
    return bool(_all_senses(a) & _all_senses(b))


def are_opposites(a: str, b: str) -> bool:
    """Whether two words (lower case) are antonyms in some sense ("public" / "private",
    "open" / "closed")."""
    first, second = _all_senses(a), _all_senses(b)
    return any(_related("opposite", s) & second for s in first)


def same_meaning(a: str, b: str) -> bool:
    """Whether two words (lower case) are synonyms in their usual sense ("died" / "passed",
    "shut" / "closed") or one is derived from the other ("allergic" / "allergy"). Siblings
    ("lunch" / "dinner") and antonyms ("older" / "younger") are neither."""
    first, second = _senses(a), _senses(b)
    if first & second:
        return True
    return any(_related("links", s) & second for s in first) or any(
        _related("links", s) & first for s in second
    )


@functools.cache
def _irregular_by_lemma() -> dict[str, tuple[str, ...]]:
    by_lemma: dict[str, list[str]] = {}
    for form, lemma in _tables()["irregular"].items():
        by_lemma.setdefault(lemma, []).append(form)
    return {lemma: tuple(forms) for lemma, forms in by_lemma.items()}


def irregular_forms(lemma: str) -> tuple[str, ...]:
    """The irregular inflections of ``lemma`` that are no noun or verb of their own: ``buy``
    -> ``("bought",)``, ``pay`` -> ``("paid",)``; not "left" for ``leave`` ("the left knee")
    nor "found" for ``find``."""
    return tuple(
        form
        for form in _irregular_by_lemma().get(lemma, ())
        if not form.endswith(("ed", "ing"))  # "shipped", "travelling": regular in writing
        and all(part not in (_NOUN, _VERB) for part, _, _ in _entries(form))
    )


@functools.lru_cache(maxsize=65536)
def lemmas_of(word: str) -> tuple[str, ...]:
    """The WordNet lemmas ``word`` (lower case) can be a form of: ``running`` -> ``run``."""
    irregular = _tables()["irregular"]
    found = [word] if _index(word) is not None else []
    if word in irregular:
        found.append(irregular[word])
    for ending, replacement in _ENDINGS:
        if len(word) <= len(ending) + 1 or not word.endswith(ending):
            continue
        base = word[: -len(ending)] + replacement
        if _index(base) is not None:
            found.append(base)
        # A doubled final consonant: "running" -> "run", "bigger" -> "big".
        elif (
            not replacement
            and len(base) > 2
            and base[-1] == base[-2]
            and _index(base[:-1]) is not None
        ):
            found.append(base[:-1])
    return tuple(dict.fromkeys(found))


def phrase_lemmas(words: tuple[str, ...]) -> tuple[str, ...]:
    """The WordNet phrases that two or three words (lower case) can be a form of, the first
    or the last word inflected: ``("ran", "out")`` -> ``("run_out",)``, ``("blood",
    "groups")`` -> ``("blood_group",)``. ``same_meaning`` compares one with a word."""
    if len(words) not in (2, 3):
        return ()
    first, middle, last = words[0], words[1:-1], words[-1]
    candidates = [(f, *middle, last) for f in (first, *lemmas_of(first))]
    candidates += [(first, *middle, base) for base in lemmas_of(last)]
    phrases = ("_".join(candidate) for candidate in candidates)
    return tuple(dict.fromkeys(p for p in phrases if _index(p) is not None))


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


def usually_a_noun(word: str) -> bool:
    """Whether ``word`` (lower case) is a noun in its most frequent use ("son", "entry"; not
    "run" or "pay"), or a word the dictionary does not know."""
    entries = [entry for lemma in lemmas_of(word) for entry in _entries(lemma)]
    return not entries or max(entries, key=lambda entry: entry[1])[0] == _NOUN


def usually_a_verb(word: str) -> bool:
    """Whether ``word`` (lower case) is a verb in its most frequent use ("sings", "wears"; not
    "car" or a word the dictionary does not know)."""
    entries = [entry for lemma in lemmas_of(word) for entry in _entries(lemma)]
    return bool(entries) and max(entries, key=lambda entry: entry[1])[0] == _VERB


def can_be_a_noun(word: str) -> bool:
    """Whether ``word`` (lower case) can be a noun: a form of a WordNet noun, or a word the
    dictionary does not know (a name, a product)."""
    lemmas = lemmas_of(word)
    nouns = _tables()["noun"]
    return not lemmas or any(
        (index := _index(lemma)) is not None and bool(nouns[index]) for lemma in lemmas
    )
