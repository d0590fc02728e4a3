"""The workspace operations of ``openapi.yaml``: status and the memories' quality score."""

from __future__ import annotations

from ... import API_VERSION
from ...clock import to_iso
from ...resource import Context, Handler, Reply, Request, read
from ..memory.store import MemoryStore
from . import quality
from .store import WorkspaceStore


def handlers(workspaces: WorkspaceStore, memories: MemoryStore) -> dict[str, Handler]:
    def health(ctx: Context, req: Request[None]) -> Reply:
        stats = memories.stats(ctx.workspace.id, to_iso(ctx.clock()))
        signals = quality.signals(stats, workspaces.duplicates_prevented(ctx.workspace.id))
        return 200, {"quality_score": quality.quality_score(signals), "signals": signals}

    def status(ctx: Context, req: Request[None]) -> Reply:
        return 200, {
            "workspace_id": ctx.workspace.id,
            "workspace_name": ctx.workspace.name,
            "workspace_status": ctx.workspace.status,
            "api_version": API_VERSION,
        }

    return {"get_health": read(health), "get_status": read(status)}
