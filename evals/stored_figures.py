"""One figure per pair of each labelled set, kept in a JSON file beside the sets.

A file holds the name of what produced the figures (an embedder, a model's sha256) and, per
set, a SHA-256 of its texts, so a figure is read only for the exact texts and producer it was
made from.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

Pairs = list[dict[str, Any]]


def digest(pairs: Pairs) -> str:
    texts = json.dumps([[p["existing"], p["new"]] for p in pairs], ensure_ascii=False)
    return hashlib.sha256(texts.encode("utf-8")).hexdigest()


class StoredFigures:
    """The file at ``path``: ``{producer_key: ..., "sets": {name: {"sha256", figures_key}}}``."""

    def __init__(self, path: Path, producer_key: str, figures_key: str) -> None:
        self.path = path
        self.producer_key = producer_key
        self.figures_key = figures_key

    @lru_cache(maxsize=1)  # noqa: B019 - one instance per file, for the process's life
    def _data(self) -> dict[str, Any]:
        if not self.path.exists():
            return {}
        data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def stored(self, name: str, pairs: Pairs, producer: str) -> list[float] | None:
        """The figures of set ``name`` when they are for exactly these texts and this
        producer, else None."""
        data = self._data()
        entry = data.get("sets", {}).get(name)
        if entry is None or data.get(self.producer_key) != producer:
            return None
        figures = entry[self.figures_key]
        if entry["sha256"] != digest(pairs) or len(figures) != len(pairs):
            return None
        return [float(f) for f in figures]

    def write(self, producer: str, sets: dict[str, tuple[Pairs, list[float]]]) -> None:
        """Replace the file with these sets' figures."""
        document = {
            self.producer_key: producer,
            "sets": {
                name: {"sha256": digest(pairs), self.figures_key: figures}
                for name, (pairs, figures) in sets.items()
            },
        }
        self.path.write_text(json.dumps(document, indent=0) + "\n", encoding="utf-8")
        self._data.cache_clear()
