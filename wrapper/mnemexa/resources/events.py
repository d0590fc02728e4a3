"""``client.events``: asynchronous ingestion of conversation events into memories."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence, Union

from typing_extensions import Literal, Unpack

from .._exceptions import InvalidArgumentError
from .._operation import Call, ModeT, Paged, RequestOptions, Resource, operation, paginated
from ._args import given, meta_model

if TYPE_CHECKING:
    from mnemexa_api.models import (
        Event,
        EventIn,
        EventIngestResponse,
        EventKind,
        EventList,
        EventStatusResponse,
    )

EventKindArg = Literal["user_message", "assistant_message", "tool_result", "app_event"]
EventArg = Union["EventIn", Mapping[str, Any]]
_EVENT_FIELDS = frozenset(
    ("user_id", "session_id", "kind", "content", "ts", "meta", "agent_id", "role_id", "team_id")
)
_REQUIRED = ("user_id", "session_id", "kind", "content")


def _kind(kind: str) -> EventKind:
    from mnemexa_api.models import EventKind

    try:
        return EventKind(kind)
    except ValueError:
        choices = ", ".join(repr(k.value) for k in EventKind)
        raise InvalidArgumentError(f"an event's kind must be one of {choices}") from None


def _event(index: int, event: EventArg) -> EventIn:
    """One event as the generated ``EventIn``; a mapping is checked for its field names."""
    from mnemexa_api.models import EventIn

    if isinstance(event, EventIn):
        return event
    if not isinstance(event, Mapping):
        raise InvalidArgumentError(
            f"events[{index}] must be a mapping or an EventIn, got {type(event).__name__}"
        )
    unknown = sorted(set(event) - _EVENT_FIELDS)
    missing = [name for name in _REQUIRED if event.get(name) is None]
    if unknown or missing:
        raise InvalidArgumentError(
            f"events[{index}]: unknown fields {unknown}, missing fields {missing}; nothing was sent"
        )
    return EventIn(
        user_id=event["user_id"],
        session_id=event["session_id"],
        kind=_kind(event["kind"]),
        content=event["content"],
        ts=given(event.get("ts")),
        meta=meta_model(event.get("meta")),
        agent_id=given(event.get("agent_id")),
        role_id=given(event.get("role_id")),
        team_id=given(event.get("team_id")),
    )


class EventsResource(Resource[ModeT]):
    """Events (messages, tool results, app events) that a worker inside the server turns
    into memories, asynchronously."""

    @operation
    def ingest(
        self, events: Sequence[EventArg], **options: Unpack[RequestOptions]
    ) -> Call[EventIngestResponse]:
        """Queue up to 100 events; returns their ``event_ids`` once they are durably written.

        Each event is a mapping (or ``EventIn``) with ``user_id``, ``session_id``, ``kind``
        (``"user_message"``, ``"assistant_message"``, ``"tool_result"`` or ``"app_event"``)
        and ``content``, and optional ``ts`` (a datetime: the memory's ``observed_at``),
        ``meta``, ``agent_id``, ``role_id`` and ``team_id``. Poll ``status`` to see them
        processed.
        """
        from mnemexa_api.api.events import ingest_events
        from mnemexa_api.models import EventIngestRequest

        if isinstance(events, (str, bytes, Mapping)):
            raise InvalidArgumentError("events must be a sequence of events; nothing was sent")
        body = EventIngestRequest(events=[_event(i, event) for i, event in enumerate(events)])
        return Call(ingest_events, options, body=body)

    @operation
    def status(
        self, event_ids: Sequence[str], **options: Unpack[RequestOptions]
    ) -> Call[EventStatusResponse]:
        """Which events are completed, which are pending and which failed (with the reason;
        ``not_found`` for an id this workspace does not have)."""
        from mnemexa_api.api.events import get_event_status
        from mnemexa_api.models import EventStatusRequest

        if isinstance(event_ids, str):
            raise InvalidArgumentError("event_ids must be a sequence of ids, not one string")
        return Call(get_event_status, options, body=EventStatusRequest(event_ids=list(event_ids)))

    @paginated
    def list(
        self,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
        agent_id: Optional[str] = None,
        kind: Optional[EventKindArg] = None,
        after: Optional[datetime] = None,
        before: Optional[datetime] = None,
        **options: Unpack[RequestOptions],
    ) -> Paged[EventList, Event]:
        """Ingested events, newest first, with their processing status; ``after`` and
        ``before`` bound their ``ts``."""
        from mnemexa_api.api.events import list_events

        return Paged(
            list_events,
            options,
            limit=given(limit),
            cursor=given(cursor),
            user_id=given(user_id),
            session_id=given(session_id),
            agent_id=given(agent_id),
            kind=given(_kind(kind) if kind is not None else None),
            after=given(after),
            before=given(before),
        )
