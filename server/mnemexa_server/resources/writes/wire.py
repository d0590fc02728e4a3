"""Queued writes on the wire: the spec's ``WriteStatus``."""

from __future__ import annotations

from typing import Any, Optional

from .store import Write


def write_status_json(write_id: str, write: Optional[Write]) -> dict[str, Any]:
    """A write's status; ``not_found`` when this workspace has none with this id."""
    if write is None:
        return {"write_id": write_id, "status": "not_found", "result": None, "error": None}
    return {
        "write_id": write.write_id,
        "status": write.status,
        "result": write.result if write.status == "completed" else None,
        "error": write.error if write.status == "failed" else None,
    }
