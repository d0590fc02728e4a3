"""The pair model's P(duplicate) for every fact pair the dedup stage reads, kept beside the sets.

Reading 110,000 pairs with the cross-encoder takes minutes, so
``tests/data/dedup_pair_probabilities.json`` holds each set's probabilities under its file
name, with the model's sha256 and a SHA-256 of the set's texts, as ``pair_cosines`` does for
the embedder. A set whose texts changed, or that the file lacks, is read live; the accuracy
tests check that none is, and compare a random sample of the stored figures with the live
model. Each pair is read on its own, as the server reads it.

``python -m evals.pair_probabilities`` (``make pair-probabilities``) rewrites the file.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor

from mnemexa_server.pipeline.pair_model import MODEL_SHA256, shipped_model

from .data import DATA_DIR, jsonl
from .stored_figures import Pairs, StoredFigures

CACHE = DATA_DIR / "dedup_pair_probabilities.json"
FILE = StoredFigures(CACHE, "model_sha256", "probabilities")
DIGITS = 6
TOLERANCE = 2e-3  # int8 kernels differ a little from one CPU to another


def live(pairs: Pairs) -> list[float]:
    """P(duplicate) of each pair from the shipped model, one pair at a time."""
    model = shipped_model()
    return [model.duplicate_probability(p["new"], p["existing"]) for p in pairs]


def stored(name: str, pairs: Pairs) -> list[float] | None:
    """The stored figures of set ``name`` when they are for exactly these texts and this
    model, else None."""
    return FILE.stored(name, pairs, MODEL_SHA256)


def probabilities(name: str) -> list[float]:
    """P(duplicate) of each pair of set ``name`` (a path under tests/data)."""
    pairs = jsonl(name)
    found = stored(name, pairs)
    return found if found is not None else live(pairs)


class StoredPairModel:
    """The pair model for the pairs of one set, answered from the stored figures."""

    def __init__(self, name: str) -> None:
        pairs = jsonl(name)
        self._known = {
            (p["new"], p["existing"]): value for p, value in zip(pairs, probabilities(name))
        }

    def duplicate_probability(self, new_text: str, existing_text: str) -> float:
        known = self._known.get((new_text, existing_text))
        if known is not None:
            return known
        return shipped_model().duplicate_probability(new_text, existing_text)


def stale(names: list[str]) -> list[str]:
    """The sets among ``names`` that would be read live."""
    return [name for name in names if stored(name, jsonl(name)) is None]


def _rounded_live(name: str) -> list[float]:
    pairs = jsonl(name)
    print(f"reading {name} ({len(pairs)} pairs) ...", file=sys.stderr, flush=True)
    return [round(value, DIGITS) for value in live(pairs)]


def write(names: list[str]) -> None:
    """Store the figures of the sets ``names``, reading only those that are stale, in one
    process per CPU."""
    todo = stale(names)
    workers = max(1, min(len(todo), os.cpu_count() or 1))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        fresh = dict(zip(todo, pool.map(_rounded_live, todo)))
    sets = {}
    for name in names:
        pairs = jsonl(name)
        found = fresh.get(name) or stored(name, pairs)
        assert found is not None
        sets[name] = (pairs, found)
    FILE.write(MODEL_SHA256, sets)


if __name__ == "__main__":
    from .dedup import SETS

    write(SETS)
