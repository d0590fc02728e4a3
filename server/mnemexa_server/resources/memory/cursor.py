"""List cursors: opaque strings that point after one memory id."""

from __future__ import annotations

import base64
import binascii
import re

_CURSOR_ID = re.compile(r"[1-9][0-9]{0,18}")  # a positive id, at most 19 ASCII digits
_MAX_ID = 2**63 - 1  # the largest id a memory can have


def encode_cursor(memory_id: int) -> str:
    return base64.urlsafe_b64encode(f"m:{memory_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The memory id a cursor points after; ValueError if the cursor was not made here
    (including an id no memory can have, which would overflow the query parameter)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise ValueError("malformed cursor") from exc
    kind, _, number = raw.partition(":")
    if kind != "m" or not _CURSOR_ID.fullmatch(number) or int(number) > _MAX_ID:
        raise ValueError("malformed cursor")
    return int(number)
