"""What each spec operation does, by ``operationId``.

A handler has up to two steps: ``prepare`` runs outside any transaction (PII screening and
embedding, the slow part), and ``run`` does the reads and writes. Writing handlers run inside
``MemoryService.writing()``, in the same transaction as the idempotency record.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Callable, Optional

from .errors import ApiError
from .service import MemoryService
from .storage.workspaces import Workspace

Request = dict[str, Any]  # {"params": ..., "body": ...}
Prepare = Callable[[MemoryService, Workspace, Request], Any]
Run = Callable[
    [MemoryService, Workspace, Request, Any, Optional[sqlite3.Connection]], tuple[int, Any]
]


@dataclass(frozen=True)
class Handler:
    run: Run
    prepare: Optional[Prepare] = None
    writes: bool = False


def _store_prepare(svc: MemoryService, ws: Workspace, req: Request) -> Any:
    return svc.prepare(ws, req["body"]["text"], req["body"].get("meta"))


def _store_run(
    svc: MemoryService, ws: Workspace, req: Request, prepared: Any, conn: Any
) -> tuple[int, Any]:
    return 200, svc.store(conn, ws, prepared, req["body"].get("dedup_mode"))


def _batch_prepare(svc: MemoryService, ws: Workspace, req: Request) -> Any:
    return svc.prepare_many(ws, [(item["text"], item.get("meta")) for item in req["body"]["items"]])


def _batch_run(
    svc: MemoryService, ws: Workspace, req: Request, prepared: Any, conn: Any
) -> tuple[int, Any]:
    results: list[dict[str, Any]] = []
    pending: list[Any] = []
    for index, (item, staged) in enumerate(zip(req["body"]["items"], prepared)):
        if isinstance(staged, ApiError):
            error = staged.body(req["request_id"])
            results.append({"index": index, "status": "error", "error": error})
            continue
        result = svc.store(conn, ws, staged, item.get("dedup_mode"), pending)
        results.append({"index": index, "status": "ok", "result": result})
    return 200, {"results": results}


def _update_prepare(svc: MemoryService, ws: Workspace, req: Request) -> Any:
    text = req["body"].get("text")
    return svc.prepare(ws, text, req["body"].get("meta")) if text is not None else None


def _update_run(
    svc: MemoryService, ws: Workspace, req: Request, prepared: Any, conn: Any
) -> tuple[int, Any]:
    return 200, svc.update(conn, ws, req["params"]["memory_id"], req["body"], prepared)


def _delete_run(
    svc: MemoryService, ws: Workspace, req: Request, prepared: Any, conn: Any
) -> tuple[int, Any]:
    svc.delete(conn, ws, req["params"]["memory_id"])
    return 204, None


HANDLERS: dict[str, Handler] = {
    "store_memory": Handler(_store_run, _store_prepare, writes=True),
    "store_memory_batch": Handler(_batch_run, _batch_prepare, writes=True),
    "update_memory": Handler(_update_run, _update_prepare, writes=True),
    "delete_memory": Handler(_delete_run, writes=True),
    "retrieve_memories": Handler(lambda svc, ws, req, _p, _c: (200, svc.retrieve(ws, req["body"]))),
    "list_memories": Handler(lambda svc, ws, req, _p, _c: (200, svc.list(ws, req["params"]))),
    "get_memory": Handler(
        lambda svc, ws, req, _p, _c: (200, svc.get(ws, req["params"]["memory_id"]))
    ),
    "get_health": Handler(lambda svc, ws, _r, _p, _c: (200, svc.health(ws))),
    "get_status": Handler(lambda svc, ws, _r, _p, _c: (200, svc.status(ws))),
}
