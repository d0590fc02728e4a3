"""List cursors: opaque strings that point after one row's position (a memory id, an event's
or a session's sequence number)."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from .errors import invalid

_POSITION = re.compile(r"[1-9][0-9]{0,18}")  # a positive row position, at most 19 digits
_MAX_POSITION = 2**63 - 1  # the largest rowid SQLite can give


@dataclass(frozen=True)
class Cursor:
    """The cursors of one list; ``kind`` keeps one list's cursors out of another."""

    kind: str

    def encode(self, position: int) -> str:
        raw = f"{self.kind}:{position}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode(self, cursor: str) -> int:
        """The position ``cursor`` points after; 422 naming ``cursor`` if this list did not
        issue it."""
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raw = ""
        kind, _, number = raw.partition(":")
        if kind != self.kind or not _POSITION.fullmatch(number) or int(number) > _MAX_POSITION:
            raise invalid("cursor is not a cursor this server issued", parameter="cursor")
        return int(number)
