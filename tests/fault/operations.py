"""Every SDK method under test: how to call it (sync or async) and what a valid answer is."""

from __future__ import annotations

import copy
import inspect
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

import mnemexa

TEMPORAL: Dict[str, Any] = {"type": "persistent", "raw_text": None, "valid_until": None}
STORE: Dict[str, Any] = {
    "status": "ok",
    "memory_id": 8421,
    "workspace_id": 42,
    "dedup": {"action": "stored_new", "existing_id": None},
    "importance": 5,
    "categories": ["team_workflow"],
    "temporal": TEMPORAL,
}
MEMORY: Dict[str, Any] = {
    "memory_id": 8421,
    "text": "Client prefers async standups.",
    "meta": {"source": "kickoff"},
    "importance": 5,
    "categories": ["team_workflow"],
    "temporal": TEMPORAL,
    "created_at": "2026-11-01T10:00:00Z",
    "updated_at": "2026-11-01T10:00:00Z",
}
RETRIEVED: Dict[str, Any] = {
    **{k: v for k, v in MEMORY.items() if k != "updated_at"},
    "score": 0.91,
}
STATUS: Dict[str, Any] = {
    "workspace_id": 42,
    "workspace_name": "acme",
    "workspace_status": "active",
    "api_version": "0.2.0",
}
HEALTH: Dict[str, Any] = {
    "quality_score": 87,
    "signals": {
        "total_memories": 3,
        "active_memories": 3,
        "expired_memories": 0,
        "avg_importance": 5.0,
        "categorized_ratio": 1.0,
        "duplicates_prevented": 1,
    },
}

Path = Tuple[Any, ...]
"""Where a value sits in a JSON body: keys and list indexes."""


@dataclass(frozen=True)
class Operation:
    """One SDK method, the HTTP exchange behind it, and where its body can be mutated."""

    name: str
    http_method: str
    path: str
    call: Callable[[Any], Any]  # client -> result, or an awaitable of it
    ok_status: int = 200
    ok_body: Optional[Dict[str, Any]] = None
    value_at: Path = ()  # a scalar the test reads back from the parsed result
    unwrap: Path = ()  # the part of a body path the result does not have (a pager's "data")
    nested_at: Path = ()  # a nested object, for wrong-type and extra-field mutations
    enum_at: Path = ()  # a string the spec enumerates (documented values only)

    @property
    def has_body(self) -> bool:
        return self.ok_body is not None

    def body(self) -> Dict[str, Any]:
        assert self.ok_body is not None
        return copy.deepcopy(self.ok_body)


def get_path(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def set_path(data: Any, path: Path, value: Any) -> None:
    get_path(data, path[:-1])[path[-1]] = value


def read_attr(op: Operation, result: Any, path: Path) -> Any:
    """Read body ``path`` from ``op``'s parsed result (attributes for keys; ``type_``)."""
    assert path[: len(op.unwrap)] == op.unwrap, path
    for step in path[len(op.unwrap) :]:
        if isinstance(step, int) or step in getattr(result, "additional_properties", {}):
            result = result[step]
        else:
            result = getattr(result, "type_" if step == "type" else step)
    return result


def _collect(pager: Any) -> Any:
    """Every item of a sync or async pager."""
    if isinstance(pager, mnemexa.SyncPager):
        return list(pager)

    async def gather() -> List[Any]:
        return [item async for item in pager]

    return gather()


async def call_async(op: Operation, client: Any) -> Any:
    """Run ``op`` on an ``AsyncClient``."""
    result = op.call(client)
    assert inspect.isawaitable(result), f"{op.name} on AsyncClient returned {result!r}"
    return await result


def call_sync(op: Operation, client: Any) -> Any:
    """Run ``op`` on a ``Client``."""
    result = op.call(client)
    assert not inspect.isawaitable(result), f"{op.name} on Client returned an awaitable"
    return result


OPERATIONS: List[Operation] = [
    Operation(
        "status",
        "GET",
        "/v1/status",
        lambda c: c.status(),
        ok_body=STATUS,
        value_at=("workspace_name",),
        enum_at=("workspace_status",),
    ),
    Operation(
        "health",
        "GET",
        "/v1/optimize/health",
        lambda c: c.optimize.health(),
        ok_body=HEALTH,
        value_at=("signals", "total_memories"),
        nested_at=("signals",),
    ),
    Operation(
        "store",
        "POST",
        "/v1/memory/store",
        lambda c: c.memory.store("Client prefers async standups.", meta={"source": "kickoff"}),
        ok_body=STORE,
        value_at=("memory_id",),
        nested_at=("dedup",),
        enum_at=("dedup", "action"),
    ),
    Operation(
        "store_batch",
        "POST",
        "/v1/memory/store_batch",
        lambda c: c.memory.store_batch(["one fact", {"text": "another", "meta": {"k": 1}}]),
        ok_body={
            "results": [
                {"index": 0, "status": "ok", "result": STORE},
                {"index": 1, "status": "ok", "result": {**STORE, "memory_id": 8422}},
            ]
        },
        value_at=("results", 1, "result", "memory_id"),
        nested_at=("results", 0, "result", "dedup"),
        enum_at=("results", 0, "result", "temporal", "type"),
    ),
    Operation(
        "retrieve",
        "POST",
        "/v1/memory/retrieve",
        lambda c: c.memory.retrieve("standups", top_k=3, min_score=0.1),
        ok_body={"memories": [RETRIEVED]},
        value_at=("memories", 0, "score"),
        nested_at=("memories", 0, "temporal"),
        enum_at=("memories", 0, "temporal", "type"),
    ),
    Operation(
        "list_page",
        "GET",
        "/v1/memory",
        lambda c: c.memory.list(limit=2, category="team_workflow").fetch_page(),
        ok_body={"data": [MEMORY], "has_more": False, "next_cursor": None},
        value_at=("data", 0, "memory_id"),
        nested_at=("data", 0, "temporal"),
        enum_at=("data", 0, "temporal", "type"),
    ),
    Operation(
        "list_iter",
        "GET",
        "/v1/memory",
        lambda c: _collect(c.memory.list(limit=2)),
        ok_body={"data": [MEMORY], "has_more": False, "next_cursor": None},
        value_at=("data", 0, "memory_id"),
        unwrap=("data",),
        nested_at=("data", 0, "temporal"),
        enum_at=("data", 0, "temporal", "type"),
    ),
    Operation(
        "get",
        "GET",
        "/v1/memory/8421",
        lambda c: c.memory.get(8421),
        ok_body=MEMORY,
        value_at=("text",),
        nested_at=("temporal",),
        enum_at=("temporal", "type"),
    ),
    Operation(
        "update",
        "PATCH",
        "/v1/memory/8421",
        lambda c: c.memory.update(8421, text="Standups moved to Wednesdays."),
        ok_body=MEMORY,
        value_at=("importance",),
        nested_at=("temporal",),
        enum_at=("temporal", "type"),
    ),
    Operation(
        "delete",
        "DELETE",
        "/v1/memory/8421",
        lambda c: c.memory.delete(8421),
        ok_status=204,
    ),
]
