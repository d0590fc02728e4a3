"""Time: one place to read "now", so that tests and recordings can fix it."""

from __future__ import annotations

import os
from datetime import datetime, timezone

_FIXED_ENV = "MNEMEXA_FIXED_NOW"


def now() -> datetime:
    """The current UTC time, or ``MNEMEXA_FIXED_NOW`` (ISO 8601) when set."""
    fixed = os.environ.get(_FIXED_ENV)
    if fixed:
        return parse_iso(fixed)
    return datetime.now(timezone.utc)


def parse_iso(value: str) -> datetime:
    """Parse ISO 8601 (a trailing Z allowed); naive values are taken as UTC."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def to_iso(moment: datetime) -> str:
    """UTC, microseconds, trailing Z: one fixed width, so stored strings sort as times.

    ``isoformat`` pads the year to four digits (``strftime("%Y")`` does not on glibc:
    year 999 would come out as ``999-...`` and sort after 2024). OverflowError if the
    instant falls outside years 1-9999 in UTC.
    """
    utc = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


def utc_iso() -> str:
    return to_iso(now())
