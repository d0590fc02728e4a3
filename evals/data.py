"""Loading the labelled sets kept in ``tests/data/``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"


def jsonl(name: str) -> list[dict[str, Any]]:
    """Every record of ``tests/data/<name>``, in file order."""
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def document(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        return json.load(f)


def split_of(item_id: str) -> str:
    """``tune`` or ``test``: a fixed half of the items by a hash of the id, never by content."""
    return "tune" if hashlib.sha256(item_id.encode()).digest()[0] % 2 == 0 else "test"


def holdout(name: str) -> list[dict[str, Any]]:
    """``tests/data/holdout/<name>``: written after the stage was tuned, never fit to.
    A missing file is an error, never a skipped figure."""
    return jsonl(f"holdout/{name}")
