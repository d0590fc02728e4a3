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
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
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

from . import API_VERSION, idempotency
from .connections import ClientGone
from .embedding import make_embedder
from .embedding.base import Embedder
from .errors import BusyError, DomainError
from .http_errors import ApiError, from_domain
from .idempotency import IdempotencyStore
from .logs import configure_logging
from .numeric_threads import limit_blas_threads
from .ratelimit import RateLimiter
from .registry import RESOURCES, all_migrations
from .resource import Context, Core, Handler, Resource
from .resource import Request as HandlerRequest
from .resources.workspace.sql_store import SqlWorkspaceStore
from .resources.workspace.store import Workspace, hash_key
from .settings import Settings
from .spec import SPEC_PATH, Operation, operations, spec_json
from .storage.backend import open_db

access_log = logging.getLogger("mnemexa.access")
log = logging.getLogger("mnemexa.server")

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}
JSON = "application/json"


def render_json(payload: Any) -> bytes:
    """A response body, as Starlette's ``JSONResponse`` renders one (compact, UTF-8, no NaN)."""
    return json.dumps(
        payload, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
    ).encode("utf-8")


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
    """The cross-cutting work of every operation: authentication, rate limit, idempotency and
    dispatch by ``operationId`` to the handlers the resources declare."""

    def __init__(
        self,
        settings: Settings,
        embedder: Optional[Embedder] = None,
        resources: Sequence[Resource] = RESOURCES,
    ) -> None:
        self.settings = settings
        self.db = open_db(
            settings.data_dir,
            settings.database_url,
            all_migrations(resources),
            settings.busy_timeout,
            settings.db_pool_size,
        )
        self.workspaces = SqlWorkspaceStore(self.db)
        self.idempotency = IdempotencyStore(self.db)
        core = Core(settings, self.db, embedder or make_embedder(settings.embedder))
        self.handlers: dict[str, Handler] = {}
        starts: list[Callable[[], None]] = []
        self.stops: list[Callable[[], None]] = []
        for resource in resources:
            built = resource.build(core)
            taken = self.handlers.keys() & built.handlers.keys()
            if taken:
                raise RuntimeError(f"{resource.name} handles {sorted(taken)} again")
            self.handlers.update(built.handlers)
            starts.extend(built.start)
            self.stops.extend(built.stop)
        specified = {op.operation_id for op in operations()}
        if specified != self.handlers.keys():
            raise RuntimeError(
                f"operations without a handler: {sorted(specified - self.handlers.keys())}; "
                f"handlers without an operation: {sorted(self.handlers.keys() - specified)}"
            )
        with self.db.transaction():
            purged = self.idempotency.purge_expired()
        if purged:
            log.info("dropped %d idempotency records older than 24 h", purged)
        for start in starts:
            start()
        self.limiter = RateLimiter(settings.rate_limit, settings.rate_burst)

    def stop(self) -> None:
        """Stop what the resources started (background workers), then close the database."""
        for stop in self.stops:
            stop()
        self.db.close()

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

    def _authenticate(self, request: Request) -> tuple[Workspace, str]:
        with self.db.errors():  # a lost database connection is a 503 here too
            return self.authenticate(request)

    def endpoint(self, op: Operation) -> Callable[[Request], Any]:
        async def handle(request: Request) -> Response:
            handler = self.handlers[op.operation_id]
            request_id: str = request.state.request_id
            workspace, key_id = await run_in_threadpool(self._authenticate, request)
            request.state.workspace_id = workspace.id
            wait = self.limiter.acquire(key_id)
            if wait is not None:
                raise ApiError(
                    429, "rate_limited", "Too many requests.", headers={"Retry-After": str(wait)}
                )
            raw = await request.body()
            parameters = op.parse_parameters(
                dict(request.path_params), dict(request.query_params), request.headers
            )
            ctx = Context(workspace, request_id)
            key = request.headers.get("idempotency-key") if handler.writes else None
            fp = idempotency.fingerprint(op.method, request.url.path, raw) if key else ""
            # Parsing the body (up to 5 MiB of JSON), the handler and rendering its answer are
            # CPU work or blocking I/O: one trip off the event loop for all three.
            status, body, replayed = await run_in_threadpool(
                self._answer, op, handler, ctx, parameters, raw, key, fp
            )
            headers = {"Idempotency-Replayed": "true"} if replayed else None
            if status == 204:
                return Response(status_code=204, headers=headers)
            return Response(body, status_code=status, headers=headers, media_type=JSON)

        handle.__name__ = op.operation_id
        return handle

    def _answer(
        self,
        op: Operation,
        handler: Handler,
        ctx: Context,
        parameters: dict[str, Any],
        raw: bytes,
        key: Optional[str],
        fp: str,
    ) -> tuple[int, bytes, bool]:
        """Parse the body, run the handler (``_execute``) and render its answer as JSON."""
        req = HandlerRequest(parameters, op.parse_body(raw))
        status, payload, replayed = self._execute(handler, ctx, req, key, fp)
        return status, render_json(payload), replayed

    def _execute(
        self,
        handler: Handler,
        ctx: Context,
        req: HandlerRequest[Any],
        key: Optional[str],
        fp: str,
    ) -> tuple[int, Any, bool]:
        """Run a handler; a write with an Idempotency-Key is recorded in its transaction or
        replayed. Reads ignore the key: they record nothing."""
        with self.db.errors():
            if not handler.writes:
                status, payload = handler.run(ctx, req, None)
                return status, payload, False
            workspace_id = ctx.workspace.id
            if key:
                recorded = self.idempotency.lookup(workspace_id, key, fp)
                if recorded is not None:
                    return recorded.status, recorded.body, True
            prepared = handler.prepare(ctx, req)
            try:
                with self.db.transaction() as tx:
                    status, payload = handler.run(replace(ctx, tx=tx), req, prepared)
                    if key and 200 <= status < 300:
                        self.idempotency.record(workspace_id, key, fp, status, payload)
            except idempotency.KeyTakenError:
                # Another request with the same key committed first: answer as it did.
                recorded = self.idempotency.lookup(workspace_id, key or "", fp)
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
    limit_blas_threads()
    settings = settings or Settings.from_env()
    api = Api(settings, embedder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await run_in_threadpool(api.stop)

    app = FastAPI(
        lifespan=lifespan,
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

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        error = from_domain(exc)
        if isinstance(exc, BusyError):
            log.warning("database busy in %s %s: answered 503", request.method, request.url.path)
        return _error_response(
            request, error.status, error.code, error.message, error.details, error.headers
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


def create_app_from_env() -> FastAPI:
    """The uvicorn factory for worker processes: settings come from ``MNEMEXA_*``."""
    configure_logging()
    return create_app(Settings.from_env())
