"""Responses from a newer server: extra fields (top level and nested) and new enum values.

They must parse, the new values must be readable, and the unknown fields must be kept (they
come back from ``to_dict()``), as "Results" in docs/sdk.md promises.
"""

from __future__ import annotations

import copy
from typing import Any, Dict

import pytest

from .conftest import run_call
from .fault_server import FaultServer, Reply
from .operations import MEMORY, STATUS, STORE

STORE_V9: Dict[str, Any] = {
    **STORE,
    "status": "queued",
    "dedup": {"action": "superseded", "existing_id": 7, "similarity": 0.97},
    "temporal": {
        "type": "recurring",
        "raw_text": "every Friday",
        "valid_until": None,
        "rrule": "FREQ=WEEKLY;BYDAY=FR",
    },
    "categories": ["category_added_in_v9"],
    "pii": {"detected": ["passport_number"], "redacted": [], "confidence": 0.8},
    "provenance": {"model": "v9", "steps": ["embed", "dedup"]},
}
STATUS_V9: Dict[str, Any] = {
    **STATUS,
    "workspace_status": "archived",
    "plan": {"name": "scale", "units": 10},
}
LIST_V9: Dict[str, Any] = {
    "data": [
        {
            **MEMORY,
            "temporal": {**MEMORY["temporal"], "type": "recurring", "timezone": "Asia/Kolkata"},
            "embedding_model": "minilm-v9",
        }
    ],
    "has_more": False,
    "next_cursor": None,
    "total_count": 1,
}

MODES = ["sync", "async"]


@pytest.mark.parametrize("mode", MODES)
def test_store_response_from_a_newer_server(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(Reply(body=STORE_V9))
    result, _ = run_call(mode, fault_server.url, lambda c: c.memory.store("x"), max_retries=0)
    assert result.status == "queued"
    assert result.dedup.action == "superseded"
    assert result.dedup["similarity"] == 0.97
    assert result.temporal.type_ == "recurring"
    assert result.temporal["rrule"] == "FREQ=WEEKLY;BYDAY=FR"
    assert result.categories == ["category_added_in_v9"]
    assert result.pii.detected == ["passport_number"]
    assert result.pii["confidence"] == 0.8
    assert "provenance" in result
    assert result.additional_properties == {"provenance": STORE_V9["provenance"]}
    assert result.to_dict() == STORE_V9


@pytest.mark.parametrize("mode", MODES)
def test_status_response_from_a_newer_server(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(Reply(body=STATUS_V9))
    result, _ = run_call(mode, fault_server.url, lambda c: c.status(), max_retries=0)
    assert result.workspace_status == "archived"
    assert result["plan"] == {"name": "scale", "units": 10}
    assert result.to_dict() == STATUS_V9


@pytest.mark.parametrize("mode", MODES)
def test_list_page_from_a_newer_server(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(Reply(body=copy.deepcopy(LIST_V9)))
    page, _ = run_call(
        mode, fault_server.url, lambda c: c.memory.list(limit=1).fetch_page(), max_retries=0
    )
    assert page["total_count"] == 1
    (memory,) = page.data
    assert memory.temporal.type_ == "recurring"
    assert memory.temporal["timezone"] == "Asia/Kolkata"
    assert memory["embedding_model"] == "minilm-v9"
    assert memory.memory_id == MEMORY["memory_id"]
