"""Memories as the pipeline hands them to a store, for tests that write rows directly."""

from __future__ import annotations

from typing import Optional

import numpy as np
from mnemexa_server.resources.memory.store import NewMemory, Scope


def new_memory(
    text: str,
    embedding: np.ndarray,
    *,
    text_hash: Optional[str] = None,
    user_id: Optional[str] = None,
    valid_until: Optional[str] = None,
) -> NewMemory:
    """A plain memory: importance 5, no categories, persistent unless ``valid_until``."""
    return NewMemory(
        text=text,
        text_hash=text_hash or text,
        meta={},
        importance=5,
        categories=[],
        temporal_type="temporal" if valid_until else "persistent",
        temporal_raw=None,
        valid_until=valid_until,
        embedding=embedding,
        scope=Scope(user_id=user_id),
    )
