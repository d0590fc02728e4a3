"""Runs request plans over httpx: builds the request once, retries it, maps errors, parses.

This is the one place that touches the generated endpoint modules' request builders
(``_get_kwargs``) and response parsers (``_parse_response``). Everything the spec says about
an operation (method, path, parameters, headers, body and response models) comes from there.
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
import time
from types import ModuleType
from typing import TYPE_CHECKING, Any, Dict, Optional, Tuple, Type, Union

import httpx

from ._config import NotGiven, TimeoutTypes
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    InvalidArgumentError,
    MnemexaError,
    check_json,
    error_from_response,
    response_validation_error,
)
from ._logging import logger
from ._operation import Call, Paged, Runner
from ._pagination import AsyncPager, SyncPager
from ._response import APIResponse, ResponseInfo
from ._version import __version__

if TYPE_CHECKING:
    from mnemexa_api.client import Client as GeneratedClient

    from ._retry import RetryPolicy

RequestKwargs = Dict[str, Any]


@functools.cache
def _takes_idempotency_key(endpoint: ModuleType) -> bool:
    """Whether the spec declares an ``Idempotency-Key`` header for this operation."""
    return "idempotency_key" in inspect.signature(endpoint._get_kwargs).parameters


@functools.lru_cache(maxsize=1)
def _parsing() -> Tuple[GeneratedClient, Tuple[Type[Exception], ...]]:
    """The options object the generated parsers read, and the errors they can raise.

    Loaded on first use so that ``import mnemexa`` does not pay for the generated package.
    """
    from mnemexa_api.client import Client
    from mnemexa_api.errors import UnexpectedStatus

    options = Client(base_url="", raise_on_unexpected_status=True)
    # RecursionError: json raises it for a body nested too deep
    errors = (KeyError, ValueError, TypeError, AttributeError, IndexError, RecursionError)
    return options, (*errors, UnexpectedStatus)


def _network_error(exc: httpx.RequestError, request: RequestKwargs) -> MnemexaError:
    """The error for a request that got no response; it names the host and port."""
    url = httpx.URL(request["url"])
    host = f"[{url.host}]" if ":" in url.host else url.host  # an IPv6 literal
    port = url.port or (443 if url.scheme == "https" else 80)
    where, on = f"{host}:{port}", f"on {request['method'].upper()} {url.path}"
    kind = type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request to {where} timed out ({kind}) {on}")
    if isinstance(exc, httpx.TransportError):
        return APIConnectionError(f"connection to {where} failed ({kind}: {exc}) {on}")
    return MnemexaError(f"request to {where} failed ({kind}: {exc}) {on}")


def _surfaced(exc: MnemexaError) -> MnemexaError:
    """``exc``, ready to be raised again from the runner's own frame once retries are over.

    Its traceback is dropped: the frames of tenacity, ``concurrent.futures`` and the attempt
    say nothing about the caller's mistake or the server's answer. A direct cause (the
    ``httpx`` error of a network failure) is kept, without its own traceback and chain, so a
    failure prints as one short chain: the httpx error, then the SDK's error.
    """
    cause = exc.__cause__
    if cause is not None:
        cause.__cause__ = cause.__context__ = None
        cause.__traceback__ = None
    return exc.with_traceback(None)


def _decoded(
    streamed: httpx.Response, raw: bytes
) -> Tuple[httpx.Response, Optional[httpx.DecodingError]]:
    """``streamed`` with its body in memory, decoded as its ``Content-Encoding`` says.

    A body that does not decode (a corrupt gzip stream, say) comes back undecoded, together
    with the error, so that the SDK can still report its status, request id and bytes.
    """

    def rebuilt(headers: Any) -> httpx.Response:
        response = httpx.Response(
            streamed.status_code,
            headers=headers,
            stream=httpx.ByteStream(raw),
            request=streamed.request,
            extensions=streamed.extensions,
        )
        response.read()
        return response

    try:
        return rebuilt(streamed.headers), None
    except httpx.DecodingError as exc:
        kept = [(k, v) for k, v in streamed.headers.multi_items() if k != "content-encoding"]
        return rebuilt(kept), exc


class BaseRunner(Runner):
    """What the sync and async runners share: request building, error mapping, parsing."""

    is_async = False
    http: Any

    def __init__(
        self,
        http: Any,
        *,
        base_url: str,
        auth: httpx.Auth,
        timeout: Union[TimeoutTypes, httpx.Timeout],
        retry: RetryPolicy,
        default_headers: Dict[str, str],
    ) -> None:
        self.http = http
        self.base_url = base_url
        self.timeout = timeout
        self.retry = retry
        self._auth = auth  # adds the Authorization header while httpx sends (see _auth.py)
        self._default_headers = {
            "Accept": "application/json",
            "User-Agent": f"mnemexa-python/{__version__}",
            **default_headers,
        }

    def _prepare(self, call: Call[Any]) -> RequestKwargs:
        """Build the request once; every retry sends exactly this (same Idempotency-Key).

        The result holds no API key: ``self._auth`` adds it to each ``httpx.Request`` as it is
        sent, so this dict is safe in any frame a traceback prints with its locals.
        """
        endpoint, kwargs = call.endpoint, call.kwargs
        if "idempotency_key" not in kwargs and _takes_idempotency_key(endpoint):
            kwargs = {**kwargs, "idempotency_key": os.urandom(16).hex()}
        try:
            request: RequestKwargs = endpoint._get_kwargs(**kwargs)
        except (AttributeError, TypeError, ValueError) as exc:  # e.g. a str for a datetime
            raise InvalidArgumentError(
                f"cannot build the {endpoint.__name__.rsplit('.', 1)[-1]} request: "
                f"{type(exc).__name__}: {exc}; nothing was sent"
            ) from None
        options = call.options
        if "extra_body" in options:
            request["json"] = {**request.get("json", {}), **options["extra_body"]}
        if "json" in request:  # refuse what httpx could not encode, naming the key path
            check_json(request["json"])
        if "extra_query" in options:
            request["params"] = {**request.get("params", {}), **options["extra_query"]}
        request["url"] = self.base_url + request["url"]
        request["headers"] = {
            **self._default_headers,
            **request.get("headers", {}),
            **options.get("extra_headers", {}),
        }
        request["timeout"] = self.timeout if isinstance(call.timeout, NotGiven) else call.timeout
        return request

    def _prepared(self, call: Call[Any]) -> RequestKwargs:
        """``_prepare``, with a client-side mistake raised from here (a short traceback)."""
        try:
            return self._prepare(call)
        except InvalidArgumentError as exc:
            raise exc.with_traceback(None) from None

    def _check(
        self, request: RequestKwargs, response: httpx.Response, attempt: int, started: float
    ) -> None:
        """Log the attempt; raise the mapped error for any non-2xx status."""
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d in %.1f ms (attempt %d/%d, request_id=%s)",
                request["method"].upper(),
                response.request.url.path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
                attempt,
                self.retry.max_retries + 1,
                response.headers.get("x-request-id"),
            )
        if not 200 <= response.status_code < 300:
            raise error_from_response(response)

    def _finish(
        self,
        request: RequestKwargs,
        streamed: httpx.Response,
        raw: Optional[bytes],
        attempt: int,
        started: float,
    ) -> httpx.Response:
        """Decode and check a response; raise the mapped error for a failure.

        ``raw`` is the undecoded body read from ``streamed``, or None when ``streamed`` came
        already read (a prebuilt response, as an ``httpx.MockTransport`` handler returns).
        """
        response, undecodable = (streamed, None) if raw is None else _decoded(streamed, raw)
        self._check(request, response, attempt, started)
        if undecodable is not None:  # a 2xx whose body cannot be decoded (e.g. corrupt gzip)
            raise response_validation_error(response, undecodable) from undecodable
        return response

    def parse(self, call: Call[Any], response: httpx.Response) -> Any:
        """The result model of a 2xx response, carrying the response's ``ResponseInfo``."""
        options, parse_errors = _parsing()
        try:
            result = call.endpoint._parse_response(client=options, response=response)
        except parse_errors as exc:  # a malformed body, or a 2xx the spec does not declare
            raise response_validation_error(response, exc) from exc
        if hasattr(type(result), "_response_info"):  # every model; not a 204's None
            result._response_info = ResponseInfo(response)
        return result


class SyncRunner(BaseRunner):
    """Runs plans on an ``httpx.Client``."""

    http: httpx.Client

    def _send(self, request: RequestKwargs, attempt: int) -> httpx.Response:
        started = time.perf_counter()
        http = self.http
        try:
            streamed = http.send(http.build_request(**request), auth=self._auth, stream=True)
            try:
                raw = None if streamed.is_stream_consumed else b"".join(streamed.iter_raw())
            finally:
                streamed.close()
        except httpx.RequestError as exc:
            raise _network_error(exc, request) from exc
        return self._finish(request, streamed, raw, attempt, started)

    def respond(self, call: Call[Any]) -> httpx.Response:
        """Send the plan, retrying as the policy says; the 2xx response, or the error."""
        request = self._prepared(call)
        try:
            for attempt in self.retry.retrying():
                with attempt:
                    response = self._send(request, attempt.retry_state.attempt_number)
        except MnemexaError as exc:
            raise _surfaced(exc) from exc.__cause__
        return response

    def execute(self, call: Call[Any]) -> Any:
        return self.parse(call, self.respond(call))

    def paginate(self, call: Paged[Any, Any]) -> SyncPager[Any, Any]:
        return SyncPager(self.execute, call)


class AsyncRunner(BaseRunner):
    """Runs plans on an ``httpx.AsyncClient``."""

    is_async = True
    http: httpx.AsyncClient

    async def _send(self, request: RequestKwargs, attempt: int) -> httpx.Response:
        started = time.perf_counter()
        http = self.http
        try:
            streamed = await http.send(http.build_request(**request), auth=self._auth, stream=True)
            try:
                raw = (
                    None
                    if streamed.is_stream_consumed
                    else b"".join([chunk async for chunk in streamed.aiter_raw()])
                )
            finally:
                await streamed.aclose()
        except httpx.RequestError as exc:
            raise _network_error(exc, request) from exc
        return self._finish(request, streamed, raw, attempt, started)

    async def respond(self, call: Call[Any]) -> httpx.Response:
        """Send the plan, retrying as the policy says; the 2xx response, or the error."""
        request = self._prepared(call)
        try:
            async for attempt in self.retry.async_retrying():
                with attempt:
                    response = await self._send(request, attempt.retry_state.attempt_number)
        except MnemexaError as exc:
            raise _surfaced(exc) from exc.__cause__
        return response

    async def execute(self, call: Call[Any]) -> Any:
        return self.parse(call, await self.respond(call))

    def paginate(self, call: Paged[Any, Any]) -> AsyncPager[Any, Any]:
        return AsyncPager(self.execute, call)


class RawRunner(Runner):
    """``with_raw_response``: runs plans on ``runner`` and returns the ``APIResponse``."""

    is_raw = True

    def __init__(self, runner: SyncRunner) -> None:
        self.runner = runner

    def execute(self, call: Call[Any]) -> APIResponse[Any]:
        response = self.runner.respond(call)
        return APIResponse(response, functools.partial(self.runner.parse, call))

    def paginate(self, call: Paged[Any, Any]) -> APIResponse[Any]:
        return self.execute(call)


class AsyncRawRunner(Runner):
    """``with_raw_response`` of an ``AsyncClient``: awaits to the ``APIResponse``."""

    is_async = True
    is_raw = True

    def __init__(self, runner: AsyncRunner) -> None:
        self.runner = runner

    async def execute(self, call: Call[Any]) -> APIResponse[Any]:
        response = await self.runner.respond(call)
        return APIResponse(response, functools.partial(self.runner.parse, call))

    def paginate(self, call: Paged[Any, Any]) -> Any:
        return self.execute(call)
