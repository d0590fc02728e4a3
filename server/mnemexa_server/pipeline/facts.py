"""What a memory states, read closely enough to tell one fact from another.

``read_fact`` splits a text into the parts that decide whether two texts state the same
fact: *names* and *identifiers* (who or what the fact is about), *values* (numbers, amounts,
units, dates, times), *polarity* (negation), *modality* (must / may / prefers / avoids / always
/ never ...), *change* cues ("now", "moved to", "no longer") and the remaining content words.

Values are normalised so that one value written two ways compares equal: ``3pm``, ``3 p.m.``
and ``15:00``; ``$5,000``, ``5000 dollars``, ``USD 5k`` and ``five thousand dollars``; ``two``
and ``2``; ``half past six`` and ``6:30``; ``Tue`` and ``Tuesday``; ``kilograms`` and ``kg``.
Quantities in units that convert exactly compare by amount in ``dedup`` (``2 weeks`` and
``14 days``). Modal phrases count as their modality (``has to`` as ``must``, ``can't stand``
as ``hates``).
"""

from __future__ import annotations

import calendar
import functools
import json
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .category_examples import EXAMPLES_PATH
from .dictionary import can_be_a_noun, irregular_forms, is_ordinary_word, usually_a_noun
from .fact_words import (
    CHANGE_CUES,
    COMMON_CAPITALISED,
    CURRENCY_WORDS,
    DAYPARTS,
    FREQUENCIES,
    ID_NOUNS,
    MEASURE_UNITS,
    MODALITY,
    MONTHS,
    NEGATIONS,
    NUMBER_WORDS,
    QUANTITY_WORDS,
    SCALE_WORDS,
    STOP_WORDS,
    SYNONYM_GROUPS,
    UNITS,
    WEEKDAYS,
)
from .literal_gate import GatedSubstitutions


@dataclass(frozen=True)
class Fact:
    """The comparable parts of one text."""

    words: tuple[str, ...]  # content words in order: lower-cased, stemmed, no values or names
    values: frozenset[str]
    names: frozenset[str]
    ids: frozenset[str]
    negated: bool
    modality: frozenset[str]
    change: bool
    name_positions: tuple[tuple[str, float], ...] = ()  # (name, where: 0 start .. 1 end)
    acronyms: frozenset[str] = frozenset()  # the names written in capitals (DB, PTO)
    capitalised: frozenset[str] = frozenset()  # content words written with a capital
    forms: tuple[tuple[str, str], ...] = ()  # (content word, as written but lower case)
    # values said before a noun they qualify: "the 128 GB model", "the 10 kg bag"
    attributive: frozenset[str] = frozenset()
    # times written on the 24-hour clock past noon ("21:00"): the text keeps a 24-hour clock
    clock24: frozenset[str] = frozenset()

    def position(self, name: str) -> float:
        """Where ``name`` first appears in the text, from 0 (start) to 1 (end)."""
        return next((at for n, at in self.name_positions if n == name), 0.0)


# Marks a clock time said without "am" or "pm" ("at 5:00", "five o'clock"): it may be 17:00.
AMBIGUOUS_TIME = "ampm?:"
_CURRENCY_SIGNS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "₹": "inr"}
# A dollar sign after a country's letters: "US$", "A$", "S$".
_DOLLAR_OF = {"us": "usd", "a": "aud", "au": "aud", "c": "cad", "ca": "cad", "s": "sgd"}
_DOLLAR_OF |= {"nz": "nzd", "hk": "hkd", "r": "brl"}
_CODES = "usd|eur|gbp|jpy|inr|chf|cad|aud|sgd|hkd|nzd|zar|sek|nok|dkk|cny|pln"
# Bounded repeats: a run like "1,1,1,..." is read in linear time, not retried at every digit.
_NUM = r"\d{1,24}(?:[.,]\d{1,24}){0,8}"
_SCALE = r"(?:k|m|bn|thousand|million|billion|lakhs?|crores?)"
_MONEY = re.compile(
    rf"(?i)(?:\b(?P<of>us|au?|ca?|s|nz|hk|r))?(?P<sign>[$€£¥₹])\s?(?P<a>{_NUM})\s?(?P<as>{_SCALE}\b)?"
    rf"|\b(?P<code>{_CODES})\s?(?P<b>{_NUM})\s?(?P<bs>{_SCALE}\b)?"
    r"|(?-i:\bR(?P<rand>\d{1,3}(?:,\d{3})+|\d{3,}))\b"  # "R1,200": rand
    rf"|\b(?P<c>{_NUM})\s?(?P<cs>{_SCALE}\b)?\s?(?P<word>{_CODES}"
    r"|(?:us|singapore|hong\s+kong|new\s+zealand|australian|canadian)\s+dollars?"
    r"|(?:swiss\s+)?francs?|rand|yuan|kronor|kroner|krona|krone|zloty|reais|brl"
    r"|dollars?|bucks|euros?|pounds sterling|quid|rupees?|yen|cents?|pence)\b"
)
_TIME = re.compile(
    r"(?i)\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b"
    r"|\b(?P<word>noon|midday|midnight)\b"
)
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE = re.compile(
    rf"(?i)\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]?\d)-(?P<d>[0-3]?\d)\b"
    rf"|\b(?P<mn>{_MONTH})\.?\s(?P<md>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s(?P<my>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<dm>[0-3]?\d)(?:st|nd|rd|th)?\s(?:of\s)?(?P<dmn>{_MONTH})\b\.?(?:,?\s(?P<dmy>(?:19|20)\d\d)\b)?"
    rf"|\bthe\s(?P<nth>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s(?:of\s)?{_MONTH}\b)"
    r"|\b(?P<q>q[1-4])\b"
    r"|\b(?P<sa>\d{1,2})/(?P<sb>\d{1,2})/(?P<sy>(?:19|20)?\d\d)\b"
)
_PERCENT = re.compile(rf"(?i)\b(?P<n>{_NUM})\s?(?:%|percent\b|per cent\b|pct\b)")
_IDENT = re.compile(
    r"(?i)#\s?(?P<hash>[a-z0-9][\w-]*)"
    r"|\b(?P<ip>\d{1,3}(?:\.\d{1,3}){3})\b(?!\.\d)"  # "10.0.4.17": its dots kept
    r"|\b(?P<tag>[a-z][a-z0-9_-]{0,40}:\d(?:[\w.-]{0,40}\w)?)"  # "api:1.4.2", "localhost:8080"
    r"|\b(?P<digits>\d{2,}(?:[-/.]\d{2,})+(?:[-/.]\d+)?|\d{4,}[-/]\d{1,2})\b"  # "2024.06.3", "555-0142", "483920-1"
    r"|(?-i:\b(?P<code>[A-Z]{2,4})\s(?P<codenum>\d{2,5}))\b(?![-/.]\d)"
    r"|\b(?P<mixed>(?=[a-z0-9_-]{0,40}\d)(?=[a-z0-9_-]{0,40}[a-z])[a-z0-9]{1,40}(?:[-_./][a-z0-9]{1,40}){1,8})\b"
    r"|\b(?P<alnum>(?=\w*\d)(?=\w*[a-z])[a-z]{1,12}\d+[a-z]?|\d+[a-z]{1,3}\d+\w*"
    r"|[a-z]{1,4}\d+[a-z]+\d+\w*|[a-z]{1,4}\d{3,}[a-z]{2,4}|\d+[a-z])\b"  # ... "QF7K2",
    # "RM48213GB", "8a" (not "5k", "3m": values)
)
_FREQUENCY = re.compile(
    r"(?i)(?:\b(?P<article>a|an|per|each|every)\s|/\s?)(?P<unit>day|week|month|year|hour|quarter|minute|second|min|sec|mo|yr|wk|hr)\b"
)
# Before "a day" / "an hour", what makes it a rate ("twice a week", "$50 a month", "3 times an
# hour"); without it, it is one of them ("within an hour", "for a week").
_RATE_BEFORE = re.compile(
    r"(?i)(?:\d|\b(?:once|times|" + "|".join(NUMBER_WORDS) + r")\b|[$€£¥])[^.;,]{0,24}$"
)
_DURATION_BEFORE = re.compile(r"(?i)\b(?:for|within|in|after|over|under|than|about|half)\s$")
_COMPOUND = re.compile(
    r"(?i)\b(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?P<ones>one|two|three|four|five|six|seven|eight|nine)\b"
)
_NUMBER = re.compile(
    rf"(?i)(?<![\w.])(?P<n>{_NUM})(?:(?:st|nd|rd|th)\b)?"
    rf"(?:(?:\s(?!(?-i:m)\b)|)(?P<scale>{_SCALE})\b)?"  # "3 m" is metres; "3m", "3 M" millions
)
# A sign before a number: "-2 degrees", a minus sign, "minus 2.5" (not "3-5", "9am - 5pm",
# "A-12").
_MINUS = re.compile(r"(?i)(?:(?<=[\s(:])|^)(?:-|\u2212|minus\s)$")
_MINUS_WORD = re.compile(r"(?i)\bminus\s(?=\d)")
_RANGE_BEFORE = re.compile(r"(?i)\d[a-z%°]*\s*(?:-|\u2212)$")  # "9am - 5pm", "5% - 10%"
# A quarter, month or year between a determiner and a noun: "the Q2 sales target", "Orin's
# April invoice", "the 2024 budget" (not "due in April" or "April 5").
_QUALIFIER = re.compile(
    rf"(?i)(?:^|(?<=[.!?;:]\s)|\b(?:the|our|their|his|her|my|your|its|\w+'s)\s+)"
    r"(?:[$€£¥]\d[\d,.]*\s+)?"  # "the $1,850 monthly rent"
    rf"(?P<q>q[1-4]|fy\s?\d{{2,4}}|{_MONTH}|(?:19|20)\d\d"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|annual|yearly|quarterly|monthly|weekly"
    r")\s+(?P<noun>[a-z][\w-]*)"
)


def _qualifier_value(raw: str) -> str:
    """``Q2`` -> ``quarter:q2``, ``April`` -> ``month:04``, ``2024`` -> ``year:2024``,
    ``FY25`` -> ``fy:25``: the value's own form, so that a qualifier on one side matches the
    same value on the other ("the Q3 budget" / "a budget for Q3")."""
    low = raw.lower().replace(" ", "")
    if re.fullmatch(r"q[1-4]", low):
        return f"quarter:{low}"
    if low.startswith("fy"):
        return f"fy:{low[2:]}"
    if low.isdigit():
        return f"year:{low}"
    if low.endswith("day"):
        return f"weekday:{low[:3]}"
    if low in DAYPARTS:
        return f"every:{DAYPARTS[low]}"
    return f"month:{MONTHS[low[:3]]:02d}"


# A street after a number: "24 Harbour Road".
_STREET_AFTER = re.compile(
    r"\s+(?:[A-Z][\w'-]*\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way"
    r"|Place|Pl|Court|Ct|Crescent|Terrace|Boulevard|Blvd|Square|Gardens|Row|Hill)\b"
)
_DETERMINERS = r"the|a|an|our|my|your|his|her|their|its"
# A noun after a measure, and what comes before it: "the 128 GB model".
_NOUN_AFTER = re.compile(r"\s+([A-Za-z][\w-]*)")
_DETERMINER_BEFORE = re.compile(rf"(?i)\b(?:{_DETERMINERS}|\w+['’]s)\s+$")
# Names that open a text, possessives among them: "Zoe's Garmin Forerunner", "the user's Pixel".
_OPENING_NAMES = re.compile(
    rf"\s*(?:(?i:{_DETERMINERS})\s+)?(?:[a-z]+['’]s\s+)?(?:[A-Z][\w-]*(?:['’]s)?\s+){{0,4}}"
    r"(?P<last>[A-Z][A-Za-z-]*)\s+"
)
# One to three words opening the text before a number: "Fleet van 17", "Subscription 7781".
_LEADING_NOUNS = re.compile(
    rf"\s*(?:(?i:{_DETERMINERS})\s+)?(?P<words>(?:[A-Za-z][\w-]*\s+){{0,2}}"
    r"[A-Za-z][\w-]*)\s*(?:no\.?|number|#)?\s*"
)


def _names_a_thing(words: list[str]) -> bool:
    """Whether the words opening a text before a number name a thing it numbers ("Fleet
    van", "Subscription", "The Orion"), not a person and a verb ("Alice scored", "The team
    drinks", "The cluster runs") or a quantity ("The top", "Nearly")."""
    lowered = [w.lower() for w in words]
    # "Nearly 40", "The rack holds 40" are quantities; "Cost centre 4120" names one.
    if (set(lowered) - {"cost"} | {lowered[-1]}) & (QUANTITY_WORDS | STOP_WORDS):
        return False
    names = [w for w in words if w[0].isupper() and not is_ordinary_word(w.lower())]
    if words[-1] in names:  # a product and its model: "Orion 5", "Zephyr 3"
        return len(names) == 1
    last = lowered[-1]
    if len(lowered) > 1 and last.endswith("s") and not last.endswith("ss"):
        return False  # a verb after its subject: "The staging cluster runs 8 nodes"
    before_last = lowered[-2] if len(lowered) > 1 else ""
    if (
        len(before_last) > 3
        and before_last.endswith("s")
        and not before_last.endswith("ss")
        and before_last not in STOP_WORDS
        and not usually_a_noun(last)
    ):
        return False  # a verb after a plural subject: "The twins turn 6 in October"
    return not names and can_be_a_noun(last) and not last.endswith(("ed", "ing"))


# A switch's position: "is off", "has been turned on", "taken off the rota", "disabled".
_STATES = (
    (
        "off",
        re.compile(
            r"(?i)\b(?:(?:is|are|was|were|be|been|turned|switched|taken|took|stays?|stayed"
            r"|kept|left|shut|powered)\s+off|(?:is|are|was|were|be|been|gets?|got)\s+shut\s+down"
            r"|disabled|deactivated)\b"
            r"(?![\s-](?:limits|the\s+menu|my\s+menu|school|work|sick|duty)\b)"
        ),
    ),
    (
        "on",
        re.compile(
            r"(?i)\b(?:(?:turned|turning|switched|flipped)\s+(?:(?:all\s+the\s+way|fully)\s+)?on"
            # "turned the heating on", "turning it all the way on": on where the clause ends
            r"|(?:turned|turning|switched|flipped)"
            r"(?:\s+(?:the|its|my|our|their|his|her)(?:\s+[a-z]+){1,2}?|\s+it)"
            r"\s+(?:(?:all\s+the\s+way|fully)\s+)?on"
            r"(?=\s*(?:[.,;!?]|$)|\s+(?:and|but|when|while|at|every|each|all|for|makes?)\b)"
            r"|enabled|activated)\b"
        ),
    ),
)

# Words that only say that something changed ("moved", "switched", "increased"): cues, not
# content.
_CHANGE_WORD = re.compile(
    r"moved|switched|changed?|updated|rescheduled|renamed|replaced|raised|lowered|increased"
    r"|decreased|reduced|bumped|upgraded|downgraded|migrated|postponed|pushed|delayed|slipped"
    r"|extended|shortened|revised|amended|relocated|rebooked|became|become|becoming|started"
    r"|starting|effective|cut|rose|fell|went|grew|now|anymore|again|since|lately|recently"
    r"|lifted|began|begun"
)
# Words after which a capitalised month name is the month ("in May", "until June").
_BEFORE_MONTH = re.compile(
    r"(?i)\b(?:in|by|until|till|since|from|through|during|before|after|early|late|mid"
    r"|next|last|this|of)[\s-]$"
)
# What follows the month May, never the verb may: "May is when", "May, June".
_AFTER_MONTH = re.compile(r"\s*(?:[,;.]|\d|(?:is|was|will|has|had|and|or|to)\b)")
# Letters of any script: "Kraków" is one word, not "Krak" and "w".
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*[^\W\d_]|[^\W\d_]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n|[\"'(\[]|\s[-–—•*]\s)$")


# Quantities said in words, as digits: "half an hour" and "30 minutes" are one value.
# Where a bare number is a clock time ("at 2 in the afternoon"; not "Table 4 in the evening").
_AT_A_TIME = r"((?:\b(?:at|by|from|until|till|to|around|about|before|after|than|past)|,)\s)"
_WEEKDAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DETERMINER = r"(?:the|my|our|their|his|her|its|your|all|each|every)\b"
# A phone or card number written in groups is one number: "0412 555 019" is "0412-555-019",
# "2290 0417 8832" is "2290-0417-8832".
_PHONE_GROUPS = re.compile(
    r"(?<![\d,.])(\+\d{1,3}|0\d{1,4})\s(\d{2,4})\s(\d{2,4})(?:\s(\d{2,4}))?\b"
    r"|(?<![\d,.])(\d{4})\s(\d{4})\s(\d{4})(?:\s(\d{4}))?\b"
)
# "cannot tell red from green", "can distinguish between blue and yellow".
_CANNOT_TELL = (
    r"(?:can(?:not|['’]t|\snot)|(?:is|are|am|been)\sunable\sto)\s"
    r"(?:tell|distinguish|differentiate)\s(?:between\s)?"
)
_CAN_TELL = r"(?:can|is\sable\sto)\s(?:tell|distinguish|differentiate)\s(?:between\s)?"
_TWO_COLOURS = (
    r"(red|green|blue|yellow)\s(?:apart\s)?(?:from|and)\s(red|green|blue|yellow)(?:\sapart)?\b"
)
# The instruments whose player is named after them: "guitarist", "pianist", "drummer".
_INSTRUMENTS = {
    "guitar": "guitar",
    "pian": "piano",
    "violin": "violin",
    "cell": "cello",
    "bass": "bass",
    "flaut": "flute",
    "flut": "flute",
    "saxophon": "saxophone",
    "harp": "harp",
    "organ": "organ",
    "trumpet": "trumpet",
    "drumm": "drums",
}
_PLAYED = "|".join(_INSTRUMENTS)
_ORDINAL_WORD = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\d{1,2}(?:st|nd|rd|th)"
)


def _plays(m: re.Match[str]) -> str:
    """ "is a guitarist" -> "plays guitar"."""
    return f"plays {_INSTRUMENTS[m.group(1).lower()]}"


# A number in words up to 99: "forty-two", "seven".
_SMALL_NUMBER = (
    r"(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)?(?:[- ]?(?P<ones>"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen))?\b"
)


def _numbered(m: re.Match[str], before: str = "") -> str:
    """ "is number forty-two" -> "is #42" ("plot number twelve" -> "number 12" with ``before``
    "number"); anything else as it was."""
    if not (m.group("tens") or m.group("ones")):
        return m.group(0)
    tens, ones = (int(NUMBER_WORDS[g.lower()]) if g else 0 for g in m.group("tens", "ones"))
    if m.group("tens") and ones >= 10:
        return m.group(0)
    return f"{before} {tens + ones}" if before else f"{m.group(1)} #{tens + ones}"


def _plus_or_minus(m: re.Match[str]) -> str:
    """A blood type ("O-" is O negative) or a grade ("B+" is B-plus), written out."""
    letter, sign = m.group(1), m.group(2)
    if re.search(r"(?i)\bblood\b", m.string) and letter in ("A", "B", "AB", "O"):
        return f"{letter} {'positive' if sign == '+' else 'negative'}"
    return f"{letter}-{'plus' if sign == '+' else 'minus'}"


_PHRASES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    # "No one" is nobody, not "No. 1"; "without exception" and "at all times" are always; one
    # who never goes anywhere without a thing always carries it; "once daily" is daily.
    (re.compile(r"\b([Nn])o[\s-]one(?![\w-])"), r"\1obody"),
    (re.compile(r"(?i),?\s?\bwithout\s(?:any\s)?exception\b,?"), " always"),
    (re.compile(r"(?i)\bat\sall\stimes\b"), "always"),
    (
        re.compile(
            r"(?i)\bnever\s(?:goes|leaves\s(?:the\s)?(?:house|home))\s(?:anywhere\s)?without\b"
        ),
        "always carries",
    ),
    (
        re.compile(r"(?i)\bonce\s(?=(?:daily|weekly|monthly|nightly|yearly|annually|hourly)\b)"),
        "",
    ),
    # "hopes to be a vet one day": some day, not a day long; "to work as a vet" is to be one;
    # a dream job is what one wants.
    (
        re.compile(
            r"(?i)(\b(?:wants?|hopes?|hoping|dreams?|plans?|wish(?:es)?|aspires?|would\slike"
            r"|intends?)\b[^.;]{0,60}?)\bone\sday\b(?=\s*(?:[.,;!?]|$))"
        ),
        r"\1someday",
    ),
    (re.compile(r"(?i)\bto\swork\sas\s(?=an?\b)"), "to be "),
    (re.compile(r"(?i)\bdream\s(?:career|job|profession)\b"), "dream"),
    # "brother in law" is "brother-in-law"; blood type "O-" is O negative and a "B+" grade
    # B-plus; "takes a nap" naps; a huge fan is a fan; "close to the park" is near it, "next
    # to" by; "having her wedding" is getting married; "a member of the team" is on it.
    (
        re.compile(r"(?i)\b((?:brother|sister|mother|father|son|daughter|parent)s?)\sin\slaw\b"),
        r"\1-in-law",
    ),
    (re.compile(r"(?<![\w+-])(AB|[A-F]|O)([+-])(?![\w+-])"), _plus_or_minus),
    (
        re.compile(r"(?i)\b(?:takes?|took|taking|taken)\san?\s(nap|shower|bath|walk)\b"),
        r"\1s",
    ),
    (re.compile(r"(?i)\b(?:big|huge|massive|great|enormous)\s(?=(?:[\w-]+\s)?fan\b)"), ""),
    (
        re.compile(r"(?i)\bclose\sto\s(?=(?:the|a|an|his|her|their|our|my|your)\b|(?-i:[A-Z]))"),
        "near ",
    ),
    (re.compile(r"(?i)\bnext\sto\b(?!\s(?:nothing|none|no)\b)"), "by"),
    (
        re.compile(r"(?i)\b(?:is|are)\shaving\s(?:a|her|his|their|the)\swedding\b"),
        "is getting married",
    ),
    (re.compile(r"(?i)\b(is|are|was|were)\s(?:an?\s)?members?\sof\s(?=the\b)"), r"\1 on "),
    (re.compile(r"(?i)\b(?:an?\s)?hour and a half\b"), "90 minutes"),
    (re.compile(r"(?i)\b(?:an?\s)?half(?:\s|-)an?\shour\b"), "30 minutes"),
    (re.compile(r"(?i)\b(?:an?\s)?quarter of an hour\b"), "15 minutes"),
    # Every other week is one frequency however it is said.
    (
        re.compile(
            r"(?i)\b(?:every\s(?:other|second|two|2)\sweeks?|(?:every|once\sa)\sfortnight|bi-?weekly"
            r"|twice\sa\smonth|twice\smonthly)\b"
        ),
        "fortnightly",
    ),
    (
        re.compile(rf"(?i)\b(?:every\s(?:other|second)|alternate)\s({_WEEKDAY_NAMES})s?\b"),
        r"fortnightly on \1",
    ),
    # ... and so is every other day.
    (
        re.compile(r"(?i)\b(?:every\s(?:other|second)\sday|(?:on\s)?alternate\sdays)\b"),
        "every 2 days",
    ),
    (
        re.compile(
            r"(?i)\b(?:(?:every|each)\s(?:other|second)\s(morning|afternoon|evening|night)"
            r"|(?:on\s)?alternate\s(morning|afternoon|evening|night)s)\b"
        ),
        lambda m: f"every 2 days in the {m.group(1) or m.group(2)}",
    ),
    (re.compile(r"(?i)\b(?:an?\s)?fortnight\b"), "14 days"),
    (re.compile(r"(?i)\bhalf\sa\sdecade\b"), "5 years"),
    (re.compile(r"(?i)\b(?:half\sa|a\shalf)\syear\b|\bhalf-year\b"), "6 months"),
    (
        re.compile(
            r"(?i)\b(?:twice\sa\syear|semi-?annually|bi-?annually|every\s(?:six|6)\smonths"
            r"|every\shalf[\s-]year)\b"
        ),
        "semiannually",
    ),
    (re.compile(r"(?i)\bevery\s(?:three|3)\smonths\b"), "quarterly"),
    (re.compile(r"(?i)\bevery\s(?:twelve|12)\smonths\b"), "annually"),
    (re.compile(r"(?i)\bevery\s(?:seven|7)\sdays\b"), "weekly"),
    (re.compile(r"(?i)\bevery\s(?:24|twenty-four|twenty\sfour)\shours\b"), "daily"),
    (re.compile(r"(?i)\bevery\s(?:60|sixty)\sminutes\b"), "hourly"),
    # "2-factor" is "two-factor": a kind, not a count.
    *(
        (re.compile(rf"(?i)\b{n}-(way|fold|tier|factor)\b"), rf"{word}-\1")
        for n, word in ((2, "two"), (3, "three"), (4, "four"))
    ),
    (re.compile(r"(?i)\b(?:two|2)\stimes\b"), "twice"),
    # "has been to Peru" or "set foot in" it has visited it; "not once" is never.
    (re.compile(r"(?i)\bbeen\sto\b|\bset\sfoot\s(?:in|on)\b"), "visited"),
    # "on or before the 10th" is by the 10th; "12 or more" is at least 12.
    (re.compile(r"(?i)\bon\sor\sbefore\b"), "by"),
    (
        re.compile(r"(?i)\b(\d[\d,.]*|(?:" + "|".join(NUMBER_WORDS) + r"))\sor\smore\b"),
        r"at least \1",
    ),
    (re.compile(r"(?i)\bin\sadvance\b"), "ahead"),
    # "due back", "due to be returned": due.
    (re.compile(r"(?i)\bdue\s(?:back|to\sbe\s(?:returned|paid|submitted|handed\sin))\b"), "due"),
    # "catches the 8:15 train" takes it; a kit that "comes with" a part includes it.
    (
        re.compile(
            r"(?i)\bcatch(?:es)?\s(the\s(?:\S+\s)?(?:bus|train|ferry|tram|flight|plane|shuttle))\b"
        ),
        r"takes \1",
    ),
    (re.compile(r"(?i)\bcomes\swith\b"), "includes"),
    # "gets up at 6" wakes up then; "signs off on" approves; "over the moon" is thrilled; a
    # card or a licence that "runs out" expires.
    (re.compile(r"(?i)\b(?:gets|got)\sup\b(?!\s+to\b)"), "wakes up"),
    (re.compile(r"(?i)\bget(?:ting)?\sup\b(?!\s+to\b)"), "waking up"),
    (re.compile(r"(?i)\bsigns[\s-]off(?:\son)?\b"), "approves"),
    (re.compile(r"(?i)\bsigned[\s-]off(?:\son)?\b"), "approved"),
    (re.compile(r"(?i)\bsign[\s-]off\son\b"), "approve"),
    (re.compile(r"(?i)\bover\sthe\smoon\b"), "thrilled"),
    (re.compile(r"(?i)\bruns\sout\b(?!\s+of\b)"), "expires"),
    (re.compile(r"(?i)\bran\sout\b(?!\s+of\b)"), "expired"),
    # A high school is a secondary school.
    (re.compile(r"(?i)\bhigh[\s-]school\b"), "secondary school"),
    # "gets in at 11:20" arrives then; "keeps to a diet", "is on a diet": follows it; "eats
    # nothing except" eats only; "on storey 4" is on floor 4 (not "on level 4": of a course).
    (re.compile(r"(?i)\bgets\sin\s(?=at\b)"), "arrives "),
    (re.compile(r"(?i)\bgot\sin\s(?=at\b)"), "arrived "),
    (
        re.compile(
            r"(?i)\b(?:keeps|sticks|adheres)\s(?:to\s)?(?=(?:a|an|the|their|his|her|my)\s"
            r"(?:[\w-]+\s){0,2}diet\b)|\b(?:is|are)\son\s(?=(?:a|an)\s(?:[\w-]+\s){0,2}diet\b)"
        ),
        "follows ",
    ),
    (re.compile(r"(?i)\bnothing\s(?:except|but|other\sthan|apart\sfrom|besides)\b"), "only"),
    (
        re.compile(
            r"(?i)\bon\s(?:storey|story)\s(?=(?:\d{1,3}|" + "|".join(NUMBER_WORDS) + r")\b)"
        ),
        "on floor ",
    ),
    # Brothers and sisters are siblings; mother and father are parents.
    (re.compile(r"(?i)\bbrothers\sand\ssisters\b|\bsisters\sand\sbrothers\b"), "siblings"),
    (
        re.compile(
            r"(?i)\b(?:mother|mom|mum)\sand\s(?:father|dad)\b"
            r"|\b(?:father|dad)\sand\s(?:mother|mom|mum)\b"
        ),
        "parents",
    ),
    # "is set for", "is planned for November 3": scheduled for it.
    (
        re.compile(
            r"(?i)\b(is|are|was|were|been)\s(?:set|planned|slated|pencilled|penciled)\sfor\b"
        ),
        r"\1 scheduled for",
    ),
    # Unpaid work is volunteering; a car that broke down stopped working; what one would pick
    # given the choice one prefers.
    (re.compile(r"(?i)\b(?:does|do|did|doing|done)\sunpaid\swork\b"), "volunteers"),
    (re.compile(r"(?i)\b(?:broke|has\sbroken|had\sbroken)\sdown\b"), "stopped working"),
    (re.compile(r"(?i)\b(?:if\s)?given\s(?:the|a)\schoice,\s"), ""),
    (re.compile(r"(?i)\bwould\s(?:rather\s)?(?:pick|choose|take|opt\sfor|go\sfor)\b"), "prefers"),
    # Colour blindness however it is said: "is colour-blind", "has color vision deficiency",
    # "cannot tell red from green", "red and green look the same to her".
    (
        re.compile(r"(?i)\bcolou?r(?:[\s-]?blind(?:ness)?|[\s-]vision\sdeficiency)\b"),
        "colourblind",
    ),
    (re.compile(rf"(?i)\b{_CANNOT_TELL}{_TWO_COLOURS}"), r"is \1-\2 colourblind"),
    (re.compile(rf"(?i)\b{_CAN_TELL}{_TWO_COLOURS}"), r"is not \1-\2 colourblind"),
    (
        re.compile(rf"(?i)\b{_CANNOT_TELL}(?:certain|some)\scolou?rs(?:\sapart)?\b"),
        "is colourblind",
    ),
    (
        re.compile(
            r"(?i)^(?:red\sand\sgreen|green\sand\sred)\slook\s(?:the\ssame|alike|identical)\sto\s"
            r"([^.,;]+)"
        ),
        r"\1 is red-green colourblind",
    ),
    # "second-hand" is used (no second); "the initial week" the first one; alternate weekends
    # every second one; "each pay half" and "split fifty-fifty" split evenly.
    (re.compile(r"(?i)\bsecond[\s-]?hand\b"), "used"),
    (re.compile(r"(?i)\binitial\b"), "first"),
    (re.compile(r"(?i)\b(?:on\s)?alternat(?:e|ing)\sweekends\b"), "every second weekend"),
    (re.compile(r"(?i)\beach\spays?\shalf(?:\sof)?\b"), "split evenly"),
    (re.compile(r"(?i)\b(?:equally|fifty[\s-]fifty|50/50|50-50|down\sthe\smiddle)\b"), "evenly"),
    # "once a year" is every year; the front desk is reception.
    (re.compile(r"(?i)\bonce\s(?:a|per|each|every)\s(day|week|month|year)\b"), r"every \1"),
    (re.compile(r"(?i)\b(?:front|reception)\sdesk\b"), "reception"),
    # "per cent" is percent; "week one" the first week; "every third day" every 3 days.
    (re.compile(r"(?i)\bper\scent\b"), "percent"),
    (re.compile(r"(?i)\bevery\sthird\s(day|week|month|year)\b"), r"every 3 \1s"),
    (re.compile(r"(?i)\bevery\sfourth\s(day|week|month|year)\b"), r"every 4 \1s"),
    (re.compile(r"(?i)\b(week|month)\sone\b"), r"first \1"),
    # "Rose's home is in Tucson": Rose lives there; "reports to Ana": Ana is the manager.
    (re.compile(r"(?i)(?:'s|’s)\shome\sis\s(?=(?:in|on|at)\b)"), " lives "),
    (re.compile(r"(?i)\breports\sto\b"), "has the manager"),
    # "is putting money aside for a car" is saving for one.
    (re.compile(r"(?i)\bputting\s(?:some\s)?money\saside\b|\bputting\saside\smoney\b"), "saving"),
    (re.compile(r"(?i)\bputs\s(?:some\s)?money\saside\b|\bputs\saside\smoney\b"), "saves"),
    # "not long ago" is recently.
    (re.compile(r"(?i)\bnot\s(?:very\s|that\s)?long\sago\b"), "recently"),
    # A branch or path with a version names a thing: "release/2.4" is "release-2.4".
    (re.compile(r"(?i)\b([a-z][a-z0-9_-]{1,30})/(\d+(?:\.\d+)*)\b"), r"\1-\2"),
    # "ASAP" is one word however it is written; "No. 17" is number 17, not a "no"; "is number
    # 214" is "is #214".
    (re.compile(r"(?i)\bas\ssoon\sas\spossible\b"), "ASAP"),
    (re.compile(r"\bN[oO]\.\s?(?=\d)"), "number "),
    (re.compile(r"(?i)\b(is|was|are|were)\snumber\s(?=\d)"), r"\1 #"),
    (re.compile(r"(?i)\b(is|was|are|were)\snumber\s" + _SMALL_NUMBER), _numbered),
    # "Meeting ID 845 2291": one identifier written in groups.
    (
        re.compile(
            r"(?i)\b(id|code|pin|"
            + "|".join(sorted(ID_NOUNS, key=len, reverse=True))
            + r")\s(?:#\s?)?(\d{3,4})\s(\d{3,4})(?:\s(\d{3,4}))?\b(?!\s?(?:[.,:]\d|[%$€£]))"
        ),
        lambda m: f"{m.group(1)} {'-'.join(g for g in m.groups()[1:] if g)}",
    ),
    # A spouse's parents are in-laws; a native tongue is a first language; one who practises
    # law is a lawyer; "on three occasions" is three times.
    (re.compile(r"(?i)\b(?:spouse|husband|wife|partner)(?:'s|’s)\sparents\b"), "in-laws"),
    (re.compile(r"(?i)\b(?:native|mother)\s(?:tongue|language)\b"), "first language"),
    (re.compile(r"(?i)\bpracti[sc]es\slaw\b"), "is a lawyer"),
    (re.compile(r"(?i)\bpracti[sc]es\smedicine\b"), "is a doctor"),
    (re.compile(r"(?i)\bon\s(\w+)\soccasions\b"), r"\1 times"),
    # An EV is an electric car; a guitarist plays the guitar; "the fifth level" of a building
    # is its fifth floor.
    (re.compile(r"\bEV(s?)\b"), r"electric car\1"),
    (re.compile(rf"(?i)\b(?:is|are)\s(?:a|an)\s({_PLAYED})(?:ist|er)s?\b"), _plays),
    (re.compile(rf"(?i)\b({_ORDINAL_WORD})\s(?:level|storey|story)\b"), r"\1 floor"),
    # "is able to" is "can"; a former wife is an ex-wife; a stick shift is a manual
    # transmission.
    (re.compile(r"(?i)\b(?:is|are|am)\sable\sto\b"), "can"),
    (
        re.compile(
            r"(?i)\bformer\s(?=(?:wife|husband|partner|boyfriend|girlfriend|boss|colleague"
            r"|co-?worker|manager|employer|roommate|flatmate|teammate|business\spartner)s?\b)"
        ),
        "ex-",
    ),
    # "is hosted on RDS" or "by Netlify" runs on it.
    (re.compile(r"(?i)\b(?:is|are)\shosted\sin\b"), "runs in"),
    (re.compile(r"(?i)\b(?:is|are)\shosted\s(?:on|by|with)\b"), "runs on"),
    (re.compile(r"(?i)\bstick[\s-]shift\b"), "manual transmission"),
    # One who went to college attended it; a rental agreement is a lease; one who holds a
    # black belt has one; "protected against" is "protected from"; preparing for an exam is
    # studying for it; two babies are twins; a pair is two; "4-7-1-9" is 4719.
    (
        re.compile(r"(?i)\bwent\sto\s(?=(?:college|university|uni|school|high\sschool)\b)"),
        "attended ",
    ),
    (re.compile(r"(?i)\brental\sagreement\b"), "lease"),
    (re.compile(r"(?i)\bholds\s(?=an?\s)"), "has "),
    (re.compile(r"(?i)\bprotected\sagainst\b"), "protected from"),
    (
        re.compile(
            r"(?i)\bpreparing\s(?=for\s(?:the|an?|his|her|their|my|our)\s(?:[\w-]+\s){0,5}?"
            r"(?:exams?|tests?|certifications?)\b)"
        ),
        "studying ",
    ),
    (re.compile(r"(?i)\b(?:two|2)\sbabies\b"), "twins"),
    (re.compile(r"(?i)\ba\spair\sof\b"), "two"),
    (
        re.compile(r"\b(\d)-(\d)-(\d)(?:-(\d))?(?:-(\d))?(?:-(\d))?\b"),
        lambda m: "".join(g for g in m.groups() if g),
    ),
    # "is the career goal of", "is one of the user's goals": what one wants.
    (
        re.compile(
            r"(?i)\b(is\s(?:one\sof\s)?(?:the\s)?(?:the|their|his|her|my|our|\w+['’]s)\s(?:career\s)?)"
            r"goals?\b"
            r"(?!\s(?:weight|time|pace|amount))"
        ),
        r"\1aspiration",
    ),
    # "from 1 until 3" is from 1 to 3; a company laptop is a work laptop; a washing machine a
    # washer; "plot number twelve" is plot number 12.
    (
        re.compile(
            rf"(?i)\b(from\s(?:\d|noon|midnight|{_WEEKDAY_NAMES}|{_MONTH}\b|(?:"
            + "|".join(NUMBER_WORDS)
            + r")\b)[^.;,]{0,20}?)\suntil\s"
        ),
        r"\1 to ",
    ),
    (
        re.compile(r"(?i)\bcompany\s(?=(?:laptop|phone|card|credit\scard)s?\b)"),
        "work ",
    ),
    (re.compile(r"(?i)\bwashing\smachine"), "washer"),
    # "a May half marathon" is the one in May.
    (re.compile(rf"\b[Aa]n?\s(?=(?-i:{_MONTH_NAMES})\s[a-z])"), "the "),
    (re.compile(r"(?i)\bnumber\s" + _SMALL_NUMBER), lambda m: _numbered(m, "number")),
    # One "employed at" a place works there.
    (
        re.compile(r"(?i)\bemployed\s(?:at|by|with)\b(?!\s(?:the\s)?(?:moment|present)\b)"),
        "working at",
    ),
    # Phrasal verbs said in one word.
    (re.compile(r"(?i)\bsign(?:ed|s|ing)?\sup\sfor\b"), "enrolled in"),
    (re.compile(r"(?i)\bpull(?:ed|s|ing)?\sout\sof\b"), "withdrew from"),
    (re.compile(r"(?i)\bcomes?\sup\sfor\b"), "is due for"),
    (re.compile(r"(?i)\b(?:is|are)\sdue\sfor\b"), "needs"),
    (
        re.compile(
            r"(?i)\b(?:takes|lasts)\s(?=(?:about|around|roughly|approximately|nearly|almost|over|under)?\s?"
            r"[\w-]+\s(?:minutes?|hours?|days?|weeks?|months?|years?)\b)"
        ),
        "is ",
    ),
    # "the last four digits are 4417" is "ends in 4417": the count is not a value.
    (
        re.compile(
            r"(?i)\bwhose\slast\s(?:(?:two|three|four|five|six|[2-6])\s)?digits\s(?:are|is)\b"
        ),
        "ending in",
    ),
    (re.compile(r"(?i)\blast\s(?:two|three|four|five|six|[2-6])\s(digits|numbers)\b"), r"last \1"),
    (
        re.compile(r"(?i)\b(?:once\s)?every\s(?:other|second|two)\sweekends?\b"),
        "every second weekend",
    ),
    # "on Saturdays and Sundays" (or "or") is on weekends.
    (re.compile(r"(?i)\bsat(?:urday)?(s?)\s(?:and|or|&)\ssun(?:day)?s?\b"), r"weekend\1"),
    # "Friday nights" are Friday evenings; a second baby is a second child.
    (re.compile(rf"(?i)\b({_WEEKDAY_NAMES})(s?)\snight(s?)\b"), r"\1\2 evening\3"),
    (
        re.compile(r"(?i)\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\sbaby\b"),
        r"\1 child",
    ),
    # "whenever they can" is "whenever possible".
    (
        re.compile(r"(?i)\b(whenever|when|where|if)\s(?:he|she|they|i|we|you)\scan\b(?!\s\w)"),
        r"\1 possible",
    ),
    # "2FA" is two-factor authentication; "a 5K run" is five kilometres.
    (re.compile(r"\b2FA\b"), "two-factor authentication"),
    (re.compile(r"\bMFA\b"), "multi-factor authentication"),
    (
        re.compile(
            r"(?i)\b(runs?|ran|running|race[sd]?|racing|does|did|a|the)\s(\d{1,2})[kK]\b"
            r"(?=\s(?:run|race|parkrun|every|each|on|in|at|three|twice|[0-9]|times)\b|[.,;]|$)"
        ),
        r"\1 \2 km",
    ),
    # A race time is a duration: "a time of 1:52" is 1 hour 52 minutes.
    (
        re.compile(
            r"(?i)\b(finish(?:ed|ing)?\s(?:\w+\s){0,4}?(?:with\s)?(?:a\s)?time\sof|finished\sin"
            r"|(?:marathon|race|best|finishing)\stime\s(?:is|was|of))\s(\d):([0-5]\d)\b(?!\s?[ap]\.?m)"
        ),
        r"\1 \2 hours \3 minutes",
    ),
    # "a four-day week" is four days a week.
    (re.compile(r"(?i)\ban?\s(\w+)-day\s(?:work\s|working\s)?week\b"), r"\1 days a week"),
    # "the last day of August" is 31 August (February in a common year).
    *(
        (
            re.compile(rf"(?i)\b(?:the\s)?last\sday\sof\s{calendar.month_name[month]}\b(?!\s\d)"),
            f"{calendar.month_name[month]} {calendar.monthrange(2001, month)[1]}",
        )
        for month in range(1, 13)
    ),
    # "is going to be held" will be held; "serves as treasurer" is treasurer.
    (re.compile(r"(?i)\b(?:is|are)\sgoing\sto\b(?=\s[a-z])"), "will"),
    (re.compile(r"(?i)\bserves\sas\b"), "is"),
    (re.compile(r"(?i)\bserved\sas\b"), "was"),
    (re.compile(r"(?i)\bfalls\son\b"), "is on"),  # "the anniversary falls on June 14"
    # States said in two words are one: "Project Atlas is on hold", "is in transit".
    (re.compile(r"(?i)\bon\shold\b"), "on-hold"),
    (re.compile(r"(?i)\bin\stransit\b"), "in-transit"),
    # Abbreviations said as words: "k8s" is Kubernetes, "the HOA" the homeowners association.
    (re.compile(r"(?i)\bk8s\b"), "Kubernetes"),
    (re.compile(r"\bHOA\b"), "homeowners association"),
    (re.compile(r"(?i)\bhomeowners['’]?\sassociation\b"), "homeowners association"),
    # "120/80" is a blood pressure of 120 over 80: two values, not an identifier.
    (re.compile(r"\b(1\d\d|2[0-4]\d)/(\d{2,3})\b(?![/.-]\d)"), r"\1 over \2"),
    # Days a holiday names.
    (re.compile(r"(?i)\bValentine['’]?s(?:\sDay)?\b"), "14 February"),
    (re.compile(r"(?i)\bChristmas\sEve\b"), "24 December"),
    (re.compile(r"(?i)\bChristmas\sDay\b"), "25 December"),
    (re.compile(r"(?i)\bNew\sYear['’]?s\sEve\b"), "31 December"),
    (re.compile(r"(?i)\bNew\sYear['’]?s\sDay\b"), "1 January"),
    (re.compile(r"(?i)\bHalloween\b"), "31 October"),
    # Idioms and light-verb phrases said in one word: "tied the knot" is "married", "gives
    # piano lessons" "teaches piano", "is employed as" "works as".
    (re.compile(r"(?i)\bt(?:ie|ies|ied|ying)\sthe\sknot\b"), "married"),
    (re.compile(r"(?i)\bc(?:ome|omes|ame|oming)\sdown\swith\b"), "caught"),
    (re.compile(r"(?i)\b(?:is|are|was|were)\semployed\sas\b"), "works as"),
    (re.compile(r"(?i)\b(?:is|are|remains?)\svalid\s(?:until|till|through)\b"), "expires"),
    (re.compile(r"(?i)\b(learn\w*|practi[cs]\w*)\s(?:how\s)?to\splay\sthe\b"), r"\1 the"),
    (re.compile(r"(?i)\bin\sthe\syear\s(?=\d{4}\b)"), "in "),
    (re.compile(r"(?i)\bt(?:ake|akes|ook|aking)\splace\b"), "held"),
    (re.compile(r"(?i)(?<=\w)\sconcerns\s(?=(?:an?|the)\s)"), " is about "),
    (re.compile(r"(?i)\bg(?:ive|ives|ave|iving)\s(\w+)\slessons\b"), r"teaches \1"),
    (re.compile(r"(?i)\bnot\sonce\b"), "never"),
    (re.compile(r"(?i)\bhalf\sa\sdozen\b"), "6"),
    (re.compile(r"(?i)\ba\sdozen\sand\sa\shalf\b"), "18"),
    (re.compile(r"(?i)\ba\sdozen\b"), "12"),
    # "a whole tablet" is one tablet, "half a tablet" half of one.
    (re.compile(r"(?i)\ba\swhole\b(?=\s[a-z])"), "1"),
    (re.compile(r"(?i)\bhalf\san?\b(?=\s[a-z])"), "0.5"),
    (re.compile(r"(?i)\btwo\sdozen\b"), "24"),
    (re.compile(r"(?i)\bthree\sdozen\b"), "36"),
    # Always open, however it is said.
    (
        re.compile(
            r"(?i)\b(?:(?:a)?round[\s-]the[\s-]clock|24\s?/\s?7)"
            r"(?:,?\s(?:and\s)?(?:every|each)\sday(?:\sof\sthe\sweek)?)?\b"
            r"|\b(?:24|twenty[\s-]four)\shours\sa\sday,?\s(?:and\s)?(?:7|seven)\sdays\sa\sweek\b"
            r"|\b(?:24|twenty[\s-]four)\shours\sa\sday\b|(?<=\bopen\s)(?:24|twenty[\s-]four)\shours\b"
        ),
        "around-the-clock",
    ),
    # Free, however it is said.
    (
        re.compile(
            r"(?i)\b(?:at|for)\sno\s(?:cost|charge)\b|\bfree\sof\scharge\b"
            r"|\b(?<=\bis\s)no\scharge\b|\b(?:costs?|costing)\snothing\b"
        ),
        "free",
    ),
    (re.compile(r"(?i)\bno\s(\w+\s)?charge\s(?=for|on)\b"), r"free \1"),
    (re.compile(r"(?i)\b(no|none\sof\sthe)\s(\w+)\sleft\b"), r"\1 \2"),  # "no toner left"
    # A rate that is one unit: "58 beats per minute" is "58 bpm", not 58 beats and a rate.
    (re.compile(r"(?i)\s?beats\s(?:per|a)\sminute\b"), " bpm"),
    (re.compile(r"(?i)\s?revolutions\s(?:per|a)\sminute\b"), " rpm"),
    (re.compile(r"(?i)\s?words\s(?:per|a)\sminute\b"), " wpm"),
    (re.compile(r"(?i)\s?miles\s(?:per|an)\shour\b"), " mph"),
    (re.compile(r"(?i)\s?miles\s(?:per|a|to\sthe)\sgallon\b"), " mpg"),
    (re.compile(r"(?i)\s?(?:kilometres|kilometers)\s(?:per|an)\shour\b"), " km/h"),
    # "her uncle on her mother's side" is her maternal uncle.
    (
        re.compile(r"(?i)\bon\s(?:his|her|their|my|your|our|the)\s(?:mother|mum|mom)'?s'?\sside\b"),
        "maternal",
    ),
    (
        re.compile(r"(?i)\bon\s(?:his|her|their|my|your|our|the)\s(?:father|dad)'?s'?\sside\b"),
        "paternal",
    ),
    (re.compile(r"(?i)\b(?:an?\s)?decade\b"), "10 years"),
    # "Monday to Friday" is weekdays; "Mon-Sat" is Monday to Saturday.
    (
        re.compile(
            r"(?i)\b(?:from\s)?mon(?:day)?s?\.?\s?(?:to|through|thru|until|till|-|–)\s?fri(?:day)?s?\b"
        ),
        "weekdays",
    ),
    (
        re.compile(
            r"(?i)\b(mon|tue|wed|thu|fri|sat|sun)\.?\s?[-–]\s?(mon|tue|wed|thu|fri|sat|sun)\b\.?"
        ),
        r"\1 to \2",
    ),
    # "tier-two" is tier 2.
    *(
        (re.compile(rf"(?i)\b(tier|level|phase|grade|type|stage)[\s-]{word}\b"), rf"\1 {n}")
        for word, n in (("one", 1), ("two", 2), ("three", 3), ("four", 4))
    ),
    # "14 years old", "14 years of age": 14 years
    (re.compile(r"(?i)\b(years?|months?|weeks?)(?:[\s-]old|\sof\sage)\b"), r"\1"),
    # "half a gram" is 0.5 g.
    (
        re.compile(
            r"(?i)\bhalf\san?\s(gram|kilo(?:gram)?|litre|liter|pint|gallon|mile|kilometre|kilometer"
            r"|metre|meter|pound|ounce|cup|teaspoon|tablespoon|tonne|ton)\b"
        ),
        r"0.5 \1",
    ),
    # "the third quarter" is Q3, "type II" type 2 ("type I" is left alone: "the class I teach").
    *(
        (re.compile(rf"(?i)\b(?:the\s)?{word}\squarter\b"), f"Q{n}")
        for n, word in enumerate(("first", "second", "third", "fourth"), 1)
    ),
    *(  # "the third-quarter report" is "the Q3 report"
        (re.compile(rf"(?i)\b{word}-quarter\b"), f"Q{n}")
        for n, word in enumerate(("first", "second", "third", "fourth"), 1)
    ),
    *(
        (
            re.compile(rf"(?i)\b(type|phase|stage|tier|level|grade|class|part)\s(?-i:{roman})\b"),
            rf"\1 {n}",
        )
        for roman, n in (("II", 2), ("III", 3), ("IV", 4))
    ),
    *(
        (re.compile(rf"(?i)\b{word}\sdecades\b"), f"{n}0 years")
        for n, word in enumerate(
            ("two", "three", "four", "five", "six", "seven", "eight", "nine"), 2
        )
    ),
    (re.compile(r"(?i)\b(\d)\sdecades\b"), r"\g<1>0 years"),
    (re.compile(r"(?i)\ba\spair\sof\b"), "2"),
    # A share said in words: "half of the budget" is "50% of the budget".
    (re.compile(rf"(?i)\b(?:a\s)?half(?:\sof)?(?=\s{_DETERMINER})"), "50% of"),
    (re.compile(rf"(?i)\b(?:a|one)\squarter\sof(?=\s{_DETERMINER})"), "25% of"),
    (re.compile(rf"(?i)\bthree[\s-]quarters\sof(?=\s{_DETERMINER})"), "75% of"),
    (re.compile(rf"(?i)\b(?:a|one)\stenth\sof(?=\s{_DETERMINER})"), "10% of"),
    (re.compile(r"(?i)\bthree[\s-]quarters\sof\san\shour\b"), "45 minutes"),
    (re.compile(r"(?i)\bhalf\sa\sminute\b"), "30 seconds"),
    (re.compile(r"(?i)\b(?:a|one)\squarter\sof\sa\syear\b"), "3 months"),
    (re.compile(r"(?i)\b(?:a|one)\syear\sand\sa\shalf\b"), "18 months"),
    (re.compile(r"(?i)\s?(?:degrees?|°)\s?(?:celsius|centigrade)\b"), "°C"),
    (re.compile(r"(?i)\s?(?:degrees?|°)\s?fahrenheit\b"), "°F"),
    (re.compile(r"(?i)\b(?:square|sq\.?)\s?(?:metres?|meters?|m)\b|(?<=\d)m²"), "sqm"),
    (re.compile(r"(?i)\b(?:square|sq\.?)\s?(?:feet|foot|ft)\b|(?<=\d)ft²"), "sqft"),
    (re.compile(r"(?i)\b(?:square|sq\.?)\s?(?:yards?|yd)\b"), "sqyd"),
    (re.compile(r"(?i)\bcubic\s(?:metres?|meters?|m)\b"), "cbm"),
    (re.compile(r"(?i)(?<=\d)\s?m³"), " cbm"),
    (re.compile(r"(?i)\bcubic\s(?:feet|foot|ft)\b"), "cbft"),
    (re.compile(r"(?i)(?<=\d)\s?ft³"), " cbft"),
    (re.compile(r"(?i)(?<=\d)\s(?:m²)"), " sqm"),
    (re.compile(r"(?i)(?<=\d)\s(?:ft²)"), " sqft"),
    (re.compile(r"(?i)\bevery single\b"), "every"),
    # Bounds said with a negation are no negation: "no later than 9" is "by 9".
    (re.compile(r"(?i)\b(?:no|not)\slater\sthan\b"), "by"),
    (re.compile(r"(?i)\b(?:no|not)\smore\sthan\b"), "at most"),
    (re.compile(r"(?i)\b(?:no|not)\s(?:less|fewer)\sthan\b"), "at least"),
    (
        re.compile(r"(?i)\b(?:no|not)\s(?:longer|bigger|larger|higher|greater|heavier)\sthan\b"),
        "at most",
    ),
    (re.compile(r"(?i)\b(?:no|not)\s(?:shorter|smaller|lower|lighter)\sthan\b"), "at least"),
    # "401(k)", "their 401k", "the 401k match": a plan's name, not 401 or 401,000.
    (re.compile(r"(?i)\b(401|403|457)\s?\(([kb])\)"), r"plan\1\2"),
    (
        re.compile(
            r"(?i)(?:(?<=\bthe\s)|(?<=\ba\s)|(?<=\bmy\s)|(?<=\bour\s)|(?<=\bhis\s)|(?<=\bher\s)"
            r"|(?<=\bits\s)|(?<=\btheir\s)|(?<=\byour\s)|(?<=['’]s\s))(401|403|457)([kb])\b"
        ),
        r"plan\1\2",
    ),
    (
        re.compile(
            r"(?i)\b(401|403|457)([kb])(?=\s(?:plans?|match|contributions?|accounts?|balance)\b)"
        ),
        r"plan\1\2",
    ),
    (
        re.compile(r"(?i)\b([kmg])(?:ilo|ega|iga)bits?[\s-](?:per[\s-]second|a\ssecond|/\s?s)\b"),
        r"\1bps",
    ),
    # "five-a-side" is 5-a-side.
    *(
        (re.compile(rf"(?i)\b{word}-a-side\b"), f"{n}-a-side")
        for word, n in (("five", 5), ("six", 6), ("seven", 7), ("eleven", 11))
    ),
)
_BEFORE_A_CLOCK_PART = (
    r"((?:\b(?:at|by|from|until|till|to|and|around|about|before|after|than|past|is|was|exactly"
    r"|sharp|roughly|approximately|usually|normally|between)|,)\s|^)"
)
# "2 in the afternoon" -> "2 pm", "8 in the morning" -> "8 am"; read again once number words
# are digits ("at eight in the evening").
_CLOCK_PARTS = (
    (
        re.compile(
            rf"(?i){_BEFORE_A_CLOCK_PART}(\d{{1,2}}(?::\d\d)?) in the (?:afternoon|evening)\b"
        ),
        r"\1\2 pm",
    ),
    (re.compile(rf"(?i){_BEFORE_A_CLOCK_PART}(\d{{1,2}}(?::\d\d)?) in the morning\b"), r"\1\2 am"),
    (
        re.compile(rf"(?i){_BEFORE_A_CLOCK_PART}([6-9]|1[01])((?::\d\d)?) (?:at|in the) night\b"),
        r"\1\2\3 pm",
    ),
    # "at 6 every evening" is 6 pm, every day.
    (
        re.compile(
            rf"(?i){_BEFORE_A_CLOCK_PART}(\d{{1,2}}(?::\d\d)?)(?= (?:every|each) (?:afternoon|evening)\b)"
        ),
        r"\1\2 pm",
    ),
    (
        re.compile(
            rf"(?i){_BEFORE_A_CLOCK_PART}(\d{{1,2}}(?::\d\d)?)(?= (?:every|each) morning\b)"
        ),
        r"\1\2 am",
    ),
)
# "around eleven at night", "by eight in the evening": an hour said in a word before a part of
# the day, written in digits for _CLOCK_PARTS.
_HOUR_WORD_BEFORE_A_PART = re.compile(
    rf"(?i){_BEFORE_A_CLOCK_PART}"
    r"(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?= (?:in the (?:morning|afternoon|evening)|at night)\b)"
)
# "every morning at nine", "in the evening at 7:30": the hour the part of the day says.
_PART_THEN_CLOCK = re.compile(
    r"(?i)\b((?:every|each|in\sthe)\s(?P<part>morning|afternoon|evening),?\sat\s)"
    r"(?P<hour>\d{1,2}(?::\d\d)?|"
    + "|".join(w for w, n in NUMBER_WORDS.items() if isinstance(n, int) and 1 <= n <= 12)
    + r")\b(?!\s?(?:[ap]\.?m\b|o['’]?clock|:\d|[-–]))"
)


def _part_then_clock(m: re.Match[str]) -> str:
    if _followed_by_a_unit(m.string, m.end()):
        return m.group(0)  # "every morning at 5 km pace"
    hour = m.group("hour")
    if not hour[0].isdigit():
        hour = str(NUMBER_WORDS[hour.lower()])
    half = "am" if m.group("part").lower() == "morning" else "pm"
    return f"{m.group(1)}{hour} {half}"


# An ordinal word where it counts days: "the first of each month" -> "the 1st of", "the fifth
# business day" -> "the 5th business day" (not "the first language" or "the second floor":
# there it may name the subject).
_ORDINAL_WORDS = {
    w: n
    for n, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ],
        1,
    )
}
_TEENTHS = [
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_DAY_ORDINALS = {
    **_ORDINAL_WORDS,
    **{w: n for n, w in enumerate(_TEENTHS, 13)},
    "twentieth": 20,
    **{f"twenty-{w}": 20 + n for w, n in list(_ORDINAL_WORDS.items())[:9]},
    **{f"twenty {w}": 20 + n for w, n in list(_ORDINAL_WORDS.items())[:9]},
    "thirtieth": 30,
    "thirty-first": 31,
    "thirty first": 31,
}
_ORDINAL = re.compile(
    r"(?i)\b(the\s)("
    + "|".join(sorted(_DAY_ORDINALS, key=len, reverse=True))
    + r")(?=\s(?:of\b|(?:business|working)\sday\b|day\sof\b)|\s?[.;]|$)"
)
# An ordinal that picks one day or week of a longer period: "the first Saturday of the month",
# "the final week of the quarter".
_NTH_OF_A_PERIOD = re.compile(
    r"(?i)\b(" + "|".join(_ORDINAL_WORDS) + r"|last|final)\s"
    rf"(?=(?:{_WEEKDAY_NAMES}|week|weekend|(?:business|working)\sday)\b)"
)
# An ordinal before the noun it counts: "third grade" is "grade 3", "second-tier" "tier 2".
_ORDINAL_NOUN = re.compile(
    r"(?i)\b(?:the\s)?("
    + "|".join(_ORDINAL_WORDS)
    + r")[\s-](grade|tier|level|round|place)(?:r|er)?\b"
)
_NUMBERED_NOUN = re.compile(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)[\s-](grade|tier|level|round|place)\b")
_MODALITY_PHRASES = tuple(
    (
        re.compile(
            r"(?i)\b" + r"\s+".join(re.escape(w) for w in p.split()).replace("'", "['’]") + r"\b"
        ),
        kind,
    )
    for p, kind in sorted(MODALITY.items(), key=lambda item: -len(item[0]))
    if " " in p
)
_SPOKEN_TIME = re.compile(
    r"(?i)\b(?:a\s)?(?P<part>half|quarter|five|ten|twenty|twenty-five) (?P<rel>past|to)"
    r" (?P<hour>\w+)\b"
)
# "half six" is half past six (British).
_HALF_HOUR = re.compile(
    r"(?i)\bhalf\s(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
    r"(?!\s(?:hours?|days?|weeks?|months?|years?|times?|of)\b)"
)
_CLOCK_BEFORE = re.compile(r"(?i)\b(?:at|by|until|till|from|around|about|before|after|since)\s$")
_UNIT_NEXT = re.compile(r"\s+(?:[a-z]+\s+)?(?:days?|hours?|weeks?|months?|years?|minutes?)\b")
_MINUTES = {"half": 30, "quarter": 15, "five": 5, "ten": 10, "twenty": 20, "twenty-five": 25}
_SMALL = {w: int(n) for w, n in NUMBER_WORDS.items() if isinstance(n, int) and n < 100}
_NUMBER_RUN = re.compile(
    r"(?i)\b(?:(?:" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r"|hundred|thousand"
    r"|million|billion)(?:[\s-]+(?:and[\s-]+)?(?=\w)|\b))+"
)
_AFTER_NUMBER = re.compile(r"\s?-?([A-Za-z°µ]+(?:\s[a-z]+)?)")


def _ordinal(n: int) -> str:
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n if n < 20 else n % 10, 'th') }"


def _words_value(words: list[str]) -> int | None:
    """``["three", "hundred", "forty"]`` -> 340; None if the words are no one number
    (``["twenty", "four", "seven"]``: "twenty-four seven" is no 31)."""
    total = current = 0
    last = None  # the previous word's value, if it was below 100
    for word in words:
        if word in _SMALL:
            value = _SMALL[word]
            if last is not None and not (last % 10 == 0 and last >= 20 and value < 10):
                return None  # only tens then ones follow each other ("twenty-four")
            current += value
            last = value
            continue
        last = None
        if word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALE_WORDS:
            total += max(current, 1) * SCALE_WORDS[word]
            current = 0
        else:
            return None
    return total + current


def _followed_by_a_unit(text: str, end: int) -> bool:
    match = _AFTER_NUMBER.match(text, end)
    if match is None:
        return False
    first = match.group(1).split()[0].lower()
    return first in UNITS or first in CURRENCY_WORDS or match.group(1).lower() in CURRENCY_WORDS


# A range of days in one month, said once for both ends: "5-8 November", "from 3 to 7 August",
# "Nov 5-8" (or an en dash) -> "5 November to 8 November".
_DAY = r"([0-3]?\d)(?:st|nd|rd|th)?"
_TO = r"\s?(?:–|—|-|to|until|till|through|thru|and)\s?"
_DAY_RANGES = (
    (re.compile(rf"(?i)\b{_DAY}{_TO}{_DAY}(?:\sof)?\s({_MONTH})\b\.?"), r"\1 \3 to \2 \3"),
    (
        re.compile(rf"(?i)\b({_MONTH})\.?\s{_DAY}{_TO}{_DAY}\b(?!\s?(?:[ap]\.?m\b|:\d|\d))"),
        r"\1 \2 to \1 \3",
    ),
)
# A count in digits or words, then a space or a hyphen: "5 ", "five-".
_COUNT = (
    r"(?i)\b(\d[\d,.]{0,24}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(\s|-)"
)
_BUSINESS_DAYS = re.compile(_COUNT + r"(?:business|working)[\s-]days?\b")
_BUSINESS_HOURS = re.compile(_COUNT + r"(?:business|working|office)[\s-]hours?\b")
_CARDINALS = {
    w: n
    for n, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], 1
    )
}
# A count joined to what it counts: "three-bedroom", "two-bed" (not "one-off", "two-thirds").
_COUNT_JOINED = re.compile(
    r"(?i)(?<!-)\b(two|three|four|five|six|seven|eight|nine|ten)-"
    r"(?!(?:thirds?|quarters?|fifths?|halves|way|fold|tier|factor|hundred|thousand|million)\b)"
    r"(?=[a-z])"
)
_TENS_ORDINALS = {
    word: 10 * n
    for n, word in enumerate(
        (
            *("tenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth"),
            *("seventieth", "eightieth", "ninetieth", "hundredth"),
        ),
        1,
    )
}
_TENS_ORDINALS.update(  # and the teens: "her sixteenth birthday"
    zip(
        (
            *("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"),
            *("sixteenth", "seventeenth", "eighteenth", "nineteenth"),
        ),
        range(11, 20),
    )
)
_TENS_ORDINAL = re.compile(r"(?i)\b(" + "|".join(_TENS_ORDINALS) + r")\b")
_FLOOR = re.compile(r"(?i)\b(?:the\s)?(\d{1,2})(?:st|nd|rd|th)[\s-]floor\b")
_FLOOR_WORD = re.compile(r"(?i)\b(?:the\s)?(" + "|".join(_ORDINAL_WORDS) + r")[\s-]floor\b")
_OCLOCK = re.compile(r"(?i)\b(\d{1,2}|[a-z]+)\s?o['’]?clock\b")
_FLOOR_CARDINALS = {
    **_CARDINALS,
    **dict(zip(("eleven", "twelve", "thirteen", "fourteen", "fifteen"), range(11, 16))),
    **dict(zip(("sixteen", "seventeen", "eighteen", "nineteen", "twenty"), range(16, 21))),
}
_FLOOR_NUMBER_WORD = re.compile(r"(?i)\bfloor\s(" + "|".join(_FLOOR_CARDINALS) + r")\b")


# "will have her sixth birthday" turns six.
_BIRTHDAY = re.compile(
    r"(?i)\b(?:will\s)?(?:have|has|having|had|celebrates?|celebrating|celebrated)\s"
    r"(?:her|his|their|its|my|our|your)\s(?:("
    + "|".join(_ORDINAL_WORDS)
    + r")|(\d{1,3})(?:st|nd|rd|th))"
    r"\sbirthday\b"
)


def _birthday(m: re.Match[str]) -> str:
    return f"turns {_ORDINAL_WORDS[m.group(1).lower()] if m.group(1) else m.group(2)}"


def _clock_hour(m: re.Match[str]) -> str:
    hour = m.group(1).lower()
    value = int(hour) if hour.isdigit() else _SMALL.get(hour)
    return f"{value}:00" if value is not None and 1 <= value <= 12 else m.group(0)


_DIGIT_WORDS = {w: n for w, n in _SMALL.items() if 0 <= n <= 9} | {"zero": 0, "oh": 0}
_DIGIT_WORD = r"(?:" + "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True)) + r"|\d)"
# "three point nine percent" is 3.9 percent; "four and a half thousand" is 4,500.
_SPOKEN_DECIMAL = re.compile(
    rf"(?i)\b({_DIGIT_WORD}|ten|eleven|twelve)\spoint((?:\s{_DIGIT_WORD}){{1,3}})\b"
)
_AND_A_HALF_SCALE = re.compile(
    rf"(?i)\b({_DIGIT_WORD}|ten|eleven|twelve|eighteen|\d{{1,3}})\sand\sa\shalf\s(thousand|million)\b"
)


def _digit(word: str) -> int:
    return int(word) if word.isdigit() else {**_DIGIT_WORDS, **_SMALL}[word.lower()]


def _decimal(m: re.Match[str]) -> str:
    return f"{_digit(m.group(1))}." + "".join(str(_digit(w)) for w in m.group(2).split())


def _and_a_half(m: re.Match[str]) -> str:
    scale = 1_000 if m.group(2).lower() == "thousand" else 1_000_000
    return f"{int((_digit(m.group(1)) + 0.5) * scale):,}"


# "a litre", "a mile": one unit of a measure; not "half a litre", "£2 a litre", "a pound".
_A_MEASURE = re.compile(
    r"(?i)\b(?:a|an)\s(?=(?:litre|liter|pint|gallon|quart|kilo|kilogram|gram|ounce|mile"
    r"|kilometre|kilometer|metre|meter|yard|tonne|acre|hectare|teaspoon|tablespoon)s?\b"
    r"|(?:cup|scoop|serving)s?\s+of\b)"
)
_PRICE_OR_PART_BEFORE = re.compile(
    r"(?i)(?:\d|half|quarter|third|of|per|"
    + "|".join(re.escape(word) for word in CURRENCY_WORDS)
    + r")\W{0,3}$"
)


def _one_measure(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 24) : match.start()]
    return match.group(0) if _PRICE_OR_PART_BEFORE.search(before) else "1 "


_OF_NEXT = re.compile(r"\s+of\b")
_COMMA_BEFORE = re.compile(r",\s*$")


_PHRASES_AND_CLOCK_PARTS = GatedSubstitutions(_PHRASES + _CLOCK_PARTS)


# One comparison reads each text twice (its facts, and the values of a kind it names).
@functools.lru_cache(maxsize=32)
def spoken_numbers(text: str) -> str:
    """``text`` with quantities said in words written in digits: "four hundred dollars" ->
    "400 dollars", "forty-five pounds" -> "45 pounds", "half past six" -> "6:30", "half an
    hour" -> "30 minutes". A lone number word without a unit after it ("the one I like") is
    left as it is."""
    text = _PHONE_GROUPS.sub(lambda m: "-".join(g for g in m.groups() if g), text)
    text = _SPOKEN_DECIMAL.sub(_decimal, text)
    text = _AND_A_HALF_SCALE.sub(_and_a_half, text)
    text = _PHRASES_AND_CLOCK_PARTS(text)
    text = _ORDINAL.sub(
        lambda m: f"{m.group(1)}{_ordinal(_DAY_ORDINALS[m.group(2).lower()])}", text
    )
    text = _ORDINAL_NOUN.sub(lambda m: f"{m.group(2)} {_ORDINAL_WORDS[m.group(1).lower()]}", text)
    text = _NUMBERED_NOUN.sub(r"\2 \1", text)  # "3rd grade" is "grade 3"
    # "a three-bedroom house" is a 3-bedroom one; "his ninetieth birthday" his 90th.
    text = _COUNT_JOINED.sub(lambda m: f"{_CARDINALS[m.group(1).lower()]}-", text)
    text = _TENS_ORDINAL.sub(lambda m: f"{_TENS_ORDINALS[m.group(1).lower()]}th", text)
    for pattern, written in _DAY_RANGES:
        text = pattern.sub(written, text)
    text = _BUSINESS_DAYS.sub(r"\1\2bdays", text)  # "5 business days" is not "5 days"
    text = _BUSINESS_HOURS.sub(r"\1\2bhours", text)
    # "the 4th floor", "the fourth floor", "third-floor": the floor's number, as "floor 4"
    text = _FLOOR.sub(r"floor \1", text)
    text = _FLOOR_WORD.sub(lambda m: f"floor {_ORDINAL_WORDS[m.group(1).lower()]}", text)
    text = _FLOOR_NUMBER_WORD.sub(lambda m: f"floor {_FLOOR_CARDINALS[m.group(1).lower()]}", text)
    text = _BIRTHDAY.sub(_birthday, text)  # "will have her sixth birthday" -> "turns 6"
    text = _OCLOCK.sub(_clock_hour, text)  # "ten o'clock" -> "10:00"
    text = _A_MEASURE.sub(_one_measure, text)  # "a litre of water" -> "1 litre of water"

    def clock(m: re.Match[str]) -> str:
        hour = m.group("hour").lower()
        part = m.group("part").lower()
        if hour in ("midnight", "noon", "midday"):  # "a quarter to midnight" is 23:45
            minutes = _MINUTES[part]
            after = 0 if hour == "midnight" else 12
            at = (after * 60 + (minutes if m.group("rel").lower() == "past" else -minutes)) % 1440
            return f"{at // 60:02d}:{at % 60:02d}"
        value = int(hour) if hour.isdigit() else _SMALL.get(hour)
        if value is None or not 1 <= value <= 12:
            return m.group(0)
        if part not in ("half", "quarter") and (
            not _CLOCK_BEFORE.search(m.string[max(0, m.start() - 8) : m.start()])
            or _UNIT_NEXT.match(m.string[m.end() :])
        ):
            return m.group(0)  # "five to seven business days" is a range
        minutes = _MINUTES[part]
        if m.group("rel").lower() == "to":
            value, minutes = (value - 2) % 12 + 1, 60 - minutes
        return f"{value}:{minutes:02d}"

    text = _SPOKEN_TIME.sub(clock, text)
    text = _HALF_HOUR.sub(lambda m: f"{_SMALL[m.group(1).lower()]}:30", text)

    def in_digits(m: re.Match[str]) -> str:
        run = m.group(0)
        trailing = run[len(run.rstrip(" -")) :]
        words = [w for w in re.split(r"[\s-]+", run.strip(" -").lower()) if w and w != "and"]
        value = _words_value(words)
        if value is None or re.search(r"\d\s*$", text[max(0, m.start() - 32) : m.start()]):
            return run  # "12 million": a scale of the number before it, read as such
        if not (len(words) > 1 or _followed_by_a_unit(text, m.end())):
            return run
        return f"{value:,}{trailing}"  # "12,000,000": a quantity, not an identifier

    text = _NUMBER_RUN.sub(in_digits, text)
    text = _HOUR_WORD_BEFORE_A_PART.sub(lambda m: f"{m.group(1)}{_SMALL[m.group(2).lower()]}", text)
    for pattern, written in _CLOCK_PARTS:
        text = pattern.sub(written, text)
    text = _PART_THEN_CLOCK.sub(_part_then_clock, text)
    text = _MINUS_WORD.sub("-", text)  # "minus 2.5" is -2.5
    return _MONEY_COMPOUND.sub(r"\1 \2s", text)  # "a 400-dollar fee" is $400


def _number(raw: str, scale: str | None = None) -> str:
    """A canonical number: ``5,000`` -> ``5000``, ``2.50`` -> ``2.5``, ``5k`` -> ``5000``."""
    text = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw) else raw
    text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return raw
    value *= SCALE_WORDS.get((scale or "").lower(), 1)
    if not math.isfinite(value):  # more digits than a float holds: the digits name it
        return re.sub(r"\D", "", raw)
    return f"{value:.6g}" if value != int(value) else str(int(value))


def _unit_after(text: str, end: int) -> tuple[str | None, int]:
    """The unit right after a number (``kg``, ``hours``, ``GB``), canonical, and its end."""
    match = re.match(r"\s?-?([A-Za-z°µ]+(?:/[A-Za-z]+)?)\b", text[end:])
    if match and match.group(0).startswith("-") and re.fullmatch(r"[A-Z]", match.group(1)):
        return None, end  # "order 7741-B": a letter joined to a number is part of its name
    if match:
        bits = re.fullmatch(r"([KMGT])b(/s)?", match.group(1))  # "Mb/s" is bits, "MB/s" bytes
        if bits:
            rate = f"{bits.group(1).lower()}" + ("bps" if bits.group(2) else "bit")
            return rate, end + match.end()
        unit = UNITS.get(match.group(1).lower())
        if match.group(1).lower() == "in" and _IN_BEFORE_A_PHRASE.match(text, end + match.end()):
            return None, end  # "twelve in the room", "8 in every 100": not inches
        if unit is not None:
            return unit, end + match.end()
    return None, end


_GLUED_PARTS = re.compile(r"(?i)(?:[-/.][0-9a-z]+)+\b")  # "desk 3-17": the "-17"
_IN_BEFORE_A_PHRASE = re.compile(
    r"(?i)\s+(?:(?:the|a|an|every|each|all|total|his|her|their|our|my|its|spring|summer"
    r"|autumn|fall|winter)\b|\d|(?-i:[A-Z][a-z]))"
)  # "a new one in 2021", "1 in 5", "turns six in March": no inches


# Capitals glued to a number that keep it a value: scales ("12K", "3M") and unit symbols
# ("28C", "60W", "12V", "2L", "10A").
_GLUED_VALUES = "KMCFWVLA"


_PER_MEASURE = re.compile(r"(?i)(?:\s*\b(?:per|a|an|each)\s+|\s?/\s?)([a-z]+)\b")
# A noun after "a second" (not "a second before", "a second or two").
_NOUN_NEXT = re.compile(
    r"\s+(?!(?:of|or|and|to|in|on|at|for|before|after|later|longer|ago|per|each|every|too)\b)"
    r"[a-z]"
)
_TIME_UNITS = frozenset({"ms", "sec", "min", "hour", "day", "week", "month", "year"})
# A floor said as where the subject is ("is on floor 12", "moved to floor 9").
_ON_A_FLOOR = re.compile(
    r"\b(?:is|are|was|were|be|been|live|lives|lived|living|moved|relocated|located|based|sits?"
    r"|works?|worked|working)"
    r"\s+(?:[a-z]+\s+){0,3}?(?:on|to)\s+floor$"
)
# Nouns a number before them names after "the": "the 42 bus", "the 7 train".
_ROUTE_NOUNS = frozenset({"bus", "train", "tram", "line", "route", "flight", "ferry"})
# How far back from a number its readers look (the noun that names it, "a" after a count,
# the words that open the text): a window, so a text of many numbers is read in linear time.
_LOOK_BACK = 80


class _Reader:
    """One pass over a text that claims spans for values and identifiers, then words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.claimed = [False] * len(text)
        self.values: set[str] = set()
        self.ids: set[str] = set()
        self.attributive: set[str] = set()
        self.clock24: set[str] = set()

    def free(self, start: int, end: int) -> bool:
        return not any(self.claimed[start:end])

    def claim(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.claimed[i] = True

    def read(self) -> None:
        for pattern, handler in (
            (_QUALIFIER, self._qualifier),
            (_FREQUENCY, self._frequency),
            (_MONEY, self._money),
            (_TIME, self._time),
            (_DATE, self._date),
            (_PERCENT, self._percent),
            (_IDENT, self._ident),
            (_NUMBER, self._number),
        ):
            for match in pattern.finditer(self.text):
                if self.free(*match.span()):
                    handler(match)

    def _qualifier(self, m: re.Match[str]) -> None:
        """A quarter, month or year that qualifies a noun ("the Q2 target", "the April
        invoice") names the subject: an identifier, not a value."""
        noun = m.group("noun").lower()
        if noun in STOP_WORDS or noun in QUANTITY_WORDS or not can_be_a_noun(noun):
            return
        self.ids.add(_qualifier_value(m.group("q")))
        self.claim(*m.span("q"))

    def _frequency(self, m: re.Match[str]) -> None:
        unit = m.group("unit").lower()
        article = (m.group("article") or "").lower()
        if unit == "second" and article == "every":
            return  # "every second Friday": every other one
        if unit in ("min", "sec") and article:
            return  # "a min" is no rate; "req/min" is
        if unit == "second" and article in ("a", "an") and _NOUN_NEXT.match(self.text, m.end()):
            return  # "a second child", "a second region": which one, not how long
        before = self.text[max(0, m.start() - _LOOK_BACK) : m.start()]
        if article in ("a", "an") and (
            _DURATION_BEFORE.search(before) or not _RATE_BEFORE.search(before)
        ):
            self.values.add(f"num:1:{UNITS.get(unit, unit)}")  # "within an hour": a duration
        else:
            self.values.add(f"every:{FREQUENCIES[unit]}")
        self.claim(*m.span())

    def _money(self, m: re.Match[str]) -> None:
        if m.group("sign"):
            currency, amount, scale = _CURRENCY_SIGNS[m.group("sign")], m.group("a"), m.group("as")
            if m.group("of") and m.group("sign") == "$":
                currency = _DOLLAR_OF[m.group("of").lower()]
        elif m.group("rand"):
            currency, amount, scale = "zar", m.group("rand"), None
        elif m.group("code"):
            currency, amount, scale = m.group("code").lower(), m.group("b"), m.group("bs")
        else:
            word = " ".join(m.group("word").lower().split())
            currency = CURRENCY_WORDS.get(word, word)
            amount, scale = m.group("c"), m.group("cs")
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", amount):  # "R$ 650.000", "€1.500": thousands
            amount = amount.replace(".", "")
        self.values.add(f"money:{currency}:{_number(amount, scale)}")
        self.claim(*m.span())
        # A price per unit of measure: "£2 per kilo" is not "£2 a pound".
        per = _PER_MEASURE.match(self.text, m.end())
        unit = UNITS.get(per.group(1).lower()) if per else None
        if per and unit in MEASURE_UNITS and unit not in _TIME_UNITS:
            self.values.add(f"per:{unit}")
            self.claim(*per.span())

    def _time(self, m: re.Match[str]) -> None:
        if m.group("word"):
            hour, minute = (0, 0) if m.group("word").lower() == "midnight" else (12, 0)
        elif m.group("ap"):
            hour, minute = int(m.group("h")) % 12, int(m.group("m") or 0)
            hour += 12 if m.group("ap").lower().startswith("p") else 0
        else:
            hour, minute = int(m.group("h24")), int(m.group("m24"))
            if 1 <= hour <= 11 and not m.group("h24").startswith("0"):  # "5:00", not "05:00"
                self.values.add(f"{AMBIGUOUS_TIME}{hour:02d}:{minute:02d}")
            elif hour >= 13:
                self.clock24.add(f"time:{hour:02d}:{minute:02d}")
        self.values.add(f"time:{hour:02d}:{minute:02d}")
        self.claim(*m.span())

    def _date(self, m: re.Match[str]) -> None:
        if m.group("y"):
            value = f"date:{int(m.group('mo')):02d}-{int(m.group('d')):02d}"
            self.values.add(f"year:{m.group('y')}")
        elif m.group("mn"):
            value = f"date:{MONTHS[m.group('mn')[:3].lower()]:02d}-{int(m.group('md')):02d}"
            if m.group("my"):
                self.values.add(f"year:{m.group('my')}")
        elif m.group("dmn"):
            value = f"date:{MONTHS[m.group('dmn')[:3].lower()]:02d}-{int(m.group('dm')):02d}"
            if m.group("dmy"):
                self.values.add(f"year:{m.group('dmy')}")
        elif m.group("sa"):
            year = m.group("sy")
            self.values.add(f"year:{year if len(year) == 4 else '20' + year}")
            first, second = int(m.group("sa")), int(m.group("sb"))
            value = f"slashdate:{first}/{second}"
            if first > 12 >= second:  # "20/09/2025" can only be the 20th of September
                value = f"date:{second:02d}-{first:02d}"
            elif second > 12 >= first:  # "09/20/2025" only September 20
                value = f"date:{first:02d}-{second:02d}"
        elif m.group("nth"):
            value = f"day:{int(m.group('nth'))}"
        else:
            value = f"quarter:{m.group('q').lower()}"
        self.values.add(value)
        self.claim(*m.span())

    def _percent(self, m: re.Match[str]) -> None:
        self.values.add(f"percent:{_number(m.group('n'))}")
        self.claim(*m.span())

    def _ident(self, m: re.Match[str]) -> None:
        if m.group("ip") or m.group("tag"):  # "10.1.11.1" is not "10.11.1.1"
            self.ids.add(f"ip:{m.group('ip')}" if m.group("ip") else m.group("tag").lower())
            self.claim(*m.span())
            return
        if m.group("code"):
            self.ids.add(f"{m.group('code').lower()}{m.group('codenum')}")
            self.claim(*m.span())
            return
        raw = m.group("hash") or m.group("digits") or m.group("mixed") or m.group("alnum")
        if m.group("alnum") and _looks_like_a_value(raw):
            return
        if m.group("mixed") and (_a_quantity(raw) or _COUNTED.fullmatch(raw)):
            return  # "30-second", "2-hour", "3-bedroom", "5-a-side": a value
        self.ids.add(re.sub(r"[^a-z0-9]", "", raw.lower()))
        self.claim(*m.span())

    def _names_a_model(self, start: int, end: int, unit: str | None, label: str) -> bool:
        """A number after the names that open the text names which one it is: "Zoe's
        Garmin Forerunner 255 needs an update", "The ThinkPad X1 Carbon Gen 10 supports ..."."""
        if unit is not None or re.fullmatch(r"(?:19|20)\d\d", label) or start > _LOOK_BACK:
            return False
        opening = _OPENING_NAMES.fullmatch(self.text[:start])
        if opening is None:
            return False
        word = opening.group("last").lower()
        if (
            word in UNITS
            or word[:3] in MONTHS
            or word[:3] in WEEKDAYS
            or word in COMMON_CAPITALISED
        ):
            return False
        if not _is_name(opening.group("last"), word, self.text, opening.start("last")):
            return False
        self.ids.add(f"{word}:{label}")
        self.claim(start, end)
        return True

    def _number(self, m: re.Match[str]) -> None:
        start, end = m.span()
        before = self.text[max(0, start - _LOOK_BACK) : start].rstrip().lower()
        # "ticket #4410", "the card ending in 4471": the noun the number names
        noun = re.search(r"([a-z]+)\.?\s*(?:no\.?|number|#|ending(?:\s(?:in|with))?)?\s*$", before)
        unit, unit_end = _unit_after(self.text, end)
        # "the user 35 minutes" is a duration; "seat 14C" is no temperature
        measure = unit in MEASURE_UNITS and (self.text[end : end + 1] == " " or unit_end - end > 1)
        # The letter after a number that names a thing is part of its name: "gate 4B",
        # "apartment 12K" (not twelve thousand).
        letter = re.match(r"[A-Za-z](?!\w)", self.text[m.end("n") :])
        label = _number(m.group("n")) + (letter.group(0).lower() if letter else "")
        named_end = m.end("n") + (1 if letter else 0)
        glued = re.match(r"[A-Z](?!\w)", self.text[m.end("n") :])
        if glued and glued.group(0) not in _GLUED_VALUES and not m.group("scale"):
            # "classroom 3B", "5G": a capital glued to a number names a thing
            self.ids.add(f"{_number(m.group('n'))}{glued.group(0).lower()}")
            self.claim(start, m.end("n") + 1)
            return
        after = re.match(r"\s([a-z]+)\b", self.text[end:])
        if (
            after
            and after.group(1) in _ROUTE_NOUNS
            and re.search(r"\bthe$", before)
            and not m.group("scale")
        ):  # "the 42 bus", "the 7 train": the number names the route
            self.ids.add(f"{after.group(1)}:{label}")
            self.claim(start, end + len(after.group(0)))
            return
        if noun and noun.group(1) == "floor" and _ON_A_FLOOR.search(before):
            # "The office is on the 12th floor": where the subject is, a value; "the printer
            # on the 2nd floor" names a printer.
            self.values.add(f"floor:{label}")
            self.claim(start, max(end, named_end))
            return
        ending = re.search(r"\bending(?:\s(?:in|with))?\s*$", before)  # "key ending 7781"
        if noun and (noun.group(1) in ID_NOUNS or ending) and not measure:
            # "desk 3-17", "bay 4/2": the parts glued on are the identifier's
            rest = _GLUED_PARTS.match(self.text, named_end)
            if rest and not letter:
                label += rest.group(0).lower()
                named_end = rest.end()
            self.ids.add(f"{noun.group(1)}:{label}")
            self.claim(start, max(end, named_end))
            return
        if not m.group("scale") and self._names_a_model(start, end, unit, label):
            return
        if not m.group("scale") and _STREET_AFTER.match(self.text, end):
            self.ids.add(f"address:{label}")  # "24 Harbour Road": the house, not a count
            self.claim(start, end)
            return
        leading = _LEADING_NOUNS.fullmatch(self.text[:start]) if start <= _LOOK_BACK else None
        if (
            leading
            and not m.group("scale")
            and not measure
            and not re.fullmatch(r"(?:19|20)\d\d", m.group("n"))
            and _names_a_thing(leading.group("words").split())
        ):  # "Fleet van 17 is due", "Subscription 7781 renews": the number names the subject
            self.ids.add(f"{leading.group('words').split()[-1].lower()}:{label}")
            self.claim(start, max(end, named_end))
            return
        digits = re.sub(r"\D", "", m.group("n"))
        counted = re.match(r"\s([a-z]+s)\b", self.text[end:])  # "10000 steps": a count
        if (
            len(digits) >= 5
            and not m.group("scale")
            and "," not in m.group("n")
            and not measure
            and not (counted and usually_a_noun(counted.group(1)))
        ):
            self.ids.add(digits)
            self.claim(start, end)
            return
        number = _number(m.group("n"), m.group("scale"))
        if (
            re.fullmatch(r"(?:19|20)\d\d", number)
            and not m.group("scale")
            and "," not in m.group("n")
            and unit in (None, "in")
        ):  # "in 2024", "2008 in Dublin", not "2,000 sqft"
            self.values.add(f"year:{number}")
            self.claim(start, end)
            return
        unit, unit_end = _unit_after(self.text, end)
        if unit is None and re.match(r"-[a-z]{3,}", self.text[end:]):
            unit = "counted"  # "a 7-dose course": a count of something, not "7 days"
        if _MINUS.search(self.text, max(0, start - 12), start) and not _RANGE_BEFORE.search(
            self.text, max(0, start - 16), start
        ):
            number = f"-{number}"  # "-2 degrees", "minus 2.5": below zero
        value = f"num:{number}" + (f":{unit}" if unit else "")
        self.values.add(value)
        self.claim(start, unit_end)
        per = _PER_MEASURE.match(self.text, unit_end) if unit else None
        per_unit = UNITS.get(per.group(1).lower()) if per else None
        if per and per_unit in MEASURE_UNITS and per_unit not in _TIME_UNITS:
            self.values.add(f"per:{per_unit}")  # "5 minutes per kilometre" / "... per mile"
            self.claim(*per.span())
        noun = _NOUN_AFTER.match(self.text, unit_end)
        if (
            unit
            and noun
            and _DETERMINER_BEFORE.search(self.text, max(0, start - _LOOK_BACK), start)
        ):
            word = noun.group(1).lower()
            if word not in STOP_WORDS and word not in UNITS and can_be_a_noun(word):
                self.attributive.add(value)


# The hours (from, to) of each part of the day that a clock time can say on its own.
_DAYPART_HOURS = {
    "morning": ((5, 12),),
    "afternoon": ((12, 18),),
    "evening": ((17, 24),),
    "night": ((20, 24), (0, 5)),
}


# A part of the day that tells a number's time: "8 in the morning", "10 at night" (not "10
# minutes every morning" or "7 hours a night").
_DAYPART_AFTER_NUMBER = re.compile(
    r"(?i)(?:\d|\b(?:"
    + "|".join(NUMBER_WORDS)
    + r"))(?:\s?[ap]\.?m\.?)?\s+(?:in\s+the|at|this|on\s+\w+)?\s*$"
)
_VERB_FORMS_OF_A_NOUN = frozenset({"falls", "falling", "fallen"})
_NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "none", "nobody", "nothing"})
_NEGATOR_BEFORE = re.compile(r"(?i)(?:\bnot|\bnever|n['’]t)\s+(?:(?:been|be|yet|ever)\s+)?$")
# A unit named without a number: "displays distance in miles", "logs weight in pounds".
_IN_A_UNIT = re.compile(
    r"(?<!\d )\bin\s([a-z]{2,})\b(?!\s+(?:\d|of\b|(?:" + "|".join(NUMBER_WORDS) + r")\b))"
)  # not "in year 3", "in steps of 8"
_WORD_NEXT = re.compile(r"\s+[a-z]")
# "the cancelled flight", "refunds for cancelled classes": which ones, not that they are not.
_DETERMINER_RIGHT_BEFORE = re.compile(
    r"(?i)\b(?:the|a|an|this|that|his|her|their|my|our|your|its|any|all|for|on|of|with)\s$"
)
_EVERY_BEFORE = re.compile(r"(?i)\b(?:every|each)\s$")


def _without_implied_dayparts(values: set[str]) -> set[str]:
    """``values`` without a part of the day that one of its times already says: "9:30 in the
    morning" is "9:30 am". "9:30 in the evening" keeps its part (9:30 reads as 09:30)."""
    for marker in [v for v in values if v.startswith(AMBIGUOUS_TIME)]:
        hour, minute = marker[len(AMBIGUOUS_TIME) :].split(":")
        later = int(hour) + 12
        for part in [v for v in values if v.startswith("daypart:")]:
            if any(low <= later < high for low, high in _DAYPART_HOURS.get(part[8:], ())):
                values = (values - {f"time:{hour}:{minute}", marker}) | {
                    f"time:{later:02d}:{minute}"
                }
    hours = [int(v[5:7]) for v in values if v.startswith("time:")]
    return {
        v
        for v in values
        if not (
            v.startswith("daypart:")
            and any(
                low <= hour < high for hour in hours for low, high in _DAYPART_HOURS.get(v[8:], ())
            )
        )
    }


_MONEY_COMPOUND = re.compile(r"(?i)\b(\d[\d,.]{0,24})-(dollar|euro|pound|rupee|franc)s?\b")
# A number joined to the words it counts: "3-bedroom", "3-year-old", "5-a-side".
_COUNTED = re.compile(r"\d{1,4}(?:-(?:a|[a-z]{3,})){1,3}")


def _a_quantity(token: str) -> bool:
    """``30-second``, ``2-hour``, ``5-km``: a number and a unit joined by a hyphen."""
    match = re.fullmatch(r"(?i)\d+(?:\.\d+)?-([a-z]+)", token)
    return match is not None and match.group(1).lower() in UNITS


def _looks_like_a_value(token: str) -> bool:
    """``5kg``, ``10am``, ``2nd``, ``5k``, ``30s``: a number with a unit, not an identifier."""
    match = re.fullmatch(r"(?i)(\d+)([a-z]{1,3})", token)
    if match is None:
        return False
    suffix = match.group(2).lower()
    return suffix in UNITS or suffix in ("st", "nd", "rd", "th", "am", "pm", "k", "m", "bn", "x")


def read_fact(text: str) -> Fact:
    """The comparable parts of ``text``."""
    text = spoken_numbers(text)
    reader = _Reader(text)
    reader.read()
    for match in _COMPOUND.finditer(text):
        if reader.free(*match.span()):
            tens, ones = (NUMBER_WORDS[g.lower()] for g in match.groups())
            reader.values.add(f"num:{int(tens) + int(ones)}")
            reader.claim(*match.span())
    for match in _NTH_OF_A_PERIOD.finditer(text):  # "the first Saturday", "the last week"
        if reader.free(*match.span(1)):
            word = match.group(1).lower()
            reader.values.add(f"nth:{_ORDINAL_WORDS.get(word, 'last')}")
            reader.claim(*match.span(1))
    for match in _PRONOUNS.finditer(text):  # "she/her", "they/them": a value
        if reader.free(*match.span()):
            reader.values.add(f"pronouns:{match.group(1).lower()}")
            reader.claim(*match.span())
    modality: set[str] = set()
    for pattern, kind in _MODAL_IDIOMS:  # "can't merge without", "isn't really my thing"
        for match in pattern.finditer(text):
            if reader.free(*match.span("neg")) and reader.free(*match.span("end")):
                modality.add(kind)
                reader.claim(*match.span("neg"))
                reader.claim(*match.span("end"))
                if kind == "requirement":  # "No contract can go out without": no permission
                    for modal in _MODAL_IN_RULE.finditer(text, *match.span()):
                        reader.claim(*modal.span())
    # "Email, not phone, is preferred", "uses Slack, not Teams.": "not" sets apart
    for match in _CONTRASTING_NOT.finditer(text):
        if _PREFERRING.search(text) or _SET_APART.match(text, match.end()):
            reader.claim(*match.span(1))
    for phrase, kind in _MODALITY_PHRASES:  # "has to", "can't stand": before their words
        for match in phrase.finditer(text):
            if reader.free(*match.span()):
                modality.add(kind)
                reader.claim(*match.span())
    values, ids = set(reader.values), set(reader.ids)
    names: set[str] = set()
    name_positions: list[tuple[str, float]] = []
    acronyms: set[str] = set()
    capitalised: set[str] = set()
    words: list[str] = []
    forms: list[tuple[str, str]] = []
    lowered = text.lower()
    negated = free_of = False
    negations = undone = 0  # "was not cancelled": a "not" that undoes a negating word
    # "turned off", "is shut down": the state is the value, its words are no content words
    switched = [(m.start(), m.end()) for _, p in _STATES for m in p.finditer(text)]
    for match in _WORD.finditer(text):
        start, end = match.span()
        if not reader.free(start, end) or any(a <= start and end <= b for a, b in switched):
            continue
        raw = match.group(0).replace("’", "'")
        low = raw.lower()
        base = low[:-2] if low.endswith("'s") else low
        if base in NUMBER_WORDS:
            if base == "one" and _OF_NEXT.match(text, end) and _COMMA_BEFORE.search(text, 0, start):
                continue  # "Acme, one of the user's clients, ...": which, not how many
            unit, _ = _unit_after(text, end)
            values.add(f"num:{NUMBER_WORDS[base]}" + (f":{unit}" if unit else ""))
            continue
        if (
            base[:3] in WEEKDAYS
            and re.fullmatch(WEEKDAYS[base[:3]], base)
            and (raw[0].isupper() or "day" in base)  # "full sun", "sat down": no weekday
        ):
            values.add(f"weekday:{base[:3]}")
            fortnightly = re.search(
                r"(?i)\bfortnightly\s(?:on\s)?$", text[max(0, start - 16) : start]
            )
            if not fortnightly and (
                base.endswith("s")
                or re.search(r"(?i)\b(?:every|each)\s$", text[max(0, start - 6) : start])
            ):
                values.add("every:weekly")  # "on Tuesdays", "every Tuesday": a weekly event
            continue
        if (
            base[:3] in MONTHS
            and re.fullmatch(_MONTH + r"\.?", base)
            and (
                (
                    base != "may"
                    and (
                        len(base) > 4
                        or base == "july"  # no one's name, unlike June
                        or re.search(r"\d", text[max(0, start - 4) : end + 4])
                    )
                )
                or (raw[0].isupper() and _BEFORE_MONTH.search(text[max(0, start - 12) : start]))
                or (
                    raw == "May"
                    and (
                        _AFTER_MONTH.match(text, end)
                        or re.search(r"\bfor\s$", text[max(0, start - 4) : start])
                    )
                )
            )
        ):  # "Jan" alone is a name; "Jan 5", "January", "July" and "in May" are months
            values.add(f"month:{MONTHS[base[:3]]:02d}")
            continue
        if base in DAYPARTS and (
            _DAYPART_AFTER_NUMBER.search(text[max(0, start - 24) : start])
            or DAYPARTS[base] in FREQUENCIES.values()
        ):
            kind = "every" if DAYPARTS[base] in FREQUENCIES.values() else "daypart"
            values.add(f"{kind}:{DAYPARTS[base]}")
            continue
        if (
            base in DAYPARTS
            and _EVERY_BEFORE.search(text[max(0, start - 8) : start])
            and any(v.startswith(AMBIGUOUS_TIME) for v in values)
        ):
            # "Each morning she meditates at 5:15": 5:15 am (the word stays a content word)
            values.add(f"daypart:{DAYPARTS[base]}")
        if _is_name(raw, base, text, start):
            if re.fullmatch(r"[A-Z]{2,6}s", raw):  # "AZs", "DSARs": the plural of an acronym
                raw, base = raw[:-1], base[:-1]
            names.add(base)
            if raw.isupper() and len(raw) >= 2:
                acronyms.add(base)
            name_positions.append((base, start / max(1, len(text))))
            continue
        attributive = (  # "the cancelled flight": which flight, not that it is not
            low.endswith("ed")
            and _DETERMINER_RIGHT_BEFORE.search(text[max(0, start - 8) : start])
            and _WORD_NEXT.match(text, end)
        )
        if (low in NEGATIONS and not attributive) or low.endswith("n't"):
            negations += 1
            if low not in _NEGATORS and _NEGATOR_BEFORE.search(text[max(0, start - 24) : start]):
                undone += 1  # "has not been cancelled", "wasn't disabled", "did not quit"
                negations -= 1
            if low.endswith("n't") and low[:-3] in MODALITY:  # "mustn't", "shouldn't"
                modality.add(MODALITY[low[:-3]])
            continue
        if re.fullmatch(r"non-[a-z]+(?:ers?|ians?|ists?)", low):  # "a non-smoker": no smoker
            negated = True
            base = low = base[4:]
        if re.fullmatch(r"[a-z]{3,}-free", low):  # "gluten-free": no gluten ("not X-free": X)
            free_of = not free_of
            base = low = base[:-5]
        kinds = MODALITY.get(low) or MODALITY.get(_stem(low))
        if kinds:
            modality.add(kinds)
            continue
        if base in STOP_WORDS or len(base) < 2 or _CHANGE_WORD.fullmatch(base):
            continue
        word = _stem(_unaccented(base.replace("'", "")))
        if base not in _VERB_FORMS_OF_A_NOUN:  # "falls on June 14" is no autumn
            word = synonyms().get(word, word)
        words.append(word)
        forms.append((word, base))
        if raw[0].isupper():
            capitalised.add(word)
    values = _without_implied_dayparts(values)
    if _YEARLY_OCCASION.search(text):  # "each Christmas", "every autumn": once a year
        values.add("every:yearly")
    named_units = set()  # "shows weight in pounds": the unit is a value, not a word
    for unit_word in _IN_A_UNIT.finditer(text):
        unit = UNITS.get(unit_word.group(1))
        if unit is not None and not any(v.endswith(f":{unit}") for v in values):
            # "pace in minutes per mile" / "... per kilometre": both units are the value
            per = _PER_MEASURE.match(text, unit_word.end())
            per_unit = UNITS.get(per.group(1).lower()) if per else None
            values.add(f"in:{unit}" + (f"/{per_unit}" if per_unit else ""))
            named_units.add(unit_word.group(1))
            if per and per_unit:
                named_units.add(per.group(1).lower())
    if named_units:
        forms = [(word, base) for word, base in forms if base not in named_units]
        words = [word for word, _ in forms]
    for state, pattern in _STATES:
        if pattern.search(text):
            values.add(f"state:{state}")
    return Fact(
        words=tuple(words),
        values=frozenset(values),
        names=frozenset(names),
        ids=frozenset(ids),
        negated=(negated or negations > undone or bool(_NEGATING_PHRASE.search(lowered)))
        != free_of,
        modality=frozenset(_lifted(modality, lowered)),
        change=_says_a_change(lowered),
        name_positions=tuple(name_positions),
        acronyms=frozenset(acronyms),
        capitalised=frozenset(capitalised),
        forms=tuple(dict.fromkeys(forms)),
        attributive=frozenset(reader.attributive & values),
        clock24=frozenset(reader.clock24 & values),
    )


# A negation and what undoes it, read as one modality: "can't be merged until it has two
# approvals" is a requirement; "isn't really my thing", "not to her taste" a dislike.
_MODAL_IDIOMS = (
    (
        re.compile(
            r"(?i)\b(?P<neg>can(?:not|['’]t)|can\s+not|won['’]t|will\s+not|may\s+not|must\s+not"
            r"|mustn['’]t|no|never|(?:(?:is|are|am|was|were)(?:n['’]t|\s+not)|not)\s+"
            r"(?:allowed|permitted))\b[^.;:!?,]{1,60}?\b(?P<end>without|until|till|unless)\b"
        ),
        "requirement",
    ),
    (  # "Without a quiet room, the user can't focus": the user needs one to focus
        re.compile(
            r"(?i)^\s*(?P<end>without)\b[^,.;:!?]{1,60},\s*[^,.;:!?]{1,40}?\b(?P<neg>"
            r"(?:does|do|can|could|will|would|is|are)(?:n['’]t|\s+not)|cannot|can['’]t|won['’]t"
            r"|(?:is|are)\s+unable\s+to)\b"
        ),
        "requirement",
    ),
    (
        re.compile(
            r"(?i)\b(?:is|are)(?P<neg>n['’]t|\s+not)\s+(?:really\s+|quite\s+)?"
            r"(?:[\w'’]+\s+){0,2}(?P<end>thing|cup\s+of\s+tea)\b"
        ),
        "dislike",
    ),
    (
        re.compile(r"(?i)\b(?P<neg>not)\s+(?:really\s+)?to\s+(?:[\w'’]+\s+){1,2}(?P<end>taste)\b"),
        "dislike",
    ),
    (  # "is not a morning person": one who does not like mornings
        re.compile(
            r"(?i)\b(?:is|am|are)(?P<neg>n['’]t|\s+not)\s+(?:really\s+)?an?\s+[\w-]+\s+"
            r"(?P<end>person|people)\b"
        ),
        "dislike",
    ),
)
_MODAL_IN_RULE = re.compile(r"(?i)\b(?:can|may|could|will|would)\b")
_PRONOUNS = re.compile(
    r"(?i)\b(she|he|they|xe|ze|it)\s?/\s?(?:her|him|them|hers|his|theirs|xem|zir|its)\b"
)
# A sentence that prefers one thing to another, in which ", not" sets the other apart.
_PREFERRING = re.compile(r"(?i)\b(?:prefer\w*|rather|instead|favou?rite|choice)\b")
_CONTRASTING_NOT = re.compile(r"(?i),\s*(not)\b(?!\s+(?:only|just|even|yet)\b)")
# A short noun phrase ending a clause after ", not": "..., not Teams," / "..., not email."
_SET_APART = re.compile(r"(?i)\s+(?:the\s|an?\s)?[\w-]+(?:\s[\w-]+)?\s*(?:[,.;]|$)")

# An occasion that comes once a year, said with "every" or "each".
_YEARLY_OCCASION = re.compile(
    r"(?i)\b(?:every|each)\s(?:christmas|easter|thanksgiving|hanukkah|diwali|eid"
    r"|new\syear(?:'s)?|summer|winter|spring|autumn|fall|birthday)\b"
)

# Phrases that negate what follows: "no longer", "has done away with", "prevents the user
# from driving" (the user cannot drive).
_NEGATING_PHRASE = re.compile(
    r"\bno longer\b|\b(?:do|does|did|done|doing)\saway\swith\b|\banything but\b|\boff the menu\b"
    r"|\bstruck\s(?:from|off|out)\b"
    r"|\b(?:prevent|keep|stop|bar|block)(?:s|ed|ped|red)?\s(?:[\w'’-]+\s){1,4}?from\s[a-z]+ing\b"
)
_LIFTED_BAN = re.compile(r"\blift(?:s|ed|ing)?\s(?:(?:the|its|their|his|her|a)\s)?ban\b")


def _lifted(modality: set[str], lowered: str) -> set[str]:
    """A ban lifted is a permission ("has lifted its ban on photography")."""
    if "prohibition" in modality and _LIFTED_BAN.search(lowered):
        return (modality - {"prohibition"}) | {"permission"}
    return modality


def _is_name(raw: str, base: str, text: str, start: int) -> bool:
    """A capitalised word that is not a common word opening a sentence: a name."""
    if not raw[0].isupper() or base in COMMON_CAPITALISED:
        return False
    if raw.isupper() and len(raw) >= 2:
        return True  # an acronym: AWS, HR, EU
    if start == 0 or _SENTENCE_START.search(text, max(0, start - 8), start):
        return base not in STOP_WORDS and base not in MODALITY and not _is_common(base)
    return True


def _is_common(word: str) -> bool:
    return (
        word in STOP_WORDS
        or word in NEGATIONS
        or word in CHANGE_WORDS_AT_START
        or word in example_words()
        or is_ordinary_word(word)
    )


_CHANGE_CUE = re.compile("|".join(f"(?:{cue})" for cue in CHANGE_CUES))
# What must be done is no change yet: "has to be finished by", "is not permitted to be moved".
_OBLIGED_BE = re.compile(r"\b(?:to|must|should|shall|cannot|can't|may not)\s(?:not\s)?be\s$")


def _says_a_change(lowered: str) -> bool:
    return any(
        not _OBLIGED_BE.search(lowered, max(0, m.start() - 24), m.start())
        for m in _CHANGE_CUE.finditer(lowered)
    )


@functools.cache
def synonyms() -> dict[str, str]:
    """Each inflected form of a word in ``SYNONYM_GROUPS`` (stemmed) -> its group's first
    word, so "resides" and "lives" read alike."""
    canonical: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        for word in group:
            forms = {word, word + "s", word + "es", word + "ed", word + "ing"}
            if word.endswith("e"):  # "closed", "closing"; not "band" for "ban"
                forms |= {word + "d", word[:-1] + "ing"}
            if word.endswith("y"):
                forms |= {word[:-1] + "ies", word[:-1] + "ied"}
            forms |= set(irregular_forms(word))  # "bought" as "buy"
            for form in forms:
                canonical.setdefault(_stem(form), _stem(group[0]))
    return canonical


_ADDRESS = re.compile(r"\S+@\S+|\b\w+://\S+")  # "tomasz@example.com" holds no words


@functools.cache
def example_words() -> frozenset[str]:
    """The words written in lower case inside the category examples ("signup", "repo"): with
    the dictionary's words, a capitalised one of these opening a sentence is an ordinary word,
    not a name."""
    words: set[str] = set()
    with EXAMPLES_PATH.open(encoding="utf-8") as f:
        for line in f:
            text = _ADDRESS.sub(" ", json.loads(line)["text"])
            words.update(w for w in _WORD.findall(text) if w.islower())
    return frozenset(words)


CHANGE_WORDS_AT_START = frozenset(
    ["now", "correction", "update", "actually", "starting", "effective", "going", "as"]
)


def _unaccented(word: str) -> str:
    """``word`` without accents: "café" is "cafe"."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _stem(word: str) -> str:
    """A light stemmer: plural, -ing, -ed and possessive endings."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                continue
            return word[: -len(suffix)] + keep
    return word
