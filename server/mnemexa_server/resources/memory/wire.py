"""Memories on the wire: domain records in the spec's shapes (``Memory``, ``StoreResult``)."""

from __future__ import annotations

from typing import Any

from ...pipeline import Decision
from .store import SCOPE_FIELDS, Memory


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
    }


def retrieved_json(memory: Memory, score: float) -> dict[str, Any]:
    """A retrieval hit: the memory without ``updated_at`` and ``history``, with its score."""
    item = memory_json(memory)
    del item["updated_at"], item["history"]
    item["score"] = round(score, 6)
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
