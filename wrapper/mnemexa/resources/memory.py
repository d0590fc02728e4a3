"""``client.memory``: store, retrieve, list, get, update and delete memories."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Sequence, Union

from typing_extensions import Literal, Unpack

from .._operation import Call, ModeT, Paged, RequestOptions, Resource, operation, paginated
from ._args import SCOPE_FIELDS, dedup, given, meta_model, scope, segment

if TYPE_CHECKING:
    from mnemexa_api.models import (
        ErasureCounts,
        Memory,
        MemoryList,
        MemoryRetrieveResponse,
        MemoryStats,
        MemoryStoreBatchResponse,
        MemoryStoreRequest,
        MemoryStoreResponse,
        WriteAccepted,
        WriteStatus,
    )

BatchItem = Union[str, Mapping[str, Any]]
DedupModeArg = Optional[Literal["auto", "exact", "off"]]


class MemoryResource(Resource[ModeT]):
    """Store, retrieve and manage the memories of the API key's workspace."""

    @operation
    def store(
        self,
        text: str,
        meta: Optional[Mapping[str, Any]] = None,
        *,
        dedup_mode: DedupModeArg = None,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
        role_id: Optional[str] = None,
        team_id: Optional[str] = None,
        observed_at: Optional[datetime] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[MemoryStoreResponse]:
        """Store ``text`` (1-10,000 characters) with optional free-form ``meta``.

        The memory goes through PII filtering, deduplication, importance scoring, temporal
        classification and category extraction; the response reports each outcome.
        ``dedup_mode`` is ``"auto"``, ``"exact"`` or ``"off"``; ``None`` uses the workspace's
        default. The scope fields (``agent_id``, ``user_id``, ``session_id``, ``role_id``,
        ``team_id``; 1-128 characters) are set once; dedup never crosses scopes.
        ``observed_at`` is when the fact was said or seen (default: now). A ``session_id``
        names its session (started if unknown; ``ConflictError`` if it has ended).
        """
        from mnemexa_api.api.memory import store_memory

        body = _store_request(
            text,
            meta,
            dedup_mode,
            observed_at,
            agent_id=agent_id,
            user_id=user_id,
            session_id=session_id,
            role_id=role_id,
            team_id=team_id,
        )
        return Call(store_memory, options, body=body)

    @operation
    def store_async(
        self,
        text: str,
        meta: Optional[Mapping[str, Any]] = None,
        *,
        dedup_mode: DedupModeArg = None,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
        role_id: Optional[str] = None,
        team_id: Optional[str] = None,
        observed_at: Optional[datetime] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[WriteAccepted]:
        """Queue what ``store`` would store and return at once with a ``write_id``.

        PII is screened before anything is written. Poll ``write_status(write_id)`` until it
        is ``completed`` (with the store result) or ``failed``.
        """
        from mnemexa_api.api.memory import store_memory_async

        body = _store_request(
            text,
            meta,
            dedup_mode,
            observed_at,
            agent_id=agent_id,
            user_id=user_id,
            session_id=session_id,
            role_id=role_id,
            team_id=team_id,
        )
        return Call(store_memory_async, options, body=body)

    @operation
    def write_status(self, write_id: str, **options: Unpack[RequestOptions]) -> Call[WriteStatus]:
        """A queued write's status: ``queued``, ``processing``, ``completed`` (``.result``),
        ``failed`` (``.error``) or ``not_found``."""
        from mnemexa_api.api.memory import get_write_status

        return Call(get_write_status, options, write_id=segment(write_id))

    @operation
    def store_batch(
        self,
        items: Sequence[BatchItem],
        *,
        dedup_mode: DedupModeArg = None,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
        role_id: Optional[str] = None,
        team_id: Optional[str] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[MemoryStoreBatchResponse]:
        """Store up to 100 memories in one request; each item gets its own result.

        An item is either the text or a mapping with ``text`` and optional ``meta``,
        ``dedup_mode``, scope fields and ``observed_at``; ``dedup_mode`` and scope fields given
        here apply to items that set none. Each of
        ``.results`` is a ``MemoryStoreBatchResultOk`` (``.result``) or a
        ``MemoryStoreBatchResultError`` (``.error``): test ``item.status == "ok"`` first.
        """
        from mnemexa_api.api.memory import store_memory_batch
        from mnemexa_api.models import MemoryStoreBatchRequest

        shared: Dict[str, Any] = {
            "dedup_mode": dedup_mode,
            **dict(zip(SCOPE_FIELDS, (agent_id, user_id, session_id, role_id, team_id))),
        }
        requests = []
        for item in items:
            own = {"text": item} if isinstance(item, str) else item
            fields = {**shared, **{k: v for k, v in own.items() if v is not None}}
            requests.append(
                _store_request(
                    fields["text"],
                    fields.get("meta"),
                    fields.get("dedup_mode"),
                    fields.get("observed_at"),
                    **{name: fields.get(name) for name in SCOPE_FIELDS},
                )
            )
        body = MemoryStoreBatchRequest(items=requests)
        return Call(store_memory_batch, options, body=body)

    @operation
    def retrieve(
        self,
        query: str,
        top_k: Optional[int] = None,
        min_score: Optional[float] = None,
        *,
        include_expired: Optional[bool] = None,
        include_source_events: Optional[bool] = None,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
        role_id: Optional[str] = None,
        team_id: Optional[str] = None,
        category: Optional[str] = None,
        min_importance: Optional[int] = None,
        created_after: Optional[datetime] = None,
        created_before: Optional[datetime] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[MemoryRetrieveResponse]:
        """Find the memories most relevant to ``query``, best first, scored in [0, 1].

        ``top_k`` caps how many come back and ``min_score`` drops weaker matches;
        ``include_expired`` also returns time-bound memories past their ``valid_until``;
        ``include_source_events`` attaches the events each memory was made from. The
        scope fields and the other filters (the same as ``list``'s) choose which memories
        are searched, before ranking. Left as ``None``, the API's defaults apply.
        """
        from mnemexa_api.api.memory import retrieve_memories
        from mnemexa_api.models import MemoryRetrieveRequest

        body = MemoryRetrieveRequest(
            query=query,
            top_k=given(top_k),
            min_score=given(min_score),
            include_expired=given(include_expired),
            include_source_events=given(include_source_events),
            category=given(category),
            min_importance=given(min_importance),
            created_after=given(created_after),
            created_before=given(created_before),
            **scope(
                agent_id=agent_id,
                user_id=user_id,
                session_id=session_id,
                role_id=role_id,
                team_id=team_id,
            ),
        )
        return Call(retrieve_memories, options, body=body)

    @paginated
    def list(
        self,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        category: Optional[str] = None,
        temporal_type: Optional[str] = None,
        min_importance: Optional[int] = None,
        created_after: Optional[datetime] = None,
        created_before: Optional[datetime] = None,
        include_expired: Optional[bool] = None,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
        role_id: Optional[str] = None,
        team_id: Optional[str] = None,
        **options: Unpack[RequestOptions],
    ) -> Paged[MemoryList, Memory]:
        """Every memory matching the filters, newest first, fetched page by page as you iterate.

        ``limit`` is the page size. Use ``.fetch_page()`` on the result to get one page (a
        ``MemoryList`` with ``next_cursor``), and pass that cursor back to continue later.
        """
        from mnemexa_api.api.memory import list_memories
        from mnemexa_api.models import ListMemoriesTemporalType

        kind = ListMemoriesTemporalType(temporal_type) if temporal_type is not None else None
        return Paged(
            list_memories,
            options,
            limit=given(limit),
            cursor=given(cursor),
            category=given(category),
            temporal_type=given(kind),
            min_importance=given(min_importance),
            created_after=given(created_after),
            created_before=given(created_before),
            include_expired=given(include_expired),
            **scope(
                agent_id=agent_id,
                user_id=user_id,
                session_id=session_id,
                role_id=role_id,
                team_id=team_id,
            ),
        )

    @operation
    def get(self, memory_id: int, **options: Unpack[RequestOptions]) -> Call[Memory]:
        """Fetch one memory by id; raises ``NotFoundError`` if it is not in this workspace."""
        from mnemexa_api.api.memory import get_memory

        return Call(get_memory, options, memory_id=memory_id)

    @operation
    def update(
        self,
        memory_id: int,
        *,
        text: Optional[str] = None,
        meta: Optional[Mapping[str, Any]] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[Memory]:
        """Replace a memory's text and/or metadata. New text runs through the pipeline again."""
        from mnemexa_api.api.memory import update_memory
        from mnemexa_api.models import MemoryUpdateRequest

        body = MemoryUpdateRequest(text=given(text), meta=meta_model(meta))
        return Call(update_memory, options, memory_id=memory_id, body=body)

    @operation
    def delete(self, memory_id: int, **options: Unpack[RequestOptions]) -> Call[None]:
        """Delete a memory for good; raises ``NotFoundError`` if it is not in this workspace."""
        from mnemexa_api.api.memory import delete_memory

        return Call(delete_memory, options, memory_id=memory_id)

    @operation
    def delete_many(
        self,
        *,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
        role_id: Optional[str] = None,
        team_id: Optional[str] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[ErasureCounts]:
        """Erase every memory whose scope matches all the given fields, with everything
        derived from it (history, index entries, idempotent replays, source events, writes,
        session summaries); returns the counts. At least one field is required: the server
        refuses a call without one (``ValidationError``), so no call erases a workspace."""
        from mnemexa_api.api.memory import delete_memories
        from mnemexa_api.models import MemoryDeleteManyRequest

        fields = dict(zip(SCOPE_FIELDS, (agent_id, user_id, session_id, role_id, team_id)))
        body = MemoryDeleteManyRequest(**scope(**fields))
        return Call(delete_memories, options, body=body)

    @operation
    def stats(
        self,
        *,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
        role_id: Optional[str] = None,
        team_id: Optional[str] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[MemoryStats]:
        """Totals of the memories in a scope (the whole workspace without one): by
        category, by scope value, and their average importance."""
        from mnemexa_api.api.memory import get_memory_stats

        return Call(
            get_memory_stats,
            options,
            **scope(
                agent_id=agent_id,
                user_id=user_id,
                session_id=session_id,
                role_id=role_id,
                team_id=team_id,
            ),
        )


def _store_request(
    text: str,
    meta: Optional[Mapping[str, Any]],
    dedup_mode: Optional[str],
    observed_at: Optional[datetime],
    **scope_fields: Optional[str],
) -> MemoryStoreRequest:
    """The body of ``store``, ``store_async`` and each ``store_batch`` item."""
    from mnemexa_api.models import MemoryStoreRequest

    return MemoryStoreRequest(
        text=text,
        meta=meta_model(meta),
        dedup_mode=dedup(dedup_mode),
        observed_at=given(observed_at),
        **scope(**scope_fields),
    )
