"""``client.sessions``: conversations, their activity and their summaries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional

from typing_extensions import Literal, Unpack

from .._operation import Call, ModeT, Paged, RequestOptions, Resource, operation, paginated
from ._args import given, meta_model, segment

if TYPE_CHECKING:
    from mnemexa_api.models import Session, SessionList, SessionSummary


class SessionsResource(Resource[ModeT]):
    """Sessions, addressed by ``session_id``: chosen by you (as events and memories carry
    it) or by the server. A store or event naming an unknown session starts it."""

    @operation
    def create(
        self,
        session_id: Optional[str] = None,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        meta: Optional[Mapping[str, Any]] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[Session]:
        """Start a session (a new id when ``session_id`` is ``None``); raises
        ``ConflictError`` (``session_exists``) if there is one with that id."""
        from mnemexa_api.api.sessions import create_session
        from mnemexa_api.models import SessionCreateRequest

        body = SessionCreateRequest(
            session_id=given(session_id),
            agent_id=given(agent_id),
            user_id=given(user_id),
            meta=meta_model(meta),
        )
        return Call(create_session, options, body=body)

    @operation
    def get_or_create(
        self,
        session_id: str,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        *,
        meta: Optional[Mapping[str, Any]] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[Session]:
        """The session with this id, started if there is none (safe to call concurrently).
        Raises ``ConflictError`` (``session_conflict``) if it exists for another agent or
        user."""
        from mnemexa_api.api.sessions import get_or_create_session
        from mnemexa_api.models import SessionGetOrCreateRequest

        body = SessionGetOrCreateRequest(
            agent_id=given(agent_id), user_id=given(user_id), meta=meta_model(meta)
        )
        return Call(get_or_create_session, options, session_id=segment(session_id), body=body)

    @paginated
    def list(
        self,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        status: Optional[Literal["open", "ended"]] = None,
        **options: Unpack[RequestOptions],
    ) -> Paged[SessionList, Session]:
        """Sessions, newest first, fetched page by page as you iterate."""
        from mnemexa_api.api.sessions import list_sessions
        from mnemexa_api.models import ListSessionsStatus

        return Paged(
            list_sessions,
            options,
            limit=given(limit),
            cursor=given(cursor),
            agent_id=given(agent_id),
            user_id=given(user_id),
            status=given(ListSessionsStatus(status) if status is not None else None),
        )

    @operation
    def get(self, session_id: str, **options: Unpack[RequestOptions]) -> Call[Session]:
        """The session, with its memory count, first and last activity and latest summary."""
        from mnemexa_api.api.sessions import get_session

        return Call(get_session, options, session_id=segment(session_id))

    @operation
    def end(self, session_id: str, **options: Unpack[RequestOptions]) -> Call[Session]:
        """End the session: later stores, writes and events naming it raise
        ``ConflictError`` (``session_ended``)."""
        from mnemexa_api.api.sessions import end_session

        return Call(end_session, options, session_id=segment(session_id))

    @operation
    def summarize(
        self,
        session_id: str,
        *,
        max_sentences: Optional[int] = None,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[SessionSummary]:
        """Summarize the session's memories (extractive by default; an LLM when the server
        is configured with one), only those of ``agent_id`` and ``user_id`` when given, and
        keep it as the session's latest summary; the result names the memories it used."""
        from mnemexa_api.api.sessions import summarize_session
        from mnemexa_api.models import SessionSummarizeRequest

        body = SessionSummarizeRequest(
            max_sentences=given(max_sentences), agent_id=given(agent_id), user_id=given(user_id)
        )
        return Call(summarize_session, options, session_id=segment(session_id), body=body)

    @operation
    def delete(self, session_id: str, **options: Unpack[RequestOptions]) -> Call[None]:
        """Delete the session record; its memories keep their ``session_id`` (erase them with
        ``memory.delete_many(session_id=...)``)."""
        from mnemexa_api.api.sessions import delete_session

        return Call(delete_session, options, session_id=segment(session_id))
