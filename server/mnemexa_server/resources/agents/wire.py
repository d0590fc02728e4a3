"""Agents on the wire: domain records in the spec's shapes (``Agent``, ``AgentStats``…)."""

from __future__ import annotations

from typing import Any

from ...erasure import Counts
from ..memory.wire import erasure_json
from .store import Agent, AgentStats


def agent_json(agent: Agent) -> dict[str, Any]:
    """An agent in the spec's ``Agent`` shape."""
    return {
        "agent_id": agent.agent_id,
        "name": agent.name,
        "description": agent.description,
        "meta": agent.meta,
        "created_at": agent.created_at,
        "updated_at": agent.updated_at,
    }


def deleted_json(agent_id: str, counts: Counts) -> dict[str, Any]:
    """The spec's ``AgentDeleteResponse``."""
    return {"agent_id": agent_id, "erased": erasure_json(counts)}


def stats_json(stats: AgentStats) -> dict[str, Any]:
    """The spec's ``AgentStats``."""
    return {
        "agent_id": stats.agent_id,
        "registered": stats.registered,
        "memory_count": stats.memory_count,
        "by_category": stats.by_category,
        "session_count": stats.session_count,
        "last_write_at": stats.last_write_at,
    }
