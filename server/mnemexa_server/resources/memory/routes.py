"""The memory operations of ``openapi.yaml``, by ``operationId``, with their typed bodies."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping, Optional, TypedDict, Union, cast

from typing_extensions import NotRequired

from ...clock import to_iso
from ...cursor import Cursor
from ...errors import DomainError, InvalidError, invalid
from ...http_errors import from_domain
from ...resource import Context, Handler, Reply, Request, read, write
from ...spec import parse_datetime
from .prepare import Prepared
from .service import MemoryService, Retrieval, Stored
from .store import SCOPE_FIELDS, Filter, PageQuery, Scope
from .wire import erasure_json, memory_json, retrieved_json, stats_json, store_result_json

CURSOR = Cursor("m")  # the list's cursors; "m" keeps other lists' out


class ScopeFields(TypedDict, total=False):
    agent_id: str
    user_id: str
    session_id: str
    role_id: str
    team_id: str


class StoreBody(ScopeFields):
    text: str
    meta: NotRequired[dict[str, Any]]
    dedup_mode: NotRequired[str]
    observed_at: NotRequired[str]


class BatchBody(TypedDict):
    items: list[StoreBody]


class RetrieveBody(ScopeFields):
    query: str
    top_k: NotRequired[int]
    min_score: NotRequired[float]
    include_expired: NotRequired[bool]
    include_source_events: NotRequired[bool]
    category: NotRequired[str]
    min_importance: NotRequired[int]
    created_after: NotRequired[str]
    created_before: NotRequired[str]


class DeleteManyBody(ScopeFields):
    pass


class UpdateBody(TypedDict, total=False):
    text: str
    meta: dict[str, Any]


def _iso(value: Any) -> Optional[str]:
    """A date-time parameter (parsed by the spec layer, aware, in range) as stored."""
    return to_iso(value) if value is not None else None


def _body_iso(body: Mapping[str, Any], name: str) -> Optional[str]:
    """A date-time field of a JSON body, as stored; 422 naming it if it is not one."""
    value = body.get(name)
    return None if value is None else to_iso(parse_datetime(name, value))


def _scoped(prepared: Prepared, item: StoreBody) -> Prepared:
    """``prepared`` with the scope and the time of observation its request gave."""
    analysis = replace(
        prepared.analysis,
        scope=Scope.of(cast(Mapping[str, Any], item)),
        observed_at=_body_iso(cast(Mapping[str, Any], item), "observed_at"),
    )
    return replace(prepared, analysis=analysis)


def _filter(fields: Mapping[str, Any], include_expired: bool, dates: Any) -> Filter:
    """The list and retrieve filters, from parameters or a body (``dates`` converts the
    two date-time fields to their stored form)."""
    return Filter(
        scope=Scope.of(fields),
        category=fields.get("category"),
        temporal_type=fields.get("temporal_type"),
        min_importance=fields.get("min_importance"),
        created_after=dates("created_after"),
        created_before=dates("created_before"),
        include_expired=include_expired,
    )


def handlers(service: MemoryService) -> dict[str, Handler]:
    def _stored(ctx: Context, stored: Stored) -> dict[str, Any]:
        return store_result_json(ctx.workspace.id, stored.decision, stored.memory, stored.pii)

    def store_prepare(ctx: Context, req: Request[StoreBody]) -> Prepared:
        body = req.body
        prepared = service.preparer.prepare(
            ctx.workspace, body["text"], body.get("meta"), body.get("user_id")
        )
        return _scoped(prepared, body)

    def store(ctx: Context, req: Request[StoreBody], prepared: Prepared) -> Reply:
        stored = service.store(ctx.transaction, ctx.workspace, prepared, req.body.get("dedup_mode"))
        return 200, _stored(ctx, stored)

    def batch_prepare(ctx: Context, req: Request[BatchBody]) -> list[Union[Prepared, InvalidError]]:
        items = req.body["items"]
        prepared = service.preparer.prepare_many(
            ctx.workspace, [(item["text"], item.get("meta"), item.get("user_id")) for item in items]
        )
        return [
            staged if isinstance(staged, InvalidError) else _scoped(staged, item)
            for staged, item in zip(prepared, items)
        ]

    def batch(
        ctx: Context, req: Request[BatchBody], prepared: list[Union[Prepared, InvalidError]]
    ) -> Reply:
        modes = [item.get("dedup_mode") for item in req.body["items"]]
        outcomes = service.store_batch(ctx.transaction, ctx.workspace, list(zip(prepared, modes)))
        results: list[dict[str, Any]] = []
        for index, outcome in enumerate(outcomes):
            if isinstance(outcome, DomainError):
                error = from_domain(outcome).body(ctx.request_id)
                results.append({"index": index, "status": "error", "error": error})
            else:
                results.append({"index": index, "status": "ok", "result": _stored(ctx, outcome)})
        return 200, {"results": results}

    def update_prepare(ctx: Context, req: Request[UpdateBody]) -> Optional[Prepared]:
        text = req.body.get("text")
        if text is None:
            return None
        # The scope is set once, at store: the new text is about the same user.
        user_id = service.get(ctx.workspace, req.params["memory_id"]).scope.user_id
        return service.preparer.prepare(ctx.workspace, text, req.body.get("meta"), user_id)

    def update(ctx: Context, req: Request[UpdateBody], prepared: Optional[Prepared]) -> Reply:
        memory = service.update(
            ctx.transaction, ctx.workspace, req.params["memory_id"], prepared, req.body.get("meta")
        )
        return 200, memory_json(memory)

    def delete(ctx: Context, req: Request[None], _prepared: None) -> Reply:
        service.delete(ctx.transaction, ctx.workspace, req.params["memory_id"])
        return 204, None

    def retrieve(ctx: Context, req: Request[RetrieveBody]) -> Reply:
        body = req.body
        query = Retrieval(
            query=body["query"],
            top_k=int(body.get("top_k", 5)),  # JSON Schema counts 7.0 as an integer
            min_score=body.get("min_score", 0.0),
            where=_filter(
                cast(Mapping[str, Any], body),
                body.get("include_expired", False),
                lambda name: _body_iso(cast(Mapping[str, Any], body), name),
            ),
        )
        hits = service.retrieve(ctx.workspace, query)
        if not body.get("include_source_events", False):
            return 200, {"memories": [retrieved_json(hit.memory, hit.score) for hit in hits]}
        from ..events.sources import source_events  # events build on memory: import at call

        sources = source_events(service.db, ctx.workspace.id, [hit.memory for hit in hits])
        return 200, {
            "memories": [
                retrieved_json(hit.memory, hit.score, sources[hit.memory.memory_id]) for hit in hits
            ]
        }

    def list_memories(ctx: Context, req: Request[None]) -> Reply:
        params = req.params
        cursor = params.get("cursor")
        after_id = CURSOR.decode(cursor) if cursor is not None else None
        query = PageQuery(
            limit=params.get("limit", 20),
            after_id=after_id,
            filter=_filter(
                params,
                params.get("include_expired", True),
                lambda name: _iso(params.get(name)),
            ),
        )
        memories, more = service.page(ctx.workspace, query)
        return 200, {
            "data": [memory_json(m) for m in memories],
            "has_more": more,
            "next_cursor": CURSOR.encode(memories[-1].memory_id) if more and memories else None,
        }

    def get(ctx: Context, req: Request[None]) -> Reply:
        return 200, memory_json(service.get(ctx.workspace, req.params["memory_id"]))

    def delete_many(ctx: Context, req: Request[DeleteManyBody], _prepared: None) -> Reply:
        scope = Scope.of(cast(Mapping[str, Any], req.body))
        if not scope:  # the schema requires a field; null values name none either
            raise invalid("Name at least one scope field to erase.", fields=list(SCOPE_FIELDS))
        return 200, erasure_json(service.erase(ctx.transaction, ctx.workspace, scope))

    def stats(ctx: Context, req: Request[None]) -> Reply:
        return 200, stats_json(service.totals(ctx.workspace, Filter(scope=Scope.of(req.params))))

    return {
        "store_memory": write(store, store_prepare),
        "store_memory_batch": write(batch, batch_prepare),
        "update_memory": write(update, update_prepare),
        "delete_memory": write(delete),
        "retrieve_memories": read(retrieve),
        "list_memories": read(list_memories),
        "get_memory": read(get),
        "delete_memories": write(delete_many),
        "get_memory_stats": read(stats),
    }
