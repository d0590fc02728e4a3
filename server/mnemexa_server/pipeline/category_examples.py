"""The labelled example memories that the category tagger compares a memory against.

``data/category_examples.jsonl`` holds example memories for every tag, labelled by the guide in
``docs/categories.md``. None of them is in an evaluation set, even reworded. Embedding them all
takes several seconds, so the vectors for the default embedder ship (as float16) in
``data/category_examples.npz``, marked with a fingerprint of the embedder's name and the example
texts. Any other embedder, or changed examples, embeds them afresh at start.
``make category-vectors`` rewrites the shipped vectors after the examples change.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..embedding.base import Embedder, Vectors
from .taxonomy import TAG_NAMES

DATA_DIR = Path(__file__).resolve().parent / "data"
EXAMPLES_PATH = DATA_DIR / "category_examples.jsonl"
VECTORS_PATH = DATA_DIR / "category_examples.npz"

log = logging.getLogger("mnemexa.server")


@dataclass(frozen=True)
class Examples:
    """Example texts and their tags, as a boolean matrix with one column per tag."""

    texts: tuple[str, ...]
    labels: npt.NDArray[np.bool_]


def load_examples(path: Path = EXAMPLES_PATH) -> Examples:
    """Read the examples; an unknown tag is an error, not a silent drop."""
    texts: list[str] = []
    rows: list[list[bool]] = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            unknown = set(record["categories"]) - set(TAG_NAMES)
            if unknown:
                raise ValueError(f"{path.name} line {number}: unknown tags {sorted(unknown)}")
            texts.append(record["text"])
            rows.append([name in record["categories"] for name in TAG_NAMES])
    return Examples(tuple(texts), np.array(rows, dtype=bool))


def fingerprint(embedder_name: str, texts: tuple[str, ...]) -> str:
    """Identifies one embedder's vectors for one version of the examples."""
    digest = hashlib.sha256(embedder_name.encode())
    for text in texts:
        digest.update(b"\0" + text.encode())
    return digest.hexdigest()


def example_vectors(embedder: Embedder, examples: Examples) -> Vectors:
    """The examples' vectors: the shipped ones when they fit ``embedder``, else embedded now."""
    wanted = fingerprint(embedder.name, examples.texts)
    if VECTORS_PATH.exists():
        with np.load(VECTORS_PATH, allow_pickle=False) as shipped:
            if str(shipped["fingerprint"]) == wanted:
                vectors: Vectors = shipped["vectors"].astype(np.float32)
                return vectors
    log.info("embedding %d category examples with %s", len(examples.texts), embedder.name)
    return embedder.embed(list(examples.texts))


def write_vectors(embedder: Embedder, path: Path = VECTORS_PATH) -> None:
    """Embed the examples with ``embedder`` and ship the vectors with their fingerprint."""
    examples = load_examples()
    vectors = embedder.embed(list(examples.texts))
    np.savez_compressed(
        path,
        vectors=vectors.astype(np.float16),
        fingerprint=np.array(fingerprint(embedder.name, examples.texts)),
    )
