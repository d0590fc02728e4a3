"""The FastAPI application: one route per operation of ``openapi.yaml``.

Every response, including errors raised by the framework (unknown route, wrong method,
malformed JSON, oversized body), has the spec's ``Error`` shape and an ``x-request-id``
header. ``GET /openapi.yaml`` and ``GET /openapi.json`` serve the spec itself.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import sqlite3
import time
from typing import Any, Callable, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import JSONResponse, Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import idempotency
from .connections import ClientGone
from .embedding import make_embedder
from .embedding.base import Embedder
from .errors import ApiError
from .handlers import HANDLERS
from .logs import configure_logging
from .pipeline.merge_llm import make_merge_policy
from .ratelimit import RateLimiter
from .service import API_VERSION, MemoryService
from .settings import Settings
from .spec import SPEC_PATH, Operation, operations, spec_json
from .storage.database import Database
from .storage.workspaces import Workspace, WorkspaceStore, hash_key

access_log = logging.getLogger("mnemexa.access")
log = logging.getLogger("mnemexa.server")

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}
BUSY_RETRY_AFTER = 1  # seconds: a 503 for a busy database asks the client to come back soon


class PayloadTooLargeError(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "payload_too_large", f"The request body exceeds {limit} bytes.")


class RequestContext:
    """ASGI middleware: request id, body size limit, ``x-request-id`` header, access log,
    and the answer to an unexpected exception.

    An exception no handler took is logged (one record, with its traceback) and answered
    here with a 500 in the ``Error`` shape. Nothing propagates: Starlette's outer
    ``ServerErrorMiddleware`` would re-raise it, and uvicorn then drops the keep-alive
    connection, failing the client's next request on it.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = "req_" + secrets.token_hex(12)
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        started = time.perf_counter()
        status: list[Optional[int]] = [None]  # the response's status, once started
        limit, seen = self.max_body_bytes, [0]

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                MutableHeaders(scope=message)["x-request-id"] = request_id
            await send(message)

        async def counted_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen[0] += len(message.get("body", b""))
                if seen[0] > limit:
                    raise PayloadTooLargeError(limit)
            return message

        declared = dict(scope["headers"]).get(b"content-length")
        try:
            if declared is not None and declared.isdigit() and int(declared) > limit:
                error = PayloadTooLargeError(limit)
                await JSONResponse(error.body(request_id), status_code=413)(
                    scope, receive, send_with_id
                )
            else:
                await self.app(scope, counted_receive, send_with_id)
        except ClientDisconnect:
            raise  # the client left; ``connections.ClientGone`` ends such a request quietly
        except Exception:
            log.exception("unhandled error in %s %s", scope["method"], scope["path"])
            if status[0] is None:  # nothing sent yet: answer in the Error shape
                failure = ApiError(500, "internal_error", "Internal server error.")
                await JSONResponse(failure.body(request_id), status_code=500)(
                    scope, receive, send_with_id
                )
            # else the response is cut short; uvicorn closes that connection itself
        finally:
            access_log.info(
                json.dumps(
                    {
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status[0] or 500,
                        "ms": round((time.perf_counter() - started) * 1000, 2),
                        "workspace_id": state.get("workspace_id"),
                        "pid": os.getpid(),
                    }
                )
            )


class Api:
    """Ties the spec's operations to the memory service."""

    def __init__(self, settings: Settings, embedder: Optional[Embedder] = None) -> None:
        self.settings = settings
        self.db = Database(settings.data_dir, settings.busy_timeout)
        self.workspaces = WorkspaceStore(self.db)
        self.service = MemoryService(
            self.db,
            embedder or make_embedder(settings.embedder),
            hnsw_threshold=settings.hnsw_threshold,
            merge_policy=make_merge_policy(settings.merge_policy),
        )
        self.service.start()
        self.limiter = RateLimiter(settings.rate_limit, settings.rate_burst)

    def authenticate(self, request: Request) -> tuple[Workspace, str]:
        if len(request.headers.getlist("authorization")) > 1:
            raise ApiError(400, "bad_request", "Send one Authorization header, not several.")
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise ApiError(
                401, "unauthorized", "Missing API key: send 'Authorization: Bearer <key>'."
            )
        workspace = self.workspaces.authenticate(key.strip())
        if workspace is None:
            raise ApiError(401, "unauthorized", "Invalid API key.")
        if workspace.status != "active":
            raise ApiError(
                403, f"workspace_{workspace.status}", f"The workspace is {workspace.status}."
            )
        return workspace, hash_key(key.strip())

    def endpoint(self, op: Operation) -> Callable[[Request], Any]:
        handler = HANDLERS[op.operation_id]

        async def handle(request: Request) -> Response:
            request_id: str = request.state.request_id
            workspace, key_id = await run_in_threadpool(self.authenticate, request)
            request.state.workspace_id = workspace.id
            wait = self.limiter.acquire(key_id)
            if wait is not None:
                raise ApiError(
                    429, "rate_limited", "Too many requests.", headers={"Retry-After": str(wait)}
                )
            raw = await request.body()
            req = {
                "params": op.parse_parameters(
                    dict(request.path_params), dict(request.query_params), request.headers
                ),
                # Parsing and validating up to 5 MiB of JSON is CPU work: off the event loop.
                "body": await run_in_threadpool(op.parse_body, raw),
                "request_id": request_id,
            }
            key = request.headers.get("idempotency-key") if handler.writes else None
            fp = idempotency.fingerprint(op.method, request.url.path, raw) if key else ""
            status, payload, replayed = await run_in_threadpool(
                self._execute, handler, workspace, req, key, fp
            )
            headers = {"Idempotency-Replayed": "true"} if replayed else None
            if status == 204:
                return Response(status_code=204, headers=headers)
            return JSONResponse(payload, status_code=status, headers=headers)

        handle.__name__ = op.operation_id
        return handle

    def _execute(
        self, handler: Any, workspace: Workspace, req: dict[str, Any], key: Optional[str], fp: str
    ) -> tuple[int, Any, bool]:
        """Run a handler; a write with an Idempotency-Key is recorded in its transaction or
        replayed. Reads ignore the key: they record nothing."""
        svc = self.service
        if not handler.writes:
            status, payload = handler.run(svc, workspace, req, None, None)
            return status, payload, False
        if key:
            recorded = idempotency.lookup(self.db.conn, workspace.id, key, fp)
            if recorded is not None:
                return recorded.status, recorded.body, True
        prepared = handler.prepare(svc, workspace, req) if handler.prepare else None
        try:
            with svc.writing() as conn:
                status, payload = handler.run(svc, workspace, req, prepared, conn)
                if key and 200 <= status < 300:
                    idempotency.record(conn, workspace.id, key, fp, status, payload)
        except sqlite3.IntegrityError:
            # Another request with the same key committed first: answer as it did.
            recorded = idempotency.lookup(self.db.conn, workspace.id, key or "", fp)
            if recorded is None:
                raise
            return recorded.status, recorded.body, True
        return status, payload, False


def _error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    details: Any = None,
    headers: Optional[dict[str, str]] = None,
) -> JSONResponse:
    error = ApiError(status, code, message, details, headers)
    request_id = request.state.request_id
    return JSONResponse(
        error.body(request_id),
        status_code=status,
        headers={**error.headers, "x-request-id": request_id},
    )


def create_app(settings: Optional[Settings] = None, embedder: Optional[Embedder] = None) -> FastAPI:
    """Build the app: open the data dir, load the embedder, rebuild the index."""
    settings = settings or Settings.from_env()
    api = Api(settings, embedder)
    app = FastAPI(
        title="Mnemexa reference server",
        version=API_VERSION,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,  # a redirect would reflect the Host header; 404 instead
    )
    app.state.api = api
    for op in operations():
        app.add_api_route(
            op.route_path,
            api.endpoint(op),
            methods=[op.method.upper()],
            name=op.operation_id,
            include_in_schema=False,
        )

    @app.get("/openapi.yaml", include_in_schema=False)
    def openapi_yaml() -> Response:
        return Response(SPEC_PATH.read_bytes(), media_type="application/yaml")

    @app.get("/openapi.json", include_in_schema=False)
    def openapi_json() -> Response:
        return Response(spec_json(), media_type="application/json")

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error_response(request, exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = "No such route." if exc.status_code == 404 else str(exc.detail)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(_allowed_methods(app, request))
        return _error_response(request, exc.status_code, code, message, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error_response(request, 422, "invalid_request", "The request is invalid.")

    # No handler for ``Exception``: Starlette would run it in ServerErrorMiddleware, which
    # re-raises after answering. RequestContext answers unexpected exceptions instead.

    @app.exception_handler(sqlite3.OperationalError)
    async def database_error(request: Request, exc: sqlite3.OperationalError) -> JSONResponse:
        if not _is_busy(exc):
            raise exc  # unexpected: RequestContext logs it and answers 500
        log.warning("database busy in %s %s: answered 503", request.method, request.url.path)
        return _error_response(
            request,
            503,
            "service_unavailable",
            "The database is busy; retry shortly.",
            headers={"Retry-After": str(BUSY_RETRY_AFTER)},
        )

    app.add_middleware(ClientGone)  # inside RequestContext, which logs its status
    app.add_middleware(RequestContext, max_body_bytes=settings.max_body_bytes)
    return app


def _allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route serves at this path (for the ``Allow`` header of a 405)."""
    methods: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches(request.scope)
        if match != Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    """True for a lock held too long by another writer, which a retry can fix."""
    message = str(exc).lower()
    return "locked" in message or "busy" in message


def create_app_from_env() -> FastAPI:
    """The uvicorn factory for worker processes: settings come from ``MNEMEXA_*``."""
    configure_logging()
    return create_app(Settings.from_env())
