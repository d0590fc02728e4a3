"""The embedder's cosine for every fact pair the dedup stage reads, kept beside the sets.

Embedding the pairs is most of the dedup stage's time. ``tests/data/dedup_cosines.json`` holds
each set's cosines under its file name, with the embedder's name and a SHA-256 of the set's
texts. A set whose texts changed, or that the file lacks, is embedded live; the accuracy tests
check that none is, and compare a random sample of the stored cosines with the live embedder.

``python -m evals.pair_cosines`` (``make pair-cosines``) rewrites the file.
"""

from __future__ import annotations

import sys

import numpy as np

from .data import DATA_DIR, jsonl
from .models import embed, embedder
from .stored_figures import Pairs, StoredFigures

CACHE = DATA_DIR / "dedup_cosines.json"
FILE = StoredFigures(CACHE, "embedder", "cosines")
DIGITS = 7
TOLERANCE = 1e-6


def live(pairs: Pairs) -> list[float]:
    """Cosines from the real embedder, as the server computes them."""
    existing = embed([p["existing"] for p in pairs])
    new = embed([p["new"] for p in pairs])
    return [float(s) for s in np.einsum("ij,ij->i", existing, new)]


def stored(name: str, pairs: Pairs) -> list[float] | None:
    """The stored cosines of set ``name`` when they are for exactly these texts and this
    embedder, else None."""
    return FILE.stored(name, pairs, embedder().name)


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
        sets[name] = (pairs, found)
    FILE.write(embedder().name, sets)


if __name__ == "__main__":
    from .dedup import SETS

    write(SETS)
