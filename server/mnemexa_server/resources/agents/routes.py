"""The agent operations of ``openapi.yaml``, by ``operationId``, with their typed bodies."""

from __future__ import annotations

from typing import Any, Optional, TypedDict

from typing_extensions import NotRequired

from ...cursor import Cursor
from ...resource import Context, Handler, Reply, Request, read, write
from .service import AgentService, new_agent_id
from .store import NewAgent
from .wire import agent_json, deleted_json, stats_json

CURSOR = Cursor("a")


class CreateBody(TypedDict):
    name: str
    description: NotRequired[Optional[str]]
    meta: NotRequired[dict[str, Any]]
    agent_id: NotRequired[str]


class UpdateBody(TypedDict, total=False):
    name: str
    description: Optional[str]  # null clears it
    meta: dict[str, Any]


def handlers(service: AgentService) -> dict[str, Handler]:
    def create_prepare(ctx: Context, req: Request[CreateBody]) -> dict[str, Any]:
        return service.screen_meta(ctx.workspace, req.body.get("meta"))

    def create(ctx: Context, req: Request[CreateBody], meta: dict[str, Any]) -> Reply:
        body = req.body
        new = NewAgent(
            body.get("agent_id") or new_agent_id(), body["name"], body.get("description"), meta
        )
        return 201, agent_json(service.create(ctx.workspace, new))

    def list_agents(ctx: Context, req: Request[None]) -> Reply:
        params = req.params
        cursor: Optional[str] = params.get("cursor")
        after = CURSOR.decode(cursor) if cursor is not None else None
        agents, more = service.page(ctx.workspace, params.get("limit", 20), after)
        return 200, {
            "data": [agent_json(a) for a in agents],
            "has_more": more,
            "next_cursor": CURSOR.encode(agents[-1].position) if more and agents else None,
        }

    def get(ctx: Context, req: Request[None]) -> Reply:
        return 200, agent_json(service.get(ctx.workspace, req.params["agent_id"]))

    def update_prepare(ctx: Context, req: Request[UpdateBody]) -> dict[str, Any]:
        """The changes, with ``meta`` screened for PII."""
        changes: dict[str, Any] = dict(req.body)
        if "meta" in changes:
            changes["meta"] = service.screen_meta(ctx.workspace, changes["meta"])
        return changes

    def update(ctx: Context, req: Request[UpdateBody], changes: dict[str, Any]) -> Reply:
        return 200, agent_json(service.update(ctx.workspace, req.params["agent_id"], changes))

    def delete(ctx: Context, req: Request[None], _prepared: None) -> Reply:
        agent_id = req.params["agent_id"]
        return 200, deleted_json(agent_id, service.delete(ctx.transaction, ctx.workspace, agent_id))

    def stats(ctx: Context, req: Request[None]) -> Reply:
        return 200, stats_json(service.stats(ctx.workspace, req.params["agent_id"]))

    return {
        "create_agent": write(create, create_prepare),
        "list_agents": read(list_agents),
        "get_agent": read(get),
        "update_agent": write(update, update_prepare),
        "delete_agent": write(delete),
        "get_agent_stats": read(stats),
    }
