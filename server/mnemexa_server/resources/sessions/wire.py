"""Sessions on the wire: domain records in the spec's shapes (``Session``, ``SessionSummary``)."""

from __future__ import annotations

from typing import Any

from .store import Session
from .summarize import Summary


def session_json(session: Session) -> dict[str, Any]:
    """A session in the spec's ``Session`` shape."""
    return {
        "session_id": session.session_id,
        "agent_id": session.agent_id,
        "user_id": session.user_id,
        "meta": session.meta,
        "status": session.status,
        "memory_count": session.memory_count,
        "first_activity_at": session.first_activity_at,
        "last_activity_at": session.last_activity_at,
        "summary": session.summary,
        "created_at": session.created_at,
        "ended_at": session.ended_at,
    }


def summary_json(session_id: str, summary: Summary) -> dict[str, Any]:
    """The spec's ``SessionSummary``."""
    return {
        "session_id": session_id,
        "summary": summary.text,
        "memory_ids": list(summary.memory_ids),
    }
