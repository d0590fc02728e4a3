"""Build ``pipeline/data/dictionary.json.gz``: the ordinary English words of WordNet 3.0.

The dedup rules read a capitalised word that opens a sentence as a name unless it is an
ordinary word ("Greta ..." is a name, "Payment ..." is not). The list is every lemma of one to
three words that WordNet writes in lower case (so "Leon" or "April" are left out; a phrase is
joined by "_": "run_out", "blood_type"), with WordNet's irregular forms ("went" -> "go"), the
lemmas that are never nouns ("receive"), and each lemma's most frequent senses, so that two
words can be told to be synonyms ("died" / "passed", "shut" / "closed", "attend" / "go_to")
or one derived from the other ("allergic" / "allergy").

usage: python tools/build_dictionary.py [WORDNET_DICT_DIR]

``WORDNET_DICT_DIR`` defaults to ``/usr/share/wordnet``, where Debian's ``wordnet-base``
package puts the database (``apt-get install wordnet-base``).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy

OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "server"
    / "mnemexa_server"
    / "pipeline"
    / "data"
    / "dictionary.json.gz"
)
ARRAYS = OUTPUT.with_name("dictionary_senses.npz")
LICENSE = (
    "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. "
    "THIS SOFTWARE AND DATABASE IS PROVIDED 'AS IS' AND PRINCETON UNIVERSITY MAKES NO "
    "REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, "
    "PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS "
    "FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR "
    "DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER "
    "RIGHTS. The name of Princeton University or Princeton may not be used in advertising or "
    "publicity pertaining to distribution of the software and/or database. Title to copyright "
    "in this software, database and any associated documentation shall at all times remain "
    "with Princeton University and LICENSEE agrees to preserve same."
)
_PARTS = ("noun", "verb", "adj", "adv")
# A lemma kept: one to three lower-case words, joined by "_" as WordNet writes a phrase.
_LEMMA = re.compile(r"[a-z]+(?:_[a-z]+){0,2}")


def _records(path: Path) -> Iterator[list[str]]:
    """The fields of each line of a WordNet database file, past its licence header."""
    with path.open(encoding="latin-1") as f:
        for line in f:
            if not line.startswith(" "):
                yield line.split()


def lower_case_lemmas(wordnet: Path, parts: tuple[str, ...] = _PARTS) -> set[str]:
    """Lemmas of one to three words that some synset of these parts of speech writes in lower
    case."""
    lemmas: set[str] = set()
    for part in parts:
        for fields in _records(wordnet / f"data.{part}"):
            for i in range(int(fields[3], 16)):
                word = re.sub(r"\([a-z]+\)$", "", fields[4 + 2 * i])  # (a), (p), (ip)
                if _LEMMA.fullmatch(word):
                    lemmas.add(word)
    return lemmas


def irregular_forms(wordnet: Path, lemmas: set[str]) -> dict[str, str]:
    """Irregular inflections of those lemmas: "went" -> "go", "children" -> "child"."""
    forms: dict[str, str] = {}
    for part in ("noun", "verb", "adj"):
        with (wordnet / f"{part}.exc").open(encoding="latin-1") as f:
            for line in f:
                form, *bases = line.split()
                known = sorted(base for base in bases if base in lemmas)
                if form.isalpha() and known:
                    forms.setdefault(form, known[0])
    return forms


Relations = dict[str, dict[int, list[int]]]


def senses(wordnet: Path) -> tuple[dict[str, list[list[object]]], Relations]:
    """Each lemma's meanings, and how meanings relate.

    A lemma maps to ``[part of speech, times tagged in WordNet's corpus, synset, synset]``
    per part of speech, with its two most frequent senses; synsets are numbered from 0. The
    file packs both into flat integer arrays, which the server holds as numpy arrays. The
    relations of those synsets: ``links`` to the synsets their lemmas derive from or pertain
    to ("allergic" / "allergy"), ``broader`` to their hypernyms (and an adjective's head, so
    that siblings share one: "lunch" / "dinner"), ``opposite`` to their antonyms ("old" /
    "young")."""
    numbers: dict[tuple[str, str], int] = {}

    def number(part: str, offset: str) -> int:
        return numbers.setdefault(("a" if part == "s" else part, offset), len(numbers))

    lemma_senses: dict[str, list[list[object]]] = {}
    for part, letter in zip(_PARTS, "nvar"):
        for fields in _records(wordnet / f"index.{part}"):
            lemma, pointers = fields[0], int(fields[3])
            if not _LEMMA.fullmatch(lemma):
                continue
            tagged, offsets = int(fields[5 + pointers]), fields[6 + pointers :]
            lemma_senses.setdefault(lemma, []).append(
                [letter, tagged, *(number(letter, o) for o in offsets[:2])]
            )
    relations: dict[str, dict[int, set[int]]] = {"links": {}, "broader": {}, "opposite": {}}
    kinds = {"+": "links", "\\": "links", "@": "broader", "@i": "broader", "&": "broader"}
    kinds["!"] = "opposite"
    for part, letter in zip(_PARTS, "nvar"):
        for fields in _records(wordnet / f"data.{part}"):
            source = (letter, fields[0])
            if source not in numbers:
                continue
            at = 4 + 2 * int(fields[3], 16)
            for i in range(int(fields[at])):
                symbol, offset, target = fields[at + 1 + 4 * i : at + 4 + 4 * i]
                target = "a" if target == "s" else target
                kind = kinds.get(symbol)
                if kind is None or (kind != "broader" and (target, offset) not in numbers):
                    continue
                relations[kind].setdefault(numbers[source], set()).add(number(target, offset))
    return lemma_senses, {
        kind: {k: sorted(v) for k, v in sorted(pairs.items())} for kind, pairs in relations.items()
    }


def _packed_senses(
    words: list[str], meanings: dict[str, list[list[object]]]
) -> tuple[list[int], list[int]]:
    """Senses as flat integer arrays aligned with ``words``: word ``i``'s numbers are
    ``data[offsets[i]:offsets[i + 1]]``, one run per part of speech: its index in "nvar",
    times tagged, how many synsets, the synsets."""
    offsets, data = [0], []
    for word in words:
        for part, tagged, *synsets in meanings.get(word, []):
            data += ["nvar".index(str(part)), int(str(tagged)), len(synsets)]
            data += [int(str(synset)) for synset in synsets]
        offsets.append(len(data))
    return offsets, data


def _packed_relation(pairs: dict[int, list[int]]) -> tuple[list[int], list[int]]:
    """A relation as flat integer arrays: synset ``i`` relates to
    ``targets[offsets[i]:offsets[i + 1]]``."""
    offsets, targets = [0], []
    for synset in range(max(pairs, default=-1) + 1):
        targets += pairs.get(synset, [])
        offsets.append(len(targets))
    return offsets, targets


def main(argv: list[str]) -> int:
    wordnet = Path(argv[1] if len(argv) > 1 else "/usr/share/wordnet")
    if not (wordnet / "data.noun").is_file():
        print(f"no WordNet database in {wordnet}: apt-get install wordnet-base", file=sys.stderr)
        return 2
    lemmas = lower_case_lemmas(wordnet)
    nouns = lower_case_lemmas(wordnet, ("noun",))
    meanings, relations = senses(wordnet)
    words = sorted(lemmas)
    irregular = dict(sorted(irregular_forms(wordnet, lemmas).items()))
    document = {
        "source": "WordNet 3.0 (Princeton University), lower-case lemmas of one to three words",
        "license": LICENSE,
        "words": "\n".join(words),
        "irregular": irregular,
    }
    OUTPUT.write_bytes(
        gzip.compress(json.dumps(document, ensure_ascii=False).encode(), compresslevel=9, mtime=0)
    )
    # The numbers go to an .npz aligned with the sorted words: no Python object per number.
    sense_offsets, sense_data = _packed_senses(words, meanings)
    arrays = {
        "noun": [word in nouns for word in words],
        "sense_offsets": sense_offsets,
        "sense_data": sense_data,
    }
    for kind, pairs in relations.items():
        arrays[f"{kind}_offsets"], arrays[f"{kind}_targets"] = _packed_relation(pairs)
    packed: dict[str, Any] = {
        name: numpy.asarray(values, dtype=numpy.int32) for name, values in arrays.items()
    }
    numpy.savez_compressed(ARRAYS, **packed)
    print(f"{OUTPUT}: {len(words)} words, {len(irregular)} irregular forms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
