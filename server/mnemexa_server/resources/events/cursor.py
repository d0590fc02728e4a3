"""Event list cursors: opaque strings that point after one event."""

from __future__ import annotations

import base64
import binascii
import re

_SEQ = re.compile(r"[1-9][0-9]{0,18}")  # a positive position, at most 19 ASCII digits
_MAX_SEQ = 2**63 - 1


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"e:{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The position a cursor points after; ValueError if this server did not issue it."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise ValueError("malformed cursor") from exc
    kind, _, number = raw.partition(":")
    if kind != "e" or not _SEQ.fullmatch(number) or int(number) > _MAX_SEQ:
        raise ValueError("malformed cursor")
    return int(number)
