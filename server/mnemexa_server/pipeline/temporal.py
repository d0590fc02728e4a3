"""Temporal classification: is a memory a durable fact or a time-bound state?

A memory is ``temporal`` when an expression bounds it in time. ``valid_until`` is the end
(23:59:59 UTC) of the last day the expression covers, resolved against the time of the store.
Weeks run Monday to Sunday. The conventions, which ``tests/data/temporal.jsonl`` is labelled by:

| expression | last day |
|---|---|
| today, tonight, this morning, EOD, for the rest of the day | the day of the store |
| tomorrow / the day after tomorrow | +1 / +2 days |
| until, by, on, this + weekday ("until Friday") | that weekday, on or after today |
| next + weekday | that weekday, strictly after today |
| weekday + "next week" | that weekday in next week |
| this week, this weekend, until the weekend | Sunday of this week |
| end of week, EOW | Friday of this week |
| next week / the week after next | Sunday of next week / of the week after |
| this sprint / next sprint | sprints are two weeks from this Monday: Sunday of next week / +14 |
| for (the next) N hours, days, weeks, months, years; in / within N ... | now + N (months by calendar) |
| until 2026-12-01, until Dec 1, by 3 March, an upcoming ISO date | that date (next one if no year) |
| until the 5th, back on the 12th | the next 5th (today included) |
| end of Q1, through Q2, until Q3 / this quarter / next quarter | that quarter's last day |
| this month, EOM / next month / until March, through March | that month's last day |
| this year, EOY / until 2027 | 31 December |
| temporarily, for now, until further notice | temporal, no known end |

An expression introduced by "starting", "from", "as of", "effective" or "since" starts a fact that
then persists ("starting next week, standups are at 10"), and an expression in the past
("3 days ago", "we have worked together for 5 years") bounds nothing: both are ``persistent``.
A past date is history too, except after "until" ("closed until 2020-01-02"): that memory is
``temporal`` and already expired.
Dates like birthdays and anniversaries recur, so they are never bounds either. Explicit dates are
read by ``dateutil``; relative expressions are resolved here, because general-purpose parsers
resolve "the 5th", "next week" and "end of Q1" differently from the conventions above.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable, Optional, Union

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_ABBRS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS = {**_MONTH_NAMES, **_MONTH_ABBRS, "sept": 9}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "thirty": 30,
    "couple of": 2,
    "few": 3,
}


class _NoEnd:
    """Temporal, but the text names no end."""


NO_END = _NoEnd()
Bound = Union[date, datetime, _NoEnd, None]  # None: not a bound after all


@dataclass(frozen=True)
class TemporalInfo:
    type: str  # "persistent" or "temporal"
    raw_text: Optional[str]
    valid_until: Optional[datetime]


def end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=timezone.utc)


def _weekday_on_or_after(today: date, weekday: int, *, strictly: bool = False) -> date:
    ahead = (weekday - today.weekday()) % 7
    return today + timedelta(days=7 if strictly and ahead == 0 else ahead)


def _sunday(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter_end(year: int, quarter: int) -> date:
    return _month_end(year, quarter * 3)


def _quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _next_day_of_month(today: date, day: int) -> Optional[date]:
    year, month = today.year, today.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _amount(word: str) -> float:
    word = " ".join(word.lower().split())
    return float(word) if word.replace(".", "", 1).isdigit() else float(NUMBERS.get(word, 1))


Resolver = Callable[["re.Match[str]", datetime], Bound]
_RULES: list[tuple[re.Pattern[str], Resolver]] = []


def rule(pattern: str) -> Callable[[Resolver], Resolver]:
    """Register a resolver for every match of ``pattern`` (case-insensitive)."""

    def register(resolve: Resolver) -> Resolver:
        _RULES.append((re.compile(pattern, re.IGNORECASE), resolve))
        return resolve

    return register


_WD = "|".join(WEEKDAYS)
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = r"\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|thirty|couple of|few"
_UNTIL = r"until|till|til|through|thru|to|by|before|due|ends?|ending|expires?|on|is on|for"
_ORD = r"(?:st|nd|rd|th)?"


@rule(r"\b(\d{4}-\d{2}-\d{2})\b")
def _iso_date(m: re.Match[str], now: datetime) -> Bound:
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


@rule(
    rf"\b(?:the\s+)?\d{{1,2}}{_ORD}\s+(?:of\s+)?(?:{_MON})\.?(?:,?\s+\d{{4}})?\b"
    rf"|\b(?:{_MON})\.?\s+\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?\b(?!:)"
)
def _day_month(m: re.Match[str], now: datetime) -> Bound:
    phrase = re.sub(r"(?i)^the\s+|\s+of\b", "", m.group(0))
    phrase = re.sub(r"(?i)\bsept\b", "sep", phrase)
    try:
        parsed = date_parser.parse(phrase, default=now.replace(tzinfo=None)).date()
    except (ValueError, OverflowError):
        return None
    if not re.search(r"\d{4}", phrase) and parsed < now.date():
        return parsed + relativedelta(years=1)
    return parsed


@rule(
    r"\b(?:(?:until|till|through|thru|by|before)\s+)?(?:(?:the\s+)?end\s+of\s+(?:the\s+)?)?q([1-4])(?:\s+(20\d\d))?\b(?!\s*(?:20\d\d\s+)?(?:results|earnings|report|review|planning|okrs?|goals?|targets?|revenue|numbers))"
)
def _quarter(m: re.Match[str], now: datetime) -> Bound:
    quarter = int(m.group(1))
    year = int(m.group(2)) if m.group(2) else now.year
    if not m.group(2) and _quarter_end(year, quarter) < now.date():
        year += 1
    if m.group(0).lower().startswith(("q", "the q")) and not m.group(2):
        return None  # a bare "Q3" names a quarter, not an end
    return _quarter_end(year, quarter)


@rule(r"\b(?:this|the current|rest of the|end of (?:the )?)\s*quarter\b|\bEOQ\b")
def _this_quarter(m: re.Match[str], now: datetime) -> Bound:
    return _quarter_end(now.year, _quarter_of(now.date()))


@rule(r"\bnext quarter\b")
def _next_quarter(m: re.Match[str], now: datetime) -> Bound:
    quarter = _quarter_of(now.date()) % 4 + 1
    return _quarter_end(now.year + (quarter == 1), quarter)


@rule(
    rf"\b(?:(?:for|over|during)\s+the\s+(?:next|coming|following)\s+(?:({_NUM})\s+)?|(?:for|in|within)\s+(?:the\s+next\s+)?({_NUM})\s+)(minute|hour|day|business day|week|month|year)s?\b(?!\s+ago)"
)
def _duration(m: re.Match[str], now: datetime) -> Bound:
    amount = _amount(m.group(1) or m.group(2) or "one")
    unit = m.group(3).lower()
    if unit in ("minute", "hour"):
        return now + timedelta(hours=amount / (60 if unit == "minute" else 1))
    if unit in ("day", "business day"):
        return now.date() + timedelta(days=amount)
    if unit == "week":
        return now.date() + timedelta(days=7 * amount)
    months = int(amount) * (12 if unit == "year" else 1)
    return now.date() + relativedelta(months=months)


@rule(rf"\b(?:next|coming)\s+({_WD})\b|\b({_WD})\s+next\s+week\b")
def _next_weekday(m: re.Match[str], now: datetime) -> Bound:
    if m.group(2):
        monday = now.date() + timedelta(days=7 - now.weekday())
        return monday + timedelta(days=WEEKDAYS.index(m.group(2).lower()))
    return _weekday_on_or_after(now.date(), WEEKDAYS.index(m.group(1).lower()), strictly=True)


@rule(rf"\b(?:(?:{_UNTIL}|this)\s+)(?:this\s+)?({_WD})\b(?!s)")
def _weekday(m: re.Match[str], now: datetime) -> Bound:
    return _weekday_on_or_after(now.date(), WEEKDAYS.index(m.group(1).lower()))


@rule(
    rf"\b(?:{_UNTIL}|back(?:\s+on)?|returns?(?:\s+on)?|from)\s+the\s+(\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:{_MON}))"
)
def _nth(m: re.Match[str], now: datetime) -> Bound:
    return _next_day_of_month(now.date(), int(m.group(1)))


@rule(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening)|(?:for )?the rest of the day|end of (?:the )?day|EOD)\b"
)
def _today(m: re.Match[str], now: datetime) -> Bound:
    return now.date()


@rule(r"\b(?:the day after )?tomorrow\b")
def _tomorrow(m: re.Match[str], now: datetime) -> Bound:
    return now.date() + timedelta(days=2 if m.group(0).lower().startswith("the") else 1)


@rule(
    r"\b(?:this week(?:end)?|(?:until|over|for|till) the weekend|rest of the week|(?:the )?end of (?:the |this )?week|EOW)\b"
)
def _this_week(m: re.Match[str], now: datetime) -> Bound:
    phrase = m.group(0).lower()
    if "end of" in phrase or phrase == "eow":
        return now.date() + timedelta(days=4 - now.weekday())
    return _sunday(now.date())


@rule(r"\b(?:the week after next|next week(?:end)?)\b")
def _next_week(m: re.Match[str], now: datetime) -> Bound:
    weeks = 2 if m.group(0).lower().startswith("the week after") else 1
    return _sunday(now.date()) + timedelta(days=7 * weeks)


@rule(
    r"\b(?:this|the current|current|for the|rest of the|end of (?:the )?|next|the next)\s+sprint\b"
)
def _sprint(m: re.Match[str], now: datetime) -> Bound:
    monday = now.date() - timedelta(days=now.weekday())
    extra = 14 if m.group(0).lower().startswith(("next", "the next")) else 0
    return monday + timedelta(days=13 + extra)


@rule(r"\b(?:this month|rest of the month|(?:the )?end of (?:the |this )?month|EOM|month[- ]end)\b")
def _this_month(m: re.Match[str], now: datetime) -> Bound:
    return _month_end(now.year, now.month)


@rule(r"\bnext month\b")
def _next_month(m: re.Match[str], now: datetime) -> Bound:
    following = now.date() + relativedelta(months=1)
    return _month_end(following.year, following.month)


@rule(
    rf"\b(?:until|till|through|thru|by|before|(?:the )?end of|for the rest of|all of)\s+(?:the\s+end\s+of\s+)?({_MON})\b(?!\.?\s+\d)(?:\s+(20\d\d))?"
)
def _month(m: re.Match[str], now: datetime) -> Bound:
    month = MONTHS[m.group(1).lower()]
    if m.group(1).lower() == "may" and not m.group(0).lower().startswith(
        ("until", "till", "through", "thru", "end of", "the end of")
    ):
        return None  # "by may" is usually the verb
    year = int(m.group(2)) if m.group(2) else now.year + (month < now.month)
    return _month_end(year, month)


@rule(
    r"\b(?:this year|rest of the year|(?:the )?end of (?:the |this )?year|EOY|year[- ]end)\b|\b(?:until|till|through)\s+(20\d\d)\b(?![-/.]\d)"
)
def _this_year(m: re.Match[str], now: datetime) -> Bound:
    return date(int(m.group(1)) if m.group(1) else now.year, 12, 31)


@rule(
    r"\b(?:temporarily|for now|until further notice|for the time being|for the moment|at the moment|until (?:the|it|they|we|he|she|our|their)\b[^.,;]{0,40}?\b(?:is|are|starts?|ends?|arrives?|returns?|resolved|fixed|done|back|over)\b)"
)
def _open_ended(m: re.Match[str], now: datetime) -> Bound:
    return NO_END


# An expression right after one of these starts a fact rather than ending it.
_STARTS = re.compile(
    r"(?i)\b(?:starting|start|starts|from|as of|effective|since|beginning|after|commencing)\s+(?:on\s+|from\s+|in\s+)?(?:the\s+)?$"
)
# A sentence saying that something changes for good is a persistent fact whatever its date.
_PERSISTS = re.compile(
    r"(?i)\b(?:permanent(?:ly)?|for good|going forward|from then on|switch(?:es)? to|take?s? over|becomes?|will become)\b"
)
# Time words near these describe the past, a recurrence or a policy, not a bound.
_PAST = re.compile(
    r"(?i)\b(?:ago|last\s+(?:week|month|year|night|time|quarter|sprint|weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|every|each|previous|was born|born on|birthday|anniversary|since)\b"
)
_PAST_TENSE = re.compile(
    r"(?i)\b(?:was|were|had|did|happened|mentioned|started|said|told|showed|introduced|reverted|caused|promoted|joined|shipped|launched|met|went|came|took|began|noticed)\b"
)
_POLICY = re.compile(
    r"(?i)\b(?:valid|retained|kept|stored|accepted|completed|response|responses|expire)\b[^.;]{0,25}$"
)
_RELATIVE_TO_EVENT = re.compile(r"(?i)^\s*(?:of|after|before|from|on business days|per)\b")
_RANGE = re.compile(
    r"(?i)^\s*(?:through|thru|to|-|–)\s*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|^s?\s+(?:mornings|afternoons|evenings|nights)"
)
_RANGE_BEFORE = re.compile(
    r"(?i)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:through|thru|to|-|–)\s+$"
)
_UNTIL_BEFORE = re.compile(
    r"(?i)\b(?:until|till|through|thru|expires?(?: on)?|valid (?:to|through))\s+$"
)
_LEAD = re.compile(r"(?i)\b(?:until|till|through|thru|by|before|due|on|expires?(?: on)?)\s+$")
_PERFECT = re.compile(r"(?i)\b(?:have|has|had|'ve|been)\b[^.;]{0,40}$")


def _bounds_nothing(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 40]
    if _STARTS.search(before) or _RANGE.match(after) or _RANGE_BEFORE.search(before):
        return True
    clause_start = max(
        (m.end() for m in re.finditer(r"[.;!?]\s|,\s(?:but|and|while)\s", text[: match.start()])),
        default=0,
    )
    clause_end = re.search(r"[.;!?](?:\s|$)", text[match.end() :])
    clause = text[clause_start : match.end() + (clause_end.start() if clause_end else len(text))]
    if _PERSISTS.search(clause):
        return True
    explicit = _UNTIL_BEFORE.search(text[: match.start()]) is not None
    if not explicit and _PAST_TENSE.search(clause):
        return True
    lead = match.group(0).lower()
    if lead.startswith(("for", "in", "within", "over")):
        prefix = text[clause_start : match.start()]
        if _PERFECT.search(prefix) or _POLICY.search(prefix) or _RELATIVE_TO_EVENT.match(after):
            return True
    window = text[max(0, match.start() - 30) : match.end() + 30]
    return bool(_PAST.search(window))


class TemporalClassifier:
    """Finds the first expression that bounds a text in time and resolves its last day."""

    def classify(self, text: str, now: datetime) -> TemporalInfo:
        matches = sorted(
            ((m, resolve) for pattern, resolve in _RULES for m in pattern.finditer(text)),
            key=lambda pair: (pair[0].start(), -len(pair[0].group(0))),
        )
        for match, resolve in matches:
            bound = resolve(match, now)
            if bound is None or (bound is not NO_END and _bounds_nothing(text, match)):
                continue
            lead = _LEAD.search(text[: match.start()])
            raw = (lead.group(0) if lead else "") + match.group(0)
            if isinstance(bound, _NoEnd):
                return TemporalInfo("temporal", raw, None)
            until = bound if isinstance(bound, datetime) else end_of(bound)
            if until < now and not _UNTIL_BEFORE.search(text[: match.start()]):
                continue  # a past date is history, unless the text says "until" it (expired)
            return TemporalInfo("temporal", raw, until)
        return TemporalInfo("persistent", _snippet(text), None)


def _snippet(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
