"""The ``"mnemexa"`` logger and the secret wrapper that keeps API keys out of logs and reprs."""

from __future__ import annotations

import logging

logger = logging.getLogger("mnemexa")


class Secret:
    """Holds a secret string; its ``repr`` and ``str`` never show the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)
