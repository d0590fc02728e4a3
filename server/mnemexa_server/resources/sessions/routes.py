"""The session operations of ``openapi.yaml``, by ``operationId``, with their typed bodies."""

from __future__ import annotations

from typing import Any, Optional, TypedDict, TypeVar

from ...cursor import Cursor
from ...resource import Context, Handler, Reply, Request, read, write
from ..memory.store import Scope
from .service import SessionService, new_session_id
from .store import NewSession, SessionQuery
from .summarize import Summary
from .wire import session_json, summary_json

CURSOR = Cursor("s")
DEFAULT_SENTENCES = 5  # SessionSummarizeRequest.max_sentences


class PutBody(TypedDict, total=False):
    agent_id: str
    user_id: str
    meta: dict[str, Any]


class CreateBody(PutBody, total=False):
    session_id: str


class SummarizeBody(TypedDict, total=False):
    max_sentences: int
    agent_id: str  # filters: only the session's memories of this agent
    user_id: str  # and of this user


Body = TypeVar("Body", CreateBody, PutBody)


def _sentences(body: SummarizeBody) -> int:
    return int(body.get("max_sentences", DEFAULT_SENTENCES))  # JSON Schema: 7.0 is an integer


def _filter(body: SummarizeBody) -> Scope:
    """Which of the session's memories a summary reads (None: any)."""
    return Scope(agent_id=body.get("agent_id"), user_id=body.get("user_id"))


def handlers(service: SessionService) -> dict[str, Handler]:
    def screen(ctx: Context, req: Request[Body]) -> dict[str, Any]:
        return service.screen_meta(ctx.workspace, req.body.get("meta"))

    def create(ctx: Context, req: Request[CreateBody], meta: dict[str, Any]) -> Reply:
        body = req.body
        new = NewSession(
            body.get("session_id") or new_session_id(),
            body.get("agent_id"),
            body.get("user_id"),
            meta,
        )
        return 201, session_json(service.create(ctx.workspace, new))

    def get_or_create(ctx: Context, req: Request[PutBody], meta: dict[str, Any]) -> Reply:
        body = req.body
        new = NewSession(req.params["session_id"], body.get("agent_id"), body.get("user_id"), meta)
        return 200, session_json(service.get_or_create(ctx.workspace, new))

    def list_sessions(ctx: Context, req: Request[None]) -> Reply:
        params = req.params
        cursor: Optional[str] = params.get("cursor")
        query = SessionQuery(
            limit=params.get("limit", 20),
            after=CURSOR.decode(cursor) if cursor is not None else None,
            agent_id=params.get("agent_id"),
            user_id=params.get("user_id"),
            status=params.get("status"),
        )
        sessions, more = service.page(ctx.workspace, query)
        return 200, {
            "data": [session_json(s) for s in sessions],
            "has_more": more,
            "next_cursor": CURSOR.encode(sessions[-1].position) if more and sessions else None,
        }

    def get(ctx: Context, req: Request[None]) -> Reply:
        return 200, session_json(service.get(ctx.workspace, req.params["session_id"]))

    def end(ctx: Context, req: Request[None], _prepared: None) -> Reply:
        return 200, session_json(service.end(ctx.workspace, req.params["session_id"]))

    def settle(ctx: Context, req: Request[None]) -> None:
        service.settle(ctx.workspace, req.params["session_id"])

    def delete(ctx: Context, req: Request[None], _prepared: None) -> Reply:
        service.delete(ctx.transaction, ctx.workspace, req.params["session_id"])
        return 204, None

    def draft(ctx: Context, req: Request[SummarizeBody]) -> Summary:
        session_id = req.params["session_id"]
        body = req.body
        return service.draft_summary(ctx.workspace, session_id, _sentences(body), _filter(body))

    def summarize(ctx: Context, req: Request[SummarizeBody], drafted: Summary) -> Reply:
        session_id, body = req.params["session_id"], req.body
        kept = service.keep_summary(
            ctx.workspace, session_id, drafted, _sentences(body), _filter(body)
        )
        return 200, summary_json(session_id, kept)

    return {
        "create_session": write(create, screen),
        "get_or_create_session": write(get_or_create, screen),
        "list_sessions": read(list_sessions),
        "get_session": read(get),
        "end_session": write(end),
        "delete_session": write(delete, settle),
        "summarize_session": write(summarize, draft),
    }
