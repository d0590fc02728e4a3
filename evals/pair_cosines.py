"""The embedder's cosine for every fact pair the dedup stage reads, kept beside the sets.

Embedding the pairs is most of the dedup stage's time. ``tests/data/dedup_cosines.json`` holds
each set's cosines under its file name, with the embedder's name and a SHA-256 of the set's
texts. A set whose texts changed, or that the file lacks, is embedded live; the accuracy tests
check that none is, and compare a random sample of the stored cosines with the live embedder.

``python -m evals.pair_cosines`` (``make pair-cosines``) rewrites the file.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import lru_cache
from typing import Any

import numpy as np

from .data import DATA_DIR, jsonl
from .models import embed, embedder

CACHE = DATA_DIR / "dedup_cosines.json"
DIGITS = 7
TOLERANCE = 1e-6

Pairs = list[dict[str, Any]]


def live(pairs: Pairs) -> list[float]:
    """Cosines from the real embedder, as the server computes them."""
    existing = embed([p["existing"] for p in pairs])
    new = embed([p["new"] for p in pairs])
    return [float(s) for s in np.einsum("ij,ij->i", existing, new)]


def digest(pairs: Pairs) -> str:
    texts = json.dumps([[p["existing"], p["new"]] for p in pairs], ensure_ascii=False)
    return hashlib.sha256(texts.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _stored() -> dict[str, Any]:
    if not CACHE.exists():
        return {}
    data: dict[str, Any] = json.loads(CACHE.read_text(encoding="utf-8"))
    return data


def stored(name: str, pairs: Pairs) -> list[float] | None:
    """The stored cosines of set ``name`` when they are for exactly these texts and this
    embedder, else None."""
    data = _stored()
    entry = data.get("sets", {}).get(name)
    if entry is None or data.get("embedder") != embedder().name:
        return None
    if entry["sha256"] != digest(pairs) or len(entry["cosines"]) != len(pairs):
        return None
    return [float(c) for c in entry["cosines"]]


def cosines(name: str) -> tuple[Pairs, list[float]]:
    """Set ``name`` (a path under tests/data) and each pair's cosine."""
    pairs = jsonl(name)
    found = stored(name, pairs)
    return pairs, found if found is not None else live(pairs)


def stale(names: list[str]) -> list[str]:
    """The sets among ``names`` that would be embedded live."""
    return [name for name in names if stored(name, jsonl(name)) is None]


def write(names: list[str]) -> None:
    """Store the cosines of the sets ``names``, embedding only those that are stale."""
    sets = {}
    for name in names:
        pairs = jsonl(name)
        found = stored(name, pairs)
        if found is None:
            print(f"embedding {name} ({len(pairs)} pairs) ...", file=sys.stderr, flush=True)
            found = [round(c, DIGITS) for c in live(pairs)]
        sets[name] = {"sha256": digest(pairs), "cosines": found}
    document = {"embedder": embedder().name, "sets": sets}
    CACHE.write_text(json.dumps(document, indent=0) + "\n", encoding="utf-8")
    _stored.cache_clear()


if __name__ == "__main__":
    from .dedup import SETS

    write(SETS)
