"""Memories on the wire: domain records in the spec's shapes (``Memory``, ``StoreResult``)."""

from __future__ import annotations

from typing import Any, Optional

from ...erasure import Counts
from ...pipeline import Decision
from .store import SCOPE_FIELDS, Memory, MemoryStats

ERASURE_FIELDS = (
    "memories_deleted",
    "events_deleted",
    "writes_deleted",
    "summaries_deleted",
    "sessions_deleted",
)


def temporal_json(memory: Memory) -> dict[str, Any]:
    """The spec's ``Temporal``: durable or time-bound, and until when."""
    return {
        "type": memory.temporal_type,
        "raw_text": memory.temporal_raw,
        "valid_until": memory.valid_until,
    }


def memory_json(memory: Memory) -> dict[str, Any]:
    """A memory in the spec's ``Memory`` shape."""
    return {
        "memory_id": memory.memory_id,
        "text": memory.text,
        "meta": memory.meta,
        "importance": memory.importance,
        "categories": memory.categories,
        "temporal": temporal_json(memory),
        "created_at": memory.created_at,
        "updated_at": memory.updated_at,
        "history": memory.history,
        **dict(zip(SCOPE_FIELDS, memory.scope.values())),
        "observed_at": memory.observed_at,
        "source_event_ids": list(memory.source_event_ids),
    }


def retrieved_json(
    memory: Memory, score: float, source_events: Optional[list[dict[str, Any]]] = None
) -> dict[str, Any]:
    """A retrieval hit: the memory without ``updated_at`` and ``history``, with its score
    (and its source events, in the ``Event`` shape, when they were asked for)."""
    item = memory_json(memory)
    del item["updated_at"], item["history"]
    item["score"] = score  # rounded to SCORE_DIGITS by the retriever
    if source_events is not None:
        item["source_events"] = source_events
    return item


def store_result_json(
    workspace_id: int, decision: Decision, memory: Memory, pii: dict[str, list[str]]
) -> dict[str, Any]:
    """What a store answers for one memory."""
    return {
        "status": "ok",
        "memory_id": memory.memory_id,
        "workspace_id": workspace_id,
        "dedup": {"action": decision.action, "existing_id": decision.existing_id},
        "importance": memory.importance,
        "categories": memory.categories,
        "temporal": temporal_json(memory),
        "pii": pii,
    }


def erasure_json(counts: Counts) -> dict[str, int]:
    """The spec's ``ErasureCounts``: every field, 0 when nothing of that kind was erased."""
    return {name: counts[name] for name in ERASURE_FIELDS}


def stats_json(stats: MemoryStats) -> dict[str, Any]:
    """The spec's ``MemoryStats``."""
    return {
        "total": stats.total,
        "avg_importance": stats.avg_importance,
        "by_category": stats.by_category,
        "by_scope": stats.by_scope,
    }
