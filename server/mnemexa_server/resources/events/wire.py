"""Events on the wire: the spec's ``Event`` and ``EventStatusResponse`` shapes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..memory.store import SCOPE_FIELDS
from .store import Event

NOT_FOUND = "not_found"  # the failure reason of an id this workspace does not have


def event_json(event: Event) -> dict[str, Any]:
    """An event in the spec's ``Event`` shape."""
    return {
        "event_id": event.event_id,
        "kind": event.kind,
        "content": event.content,
        **dict(zip(SCOPE_FIELDS, event.scope.values())),
        "ts": event.ts,
        "meta": event.meta,
        "status": event.status,
        "memory_id": event.memory_id,
        "created_at": event.created_at,
    }


def status_json(event_ids: Sequence[str], found: Mapping[str, Event]) -> dict[str, Any]:
    """Which of ``event_ids`` (in request order, each once) are completed, pending or failed;
    an id not in ``found`` failed as ``not_found``."""
    completed: list[str] = []
    pending: list[str] = []
    failed: list[dict[str, str]] = []
    for event_id in dict.fromkeys(event_ids):
        event = found.get(event_id)
        if event is None or event.status == "failed":
            reason = NOT_FOUND if event is None else event.reason or "internal_error"
            failed.append({"event_id": event_id, "reason": reason})
        elif event.status == "completed":
            completed.append(event_id)
        else:
            pending.append(event_id)
    return {"completed_ids": completed, "pending_ids": pending, "failed": failed}
