"""Deduplication: two texts are duplicates only when they state the same fact.

A fact has a *subject* (an entity and its attribute) and a *value*. Each new memory is
compared with its nearest stored neighbour (cosine of the embeddings):

- The same text after normalising (case, whitespace, punctuation at the ends):
  ``duplicate_exact``; nothing is stored, ``existing_id`` names the memory.
- Below cosine 0.60: ``stored_new``; from 0.60 to 0.70 only ``updated_existing`` is taken
  from the policy (a new value said in other words), anything else is ``stored_new``.
- Otherwise ``read_fact`` (``facts.py``) splits both texts into names, identifiers, values,
  polarity, modality and content words, and a ``MergePolicy`` decides:

  - **another subject** (``stored_new``): an identifier or a name differs ("Customer 1000"
    vs "Customer 1001", "Jon" vs "John", "the Q2 target" vs "the Q3 target"), or a content
    word of the subject was swapped for another ("the sales budget" vs "the marketing
    budget");
  - **a new value for the same subject** (``updated_existing``: the memory takes the new
    text, the old one goes to its history): a number, amount, unit, date or time differs, or
    the polarity ("not"), or the modality ("must" vs "may", "prefers" vs "avoids"), or a
    switch ("on" vs "off"), or the new text says that something changed ("now", "moved to",
    "no longer") about the same subject;
  - **the same fact, reworded** (``duplicate``): every name, identifier, value, polarity
    and modality is equal and the rest is a rewording;
  - **the same fact with details added** (``merged``): the new text keeps the old one's
    content and adds to it; the memory's text becomes both.

When in doubt the policy stores a new memory: a second memory is never a lost fact.
``LocalMergePolicy`` decides by these rules; ``LlmMergePolicy`` (``merge_llm.py``) asks an
OpenAI-compatible chat endpoint instead when the server is configured for it, behind the
same guard against crossing subjects.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Optional, Protocol

from .dictionary import (
    are_opposites,
    are_siblings,
    can_be_a_noun,
    is_ordinary_word,
    lemmas_of,
    phrase_lemmas,
    same_meaning,
    share_a_sense,
    usually_a_noun,
    usually_a_verb,
)
from .fact_words import (
    CHANGE_CUES,
    CONTRASTS,
    CURRENCY_WORDS,
    IMPLIED_NEGATION_PHRASES,
    IMPLIED_NEGATIONS,
    IMPLIED_NEGATIONS_ALONE,
    MODALITY,
    NAME_ABBREVIATIONS,
    NAME_DESIGNATORS,
    NAME_SUFFIXES,
    NEGATIONS,
    NUMBER_WORDS,
    STOP_WORDS,
    VALUE_NOUNS,
)
from .facts import AMBIGUOUS_TIME, Fact, read_fact, spoken_numbers
from .pair_model import DUPLICATE_AT, PairModel

MERGE_FROM = 0.70
# From this cosine up to MERGE_FROM only an update is taken: a new value of the same subject
# said in other words ("The user smokes" / "The user quit smoking in January") embeds further
# apart than a rewording of one value does.
UPDATE_FROM = 0.60
# From this cosine up to REWORDING_AT, a rewording whose content words all match one for one
# (at most one word left over), with the same names, identifiers and values and nothing said
# to change, is the same fact: "I'm really afraid of heights" / "Being up high really scares
# me" embed far apart.
MATCHED_FROM = 0.45
BAND_ACTIONS = frozenset({"stored_new", "updated_existing", "merged", "duplicate"})
DUPLICATE_ACTIONS = frozenset({"duplicate", "duplicate_exact"})
# Swapped words are looked up in the dictionary only when at most this many were swapped each
# way: a rewrite wider than that is judged as a whole, and the cost stays linear.
_LOOKED_UP = 16
# A rewording of the same slots at or above this cosine is the same fact.
REWORDING_AT = 0.80
# ... or at this cosine when both texts hold the same values (a number, an amount, a date, a
# time): equal values are strong evidence of one fact. On the development and studied blind
# sets every such pair between 0.70 and 0.80 was a duplicate (15 of 15).
REWORDING_WITH_VALUES_AT = 0.70
# ... or at this cosine when the rewording restructures the text (the words removed and the
# words added differ in number, or there are more than two of each): an even swap of a word
# or two for words that are not synonyms is another value ("pizza topping is pepperoni" /
# "topping on pizza is sausage"), a restructured sentence is not.
RESTRUCTURED_AT = 0.75

# A clause that opens a text with when or why, before a comma ("After refinancing, ...",
# "Since the move, ..."): it sets the scene for the fact and does not narrow its subject.
_SETTING = re.compile(
    r"(?i)^\s*(?:after|since|following|as of|starting|from|effective|due to|because of"
    r"|thanks to|this|these|last|next|recently|lately|now that|ever since)\b[^,.;:]{0,60},"
)
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+(?:['’]\w+)?")
_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")  # hyphenated compounds kept whole: "free-tier"


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


@dataclass(frozen=True)
class Comparison:
    """How two facts differ, part by part."""

    old: Fact
    new: Fact
    removed: tuple[str, ...]  # content words of the old text missing from the new
    added: tuple[str, ...]  # content words of the new text missing from the old
    old_names: frozenset[str]  # names of the old text the new one does not have
    new_names: frozenset[str]  # names of the new text the old one does not have
    substitution: bool  # the texts are word for word the same but for one span of 1-3 words
    small_edits: bool  # ... or for two spans of 1-2 words each
    setting: frozenset[str] = frozenset()  # words of a clause that opens the new text only
    # (old word, new word) pairs that name two values of one kind ("high" / "low")
    contrasts: tuple[tuple[str, str], ...] = ()
    # a negation on one side said by an antonym or a word of its own on the other ("is not
    # public" / "is private", "doesn't drink" / "is teetotal")
    negation_reworded: bool = False

    @property
    def other_subject(self) -> bool:
        """An identifier or a name differs."""
        return self.old.ids != self.new.ids or bool(self.old_names or self.new_names)

    @property
    def other_value(self) -> bool:
        """A value, the polarity or the modality differs."""
        return (
            _values_differ(self.old, self.new)
            or self.old.negated != self.new.negated
            or _modality_differs(self.old.modality, self.new.modality)
        )

    @property
    def kept(self) -> float:
        """The share of the old text's content words the new one keeps; the names both share
        count as kept words ("Globex pays" / "Globex is billed" keeps half)."""
        old = set(self.old.words) | (self.old.names - self.old_names)
        return 1 - len(self.removed) / len(old) if old else 1.0

    @property
    def in_subject(self) -> bool:
        """Whether a removed word sits in the first half of the old text (its subject)."""
        half = self.old.words[: max(1, (len(self.old.words) + 1) // 2)]
        return any(word in half for word in self.removed)

    @property
    def narrowed(self) -> bool:
        """Whether a word was added to the subject (the first half of the new text), as in
        "the user's *son's* shoe size": a qualifier that makes it another subject."""
        return self._added_to_subject > 0 and not self.new.change

    @property
    def swapped_in_subject(self) -> bool:
        """Whether the words added to the subject only replace words taken from it ("Globex
        pays" / "Globex is billed"): a rewording, or a swap, but no narrowing."""
        half = self.old.words[: max(1, len(self.old.words) // 2)]
        return 0 < self._added_to_subject <= sum(word in half for word in self.removed)

    @property
    def _added_to_subject(self) -> int:
        half = self.new.words[: max(1, len(self.new.words) // 2)]
        return sum(word in half and word not in self.setting for word in self.added)


def _values_differ(old_fact: Fact, new_fact: Fact) -> bool:
    """Whether the values differ; a number with a unit on one side ("7 years") equals the
    same number without one on the other ("seven"), and a clock time said without "am" or
    "pm" ("at 5:00") the same time in the afternoon on the other ("5 pm", not "17:00")."""
    old = _twice_yearly(_afternoon(old_fact.values, new_fact.values, new_fact.clock24))
    new = _twice_yearly(_afternoon(new_fact.values, old_fact.values, old_fact.clock24))
    return any(
        not _has(value, other) and not _implied(value, other)
        for values, other in ((old, new), (new, old))
        for value in values
    )


def _twice_yearly(values: frozenset[str]) -> frozenset[str]:
    """``values`` with "twice a year" read as two a year ("two cleanings per year")."""
    if "every:semiannual" not in values:
        return values
    return (values - {"every:semiannual"}) | {"every:yearly", "num:2"}


# From 7, an hour said without "am" or "pm" is in the morning where the other text keeps a
# 24-hour clock ("9:00" / "21:00"); before 7 it may be in the afternoon ("1:30" / "13:30").
_EVENING_HOURS = 7


def _afternoon(
    values: frozenset[str], other: frozenset[str], other_clock24: frozenset[str]
) -> frozenset[str]:
    """``values`` with each time that may be in the afternoon read so where ``other`` has it
    (see ``_EVENING_HOURS``)."""
    times = {v for v in values if v.startswith("time:")}
    read = set(values) - {v for v in values if v.startswith(AMBIGUOUS_TIME)}
    for marker in values - read:
        hour, minute = marker[len(AMBIGUOUS_TIME) :].split(":")
        later = f"time:{int(hour) + 12:02d}:{minute}"
        evening = int(hour) >= _EVENING_HOURS and later in other_clock24
        if later in other and not evening and f"time:{hour}:{minute}" in times:
            read.discard(f"time:{hour}:{minute}")
            read.add(later)
    return frozenset(read)


def _implied(value: str, other: frozenset[str]) -> bool:
    """Whether a frequency said on one side only is implied by the other side's values: a
    weekday ("every Friday" / "each Friday"), a day of the month ("on the 1st of each month" /
    "on the first of the month"), a month ("every year in April" / "each April")."""
    if any(v.startswith("every:") for v in other) or any(v.startswith("money:") for v in other):
        return False
    if value == "every:weekly":
        return any(v.startswith("weekday:") for v in other)
    if value in ("every:monthly", "every:quarterly"):
        return any(v.startswith(("day:", "weekday:", "nth:")) for v in other)
    if value == "every:yearly":  # "every year in April" / "each April"
        return any(v.startswith(("month:", "date:")) for v in other)
    return False


# Units one converts into another exactly: each to (base unit, how many of it).
_EXACT_UNITS = {
    "sec": ("sec", 1),
    "min": ("sec", 60),
    "hour": ("sec", 3_600),
    "day": ("sec", 86_400),
    "week": ("sec", 604_800),
    "month": ("month", 1),
    "year": ("month", 12),
    "mm": ("mm", 1),
    "cm": ("mm", 10),
    "m": ("mm", 1_000),
    "km": ("mm", 1_000_000),
    "mg": ("mg", 1),
    "g": ("mg", 1_000),
    "kg": ("mg", 1_000_000),
}


def _number_of(text: str) -> Optional[float]:
    try:
        return float(text)
    except ValueError:
        return None


def _quantity(number: str, unit: str) -> tuple[str, float] | None:
    """``("2", "week")`` -> ``("sec", 1209600.0)``: a quantity in its base unit."""
    base = _EXACT_UNITS.get(unit)
    try:
        return (base[0], round(float(number) * base[1], 6)) if base else None
    except ValueError:
        return None


def _has(value: str, values: frozenset[str]) -> bool:
    """Whether ``values`` holds ``value``: the same number with a unit on one side only
    ("7 years" / "seven"), or the same quantity in another unit ("2 weeks" / "14 days")."""
    if value in values or value == "num:1":  # "one", "a single", "day one": an article
        return True
    kind, _, rest = value.partition(":")
    if kind == "day":  # "the 5th floor" / "floor 5"
        return f"num:{rest}" in values
    if kind == "time" and rest.endswith(":00"):  # "3 o'clock" / "at 3"
        hour = int(rest[:2])
        return f"num:{hour}" in values or (hour > 12 and f"num:{hour - 12}" in values)
    if kind == "money":  # "90 cents" / "$0.90"
        currency, _, number = rest.partition(":")
        amount = _number_of(number)
        scale = 0.01 if currency == "cent" else 100.0
        if amount is not None and any(
            v.startswith("money:")
            and (currency == "cent") != v.startswith("money:cent:")
            and _number_of(v.rpartition(":")[2]) == round(amount * scale, 6)
            for v in values
        ):
            return True
    if value.startswith("money:gbp:"):  # "£40" / "40 pounds"
        return f"num:{value[len('money:gbp:') :]}:lb" in values
    if kind == "num" and rest.endswith(":lb") and f"money:gbp:{rest[:-3]}" in values:
        return True
    if kind != "num":
        return False
    number, _, unit = rest.partition(":")
    quantity = _quantity(number, unit) if unit else None
    if unit and any(  # "10 by 10 feet" / "10 by 10 metres": not the bare 10 of the other
        v.startswith(f"num:{number}:")
        and v != value
        and (quantity is None or quantity != _quantity(number, v.split(":", 2)[2]))
        for v in values
    ):
        return False
    if not unit and number.isdigit() and 1 <= int(number) <= 12:
        hour = int(number)  # "at 3" / "3 o'clock", "at 3 pm"
        if {f"time:{hour:02d}:00", f"time:{hour + 12:02d}:00"} & values:
            return True
    for other in values:
        other_kind, _, other_rest = other.partition(":")
        if other_kind == "day" and other_rest == number and not unit:
            return True
        if other_kind != "num":
            continue
        other_number, _, other_unit = other_rest.partition(":")
        if not unit or not other_unit:
            if other_number == number:
                return True
        elif quantity is not None and quantity == _quantity(other_number, other_unit):
            return True
    return False


# Modalities that change a fact when only one text has them ("must sign in" is a rule,
# "signs in" a habit); "likes", "can" or "usually" next to no modality is a rewording.
_ONE_SIDED = frozenset(
    {"obligation", "advice", "prohibition", "dislike", "always", "rarely", "sometimes"}
    | {"possibility", "improbability", "desire", "may", "plan", "expectation"}
)


def _modality_differs(old: frozenset[str], new: frozenset[str]) -> bool:
    """Whether the modality changed: another modality on both sides ("must" / "may",
    "prefers" / "avoids"), or a rule-like, hedged or wished-for one on one side only ("may
    raise the rent" / "will raise the rent"). "May" reads as "can" or as "might", and
    "wants" next to "prefers" alike."""
    if old and new:
        return not _readings(old) & _readings(new)
    return bool((old ^ new) & _ONE_SIDED)


# Modalities read as another next to a modality on the other side: "wants" as "prefers",
# "needs" as "must".
_READ_AS = {"desire": "like", "requirement": "obligation"}


def _readings(modality: frozenset[str]) -> frozenset[frozenset[str]]:
    """The ways a modality can be read: "may" as a permission or as a possibility."""
    plain = frozenset(_READ_AS.get(kind, kind) for kind in modality)
    if "may" not in plain:
        return frozenset({plain})
    rest = plain - {"may"}
    return frozenset({rest | {"permission"}, rest | {"possibility"}})


# A period said as a word on one side and as a frequency on the other ("of the month" /
# "of each month") is kept.
_PERIODS = {
    "hour": "every:hourly",
    "day": "every:daily",
    "week": "every:weekly",
    "month": "every:monthly",
    "quarter": "every:quarterly",
    "year": "every:yearly",
}


# decide() compares a pair again when the pair model may take a second look at it; a few
# entries serve that, and keep few texts (of memories that may be deleted) in memory.
@functools.lru_cache(maxsize=8)
def compare(new_text: str, existing_text: str) -> Comparison:
    old, new = _same_roles(read_fact(existing_text), read_fact(new_text), existing_text, new_text)
    old, new = _disliking(old), _disliking(new)
    old, new = _forbidding(old, existing_text), _forbidding(new, new_text)
    old, new, complemented = _obliged_alike(old, new, existing_text, new_text)
    old, new = (
        _cannot_have(old, existing_text, new, new_text),
        _cannot_have(new, new_text, old, existing_text),
    )
    old, new = _allergy(old, existing_text, new_text), _allergy(new, new_text, existing_text)
    old, new = _owed(old, existing_text, new), _owed(new, new_text, old)
    old, new = _always(old, existing_text, new), _always(new, new_text, old)
    old, new = _having(old, existing_text, new), _having(new, new_text, old)
    old, new = _favourite(old, existing_text, new_text), _favourite(new, new_text, existing_text)
    old, new = _chosen_among(old, existing_text, new), _chosen_among(new, new_text, old)
    if old.change != new.change:  # "changes every quarter" / "gets changed every quarter"
        old, new = _echoed(old, existing_text, new_text), _echoed(new, new_text, existing_text)
    old_names, new_names = set(old.names), set(new.names)
    # A word read as a name on one side only (it opened a sentence there) is the same word.
    old_forms = {form: word for word, form in old.forms}
    new_forms = {form: word for word, form in new.forms}
    old_names -= set(new.words) | new_forms.keys()
    new_names -= set(old.words) | old_forms.keys()
    # ... or in the plural on one side ("Smartphones are not ..." / "a smartphone").
    old_names -= {n for n in old_names if _singular(n) in new_forms}
    new_names -= {n for n in new_names if _singular(n) in old_forms}
    # A letter read as a name on one side only ("O negative is ..." / "... is O negative").
    for names, other_text in ((old_names, new_text), (new_names, existing_text)):
        names -= {n for n in names if len(n) == 1 and _letter_in(n, other_text)}
    old_words, new_words = set(old.words), set(new.words)
    old_as_names = {old_forms[n] for n in new.names if n in old_forms}  # "Ines" / "ines"
    new_as_names = {new_forms[n] for n in old.names if n in new_forms}
    removed = [
        w
        for w in dict.fromkeys(old.words)
        if w not in new_words
        and w not in new.names
        and w not in old_as_names
        and _PERIODS.get(w) not in new.values
    ]
    added = [
        w
        for w in dict.fromkeys(new.words)
        if w not in old_words
        and w not in old.names
        and w not in new_as_names
        and _PERIODS.get(w) not in old.values
    ]
    capitalised = old.capitalised | new.capitalised
    written = dict(old.forms + new.forms)
    if _same_choice(existing_text, new_text):  # "prefers tea" / "given the choice, picks tea"
        for words in (removed, added):
            for word in [w for w in words if set(lemmas_of(written.get(w, w))) & _PREFERRING]:
                words.remove(word)
    if complemented:  # "must stay within" / "may not leave"
        for words in (removed, added):
            for word in [w for w in words if written.get(w, w) in _RULE_HALVES]:
                words.remove(word)
    # One name written two ways (Postgres / PostgreSQL, Tomás / Tomas) is one name, and so
    # are a place and its adjective (in India / an Indian visa).
    for name in sorted(old_names):
        match = next(
            (
                n
                for n in sorted(new_names)
                if same_name(name, n)
                or _of_a_place(name, n, existing_text, new_text)
                or _of_a_place(n, name, new_text, existing_text)
            ),
            None,
        )
        if match is not None:
            old_names.discard(name)
            new_names.discard(match)
    # A name joined by a hyphen to a word on one side and apart on the other ("O negative" /
    # "O-negative", "the Basic tier" / "Basic-tier", "Wi-Fi" / "WiFi").
    for names, other_names, other_text, other_words in (
        (old_names, new_names, new_text, added),
        (new_names, old_names, existing_text, removed),
    ):
        other_lowered = other_text.lower()
        hyphenated = sorted(n for n in names if "-" in n)
        for name in hyphenated if len(hyphenated) <= _LOOKED_UP else ():
            joined = name.replace("-", "")
            if joined in other_names:
                names.discard(name)
                other_names.discard(joined)
                continue
            lower = next((w for w in other_words if written.get(w, w) == joined), None)
            if lower is not None:  # "Wi-Fi" / "wifi"
                names.discard(name)
                other_words.remove(lower)
                continue
            pieces = name.split("-")
            if all(
                piece in other_names
                # a letter alone is a word ("T-Mobile"), a longer piece may be cut ("O-neg")
                or re.search(
                    rf"\b{re.escape(piece)}" + (r"\b" if len(piece) == 1 else ""), other_lowered
                )
                for piece in pieces
            ):
                names.discard(name)
                other_names.difference_update(pieces)
                for word in [w for w in other_words if written.get(w, w) in pieces]:
                    other_words.remove(word)
    # An ordinary word that ends or opens a name both texts give, on one side only ("Maplewood
    # Elementary School" / "Maplewood Elementary", "Dr. Okafor" / "Doctor Okafor"), or a
    # maker's name before a model both give ("a Google Pixel 8" / "a Pixel 8", "an Apple
    # iPhone 14" / "an iPhone 14").
    shared = (old.names & new.names) - old_names - new_names
    for names, other_names, text, other_text in (
        (old_names, new_names, existing_text, new_text),
        (new_names, old_names, new_text, existing_text),
    ):
        if (
            names
            and not other_names
            and len(names) <= _LOOKED_UP
            and len(shared) <= _LOOKED_UP
            and (
                all(
                    (
                        name in NAME_DESIGNATORS
                        or re.search(rf"(?i)\b{re.escape(name)}", other_text)
                        or (len(names) == 1 and _makes(name, shared, text))
                    )
                    and _next_to_any(name, shared, text)
                    for name in names
                )
                or (len(names) == 1 and _makes_model(next(iter(names)), text, other_text))
            )
        ):
            names.clear()
    # An acronym on one side spelled out on the other (DB / database, PTO / paid time off).
    for names, other_names, other_words, other_text in (
        (old_names, new_names, added, new_text),
        (new_names, old_names, removed, existing_text),
    ):
        for name in sorted(names & (old.acronyms | new.acronyms)):
            long_name = next((n for n in sorted(other_names) if acronym_of(name, [n])), None)
            if long_name is not None:
                names.discard(name)
                other_names.discard(long_name)
                continue
            # Initials are read from the words as written, in the order of the text, small
            # words included ("PO" / "purchase order", "OOO" / "out of office").
            expansion = acronym_of(name, [written.get(w, w) for w in other_words]) or _spelled_out(
                name, other_text
            )
            if expansion is not None:
                names.discard(name)
                for word in list(other_words):
                    form = written.get(word, word)
                    if word in expansion or all(part in expansion for part in form.split("-")):
                        other_words.remove(word)
    # Names spelled out on one side and abbreviated on the other, where the abbreviation is
    # read as something else ("9:00 JST" / "9 a.m. Japan Standard Time").
    for names, fact, text, other_text in (
        (old_names, old, existing_text, new_text),
        (new_names, new, new_text, existing_text),
    ):
        capitals = list(dict.fromkeys(_CAPITALS.findall(other_text)))
        written_capitalised = (fact.names | fact.capitalised) - fact.acronyms
        for abbreviation in capitals[:_LOOKED_UP] if names else ():
            span = _spelled_out(abbreviation, text)
            if span is not None and set(span) & names and set(span) <= written_capitalised:
                names.difference_update(span)
    # A compound written with a hyphen on one side and as words on the other ("home-office" /
    # "home office") is one word.
    for words, other in ((removed, added), (added, removed)):
        spelled = {_american(written.get(o, o)): o for o in other}
        for word in [w for w in words if "-" in written.get(w, w)]:
            hyphened = written.get(word, word)
            derived = [o for o in other if _derived(hyphened.replace("-", ""), written.get(o, o))]
            if derived:  # "pre-diabetic" / "prediabetes"
                words.remove(word)
                other.remove(derived[0])
                continue
            # "colour-blind" / "colour blindness"
            parts = [
                spelled.get(_american(part))
                or next((o for o in other if _derived(part, written.get(o, o))), None)
                for part in hyphened.split("-")
            ]
            found = [part for part in parts if part is not None and part in other]
            if len(found) == len(parts):
                words.remove(word)
                for part in dict.fromkeys(found):
                    other.remove(part)
    # ... or as one word on one side and two on the other ("frontend" / "front end").
    few = len(removed) <= _LOOKED_UP and len(added) <= _LOOKED_UP
    for words, other, other_text in ((removed, added, new_text), (added, removed, existing_text)):
        for word in list(words) if few else ():
            pair = next(
                (
                    (a, b)
                    for a in other
                    for b in other
                    if a != b
                    and written.get(a, a) + written.get(b, b) == written.get(word, word)
                    and re.search(
                        rf"(?i)\b{re.escape(written.get(a, a))}\s+{re.escape(written.get(b, b))}\b",
                        other_text,
                    )
                ),
                None,
            )
            if pair is not None:
                words.remove(word)
                other.remove(pair[0])
                other.remove(pair[1])
    # Spelling variants and WordNet synonyms (colour/color, films/movies) are one word; words
    # that only embed close together are not (siblings and antonyms do: frontend/backend,
    # older/younger).
    substitution = _one_span_replaced(existing_text, new_text)
    look_up = len(removed) <= _LOOKED_UP and len(added) <= _LOOKED_UP
    by_prefix: dict[str, list[str]] = {}
    for a in added:
        by_prefix.setdefault(a[:4], []).append(a)
    for word in list(removed):
        # Spellings share their first four letters; a wide rewrite compares only those.
        candidates = added if look_up else by_prefix.get(word[:4], [])
        match = next(
            (
                a
                for a in candidates
                # A capitalised word may be part of a name ("Acme Corp" / "Apex Corp"): only
                # a spelling of an ordinary word ("Favourite" / "Favorite") matches it.
                if (
                    (_same_word(word, a) or _derived(written.get(word, word), written.get(a, a)))
                    and not any(
                        w in capitalised and not is_ordinary_word(written.get(w, w))
                        for w in (word, a)
                    )
                )
                or (
                    look_up
                    and bool(
                        set(lemmas_of(written.get(word, word))) & set(lemmas_of(written.get(a, a)))
                    )
                )  # one lemma: "skip" / "Skipping"
                or (
                    look_up
                    and not {word, a} & capitalised
                    and same_meaning(written.get(word, word), written.get(a, a))
                )
            ),
            None,
        )
        if match is not None:
            removed.remove(word)
            added.remove(match)
            by_prefix[match[:4]].remove(match)
    if look_up and removed and added:
        _match_phrases(removed, added, written, existing_text, new_text)
    # A word that only says what a shared value or identifier is ("Ticket OPS-118" /
    # "OPS-118", "cholesterol level" / "cholesterol") on one side only.
    if old.ids == new.ids and (old.ids or old.values == new.values):
        for words, other in ((removed, added), (added, removed)):
            if not other:
                for word in [w for w in words if written.get(w, w) in _SAYS_WHAT_IT_IS]:
                    words.remove(word)
        if old.ids or old.values:  # "The Redis instance's IP address is 10.0.4.17"
            old_names -= _SAYS_WHAT_IT_IS
            new_names -= _SAYS_WHAT_IT_IS
    # "works as a nurse" / "is a nurse".
    for words, text, other_text in (
        (removed, existing_text, new_text),
        (added, new_text, existing_text),
    ):
        if _WORKS_AS.search(text) and _IS_A.search(other_text):
            for word in [w for w in words if written.get(w, w) in _WORKING]:
                words.remove(word)
    # "her favourite season is autumn" / "she likes autumn best"; "drives a Mazda" / "her car
    # is a Mazda".
    for pattern, other_pattern, words_here, words_there in _SAID_ANOTHER_WAY:
        for words, text, other_words, other_text in (
            (removed, existing_text, added, new_text),
            (added, new_text, removed, existing_text),
        ):
            if pattern.search(text) and other_pattern.search(other_text):
                for word in [w for w in words if written.get(w, w) in words_here]:
                    words.remove(word)
                for word in [w for w in other_words if written.get(w, w) in words_there]:
                    other_words.remove(word)
    # "owns a car" / "has a car", "underwent surgery" / "had surgery".
    for words, other_text in ((removed, new_text), (added, existing_text)):
        for word in [w for w in words if written.get(w, w) in _HAVING_VERBS]:
            if _HAS.search(other_text):
                words.remove(word)
    # "contact lenses" / "contacts", "works the night shift" / "works nights": a thing said
    # by the word that qualifies it, in the plural.
    for words, other_words, text, other_text in (
        (removed, added, existing_text, new_text),
        (added, removed, new_text, existing_text),
    ):
        if (
            len(words) == 1
            and not other_words
            and _said_by_its_modifier(written.get(words[0], words[0]), text, other_text)
        ):
            words.clear()
    polarity_alike = old.negated == new.negated
    negation_reworded = False
    contrasts = _contrasts(existing_text, new_text, old, new)
    # "is private" / "is not public": an antonym under a negation says the same.
    if old.negated != new.negated and look_up:
        pair = next(
            (
                (r, a)
                for r in removed
                for a in added
                if are_opposites(written.get(r, r), written.get(a, a))
            ),
            None,
        )
        if pair is not None:
            removed.remove(pair[0])
            added.remove(pair[1])
            new = replace(new, negated=old.negated)
            negation_reworded = True
    # "is our largest customer" / "no customer is bigger than": the best said as none better.
    if old.negated != new.negated:
        plain, plain_text, other, negated_text = (
            (removed, existing_text, added, new_text)
            if new.negated
            else (added, new_text, removed, existing_text)
        )
        if _NONE_BETTER.search(negated_text) and _SUPERLATIVE.search(plain_text):
            new = replace(new, negated=old.negated)
            negation_reworded = True
            # ... and its words say no more: "favourite" / "liked more than", "ranks higher".
            for words, saying in ((plain, _BEST_WORD), (other, _BETTER_WORD)):
                for word in [w for w in words if saying.fullmatch(written.get(w, w))]:
                    words.remove(word)
    # "is broken" / "doesn't work": a word that says "not" on the side without a negation.
    if old.negated != new.negated:
        plain, plain_text, negated_text = (
            (removed, existing_text, new_text) if new.negated else (added, new_text, existing_text)
        )
        if _implied_negation(plain, written, plain_text, negated_text):
            new = replace(new, negated=old.negated)
            negation_reworded = True
            # The words of a phrase that says "not" ("called off" / "cancelled") say no more.
            said = " ".join(m.group(0) for m in _IMPLIED_NEGATION_PHRASE.finditer(plain_text))
            for word in [
                w for w in plain if re.search(rf"\b{re.escape(written.get(w, w))}\b", said)
            ]:
                plain.remove(word)
            other = added if plain is removed else removed
            for word, root in [(w, _negated_root(written.get(w, w))) for w in list(plain)]:
                match = next((o for o in other if root and root == o[: len(root)]), None)
                if match is not None:  # "intolerant" / "can't tolerate"
                    plain.remove(word)
                    other.remove(match)
    elif polarity_alike and not old.negated and look_up and not contrasts:
        # "knows about it" / "is unaware of it", "encrypted" / "unencrypted", "has siblings" /
        # "is an only child": a "not" said by a word on one side only.
        # Read from the rewritten texts, as the facts are ("does unpaid work" volunteers).
        spoken_old, spoken_new = spoken_numbers(existing_text), spoken_numbers(new_text)
        said_old = _says_not(spoken_old, look_up, spoken_new)
        said_new = _says_not(spoken_new, look_up, spoken_old)
        if said_old != said_new:
            new = replace(new, negated=said_new)
            old = replace(old, negated=said_old)
    return Comparison(
        old,
        new,
        tuple(removed),
        tuple(added),
        frozenset(old_names),
        frozenset(new_names),
        substitution,
        _two_small_spans(existing_text, new_text),
        _setting(new_text, old_words),
        contrasts,
        negation_reworded,
    )


def _said_by_its_modifier(word: str, text: str, other_text: str) -> bool:
    """Whether ``word`` (as written) follows a word in ``text`` that ``other_text`` has in
    the plural after the same word: "wears contact lenses" / "wears contacts", "works the
    night shift" / "works nights"."""
    for match in re.finditer(
        rf"(?i)\b(\w+) (?:(?:the|a|an) )?([a-z]{{3,}}) {re.escape(word)}\b", text
    ):
        before, modifier = match.group(1).lower(), match.group(2).lower()
        if modifier.endswith("s") or modifier in STOP_WORDS:
            continue
        plural = rf"\b{re.escape(before)} (?:(?:the|a|an) )?{modifier}e?s\b(?! {re.escape(word)})"
        if re.search(plural, other_text, re.IGNORECASE):
            return True
    return False


# Nouns that only say what kind of thing an identifier or a value is.
_SAYS_WHAT_IT_IS = frozenset(
    {"ticket", "order", "invoice", "case", "issue", "level", "rating", "status", "reading"}
    | {"url", "ip", "os", "sku", "pin", "length", "duration"}
)
_LOWER_WORD = re.compile(r"[a-z]+")


def _phrases(text: str, forms: set[str]) -> list[tuple[str, frozenset[str]]]:
    """The WordNet phrases of two or three words in ``text`` that hold one of ``forms`` (words
    as written, lower case), each with the words it spans: "has run out" -> ("run_out",
    {"run", "out"})."""
    tokens = _LOWER_WORD.findall(text.lower())
    found: dict[str, frozenset[str]] = {}  # one span per phrase: at most WordNet's phrases
    for at in (i for i, token in enumerate(tokens) if token in forms):
        for start in range(max(0, at - 2), at + 1):
            for end in range(max(start + 2, at + 1), min(start + 3, len(tokens)) + 1):
                span = tuple(tokens[start:end])
                for phrase in phrase_lemmas(span):
                    found.setdefault(phrase, frozenset(span))
    return list(found.items())


def _match_phrases(
    removed: list[str], added: list[str], written: dict[str, str], old_text: str, new_text: str
) -> None:
    """Drop the words of a phrase on one side that means a word or a phrase on the other
    ("runs out" / "expires", "goes to" / "attends", "blood type" / "blood group")."""
    old_forms = {written.get(w, w): w for w in removed}
    new_forms = {written.get(w, w): w for w in added}
    old_phrases = _phrases(old_text, set(old_forms)) + [(f, frozenset({f})) for f in old_forms]
    new_phrases = _phrases(new_text, set(new_forms)) + [(f, frozenset({f})) for f in new_forms]
    for old_phrase, old_span in old_phrases:
        for new_phrase, new_span in new_phrases:
            if "_" not in old_phrase + new_phrase or not same_meaning(old_phrase, new_phrase):
                continue
            gone = [old_forms[f] for f in old_span if f in old_forms and old_forms[f] in removed]
            came = [new_forms[f] for f in new_span if f in new_forms and new_forms[f] in added]
            if gone and came:
                for word in gone:
                    removed.remove(word)
                for word in came:
                    added.remove(word)


_NEGATING_PREFIXES = ("un", "in", "im", "dis")


def _negated_root(word: str) -> str:
    """The first letters of the word a negating prefix negates: "intolerant" -> "toler"."""
    for prefix in _NEGATING_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 5:
            return word[len(prefix) : len(prefix) + 5]
    return ""


def _negated_word(word: str) -> bool:
    """ "unaware", "unencrypted": "un" before an ordinary word ("undecided" is a modality)."""
    rest = word[2:]
    return (
        word.startswith("un") and len(rest) >= 4 and word not in MODALITY and is_ordinary_word(rest)
    )


# "No customer is bigger than Acme", "nothing beats paella": none better, so the best.
_NONE_BETTER = re.compile(
    r"(?i)\b(?:no|nothing|none|nobody|no\s+one)\b[^.;]{0,60}?\b(?:\w+er|more)\s+than\b"
    r"|\bnothing\s+(?:beats|tops)\b"
)
# "our largest customer", "the user's favourite film", "the top scorer".
_SUPERLATIVE = re.compile(
    r"(?i)\b(?:the|my|our|your|his|her|their|its|\w+'s)\s+(?:\w+\s+)?"
    r"(?:best|most|favou?rite|top|\w{2,}est)\b"
)


def _letter_in(letter: str, text: str) -> bool:
    """Whether ``text`` holds ``letter`` as a word of its own, in either case."""
    return bool(re.search(rf"(?i)\b{re.escape(letter)}\b", text))


_BEST_WORD = re.compile(r"(?i)favou?rite|best|most|top|\w{3,}est")
_BETTER_WORD = re.compile(r"(?i)more|better|\w{3,}er|ranks?|appeals?|pleases?|beats?|tops?")
_IMPLIED_NEGATION_PHRASE = re.compile(r"(?i)\b(?:" + "|".join(IMPLIED_NEGATION_PHRASES) + r")\b")


# "is out of toner", "has run out of toner" (not "out of office", "out of town": away).
_OUT_OF = re.compile(
    r"(?i)\b(?:is|are|was|were|been|run|ran|runs|running)\s+out\s+of\s+"
    r"(?!(?:the\s+)?(?:office|town|country|hours|date|question|reach)\b)"
)


# "has given up coffee", "cut out dairy": stopped having something (not "the wifi cuts out").
_GIVEN_UP = re.compile(
    r"(?i)\b(?:gave|give|gives|giving|given|cut|cuts|cutting)\s+(?:up|out)\s+(?:on\s+)?[a-z]"
)
_PARTICLE_NEXT = re.compile(r"\s+(?:up|down|into|off|out)\b")


def _says_not(text: str, look_up: bool, other_text: str = "") -> bool:
    """Whether a text says "not" with a word or a phrase of its own ("broken", "unaware",
    "is out of toner"); not a form of a verb the other text holds ("broke his wrist" / "his
    wrist was broken") or of a phrase ("broken up into services")."""
    if _OUT_OF.search(text) and not _OUT_OF.search(other_text):
        return True  # "is out of toner" / "has toner"
    if (
        _GIVEN_UP.search(text)
        and not _GIVEN_UP.search(other_text)
        and not _IMPLIED_NEGATION_PHRASE.search(other_text)
    ):
        return True  # "has cut out dairy" / "eats dairy"
    others = {lemma for w in _WORDS.findall(other_text.lower()) for lemma in lemmas_of(w)}
    return any(
        (word in IMPLIED_NEGATIONS_ALONE or (look_up and _negated_word(word)))
        and not (others & set(lemmas_of(word)))
        and not _PARTICLE_NEXT.match(text, end)
        for word, end in ((m.group(0).lower(), m.end()) for m in _WORDS.finditer(text))
    )


def _implied_negation(
    plain: list[str], written: dict[str, str], plain_text: str, negated_text: str
) -> bool:
    """Whether ``plain_text`` says "not" with a word or phrase of its own (``plain``: its
    words the other text lacks) where ``negated_text`` says it with a negation: "is vegan" /
    "eats no animal products"."""
    if any(written.get(word, word) in IMPLIED_NEGATIONS for word in plain):
        return True
    return bool(
        _IMPLIED_NEGATION_PHRASE.search(plain_text)
        and not _IMPLIED_NEGATION_PHRASE.search(negated_text)
    )


@functools.cache
def _contrast_groups() -> dict[str, frozenset[tuple[str, int]]]:
    """Each word of ``CONTRASTS`` -> the (kind, group) pairs it names."""
    groups: dict[str, set[tuple[str, int]]] = {}
    for kind, words in CONTRASTS.items():
        for index, group in enumerate(words):
            for word in group.split():
                groups.setdefault(word, set()).add((kind, index))
    return {word: frozenset(found) for word, found in groups.items()}


_EXACT_FORM_ONLY = frozenset({"order"})


def _value_groups(word: str) -> frozenset[tuple[str, int]]:
    """The values of a kind ``word`` names: itself, a form of it ("weekends"), or the part of
    a compound that does ("low-priority")."""
    groups = _contrast_groups()
    if word in groups:
        return groups[word]
    for form in lemmas_of(word):
        if form in groups:  # "weekends"; not "lasts" (a verb) for "last"
            return frozenset(g for g in groups[form] if g[0] not in _EXACT_FORM_ONLY)
    parts = word.split("-")
    found = [groups[part] for part in parts if part in groups] if len(parts) > 1 else []
    return found[0] if len(found) == 1 else frozenset()


def _contrasts(
    old_text: str, new_text: str, old_fact: Fact, new_fact: Fact
) -> tuple[tuple[str, str], ...]:
    """The words only one text has that name two values of one kind ("checking" /
    "savings", "free" / "pro"), as written (lower case). Every word counts, those read as
    modality ("free") included; negations count as polarity."""
    # Each word, and each part of a compound ("ex-boyfriend": "ex", "boyfriend").
    old_words, new_words = (
        dict.fromkeys(
            part
            for w in _WORDS.findall(t.lower())
            for whole in (w[:-2] if w.endswith(("'s", "’s")) else w,)
            for part in (whole, *(whole.split("-") if "-" in whole else ()))
        )
        # as written and as read ("on hold" is "on-hold"; "my mother's side" keeps "mother")
        for t in (
            f"{old_text} {spoken_numbers(old_text)}",
            f"{new_text} {spoken_numbers(new_text)}",
        )
    )
    if len(old_words) > 4 * _LOOKED_UP or len(new_words) > 4 * _LOOKED_UP:
        return ()
    old_groups, new_groups = (
        {w: _value_groups(w) for w in words if w not in NEGATIONS}
        for words in (old_words, new_words)
    )
    # A daypart after a clock time is part of that value ("8 in the morning").
    if any(v.startswith(("daypart:", "time:")) for v in old_fact.values | new_fact.values):
        for groups in (old_groups, new_groups):
            for word in [w for w, found in groups.items() if any(k == "daypart" for k, _ in found)]:
                del groups[word]
    # A word is swapped only when the other text names none of its values ("kids" /
    # "children ... baby" swaps nothing).
    old_named = frozenset().union(*old_groups.values())
    new_named = frozenset().union(*new_groups.values())
    removed = [w for w, found in old_groups.items() if found and not found & new_named]
    added = [w for w, found in new_groups.items() if found and not found & old_named]
    pairs = []
    for old in removed:
        for new in added:
            kinds = {kind for kind, _ in old_groups[old]} & {kind for kind, _ in new_groups[new]}
            if kinds and not old_groups[old] & new_groups[new]:
                pairs.append((old, new))
    return tuple(pairs)


_VALUE_NOUN = "|".join(sorted(VALUE_NOUNS))


def _stated(word: str, text: str) -> bool:
    """Whether ``word`` is what ``text`` states, not a kind of its subject: it follows "is"
    ("is medium", "is dark green"), or qualifies a noun that holds a value ("high
    priority", "size large")."""
    w = re.escape(word)
    return bool(
        re.search(
            rf"(?i)\b(?:is|are|was|were|be|been)\s+(?:(?:a|an|the|now|still|currently)\s+)?"
            rf"(?:(?![\w-]*(?:ed|ing)\b)[\w-]+\s+)?{w}\b"
            rf"|\b{w}\s+(?:{_VALUE_NOUN})\b(?!\s+(?:is|are|was|were)\b)"
            rf"|\b(?:{_VALUE_NOUN})\s+(?:of\s+)?{w}\b",
            text,
        )
    )


def _contrast_is_value(c: Comparison, old_text: str, new_text: str) -> bool:
    """Whether the values of a kind swapped are what the texts state ("The ticket has high
    priority" / "... low priority"), not kinds of the subject ("the checking account" /
    "the savings account")."""
    return any(_stated(old, old_text) or _stated(new, new_text) for old, new in c.contrasts)


def _setting(text: str, old_words: set[str]) -> frozenset[str]:
    """The content words of a clause that opens ``text`` with when or why ("After the
    upgrade, ..."), unless it shares a word with the old text."""
    opening = _SETTING.match(text)
    if opening is None:
        return frozenset()
    words = frozenset(read_fact(opening.group(0)).words)
    return frozenset() if words & old_words else words


def _disliking(fact: Fact) -> Fact:
    """ "Doesn't like" is "dislikes": a negated liking reads as a disliking."""
    if fact.negated and fact.modality == {"like"}:
        return replace(fact, negated=False, modality=frozenset({"dislike"}))
    return fact


_DUE = re.compile(r"(?i)\b(?:due\b(?!\s+to\b)|deadline\b)")


_FAVOURITE = re.compile(r"(?i)\bfavou?rite\b")
_LIKED_MOST = re.compile(
    r"(?i)\b(?:likes?|liked|loves?|loved|enjoys?|enjoyed)\b[^.;]{0,60}?\b(?:the\s)?(?:most|best)\b"
)
_DRIVES = re.compile(r"(?i)\b(?:drives|drive|drove)\s+(?:a|an)\b")
_CAR_IS = re.compile(r"(?i)\b(?:car|vehicle)\s+is\s+(?:a|an)\b")
# (a pattern, the pattern on the other side, the words it says that the other says another
# way, and theirs)
_SAID_ANOTHER_WAY = (
    (_FAVOURITE, _LIKED_MOST, frozenset({"favourite", "favorite"}), frozenset({"most", "best"})),
    (_DRIVES, _CAR_IS, frozenset({"drives", "drive", "drove"}), frozenset({"car", "vehicle"})),
)


# "Of the four seasons, ...": how many there are to choose among.
_AMONG = re.compile(r"(?i)^\s*(?:of|among)\s(?:all\s)?the\s(\w+)\s[a-z]+s\b[^.;]{0,80},")


def _chosen_among(fact: Fact, text: str, other: Fact) -> Fact:
    """``fact`` without the count of what a choice is made among, where the other text holds
    no count at all: "Of the four seasons, she likes autumn best" / "Her favourite season is
    autumn" (not "Of the three plans" / "Of the four plans")."""
    among = _AMONG.match(text)
    said = among.group(1).lower() if among else ""
    number = said if said.isdigit() else NUMBER_WORDS.get(said)
    if number is None:
        return fact
    count = f"num:{number}"
    if count in fact.values and not any(v.startswith("num:") for v in other.values):
        return replace(fact, values=fact.values - {count})
    return fact


def _favourite(fact: Fact, text: str, other_text: str) -> Fact:
    """A liking said as liking something best is no modality where the other text says
    "favourite": "likes autumn best" / "favourite season is autumn"."""
    if "like" in fact.modality and _LIKED_MOST.search(text) and _FAVOURITE.search(other_text):
        return replace(fact, modality=fact.modality - {"like"})
    return fact


def _owed(fact: Fact, text: str, other: Fact) -> Fact:
    """Something due is something that must be done: "The report is due on Friday" /
    "The report has to be in by Friday"."""
    if "obligation" in other.modality and not fact.modality and _DUE.search(text):
        return replace(fact, modality=frozenset({"obligation"}))
    return fact


_EVERY = re.compile(
    r"(?i)\b(?:every|each|never|when(?!\s+it\s+comes\s+to\b)|whenever|any|anytime|during)\b"
)


def _always(fact: Fact, text: str, other: Fact) -> Fact:
    """ "Every", "each", "never", "when", "any" and "during" say "always" next to a text that
    says it: "goes to church every Sunday" / "always goes to church on Sundays", "is never
    late" / "is always on time", "leaks when it rains" / "whenever it rains, ... leaks"."""
    if (
        "always" in other.modality
        and "always" not in fact.modality
        and (any(v.startswith("every:") for v in fact.values) or _EVERY.search(text))
    ):
        return replace(fact, modality=fact.modality | {"always"})
    return fact


_HAS = re.compile(r"(?i)\b(?:has|have|had|having)\b")
_WORKING = frozenset({"works", "work", "worked", "working", "employed"})
_WORKS_AS = re.compile(r"(?i)\b(?:works?|worked|working|employed)\s+as\s+an?\b")
_IS_A = re.compile(r"(?i)\b(?:is|was|are|were)\s+an?\b")
# Verbs that say what "has" says: "owns a car", "underwent surgery".
_HAVING_VERBS = frozenset(
    {"own", "owns", "owned", "owning", "possess", "possesses", "possessed"}
    | {"undergo", "undergoes", "underwent", "undergone", "equipped"}
    | {"suffers", "suffer", "suffered"}
)


def _having(fact: Fact, text: str, other: Fact) -> Fact:
    """Having is not needing: "has a car" / "needs a car" differ in modality."""
    if (
        "requirement" in other.modality
        and not fact.modality
        and (_HAS.search(text) or any(form in _HAVING_VERBS for _, form in fact.forms))
    ):
        return replace(fact, modality=frozenset({"possession"}))
    return fact


_MUST_NOT = re.compile(r"(?i)\bmust(?:\s+not|\s+never|n['’]t)\b")
# "may not", "no password may ...", "under no circumstances may ...".
_MAY_NOT = re.compile(
    r"(?i)\bmay\s+not\b|\b(?:no|nobody|nothing|none)\b(?:\s+[\w'’]+){0,3}\s+may\b"
)
_BOUND = re.compile(r"(?i)\b(?:up to|at most|no more than|maximum|max|limit(?:ed)?)\b")


_CANNOT = re.compile(r"(?i)\b(?:can['’]?t|cannot|can\snot|unable)\b")
_CANNOT_HAVE = re.compile(
    r"(?i)\b(?:can['’]?t|cannot|can\snot|unable\sto)\s(?:have|eat|drink|consume)\b"
    r"(?!\s(?:enough|more|much))"
    r"|\b(?:prevent|keep|stop)(?:s|ed|ped)?\s(?:[\w'’-]+\s){1,4}?from\s"
    r"(?:having|eating|drinking|consuming)\b"
)


def _cannot_have(fact: Fact, text: str, other: Fact, other_text: str) -> Fact:
    """ "Can't have" food or drink is a prohibition where the other side says one ("Hassan
    cannot have dairy" / "Dairy is off-limits for Hassan"), and so is any plain "not" where
    the other side says "not allowed", "off-limits" or "banned" ("Interns do not have access"
    / "... is off-limits to interns"); elsewhere a "not". A "not" against "must not" or "may
    not" stays a change of modality ("do not park" / "must not park"), and "cannot" is what
    one is unable to do ("can't print in colour" / "printing in colour is off-limits")."""
    if (
        fact.negated
        and not fact.modality
        and other.modality == {"prohibition"}
        and not other.negated
        and (
            _CANNOT_HAVE.search(text)
            or not (
                _CANNOT.search(text) or _MUST_NOT.search(other_text) or _MAY_NOT.search(other_text)
            )
        )
    ):
        return replace(fact, negated=False, modality=frozenset({"prohibition"}))
    return fact


_ALLERGY = re.compile(r"(?i)\ballerg(?:y|ies|ic)\b")


def _allergy(fact: Fact, text: str, other_text: str) -> Fact:
    """An allergy on both sides says what may not be eaten: "can't eat shellfish because of
    an allergy" and "peanuts are off-limits, he's allergic" are "is allergic to"."""
    if not (_ALLERGY.search(text) and _ALLERGY.search(other_text)):
        return fact
    if fact.modality == {"prohibition"} and not fact.negated:
        return replace(fact, modality=frozenset())
    if fact.negated and not fact.modality and _CANNOT_HAVE.search(text):
        return replace(fact, negated=bool(_NOT_ALLERGIC.search(text)))
    return fact


_NOT_ALLERGIC = re.compile(r"(?i)\b(?:not|n['’]t|no|never)\s(?:\w+\s)?allerg")


def _forbidding(fact: Fact, text: str) -> Fact:
    """ "Not allowed", "may not" and "must not" are "prohibited"; "may" with a bound ("may
    make up to 100 requests") is a permission, not a guess."""
    if fact.negated and (
        fact.modality == {"permission"}
        or (fact.modality == {"obligation"} and _MUST_NOT.search(text))
        or (fact.modality == {"may"} and _MAY_NOT.search(text))
    ):
        return replace(fact, negated=False, modality=frozenset({"prohibition"}))
    if "may" in fact.modality and _BOUND.search(text):
        return replace(fact, modality=(fact.modality - {"may"}) | {"permission"})
    return fact


# Words that turn what must be done into what must not: "must stay in the EU" is "may not
# leave the EU", "must be at least 12 characters" is "may not be shorter than 12".
_COMPLEMENT_WORDS = frozenset({"outside", "leave", "leaves", "leaving", "shorter", "fewer"})
_COMPLEMENT_WORDS |= {"less", "lower", "longer", "exceed", "exceeds", "exceeding", "beyond", "off"}
_COMPLEMENT = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(_COMPLEMENT_WORDS)) + r")\b"
    r"|\b(?:more|later)\s+than\b|\bout\s+of\b"
)
# The words either side says for its half of the rule ("stay within" / "leave"), dropped
# once the two read as one rule.
_RULE_HALVES = _COMPLEMENT_WORDS | {"more", "later", "within", "inside", "stay", "remain"}
_RULE_HALVES |= {"least", "minimum", "keep"}


_CUES = [re.compile(cue) for cue in CHANGE_CUES]


def _echoed(fact: Fact, text: str, other_text: str) -> Fact:
    """``fact`` without its change when every change cue in ``text`` is a verb the other text
    also says, in any form ("changes every quarter" / "gets changed every quarter"), or as
    the noun made of it ("had a hip replacement" / "had his hip replaced"); or is "a new" one
    of what comes again and again ("a new release every two weeks"); or "left" one with
    something ("the accident left him with a broken wrist")."""
    if not fact.change or not other_text.strip():
        return fact
    lowered = text.lower()
    other_words = _TOKEN.findall(other_text.lower())
    other = {lemma for word in other_words for lemma in lemmas_of(word)}
    other |= {
        word[: -len(ending)] + stem_end
        for word in other_words
        for ending, stem_end in _NOUN_ENDINGS
        if word.endswith(ending) and len(word) > len(ending) + 3
    }
    recurring = any(v.startswith("every:") for v in fact.values)
    found = [m for cue in _CUES for m in cue.finditer(lowered)]
    cues = [
        m.group(0).split()[0]
        for m in found
        if not (recurring and m.group(0) == "new" and lowered[: m.start()].endswith("a "))
        and not (m.group(0) == "left" and _LEFT_WITH.match(lowered, m.end()))
    ]
    if found and all(set(lemmas_of(cue)) & other for cue in cues):
        return replace(fact, change=False)
    return fact


# Nouns made of a verb, and the verb's ending: "replacement" -> "replace", "promotion" ->
# "promote", "migration" -> "migrate".
_NOUN_ENDINGS = (("ment", ""), ("ation", "ate"), ("tion", "te"), ("al", ""))
_LEFT_WITH = re.compile(r"\s+(?:[\w'’-]+\s+){1,4}?with\b")


def _obliged_alike(old: Fact, new: Fact, old_text: str, new_text: str) -> tuple[Fact, Fact, bool]:
    """A rule that forbids the complement of what the other obliges is the same rule
    ("Passwords must have at least 12 characters" / "No password may be shorter than 12
    characters"): both read as the obligation, and whether they were read so."""
    for forbidding, text, obliging, other_text in (
        (old, old_text, new, new_text),
        (new, new_text, old, old_text),
    ):
        if (
            forbidding.modality == {"prohibition"}
            and obliging.modality & {"obligation", "requirement"}
            and not forbidding.negated
            and not obliging.negated
            and _COMPLEMENT.search(text)
            and not _COMPLEMENT.search(other_text)
        ):
            read = replace(forbidding, modality=obliging.modality)
            return (read, new, True) if forbidding is old else (old, read, True)
    return old, new, False


def _same_roles(old: Fact, new: Fact, old_text: str, new_text: str) -> tuple[Fact, Fact]:
    """One identifier read two ways is one identifier or value, and both readings are dropped:

    - a number naming the subject on one side that the other side also writes after the same
      noun, as a plain value ("Port 9092 is the broker's port" / "The broker listens on port
      9092");
    - a date or period naming the subject on one side and a plain value on the other, when
      the other side has no such identifier of its own ("the Q3 budget" / "a budget for Q3",
      but not "the weekly report is sent monthly" / "the monthly report is sent weekly");
    - a bare number on one side and the same number after a noun on the other ("#5512" /
      "order 5512")."""
    facts = (old, new)
    texts = (spoken_numbers(old_text).lower(), spoken_numbers(new_text).lower())
    ids = [set(old.ids), set(new.ids)]
    values = [set(old.values), set(new.values)]
    for side, other in ((0, 1), (1, 0)):
        other_kinds = {i.partition(":")[0] for i in facts[other].ids - facts[side].ids}
        for ident in sorted(facts[side].ids - facts[other].ids):
            kind, _, number = ident.partition(":")
            if kind == "floor" and ident in values[other]:  # "the desk on the 2nd floor" /
                ids[side].discard(ident)  # "the desk is on the 2nd floor"
                values[other].discard(ident)
                continue
            glued = _GLUED_ID.fullmatch(ident)
            if glued and _written_apart(glued, ids[other], values[other], texts[other]):
                ids[side].discard(ident)  # "tier-2" / "tier 2", "v1.29" / "version 1.29"
                continue
            if not number:  # "#5512": the same number after a noun on the other side
                named = next((i for i in facts[other].ids if i.endswith(f":{ident}")), None)
                if named is not None and ident.isdigit():
                    ids[side].discard(ident)
                    ids[other].discard(named)
                continue
            value = _as_value(ident)
            if value == ident:  # a date or a period
                matched = kind not in other_kinds and value in values[other]
            else:
                after_noun = rf"\b{re.escape(kind)}s?\W{{0,3}}{re.escape(number)}\b"
                matched = value in values[other] and bool(re.search(after_noun, texts[other]))
            if matched:
                ids[side].discard(ident)
                values[other].discard(value)
                if kind == "weekday" and "every:weekly" not in facts[side].values:
                    values[other].discard("every:weekly")  # "Saturday practices"
    return (
        replace(old, ids=frozenset(ids[0]), values=frozenset(values[0])),
        replace(new, ids=frozenset(ids[1]), values=frozenset(values[1])),
    )


_GLUED_ID = re.compile(r"([a-z]{1,12})(\d{1,8})")


def _written_apart(glued: re.Match[str], ids: set[str], values: set[str], other_text: str) -> bool:
    """Whether the other side writes a letters-and-number identifier ("tier2", "v129") as
    its word (or a word it opens) and its number apart, and if so drops the other side's
    reading of that number."""
    letters, digits = glued.groups()
    for ident in sorted(ids):
        other = _GLUED_ID.fullmatch(ident.replace(":", ""))
        if (
            other
            and other.group(2) == digits
            and (letters.startswith(other.group(1)) or other.group(1).startswith(letters))
        ):
            ids.discard(ident)  # "u12" / "under12"
            return True
    for value in sorted(values):
        kind, _, rest = value.partition(":")
        number = rest.partition(":")[0]
        if kind != "num" or number.replace(".", "") != digits:
            continue
        # "v16" is version 16 wherever it is written; "tier2" is "tier 2", not "KJ4 7PX"
        apart = rf"\b{re.escape(letters)}[a-z]*\W{{0,3}}{re.escape(number)}\b"
        if letters == "v" or re.search(apart, other_text):
            values.discard(value)
            return True
    return False


def _as_value(ident: str) -> str:
    """The value an identifier reads as where it is not a name: ``port:9092`` ->
    ``num:9092``, ``quarter:q3`` stays; codes like ``qf7k2`` have none."""
    kind, _, rest = ident.partition(":")
    if not rest:
        return ""
    return (
        ident if kind in ("quarter", "month", "year", "fy", "every", "weekday") else f"num:{rest}"
    )


def _spans(old: str, new: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """The words the texts open with alike, the old and the new words between, and the words
    they end with alike (lower case)."""
    a, b = _TOKEN.findall(old.lower()), _TOKEN.findall(new.lower())
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return (
        a[:prefix],
        a[prefix : len(a) - suffix],
        b[prefix : len(b) - suffix],
        a[len(a) - suffix :],
    )


def _one_span_replaced(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with one span of at most three words replaced, inserted
    or removed (and the rest word for word the same)."""
    _, old_span, new_span, _ = _spans(old, new)
    return (
        max(len(old_span), len(new_span)) > 0
        and len(old_span) <= 3
        and len(new_span) <= 3
        and not set(old_span) & set(new_span)  # a word kept in between: two edits, not one
    )


def _predicate_replaced(old: str, new: str) -> bool:
    """Whether the one span replaced in ``new`` follows "is" or "are" (an article between):
    what the subject is, its value."""
    before, old_span, new_span, _ = _spans(old, new)
    if before and before[-1] in _ARTICLES:
        before = before[:-1]
    return bool(before and old_span and new_span) and before[-1] in _BE


def _replaced_at_end(old: str, new: str) -> bool:
    """Whether the one span replaced in ``new`` ends the text or is followed by at most two
    words and no number ("... is on the Enterprise plan" / "... on the Starter plan"), and
    does not qualify a word before it ("the pull requests from Omar")."""
    before, old_span, new_span, after = _spans(old, new)
    if len(before) > 1 and before[-1] in _ARTICLES:  # "... for the Millers"
        before = before[:-1]
    return (
        bool(before and old_span and new_span)
        # "... from Omar" qualifies; "... is from Osaka" states where
        and (before[-1] not in _QUALIFYING or (len(before) > 1 and before[-2] in _BE))
        # "recipes by Nigel Slater" qualifies; "is managed by Jakob" says who
        and not (before[-1] == "by" and len(before) > 1 and usually_a_noun(before[-2]))
        and len(after) <= 2
        and not any(w in _BE or any(ch.isdigit() for ch in w) for w in after)
    )


_BE = frozenset({"is", "are", "was", "were", "been"})
_QUALIFYING = frozenset({"from", "for", "of", "with", "and", "or", "than", "about", "like"})
_ARTICLES = frozenset({"a", "an", "the"})


def _two_small_spans(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with two spans of at most two words each changed (texts
    of up to 60 words; longer ones are never this close)."""
    a, b = _TOKEN.findall(old.lower()), _TOKEN.findall(new.lower())
    if max(len(a), len(b)) > 60:
        return False
    edits = [
        op for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"
    ]
    return len(edits) == 2 and all(i2 - i1 <= 2 and j2 - j1 <= 2 for _, i1, i2, j1, j2 in edits)


def _makes(maker: str, names: frozenset[str], text: str) -> bool:
    """Whether ``maker`` stands right before a name of a model with a number ("Google Pixel
    8", "Lenovo ThinkPad X1")."""
    models = "|".join(re.escape(n) for n in sorted(names))
    return bool(models) and bool(
        re.search(rf"(?i)\b{re.escape(maker)}\s+(?:{models})\s+[^\s]*\d", text)
    )


def _makes_model(maker: str, text: str, other_text: str) -> bool:
    """Whether ``maker`` stands right before a model with a number that the other text gives
    ("an Apple iPhone 14" / "an iPhone 14", "Apple's iPhone 14")."""
    model = re.search(
        rf"\b(?i:{re.escape(maker)})(?:['’]s)?\s+([a-z]*[A-Z][\w-]*\s+[A-Za-z]?\d[\w.]*)", text
    )
    return model is not None and bool(
        re.search(rf"(?i)\b{re.escape(model.group(1))}(?!\w)", other_text)
    )


def _next_to_any(word: str, names: frozenset[str], text: str) -> bool:
    """Whether ``word`` stands right before or after one of ``names`` in ``text``."""
    return any(
        re.search(rf"(?i)\b{re.escape(name)}\W{{1,3}}{re.escape(word)}\b", text)
        or re.search(rf"(?i)\b{re.escape(word)}\W{{1,3}}{re.escape(name)}\b", text)
        for name in names
    )


def _singular(word: str) -> str:
    """``word`` without a plural "s" ("smartphones" -> "smartphone")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name: equal without accents, or one the other with a company or
    product suffix."""
    a, b = _plain(a), _plain(b)
    if (
        a == b
        or NAME_ABBREVIATIONS.get(a.rstrip(".")) == b
        or NAME_ABBREVIATIONS.get(b.rstrip(".")) == a
    ):
        return True  # "Baker St" / "Baker Street"
    short, long = sorted((a, b), key=len)
    # Postgres / PostgreSQL, Mongo / MongoDB, Acme / AcmeCorp: a known suffix, not Zephyrus.
    return long.startswith(short) and long[len(short) :].strip(" .-") in NAME_SUFFIXES


# What turns a place into the word for its people or things: "Kenya" / "Kenyan", "Japan" /
# "Japanese", "Italy" / "Italian".
_PLACE_ENDINGS = ("n", "an", "ian", "ese", "ish")


def _of_a_place(place: str, word: str, place_text: str, word_text: str) -> bool:
    """Whether ``word`` is the adjective of ``place`` ("a visa for India" / "an Indian
    visa", "based in Tokyo" / "Tokyo-based"): the place after "in", "from", "of", "for" or
    "to", the adjective before a word in lower case."""
    if word == f"{place}-based":
        return True
    stems = {place, place[:-1]} if place[-1:] in "aeiouy" else {place}
    return (
        len(place) >= 4
        and any(word == stem + ending for stem in stems for ending in _PLACE_ENDINGS)
        and bool(
            re.search(
                rf"\b(?i:in|from|of|for|to)\s+(?:[A-Z][\w-]*\s+)?(?i:{re.escape(place)})\b",
                place_text,
            )
        )
        and bool(re.search(rf"(?i)\b{re.escape(word)}\s+[a-z]", word_text))
    )


def acronym_of(name: str, words: list[str]) -> Optional[list[str]]:
    """The words ``name`` abbreviates, if it is an acronym of consecutive ``words`` (their
    initials) or of one word (its letters in order, from the first)."""
    letters = _plain(name)
    if not 2 <= len(letters) <= 6:
        return None
    for start in range(len(words) - len(letters) + 1):
        span = words[start : start + len(letters)]
        if "".join(w[0] for w in span) == letters:
            return span
    for word in words:
        if word[0] == letters[0] and len(word) > len(letters) and _subsequence(letters, word):
            return [word]
    return None


def _spelled_out(name: str, text: str) -> Optional[list[str]]:
    """The words of ``text`` whose initials spell ``name`` ("out of office" for "OOO"),
    neither the first nor the last a small word ("is trying" does not spell "IT")."""
    letters = _plain(name)
    words = _TOKEN.findall(text.lower())
    for start in range(len(words) - len(letters) + 1):
        span = words[start : start + len(letters)]
        if (
            "".join(w[0] for w in span) == letters
            and span[0] not in _SMALL_WORDS
            and (span[-1] not in _SMALL_WORDS or f"-{span[-1]}" in text.lower())  # "sign-on"
        ):
            return span
    return None


_CAPITALS = re.compile(r"\b[A-Z]{2,6}\b")
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "is", "are", "was", "were", "be", "to", "of", "and", "or", "in", "on"}
    | {"at", "for", "it", "its", "i", "we", "you", "he", "she", "they", "has", "have", "had"}
)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _plain(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch)
    )


_SPELLINGS = (
    (re.compile(r"our\b"), "or"),
    (re.compile(r"re\b"), "er"),
    (re.compile(r"is(e|ing)"), r"iz\1"),
    (re.compile(r"(?<=m)me\b"), ""),  # programme
    (re.compile(r"(?<=g)ue\b"), ""),  # catalogue
)


def _same_word(a: str, b: str) -> bool:
    """One word spelled two ways (colour / color, centre / center, one typo); in words
    joined by hyphens, part by part ("logs-prod-eu" is not "logs-prod-us")."""
    if a.replace("-", "") == b.replace("-", ""):
        return True  # "start-up" / "startup"
    if "-" in a or "-" in b:
        parts = list(zip(a.split("-"), b.split("-")))
        return a.count("-") == b.count("-") and all(
            x == y or (_same_word(x, y) and not (x.isdigit() or y.isdigit())) for x, y in parts
        )
    spelled = a[:4] == b[:4] and len(a) >= 5 and len(b) >= 5
    return spelled and (_edits(a, b) <= 1 or _american(a) == _american(b))


# Endings that make an adjective of a noun ("diabetes" / "diabetic", "asthma" / "asthmatic")
# or an adverb of an adjective ("quick" / "quickly").
_DERIVING = ("ic", "tic", "ical", "ous", "ness", "ly")


def _derived(a: str, b: str) -> bool:
    """Whether one word is the other (or its stem without a final "s" or "es") with an
    ending that derives a word about the same thing."""
    for short, long in ((a, b), (b, a)):  # "diabetes" / "diabetic": either way round
        stems = {
            short,
            short[:-1] if short.endswith("s") else short,
            short[:-2] if short.endswith("es") else short,
        }
        if any(
            len(stem) >= 5 and long.startswith(stem) and long[len(stem) :] in _DERIVING
            for stem in stems
        ):
            return True
    return False


def _american(word: str) -> str:
    for pattern, spelling in _SPELLINGS:
        word = pattern.sub(spelling, word)
    return word


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short words only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


class LocalMergePolicy:
    """The documented rules, in order:

    1. An identifier or a name differs (after matching spellings and acronyms): ``stored_new``;
       unless the new text keeps all of the old one and only adds details and names (at
       least three words, none in the subject): ``merged``; or unless the ids agree, each
       differing name sits in the second half of both texts (a new owner, vendor or place of
       the same subject; not after "for" or "of" before the verb, "Backups for Project
       Falcon run nightly", which says whose), and the new text says that something changed,
       or differs from the old one only in a name that ends it and is spelled unlike the old
       one ("The user lives in Leeds" / "... in Bristol"; not "... from Omar" / "... from
       Lena", a qualifier, but "is from Osaka" / "is from Kyoto"; alike after "is": "name is
       Lola" / "Lila"): ``updated_existing``.
    2. A value, the polarity or the modality differs, or a preference is turned round
       ("prefers email over calls" / "prefers calls over email"): ``updated_existing`` when
       the new text keeps at least half of the old one's content words (names both share
       count), no word of its subject was swapped for a sibling ("son" / "daughter") or
       another word before a noun both share ("sales budget" / "marketing budget"), no
       word narrows the subject (an added word in its first half that qualifies a noun both
       share, "the *son's* shoe size", or follows "for", "For *students*, ..."; a clause
       opening the new text with when or why, "After refinancing, ...", does not, nor does a
       word that replaces one of the subject's, "Globex pays" / "Globex is billed"), and no
       value of a kind that names the subject was swapped (below); otherwise
       ``stored_new``. Modality includes a guess or a wish on one side only ("may raise the
       rent" / "will raise the rent", "wants to learn" / "is learning").
    3. Nothing but content words differ:
       - nothing at all (or only synonyms, spellings and inflections): ``duplicate``;
       - two values of one kind swapped (``contrasts`` in ``data/fact_words.json``: "high" /
         "low", "checking" / "savings", "weekday" / "weekend"): ``updated_existing`` when
         the value is what the texts state (after "is", or before a noun that holds a value:
         "has high priority", "size medium") and they hold no equal numbers or dates;
         otherwise ``stored_new`` (two kinds of the subject: "the upstairs bathroom" /
         "the downstairs bathroom");
       - one span after "is" replaced ("Ticket OPS-412 is open" / "... is closed"):
         ``updated_existing``;
       - a verb where the other text has only "is", "get" or a preposition, at cosine
         >= 0.85 ("is in the choir" / "sings in the choir"): ``duplicate``;
       - any other span of one to three words, or two small spans: ``stored_new`` (another
         entity or attribute: "lunch" / "dinner", "free users" / "paid users");
       - the new text replaces words and says that something changed: ``updated_existing``
         outside the subject, ``stored_new`` inside it;
       - words only added (at least three) to a text kept whole: ``merged``;
       - a wider rewording at cosine >= 0.80, >= 0.75 when it restructures the text (not as
         many words removed as added, or more than two of each), or >= 0.70 when the texts
         hold values (all equal): ``duplicate``; unless it swaps a sibling or an opposite
         ("older brother" / "younger brother") or the word right before a noun both texts
         share ("billing contact" / "technical contact"): ``stored_new``.
    4. Otherwise ``stored_new``.

    Swapped words count as the same word when they are spelling variants, forms of one
    WordNet lemma ("skip" / "skipping"), a compound written with and without a hyphen, or
    synonyms or one derived from the other in WordNet ("films" / "movies", "allergic" /
    "allergy", "quick" / "quickly"); a thing may be said by the word that qualifies it, in
    the plural ("wears contact lenses" / "wears contacts"). "Doesn't like" reads as
    "dislikes". A rule that forbids the complement of
    what the other obliges is the same rule ("must stay in the EU" / "may not leave the
    EU"), and the best is none better ("our largest customer" / "no customer is bigger").

    Identifiers include codes ("QF7K2"), a number after the noun that opens the text ("Fleet
    van 17 is ..."; not after a verb: "The cluster runs 8 nodes"), a floor ("the third
    floor"), and a quarter, month, weekday or period qualifying a noun ("the Q2 target",
    "Saturday practices"); the same number or date naming the subject on one side and a plain
    value on the other is one value. A rewording that says something changed ("has pulled
    out of", "is now") that the old text does not say is never a duplicate.
    """

    def decide(self, new_text: str, existing_text: str, similarity: float) -> str:
        return self.decide_compared(
            compare(new_text, existing_text), new_text, existing_text, similarity
        )

    def decide_compared(
        self, c: Comparison, new_text: str, existing_text: str, similarity: float
    ) -> str:
        """``decide`` for texts already compared (``compare(new_text, existing_text)``)."""
        if c.other_subject:
            if _details_added(c):
                return "merged"
            at_end = _replaced_at_end(existing_text, new_text)
            predicate = _predicate_replaced(existing_text, new_text)
            new_holder = _new_holder(c, at_end, predicate)
            return (
                "updated_existing"
                if new_holder
                and not _named_in_subject(c, existing_text, new_text)
                and (
                    (c.new.change and not _one_more(existing_text, new_text))
                    or not _owner_named(c, existing_text, new_text)
                )
                else "stored_new"
            )
        if _roles_swapped(c, existing_text, new_text):
            # "Ana owes Ben $50" / "Ben owes Ana $50": the same words, the names swapped.
            return "stored_new"
        if c.other_value or _preference_reversed(existing_text, new_text):
            # A word of the subject swapped for another of its kind is another subject; other
            # swaps reword it ("consists of five designers" / "six designers make up").
            # Below REWORDING_AT any swapped word of the subject is another subject.
            swapped = (
                _subject_swapped(c)
                and (
                    similarity < REWORDING_AT
                    or _siblings_swapped(c, existing_text, new_text)
                    or _modifier_swapped(c, existing_text, new_text)
                )
            ) or (bool(c.contrasts) and not _contrast_is_value(c, existing_text, new_text))
            # A word swapped in the subject narrows it only when it qualifies a noun both share
            # ("the sales budget" / "the marketing budget").
            narrowed = (
                c.narrowed
                and not (
                    c.swapped_in_subject
                    and not _modifier_swapped(c, existing_text, new_text, plurals=True)
                )
                and _qualifier_added(c, new_text)
            )
            # "is on the third floor" / "has three floors": a floor is where, not how many.
            floors = {any(v.startswith("floor:") for v in f.values) for f in (c.old, c.new)}
            same_subject = (
                c.kept >= 0.5
                and not swapped
                and not narrowed
                and len(floors) == 1
                and not _kind_named_by_a_measure(c)
            )
            return "updated_existing" if same_subject else "stored_new"
        if not c.removed and not c.added:
            # "had knee surgery" / "postponed knee surgery", "upgraded" / "downgraded": the
            # same words, but where the old text has only "had", "is" or another change, the
            # new one says that something changed; "checked in" / "checked out" turn round;
            # "is accessible without VPN" / "is not accessible without VPN": one more "not".
            changed = _light_verb_changed(c, existing_text, new_text) or _not_added_to_without(
                existing_text, new_text
            )
            return (
                "updated_existing"
                if changed or _particle_turned(existing_text, new_text)
                else "duplicate"
            )
        if c.contrasts:
            # Two values of one kind: what the subject is ("is medium" / "is large", "high
            # priority" / "low priority"), or two kinds of it ("the upstairs bathroom" /
            # "the downstairs bathroom", "child tickets" / "adult tickets").
            # Equal values on both sides ("The upload size limit is 25 MB" / "The download
            # size limit is 25 MB"): the values of a kind name the subject.
            value = not _holds_values(c.old) and _contrast_is_value(c, existing_text, new_text)
            return "updated_existing" if value else "stored_new"
        if c.substitution and _predicate_replaced(existing_text, new_text):
            # "Ticket OPS-412 is open" / "... is closed": the value after "is" changed.
            return "updated_existing"
        if _light_verbs_only(c, existing_text, new_text) or _verb_for_be(
            c, existing_text, new_text
        ):
            # "is in the garage" / "is kept in the garage", "is on Snowflake" / "runs on
            # Snowflake", "is valid" / "remains valid": a verb that adds nothing.
            return "duplicate"
        if (c.substitution or (c.removed and c.added and c.small_edits)) and _verb_said_otherwise(
            c, existing_text, new_text, similarity
        ):
            # "is in the choir" / "sings in the choir", "has braces" / "wears braces".
            return "duplicate"
        if (c.substitution or (c.removed and c.added and c.small_edits)) and not (
            c.negation_reworded
        ):
            # One span of words changed and nothing else: another entity or attribute
            # ("frontend" / "backend", "lunch" / "dinner", "favorite" / "least favorite"),
            # or a swapped word with a pronoun or preposition that follows it
            # ("grandmother ... her" / "grandfather ... his", "outbound ... to" /
            # "return ... from").
            return "stored_new"
        if c.removed and c.new.change and not c.old.change:
            # Words replaced and the text says something changed: never the same fact.
            return "stored_new" if c.in_subject else "updated_existing"
        if not c.removed and len(c.added) >= 3:
            return "merged"
        if similarity >= (
            REWORDING_WITH_VALUES_AT
            if _holds_values(c.old)
            else RESTRUCTURED_AT
            if _restructured(c)
            else REWORDING_AT
        ):
            if (
                _siblings_swapped(c, existing_text, new_text)
                or _modifier_swapped(c, existing_text, new_text)
                or _kin_on_one_side(c)
            ):
                # "her older brother" / "her younger brother", "home insurance" / "car
                # insurance", "scares me" / "scares my son", reworded
                return "stored_new"
            # A rewording that says something changed is not the same fact.
            return "updated_existing" if c.new.change and not c.old.change else "duplicate"
        return "stored_new"


# "prefers email over phone calls": what is preferred, and to what.
_PREFERENCE = re.compile(
    r"(?i)\b(?:prefers?|preferred|preferring|favou?rs?|favou?red|rather(?!\s+than))\b"
    r"(?P<first>[^.;]{1,80}?)"
    r"(?:\b(?:over|to|than|instead of|rather than)\b|,\s*not\b)(?P<second>[^.;]{1,80})"
    r"|\b(?:likes?|liked|enjoys?|enjoyed|loves?|loved)\b(?P<liked>[^.;]{1,80}?)"
    r"\b(?:more|better) than\b(?P<than>[^.;]{1,80})"
    r"|^(?P<chosen>[^,.;]{1,80}?)(?:,\s*not|,?\s+rather\s+than|,?\s+instead\s+of)\b"
    r"(?P<over>[^,.;]{1,80}),[^.;]{0,80}?\b(?:prefer|favou?r)"
)


_WITHOUT = re.compile(r"(?i)\b(?:without|unless)\b")
_PLAIN_NOT = re.compile(r"(?i)\b(?:not|never)\b|n['’]t\b")


def _not_added_to_without(old_text: str, new_text: str) -> bool:
    """Whether both texts say "without" (or "unless") and only one also says "not": "is
    accessible without VPN" / "is not accessible without VPN"."""
    return all(_WITHOUT.search(text) for text in (old_text, new_text)) and bool(
        _PLAIN_NOT.search(old_text)
    ) != bool(_PLAIN_NOT.search(new_text))


def _light_verb_changed(c: Comparison, old_text: str, new_text: str) -> bool:
    """Whether the new text puts a word that says something changed where the old one has
    only light verbs and small words ("Pavel had knee surgery" / "Pavel postponed knee
    surgery")."""
    if not c.new.change:
        return False
    _, old_span, new_span, _ = _spans(old_text, new_text)
    old_changes = [token for token in old_span if token in _UP | _DOWN]
    if old_changes:  # "upgraded" / "downgraded"; not "raised" / "increased"
        return any(
            (a in _UP and b in _DOWN) or (a in _DOWN and b in _UP)
            for a in old_changes
            for b in new_span
        )
    return not c.old.change and bool(new_span) and all(token in STOP_WORDS for token in old_span)


# Changes one way and the other.
_UP = frozenset({"raised", "increased", "upgraded", "extended", "bumped", "lengthened"})
_DOWN = frozenset({"lowered", "decreased", "reduced", "downgraded", "shortened", "cut"})
# Particles that turn a verb round.
# Verbs that say no more than "is" where they stand: "remains valid", "is kept in", "runs on
# Snowflake", "uses the Pro plan" (where the other text says "is on").
_LIGHT_VERBS = frozenset({"keep", "hold", "remain", "stay", "use", "run"})
_PARTICLE_AFTER = re.compile(r"(?i)\s+(?:up|down|out|off|back|away|over|through)\b")
_PASSIVE_BEFORE = re.compile(r"(?i)\b(?:is|are|was|were|be|been|being)\s+$")
_ON_NEXT = re.compile(r"\s+on\b")
_IS_ON = re.compile(r"(?i)\b(?:is|are)\s+(?:on|in)\b")


def _light_verbs_only(c: Comparison, old_text: str, new_text: str) -> bool:
    """Whether the only words that differ are light verbs, on one side only or both."""
    words = [*c.removed, *c.added]
    if not words or len(words) > 2 or c.old.change or c.new.change:
        return False
    written = dict(c.old.forms + c.new.forms)
    for word in words:
        form = written.get(word, word)
        lemmas = set(lemmas_of(form)) & _LIGHT_VERBS
        text, other = (old_text, new_text) if word in c.removed else (new_text, old_text)
        uses = [m for m in re.finditer(rf"(?i)\b{re.escape(form)}\b", text)]
        if (
            not lemmas
            or not uses
            or any(
                _PARTICLE_AFTER.match(text, m.end())
                or ("run" in lemmas and not _ON_NEXT.match(text, m.end()))
                or (
                    lemmas & {"keep", "hold"}
                    and not _PASSIVE_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
                )
                or ("use" in lemmas and not _IS_ON.search(other))
                for m in uses
            )
        ):
            return False
    return True


# Verbs that say no more than "is" where they stand: "is on the night shift" / "works the
# night shift", "is in Austin" / "is located in Austin", "was escalated" / "got escalated".
_VERBS_FOR_BE = frozenset(
    {"work", "serve", "sit", "stand", "locate", "situate", "base", "get", "cost", "happen", "occur"}
)
_TAKES_PLACE = re.compile(r"(?i)\b(?:takes?|taking|took|taken)\s+place\b")
_BE_SPAN = frozenset({"is", "are", "was", "were", "be", "will", "on", "in", "at", "a", "an", "the"})
_AROUND_A_VERB = frozenset({"on", "in", "at"})
# What one has as one eats or drinks it: "has his coffee black", "has lunch at noon".
_HAD_AS = frozenset({"eat", "drink"})
_HAVE = frozenset({"has", "have", "had", "having"})


def _verb_for_be(c: Comparison, old_text: str, new_text: str) -> bool:
    """Whether the texts differ only where one says "is" (or nothing, or "is on") and the
    other a verb that says no more (``_VERBS_FOR_BE``; "runs" before a version or a span of
    time, "takes place", also for "happens", "is kept" and "is held" in the passive)."""
    words = [*c.removed, *c.added]
    if c.old.change or c.new.change:
        return False
    if sorted(words) == ["happen", "hold"]:  # "happens" / "takes place" (read as "is held")
        return _TAKES_PLACE.search(f"{old_text} {new_text}") is not None
    if len(words) != 1:
        return False
    before, old_span, new_span, after = _spans(old_text, new_text)
    be, verb = (old_span, new_span) if c.added else (new_span, old_span)
    lemmas = set(lemmas_of(verb[0])) if verb else set()
    if len(verb) == 1 and lemmas & _HAD_AS and len(be) == 1 and be[0] in _HAVE:
        return True  # "drinks his coffee black" / "has his coffee black"
    if not set(be) <= _BE_SPAN or not verb or len(verb) > 2:
        return False
    rest = verb[1:]
    if lemmas & _VERBS_FOR_BE:
        return set(rest) <= _AROUND_A_VERB
    if "run" in lemmas:  # "is on version 15" / "runs version 15", "runs from 12 to 1"
        return not rest and bool(after) and (after[0] in {"from", "version"} or "on" in be)
    if "take" in lemmas:  # "is at the hall" / "takes place at the hall"
        return rest == ["place"]
    if lemmas & {"keep", "hold"}:  # "is in the garage" / "is kept in the garage"
        return not rest and bool(before) and before[-1] in _BE and not set(be) - _AROUND_A_VERB
    return False


# A verb where the other text has only "is", "has" or a preposition, at this cosine and
# above, is the same fact.
VERB_REWORDED_AT = 0.85
_LIGHT_SPAN = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "get", "gets"}
    | {"got", "on", "in", "at", "to", "with", "of", "for", "a", "an", "the", "by", "from"}
)
_PREPOSITIONS = frozenset({"on", "in", "at", "to", "with", "of", "for", "by", "from"})
_HAVING = frozenset({"has", "have", "had"})
_OUT_OF_NEXT = re.compile(r"(?i)\s+out\s+of\b")  # "has run out of ink" / "is out of ink"


def _verb_said_otherwise(c: Comparison, old_text: str, new_text: str, similarity: float) -> bool:
    """Whether the texts differ only where one has a verb and the other "is", "has", "get" or
    a preposition ("is in the choir" / "sings in the choir"), with nothing said to change;
    not where the verb takes the object that the preposition or "has" held ("is on the team"
    / "owns the team", "has a piano" / "plays a piano"), says "with", is "keep" or "hold",
    or has a particle ("takes off")."""
    if similarity < VERB_REWORDED_AT or c.old.change or c.new.change:
        return False
    written = dict(c.old.forms + c.new.forms)
    removed = [written.get(w, w) for w in c.removed]
    added = [written.get(w, w) for w in c.added]
    if len(removed) + len(added) != 1 or not all(map(usually_a_verb, removed + added)):
        return False
    _, old_span, new_span, _ = _spans(old_text, new_text)
    light, verb = (old_span, new_span) if added else (new_span, old_span)
    verb_text = new_text if added else old_text
    form = (added or removed)[0]
    particle = any(
        _PARTICLE_AFTER.match(verb_text, m.end()) and not _OUT_OF_NEXT.match(verb_text, m.end())
        for m in re.finditer(rf"(?i)\b{re.escape(form)}\b", verb_text)
    )
    return not (
        not light
        or not set(light) <= _LIGHT_SPAN
        # "is on the team" / "owns the team", "has a piano" / "plays a piano": the verb
        # takes the thing itself, and says what is done with it
        or (set(light) & (_PREPOSITIONS | _HAVING) and not set(verb) & _PREPOSITIONS)
        # "is the head of" / "works with the head of": another person
        or "with" in verb
        # "has the keys" / "kept the keys"; "is at the hall" / "takes off at the hall"
        or set(lemmas_of(form)) & {"keep", "hold", "remain", "stay"}
        or particle
    )


_PARTICLES = {"in": "out", "out": "in", "on": "off", "off": "on", "up": "down", "down": "up"}


def _particle_turned(old_text: str, new_text: str) -> bool:
    """Whether the texts differ only in a particle turned round ("checked in to room 214" /
    "checked out of room 214", "opted in" / "opted out", "turned the heating up" / "down")."""
    _, old_span, new_span, _ = _spans(old_text, new_text)
    old_particles = [t for t in old_span if t in _PARTICLES]
    new_particles = [t for t in new_span if t in _PARTICLES]
    small = {"of", "to", "into", "onto", "from"}
    return (
        len(old_particles) == len(new_particles) == 1
        and _PARTICLES[old_particles[0]] == new_particles[0]
        and all(t in _PARTICLES or t in small for t in old_span + new_span)
    )


_MENTION = re.compile(r"[^\W\d_][\w'’-]*|[,&]")
_JOINING = frozenset({"and", "or", "&", ","})
# Small words that tell one role from another: "lent *to*", "rents *from*", "older *than*".
_ROLE_WORDS = frozenset(
    {"of", "at", "for", "to", "from", "by", "with", "than", "on", "in", "into", "over"}
)


def _roles_swapped(c: Comparison, old_text: str, new_text: str) -> bool:
    """Whether the texts say the same words around two or more names they share, but with
    the names in other places ("Ana owes Ben $50" / "Ben owes Ana fifty dollars", "Helga is
    the executor of Fritz's will" / "Fritz is the executor of Helga's will"). Names in a
    list ("German, French and Italian") may come in any order."""
    names = (c.old.names | c.old.capitalised) & (c.new.names | c.new.capitalised)
    if len(names) < 2:
        return False
    old_frame, old_order = _frame(old_text, names)
    new_frame, new_order = _frame(new_text, names)
    return (
        old_frame == new_frame
        and old_order != new_order
        and not (_listed(old_frame) or _listed(new_frame))
    )


def _frame(text: str, names: frozenset[str]) -> tuple[list[str], list[str]]:
    """The text as its content words and role words with each name as "X" (or "X's"; a
    name of several words is one "X"), "and" and commas kept, and the names in the order
    they first come."""
    frame: list[str] = []
    order: list[str] = []
    for match in _MENTION.finditer(text):
        word = match.group(0).lower().replace("’", "'")
        possessive = word.endswith(("'s", "s'"))
        base = word[:-2] if possessive else word
        if base in names:
            if frame and frame[-1] == "X":  # "Acme Corp": one name
                frame[-1] = "X's" if possessive else "X"
                continue
            frame.append("X's" if possessive else "X")
            order.append(base)
        elif base in _ROLE_WORDS or base in _JOINING:
            frame.append(base)
        elif not (base in STOP_WORDS or base.endswith("ly") or base in _VALUE_WORDS):
            frame.append(base[:5])
    return frame, list(dict.fromkeys(order))


# Words of values, which are compared as values: "eighty dollars" / "$80".
_VALUE_WORDS = frozenset(NUMBER_WORDS) | frozenset(CURRENCY_WORDS)


def _listed(frame: list[str]) -> bool:
    """Whether two names stand in a list ("Tom and Priya", "German, French and Italian")."""
    return any(
        a == "X" and joining in _JOINING and b.startswith("X")
        for a, joining, b in zip(frame, frame[1:], frame[2:])
    )


def _kind_named_by_a_measure(c: Comparison) -> bool:
    """Whether the values that differ all qualify a noun and another value or identifier is
    equal: "The 128 GB model costs £799" / "The 256 GB model costs £799" are two models."""
    differing = c.old.values ^ c.new.values
    attributive = c.old.attributive | c.new.attributive
    shared = (c.old.values & c.new.values) | (c.old.ids & c.new.ids)
    return bool(differing) and differing <= attributive and bool(shared)


def _preference_reversed(old: str, new: str) -> bool:
    """Whether the texts prefer the same two things the other way round ("prefers email
    over phone calls" / "prefers phone calls over email")."""
    old_sides, new_sides = _preferred(old), _preferred(new)
    if old_sides is None or new_sides is None:
        return False
    (old_first, old_second), (new_first, new_second) = old_sides, new_sides
    return bool(old_first & new_second and old_second & new_first and not old_first & new_first)


# "Given the choice, she picks tea over coffee", "given a choice between coffee and tea, she
# goes for tea": a choice said with a verb of choosing.
_CHOICE_GIVEN = re.compile(r"(?i)\bgiven\s+(?:a|the)\s+choice\b")
_CHOOSING = (
    r"(?:picks?|chooses?|selects?|goes\s+for|opts?\s+for|takes?"
    r"|would\s+(?:pick|choose|take|go\s+for|opt\s+for))"
)
_CHOICE = re.compile(
    rf"(?i)\b{_CHOOSING}\b(?P<picked>[^.;]{{1,80}}?)\b(?:over|rather\s+than|instead\s+of)\b"
    r"(?P<passed>[^.;]{1,80})"
    r"|\bbetween\s+(?P<one>[^,.;]{1,40}?)\s+and\s+(?P<other>[^,.;]{1,40}?),[^.;]{0,40}?"
    rf"\b{_CHOOSING}\s+(?P<pick>[^,.;]{{1,40}})"
)
# The words that only say a preference or a choice.
_PREFERRING = frozenset({"prefer", "favour", "favor", "rather", "give", "choice", "pick", "choose"})
_PREFERRING |= {"select", "go", "opt", "take"}


def _same_choice(old: str, new: str) -> bool:
    """Whether both texts prefer one of the same two things to the other, either way round."""
    old_sides, new_sides = _preferred(old), _preferred(new)
    if old_sides is None or new_sides is None:
        return False
    (old_first, old_second), (new_first, new_second) = old_sides, new_sides
    return bool(
        (old_first & new_first and old_second & new_second)
        or (old_first & new_second and old_second & new_first)
    )


def _preferred(text: str) -> tuple[set[str], set[str]] | None:
    """The words of what ``text`` prefers and of what it prefers it to; a choice offered
    ("given the choice, picks tea over coffee") counts."""
    m = _PREFERENCE.search(text)
    if m is None:
        chosen = _CHOICE.search(text) if _CHOICE_GIVEN.search(text) else None
        if chosen is None:
            return None
        if chosen.group("picked"):
            return _content(chosen.group("picked")), _content(chosen.group("passed"))
        picked = _content(chosen.group("pick"))
        offered = _content(chosen.group("one")) | _content(chosen.group("other"))
        return picked, offered - picked
    first, second = next(
        pair
        for pair in (
            m.group("first", "second"),
            m.group("liked", "than"),
            m.group("chosen", "over"),
        )
        if pair[0]
    )
    return _content(first), _content(second)


def _content(text: str) -> set[str]:
    return {w for w in _WORDS.findall(text.lower()) if w not in _SMALL_WORDS}


def _siblings_swapped(c: Comparison, old_text: str = "", new_text: str = "") -> bool:
    """Whether a word was swapped for another thing of its kind or its opposite, other than
    a converse said the other way round ("Avi lent me his stove" / "I borrowed Avi's
    stove", "the daughter is older than the son" / "the son is younger than the daughter")."""
    if len(c.removed) > _LOOKED_UP or len(c.added) > _LOOKED_UP:
        return False
    written = dict(c.old.forms + c.new.forms)
    return any(
        (are_siblings(*parts) or (are_opposites(*parts) and not _negated_form(*parts)))
        and not _converse_turned(written.get(old, old), written.get(new, new), old_text, new_text)
        for old in c.removed
        for new in c.added
        for parts in [_differing_part(written.get(old, old), written.get(new, new))]
    )


def _negated_form(a: str, b: str) -> bool:
    """Whether one word is the other with a negating prefix ("furnished" / "unfurnished"):
    the polarity, read on its own, not another kind."""
    return any(
        long.startswith(prefix) and long[len(prefix) :] == short
        for long, short in ((a, b), (b, a))
        for prefix in (*_NEGATING_PREFIXES, "non", "non-")
    )


# Words that say one relation from either end: "A lends B" is "B borrows from A".
_CONVERSES = frozenset(
    frozenset(pair)
    for pair in (
        ("lend", "borrow"),
        ("loan", "borrow"),
        ("more", "less"),
        ("sell", "buy"),
        ("older", "younger"),
        ("old", "young"),
        ("above", "beneath"),
        ("above", "below"),
        ("above", "under"),
        ("over", "under"),
        ("before", "after"),
        ("earlier", "later"),
        ("tall", "short"),
        ("big", "small"),
        ("heavy", "light"),
        ("teach", "learn"),
        ("give", "receive"),
    )
)
_CONVERSE_VERBS = frozenset({"lend", "borrow", "sell", "buy", "teach", "learn", "give", "receive"})
# Pronouns read as the one they name in either case: "Avi lent me" / "I borrowed".
_PRONOUN_CASES = {"me": "i", "my": "i", "mine": "i", "him": "he", "his": "he", "them": "they"}
_PRONOUN_CASES |= {"their": "they", "us": "we", "our": "we", "her": "she", "hers": "she"}
_PERSONS = frozenset(_PRONOUN_CASES) | frozenset(_PRONOUN_CASES.values())


def _converse_turned(old_word: str, new_word: str, old_text: str, new_text: str) -> bool:
    """Whether two words are converses and a word before one of them in its text comes after
    the other in the other text, or the other way round: the relation is said from its other
    end."""
    if not old_text or not any(
        frozenset({a, b}) in _CONVERSES
        for a in _converse_lemmas(old_word)
        for b in _converse_lemmas(new_word)
    ):
        return False
    old_tokens, new_tokens = _participants(old_text), _participants(new_text)
    if old_word not in old_tokens or new_word not in new_tokens:
        return False
    at, other_at = old_tokens.index(old_word), new_tokens.index(new_word)
    before, after = set(old_tokens[:at]), set(old_tokens[at + 1 :])
    other_before, other_after = set(new_tokens[:other_at]), set(new_tokens[other_at + 1 :])
    return bool((before - after) & (other_after - other_before)) or bool(
        (after - before) & (other_before - other_after)
    )


def _converse_lemmas(word: str) -> tuple[str, ...]:
    """The lemmas of ``word``, but a seller is no sale: agent nouns are not their verbs."""
    if word.endswith(("er", "ers")) and any(lemma in _CONVERSE_VERBS for lemma in lemmas_of(word)):
        return ()
    return lemmas_of(word)


def _participants(text: str) -> list[str]:
    """The words of ``text`` in order, lower case, without possessives or small words, and
    pronouns in one case."""
    words = [w.removesuffix("'s").removesuffix("’s") for w in _WORDS.findall(text.lower())]
    kept = [w for w in words if w not in _SMALL_WORDS or w in _PERSONS]
    return [_PRONOUN_CASES.get(w, w) for w in kept]


def _differing_part(a: str, b: str) -> tuple[str, str]:
    """The one part two compounds differ in ("mother-in-law" / "father-in-law" -> "mother" /
    "father"), else the words."""
    parts_a, parts_b = a.split("-"), b.split("-")
    if len(parts_a) == len(parts_b) > 1:
        differ = [(x, y) for x, y in zip(parts_a, parts_b) if x != y]
        if len(differ) == 1:
            return differ[0]
    return a, b


def _modifier_swapped(c: Comparison, old_text: str, new_text: str, plurals: bool = False) -> bool:
    """Whether a word right before a noun both texts share was swapped for another ("the
    billing contact" / "the technical contact", "inbound shipping" / "outbound shipping"):
    another kind of that thing. A word ending in s ("reimburses", "parents") counts only with
    ``plurals`` ("sales budget"). One pass over each text's words."""
    written = dict(c.old.forms + c.new.forms)
    heads = {
        head
        for head in set(c.old.words) & set(c.new.words)
        if can_be_a_noun(written.get(head, head))
    }

    shared_acronyms = (c.old.acronyms & c.new.acronyms) & (c.old.names & c.new.names)

    def modified(swapped: tuple[str, ...], fact: Fact, text: str) -> dict[str, set[str]]:
        """Each shared noun -> the swapped words right before it, as written; and each
        shared acronym -> the swapped word right after it ("CPU limit" / "CPU request")."""
        stem = {form: word for word, form in fact.forms}
        # "reimburses", "parents": a verb or a plural before a noun does not qualify it
        swapped_set = {w for w in swapped if plurals or not written.get(w, w).endswith("s")}
        tokens = [t[:-2] if t.endswith(("'s", "’s")) else t for t in _WORDS.findall(text.lower())]
        found: dict[str, set[str]] = {}
        for before, after in zip(tokens, tokens[1:]):
            if stem.get(before) in swapped_set and (stem.get(after) in heads or after in _USERS):
                found.setdefault(stem.get(after, after), set()).add(before)
            elif before in shared_acronyms and stem.get(after) in swapped_set:
                found.setdefault(f"{before} _", set()).add(after)
        return found

    old_modifiers = modified(c.removed, c.old, old_text)
    new_modifiers = modified(c.added, c.new, new_text)
    # Words of one meaning in some sense ("main" / "primary", "internal" / "in-house") or of
    # one value group ("night" / "overnight") qualify it alike.
    return any(
        not share_a_sense(a, b)
        and not (_value_groups(a) & _value_groups(b))
        and not (a.startswith(b) or b.startswith(a))  # "cert" / "certificate"
        for head in old_modifiers.keys() & new_modifiers.keys()
        for a in old_modifiers[head]
        for b in new_modifiers[head]
    )


# The people a text is about when it names none: "mobile users" / "desktop users".
_USERS = frozenset({"user", "users"})


def _qualifier_added(c: Comparison, new_text: str) -> bool:
    """Whether a word the new text adds sits right before a noun both texts share ("the
    user's *son's* shoe size", "the *staging* database") or after "for" ("for *students*"):
    it narrows the subject to another one."""
    written = dict(c.old.forms + c.new.forms)
    shared = {
        w for w in set(c.old.words) & set(c.new.words) if can_be_a_noun(written.get(w, w))
    } | (c.old.names & c.new.names)
    stem = {form: word for word, form in c.new.forms}
    added = set(c.added)
    tokens = [t[:-2] if t.endswith(("'s", "’s")) else t for t in _WORDS.findall(new_text.lower())]
    if any(
        stem.get(before) in added and (stem.get(after) in shared or after in shared)
        for before, after in zip(tokens, tokens[1:])
    ):
        return True
    # ... or follows "for" ("For students, the price is $9"; "the price for students").
    return any(
        before == "for" and stem.get(after) in added for before, after in zip(tokens, tokens[1:])
    )


def _holds_values(fact: Fact) -> bool:
    """A value, or a date or period naming the subject ("the Q1 numbers")."""
    return bool(fact.values) or any(_as_value(i) == i for i in fact.ids)


def _details_added(c: Comparison) -> bool:
    """The new text keeps all of the old one and adds at least three words (and names):
    the same fact with details."""
    return (
        c.old.ids == c.new.ids
        and not c.old_names
        and not c.removed
        and len(c.added) >= 3
        and not c.other_value
        and not c.narrowed
    )


def _subject_swapped(c: Comparison) -> bool:
    return bool(c.removed) and bool(c.added) and c.in_subject


def _new_holder(c: Comparison, at_end: bool, predicate: bool = False) -> bool:
    """The same subject with a new named value: the ids agree, the new text signals a
    change or differs from the old one in the name alone at its end ("The user lives in
    Leeds" / "... in Bristol"; names spelled alike only after "is": "The middle name is Rose"
    / "... is Rosa"), and each differing name sits in the second half of its text (from 40%
    of it for a name alone replaced)."""
    if c.old.ids != c.new.ids or c.kept < 0.5:
        return False
    if not c.new.change and not (
        c.substitution
        and not c.removed
        and not c.added
        and at_end
        and (not _names_alike(c) or predicate)
    ):
        return False
    # The name alone replaced at the end may open the second half ("My phone is a Samsung
    # Galaxy"); elsewhere it sits in it.
    half = 0.4 if not c.new.change else 0.5
    return all(
        fact.position(name) >= half
        for fact, others in ((c.old, c.new.names), (c.new, c.old.names))
        for name in fact.names - others
    )


@functools.cache
def _kin() -> frozenset[str]:
    return frozenset(word for entry in CONTRASTS.get("kin", []) for word in entry.split())


def _kin_on_one_side(c: Comparison) -> bool:
    """Whether a word the texts do not share names a relative ("my son"): whose fact it is."""
    written = dict(c.old.forms + c.new.forms)
    return any(
        written.get(w, w) in _kin()
        for words, other in ((c.removed, c.added), (c.added, c.removed))
        if not other  # "my son" added, not "parents" / "mother and father"
        for w in words
    )


# "opened a new office in Austin": one more of something, which others may precede.
_A_NEW = re.compile(r"(?i)\b(?:a|an|another)\s+new\b")


def _one_more(old_text: str, new_text: str) -> bool:
    """Whether both texts tell of a new one of something ("opened a new office in Austin" /
    "... in Boston"): "new" there is no news of a change."""
    return all(_A_NEW.search(text) for text in (old_text, new_text))


def _owner_named(c: Comparison, old_text: str, new_text: str) -> bool:
    """Whether a differing name owns what follows it ("Dr. Okafor is Grace's therapist" /
    "... Joy's therapist"), names the person a role word before it introduces ("the user's
    grandson Noah" / "... Liam"), or follows a verb of what someone has done ("has visited
    Vienna" / "... Venice": both may be true), or both texts tell of one past event ("last
    summer", "two years ago", "enjoyed"), or each has one of something somewhere ("has a
    cousin in Vienna" / "... in Venice"), or both tell what one is a fan of or owns shares in,
    or where one goes or would go, or what one loves: another subject ("New Year's Eve" is a
    name of its own)."""
    for names, text in ((c.old_names, old_text), (c.new_names, new_text)):
        for name in names:
            written = rf"\b(?i:{re.escape(name)})"
            if re.search(rf"{written}['’]s?\s+[a-z]", text):
                return True
            if any(
                _role_word_before().search(text, 0, m.start())
                for m in re.finditer(rf"{written}\b", text)
            ):
                return True
    return any(
        pattern.search(old_text) and pattern.search(new_text)
        for pattern in (_HAS_DONE, _ONCE, _HAS_ONE_IN, _FAN_OF, _VISITS)
    )


# A verb right after a name that follows "for" or "of": the name is in the subject.
_A_VERB_FOLLOWS = r"(?:is|are|was|were|has|have|had|will|must|should|can|runs?|ran|goes|go|went)\b"


def _named_in_subject(c: Comparison, old_text: str, new_text: str) -> bool:
    """Whether a differing name qualifies the subject, after "for" or "of" and before its
    verb: "Backups for Project Falcon run nightly" / "... for Project Hawk ...", whose
    backups."""
    return any(
        re.search(rf"(?i)\b(?:for|of)\s+(?:\w+\s+)?{re.escape(name)}\s+{_A_VERB_FOLLOWS}", text)
        for names, text in ((c.old_names, old_text), (c.new_names, new_text))
        for name in names
    )


@functools.cache
def _role_words() -> str:
    """Kin and role words as one alternation, for the pattern of a name they introduce."""
    return "|".join([*sorted(_kin()), _ROLES])


@functools.cache
def _role_word_before() -> re.Pattern[str]:
    """A kin or role word that ends the text searched, before the spaces that end it."""
    return re.compile(rf"(?i)\b(?:{_role_words()})\s+$")


# People a name after them introduces: "my colleague Priya", "their neighbour Dave".
_ROLES = (
    r"colleagues?|co-?workers?|friends?|neighbou?rs?|boss|managers?|teammates?|classmates?"
    r"|room-?mates?|flatmates?|partners?|assistants?|clients?|tenants?|landlord|landlady"
    r"|tutors?|coach|mentors?|dog|cat|pet|puppy|kitten|grand(?:son|daughter|child)s?|kids?"
    r"|children|child|toddler|baby|twins?"
)
# A time or a verb that makes a text one past event ("went hiking in Banff last summer" /
# "... in Jasper last summer", "enjoyed the tour in Naples" / "... in Palermo": both may be
# true).
_ONCE = re.compile(
    r"(?i)\b(?:last\s+(?:year|summer|winter|spring|autumn|fall|month|week|weekend|night|time"
    r"|christmas|easter)|yesterday|\w+\s+ago|enjoyed|loved|visited|toured|attended)\b"
)
# One of something somewhere: "has a cousin in Vienna" / "... in Venice" may both be true.
_HAS_ONE_IN = re.compile(
    r"(?i)\b(?:has|have|owns?)\s+(?:(?:a|an|one|another|some)\s+(?:[\w-]+\s+){1,3}?"
    r"|(?:family|relatives|friends|cousins)\s+)(?:in|at|near)\s"
)
# A team one is a fan of, a company one owns shares in: "is a big fan of the Celtics" /
# "... the Red Sox", "owns shares in Apple" / "... in Amazon".
_FAN_OF = re.compile(r"(?i)\bfans?\s+of\b|\b(?:shares|stocks?|stakes?|stock\s+options)\s+in\b")
# Where someone goes or would go, and what someone loves: "visits Lake Tahoe every winter" /
# "... Lake Placid", "wants to visit Amsterdam" / "... Rotterdam", "loves Barcelona".
_VISITS = re.compile(r"(?i)\b(?:visits|visit|goes\s+to|travels\s+to|loves|adores)\b")
# What someone has done, which may be true of more than one name.
_HAS_DONE = re.compile(
    r"(?i)\b(?:has|have)\s+(?:\w+ly\s+)?(?:visited|lived|read|donated|worked|met|studied"
    r"|travell?ed|played|seen|watched|tried|stayed|invested|written|performed|been\s+to)\b"
)


def _names_alike(c: Comparison) -> bool:
    """Whether a differing name is spelled nearly like one on the other side ("Carl" /
    "Carlos"): two people or places of like names, not a new value."""
    return any(
        a.startswith(b) or b.startswith(a) or _edits(a, b) <= 2
        for a in c.old_names
        for b in c.new_names
    )


def decide(
    new_text: str,
    existing_text: str,
    similarity: float,
    policy: MergePolicy,
    pair_model: Optional[PairModel] = None,
) -> Decision:
    """The dedup decision for a new memory against its nearest neighbour (``existing_id``
    unset): ``policy`` decides from ``UPDATE_FROM`` up; below ``MERGE_FROM`` only its update
    is taken; below ``REWORDING_AT``, a rewording whose words all match (``MATCHED_FROM``).
    From ``MATCHED_FROM`` up, ``pair_model`` may then turn any answer but a duplicate into one
    (``pair_model.DUPLICATE_AT``)."""
    decision = _decide_by_rules(new_text, existing_text, similarity, policy)
    if (
        pair_model is not None
        and decision.action not in DUPLICATE_ACTIONS
        and similarity >= MATCHED_FROM
        and _worded_apart_only(new_text, existing_text)
        and pair_model.duplicate_probability(new_text, existing_text) >= DUPLICATE_AT
    ):
        return Decision("duplicate", similarity=similarity)
    return decision


def _worded_apart_only(new_text: str, existing_text: str) -> bool:
    """Whether the rules found no name, identifier or value (a number, amount, unit, date or
    time) that differs, no "not" or relative on one side only ("scares me" / "scares my son"),
    no two values of one kind swapped, no roles swapped, no preference turned round and no
    noun swapped for another in texts otherwise word for word the same ("... feeds the
    neighbour's cat" / "... dog": the rules' dictionary does not hold them as one): the pair
    model never overrules those. A modality read on one side only may be a rewording
    ("is trying to drink less coffee" / "cutting back on coffee is something the user is
    working on"), which the model may judge."""
    c = compare(new_text, existing_text)
    return not (
        _one_noun_swapped(c)
        or c.other_subject
        or _values_differ(c.old, c.new)
        or c.old.negated != c.new.negated
        or _kin_on_one_side(c)
        or c.contrasts
        or _roles_swapped(c, existing_text, new_text)
        or _preference_reversed(existing_text, new_text)
    )


def _one_noun_swapped(c: Comparison) -> bool:
    """Whether the texts are word for word the same but for one noun on each side."""
    return (
        c.substitution
        and len(c.removed) == len(c.added) == 1
        and usually_a_noun(c.removed[0])
        and usually_a_noun(c.added[0])
    )


def _decide_by_rules(
    new_text: str, existing_text: str, similarity: float, policy: MergePolicy
) -> Decision:
    if normalise(new_text) == normalise(existing_text) and case_alike(new_text, existing_text):
        return Decision("duplicate_exact", similarity=similarity)
    if similarity >= UPDATE_FROM:
        action = policy.decide(new_text, existing_text, similarity)
        taken = similarity >= MERGE_FROM or action == "updated_existing"
        if action in BAND_ACTIONS and taken and not _rewording_left(action, similarity):
            return Decision(action, similarity=similarity)
    if MATCHED_FROM <= similarity < REWORDING_AT and _words_match(new_text, existing_text):
        return Decision("duplicate", similarity=similarity)
    return Decision("stored_new", similarity=similarity)


def _restructured(c: Comparison) -> bool:
    """Whether a rewording restructures the text rather than swapping a word or two."""
    return not (len(c.removed) == len(c.added) <= 2)


def _rewording_left(action: str, similarity: float) -> bool:
    """Whether another subject below REWORDING_AT may still be a word-for-word rewording."""
    return action == "stored_new" and similarity < REWORDING_AT


# Words that say how many or which ones: never a word a rewording leaves over.
_COUNTING_WORDS = frozenset(
    {"other", "second", "alternate", "only", "extra", "half", "double", "single", "few"}
    | {"several", "many", "more", "less", "most", "least", "last", "next", "first", "final"}
)


def _words_match(new_text: str, existing_text: str) -> bool:
    """Whether a wide rewording states the same fact word for word: the rules find no other
    subject, value or change, the modality is the same, and at most one content word is
    left over, not a noun ("... scares me" / "... scares my son" are two facts)."""
    c = compare(new_text, existing_text)
    written = dict(c.old.forms + c.new.forms)
    return (
        len(c.removed) + len(c.added) <= 1
        and not any(
            usually_a_noun(written.get(w, w)) or written.get(w, w) in _COUNTING_WORDS
            for w in (*c.removed, *c.added)
        )
        and not (c.old.change or c.new.change)
        and c.old.modality == c.new.modality
        and LocalMergePolicy().decide_compared(c, new_text, existing_text, REWORDING_AT)
        == "duplicate"
    )


def case_alike(a: str, b: str) -> bool:
    """Whether texts equal but for case differ only in the first letter of words ("The" /
    "the"), not inside one ("MB" / "Mb" are bytes and bits)."""
    return all(x[1:] == y[1:] for x, y in zip(_TOKEN.findall(a), _TOKEN.findall(b)) if x != y)


def merge_texts(existing_text: str, new_text: str) -> str:
    """The merged memory: the old text, then what the new one adds."""
    return f"{existing_text.rstrip()} {new_text.strip()}"
