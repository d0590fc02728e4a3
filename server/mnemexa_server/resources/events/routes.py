"""The event operations of ``openapi.yaml``, by ``operationId``, with their typed bodies."""

from __future__ import annotations

from typing import Any, Callable, Optional, TypedDict

from typing_extensions import NotRequired

from ...clock import to_iso, utc_iso
from ...cursor import Cursor
from ...errors import InvalidError
from ...resource import Context, Handler, Reply, Request, read, write
from ...spec import parse_datetime
from ..memory.service import MemoryService
from ..memory.store import Scope
from .store import EventQuery, EventStore, NewEvent
from .wire import event_json, status_json

CURSOR = Cursor("e")  # the list's cursors; "e" keeps other lists' out


class EventBody(TypedDict):
    user_id: str
    session_id: str
    kind: str
    content: str
    ts: NotRequired[str]
    meta: NotRequired[dict[str, Any]]
    agent_id: NotRequired[str]
    role_id: NotRequired[str]
    team_id: NotRequired[str]


class IngestBody(TypedDict):
    events: list[EventBody]


class StatusBody(TypedDict):
    event_ids: list[str]


def _iso(value: Any) -> Optional[str]:
    """A date-time parameter (parsed by the spec layer) as stored."""
    return to_iso(value) if value is not None else None


def _refused(error: InvalidError, index: int) -> InvalidError:
    """A PII refusal of one event, for the whole request: it names the event and the types
    found (never the values), and calls the text ``content`` as events do."""
    details = dict(error.details or {})
    fields = ["content" if name == "text" else name for name in details.get("fields", [])]
    types = ", ".join(details.get("types", []))
    return InvalidError(
        f"Event {index} contains sensitive data in its {' and '.join(fields)} that cannot "
        f"be stored: {types}. Nothing was ingested.",
        code=error.code,
        details={**details, "fields": fields, "index": index},
    )


def handlers(
    service: MemoryService, events: EventStore, wake: Callable[[], None]
) -> dict[str, Handler]:
    def ingest_prepare(ctx: Context, req: Request[IngestBody]) -> list[NewEvent]:
        """Screen every event under the workspace's PII policy before anything is written."""
        accepted = to_iso(ctx.clock())
        screened: list[NewEvent] = []
        for index, item in enumerate(req.body["events"]):
            try:
                content, meta, _ = service.preparer.screen(
                    ctx.workspace, item["content"], item.get("meta")
                )
            except InvalidError as error:
                raise _refused(error, index) from None
            ts = item.get("ts")
            when = accepted if ts is None else to_iso(parse_datetime(f"events[{index}].ts", ts))
            scope = Scope.of(item)
            screened.append(NewEvent(item["kind"], content, meta or {}, scope, when))
        return screened

    def ingest(ctx: Context, req: Request[IngestBody], screened: list[NewEvent]) -> Reply:
        if service.sessions is not None:  # start unknown sessions, refuse ended ones
            at = utc_iso()
            for scope in dict.fromkeys(event.scope for event in screened):
                service.sessions.enter(ctx.workspace.id, scope, at)
        event_ids = events.add(ctx.workspace.id, screened, ctx.request_id)
        ctx.transaction.on_commit(wake)
        return 202, {"accepted": len(event_ids), "event_ids": event_ids}

    def list_events(ctx: Context, req: Request[None]) -> Reply:
        params = req.params
        cursor = params.get("cursor")
        before = CURSOR.decode(cursor) if cursor is not None else None
        query = EventQuery(
            limit=params.get("limit", 20),
            before_seq=before,
            scope=Scope.of(params),
            kind=params.get("kind"),
            ts_from=_iso(params.get("after")),
            ts_until=_iso(params.get("before")),
        )
        page, more = events.page(ctx.workspace.id, query)
        return 200, {
            "data": [event_json(event) for _, event in page],
            "has_more": more,
            "next_cursor": CURSOR.encode(page[-1][0]) if more and page else None,
        }

    def status(ctx: Context, req: Request[StatusBody]) -> Reply:
        event_ids = req.body["event_ids"]
        return 200, status_json(event_ids, events.get_many(ctx.workspace.id, event_ids))

    return {
        "ingest_events": write(ingest, ingest_prepare),
        "list_events": read(list_events),
        "get_event_status": read(status),
    }
