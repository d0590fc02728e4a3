"""The queued-write operations of ``openapi.yaml``: ``store_memory_async`` and
``get_write_status``."""

from __future__ import annotations

from typing import Callable

from ...clock import to_iso, utc_iso
from ...resource import Context, Handler, Reply, Request, read, write
from ...spec import parse_datetime
from ..memory.routes import StoreBody
from ..memory.service import MemoryService
from ..memory.store import Scope
from .store import NewWrite, WriteStore
from .wire import write_status_json


def handlers(
    service: MemoryService, writes: WriteStore, wake: Callable[[], None]
) -> dict[str, Handler]:
    def accept_prepare(ctx: Context, req: Request[StoreBody]) -> NewWrite:
        """Screen the text and meta under the workspace's PII policy before anything is
        written (``pii_rejected`` as store answers it)."""
        body = req.body
        text, meta, pii = service.preparer.screen(ctx.workspace, body["text"], body.get("meta"))
        observed = body.get("observed_at")
        return NewWrite(
            text=text,
            meta=meta,
            dedup_mode=body.get("dedup_mode"),
            scope=Scope.of(body),
            observed_at=to_iso(
                ctx.clock() if observed is None else parse_datetime("observed_at", observed)
            ),
            pii=pii,
        )

    def accept(ctx: Context, req: Request[StoreBody], new: NewWrite) -> Reply:
        if new.scope.session_id and service.sessions is not None:
            service.sessions.enter(ctx.workspace.id, new.scope, utc_iso())
        write_id = writes.add(ctx.workspace.id, new, ctx.request_id)
        ctx.transaction.on_commit(wake)
        return 202, {"write_id": write_id, "status": "queued"}

    def status(ctx: Context, req: Request[None]) -> Reply:
        write_id = req.params["write_id"]
        return 200, write_status_json(write_id, writes.get(ctx.workspace.id, write_id))

    return {
        "store_memory_async": write(accept, accept_prepare),
        "get_write_status": read(status),
    }
