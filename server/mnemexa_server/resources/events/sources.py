"""Source events for retrieval: each memory's events in the ``Event`` shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...storage.backend import Db
from ..memory.store import Memory
from .sql_store import SqlEventStore
from .wire import event_json


def source_events(
    db: Db, workspace_id: int, memories: Sequence[Memory]
) -> dict[int, list[dict[str, Any]]]:
    """By memory id: the events it was made from, oldest link first (erased ones left out)."""
    wanted = {event_id for memory in memories for event_id in memory.source_event_ids}
    found = SqlEventStore(db).get_many(workspace_id, wanted)
    return {
        memory.memory_id: [event_json(found[e]) for e in memory.source_event_ids if e in found]
        for memory in memories
    }
