"""Temporal classification: is a memory a durable fact or a time-bound state?

A memory is ``temporal`` when it contains an expression that bounds it in time; ``valid_until``
is then the end of the period the expression names, resolved against the time of the store
(UTC): "today" ends at 23:59:59 today, "until Friday" at the end of the coming Friday,
"next week" at the end of next week's Sunday, "for the next 3 days" three days from now, "until
2026-12-01" at the end of that day, "until end of Q1" at the end of March, "this sprint" two
weeks from the start of this week, "until the 5th" at the end of the next 5th of a month.
Everything else is ``persistent``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable, Optional

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
UNITS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
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
    "couple of": 2,
    "few": 3,
}


@dataclass(frozen=True)
class TemporalInfo:
    type: str  # "persistent" or "temporal"
    raw_text: Optional[str]
    valid_until: Optional[datetime]


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=timezone.utc)


def _next_weekday(today: date, weekday: int, *, strictly_after: bool = False) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and strictly_after:
        ahead = 7
    return today + timedelta(days=ahead)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter_end(today: date, quarter: int) -> date:
    year = today.year if quarter >= (today.month - 1) // 3 + 1 else today.year + 1
    return _month_end(year, quarter * 3)


def _nth_day(today: date, day: int) -> date:
    year, month = today.year, today.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate >= today:
                return candidate
        month = month % 12 + 1
        year += month == 1
    return today


def _number(word: str) -> float:
    return float(word) if word.replace(".", "", 1).isdigit() else float(NUMBERS.get(word, 1))


Resolver = Callable[["re.Match[str]", datetime], Optional[datetime]]
_RULES: list[tuple[re.Pattern[str], Resolver]] = []


def rule(pattern: str) -> Callable[[Resolver], Resolver]:
    def register(fn: Resolver) -> Resolver:
        _RULES.append((re.compile(pattern, re.IGNORECASE), fn))
        return fn

    return register


_WD = "|".join(WEEKDAYS)
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))


@rule(r"\b(?:until|till|til|through|thru|by|before|due)\s+(\d{4}-\d{2}-\d{2})\b")
def _iso_date(m: re.Match[str], now: datetime) -> Optional[datetime]:
    try:
        return _end_of(date.fromisoformat(m.group(1)))
    except ValueError:
        return None


@rule(
    rf"\b(?:until|till|through|by|before|due)\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})\b"
    rf"|\b(?:until|till|through|by|before|due)\s+({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
)
def _day_month(m: re.Match[str], now: datetime) -> Optional[datetime]:
    day = int(m.group(1) or m.group(4))
    month = MONTHS[(m.group(2) or m.group(3)).lower()]
    year = now.year
    try:
        candidate = date(year, month, day)
        if candidate < now.date():
            candidate = date(year + 1, month, day)
    except ValueError:
        return None
    return _end_of(candidate)


@rule(
    r"\b(?:end of|until the end of|by the end of)\s+(?:the\s+)?q([1-4])\b|\buntil\s+(?:end of\s+)?q([1-4])\b"
)
def _quarter(m: re.Match[str], now: datetime) -> Optional[datetime]:
    return _end_of(_quarter_end(now.date(), int(m.group(1) or m.group(2))))


@rule(
    r"\b(?:for|during|over)\s+the\s+next\s+(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|couple of|few)\s+(minute|hour|day|week|month|year)s?\b"
    r"|\bfor\s+(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|couple of|few)\s+(minute|hour|day|week|month|year)s?\b"
    r"|\b(?:in|within)\s+(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|couple of|few)\s+(minute|hour|day|week|month|year)s?\b"
)
def _duration(m: re.Match[str], now: datetime) -> Optional[datetime]:
    amount = m.group(1) or m.group(3) or m.group(5)
    unit = m.group(2) or m.group(4) or m.group(6)
    days = _number(amount.lower()) * UNITS[unit.lower()]
    end = now + timedelta(days=days)
    return end if days < 1 else _end_of(end.date())


@rule(rf"\b(?:until|till|through|by|before|due|on|this|next|until next)\s+({_WD})\b")
def _weekday(m: re.Match[str], now: datetime) -> Optional[datetime]:
    weekday = WEEKDAYS.index(m.group(1).lower())
    strictly_after = m.group(0).lower().startswith(("next", "until next"))
    day = _next_weekday(now.date(), weekday, strictly_after=strictly_after)
    return _end_of(day)


@rule(r"\b(?:until|till|through|by|before|to)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b")
def _nth(m: re.Match[str], now: datetime) -> Optional[datetime]:
    return _end_of(_nth_day(now.date(), int(m.group(1))))


@rule(r"\b(today|tonight|this (?:morning|afternoon|evening))\b")
def _today(m: re.Match[str], now: datetime) -> Optional[datetime]:
    return _end_of(now.date())


@rule(r"\b(tomorrow)\b")
def _tomorrow(m: re.Match[str], now: datetime) -> Optional[datetime]:
    return _end_of(now.date() + timedelta(days=1))


@rule(r"\b(this week|until the weekend|until end of (?:the )?week|this weekend)\b")
def _this_week(m: re.Match[str], now: datetime) -> Optional[datetime]:
    return _end_of(_next_weekday(now.date(), 6))


@rule(r"\b(next week)\b")
def _next_week(m: re.Match[str], now: datetime) -> Optional[datetime]:
    return _end_of(_next_weekday(now.date(), 6) + timedelta(days=7))


@rule(r"\b(this sprint|current sprint|for the sprint)\b")
def _sprint(m: re.Match[str], now: datetime) -> Optional[datetime]:
    start = now.date() - timedelta(days=now.weekday())
    return _end_of(start + timedelta(days=13))


@rule(r"\b(this month|until (?:the )?end of (?:the )?month)\b")
def _this_month(m: re.Match[str], now: datetime) -> Optional[datetime]:
    return _end_of(_month_end(now.year, now.month))


@rule(r"\b(next month)\b")
def _next_month(m: re.Match[str], now: datetime) -> Optional[datetime]:
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return _end_of(_month_end(year, month))


@rule(r"\b(this quarter|until (?:the )?end of (?:the )?quarter)\b")
def _this_quarter(m: re.Match[str], now: datetime) -> Optional[datetime]:
    return _end_of(_quarter_end(now.date(), (now.month - 1) // 3 + 1))


@rule(r"\b(this year|until (?:the )?end of (?:the )?year)\b")
def _this_year(m: re.Match[str], now: datetime) -> Optional[datetime]:
    return _end_of(date(now.year, 12, 31))


class TemporalClassifier:
    """Finds the first time-bounding expression in a text and resolves its end."""

    def classify(self, text: str, now: datetime) -> TemporalInfo:
        best: Optional[tuple[int, re.Match[str], Resolver]] = None
        for pattern, resolve in _RULES:
            match = pattern.search(text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), match, resolve)
        if best is not None:
            _, match, resolve = best
            valid_until = resolve(match, now)
            if valid_until is not None:
                return TemporalInfo("temporal", match.group(0), valid_until)
        return TemporalInfo("persistent", _snippet(text), None)


def _snippet(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
