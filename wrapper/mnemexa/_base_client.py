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
from typing import TYPE_CHECKING, Any, Dict, Tuple, Type, Union

import httpx

from ._config import NotGiven, TimeoutTypes
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    MnemexaError,
    error_from_response,
    response_validation_error,
)
from ._logging import Secret, logger
from ._operation import Call, Paged, Runner
from ._pagination import AsyncPager, SyncPager
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
    where = f"{request['method'].upper()} {httpx.URL(request['url']).path}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out ({type(exc).__name__}) on {where}")
    if isinstance(exc, httpx.TransportError):
        return APIConnectionError(f"connection failed ({type(exc).__name__}: {exc}) on {where}")
    return MnemexaError(f"request failed ({type(exc).__name__}: {exc}) on {where}")


class BaseRunner(Runner):
    """What the sync and async runners share: request building, error mapping, parsing."""

    is_async = False
    http: Any

    def __init__(
        self,
        http: Any,
        *,
        base_url: str,
        api_key: Secret,
        timeout: Union[TimeoutTypes, httpx.Timeout],
        retry: RetryPolicy,
        default_headers: Dict[str, str],
    ) -> None:
        self.http = http
        self.base_url = base_url
        self.timeout = timeout
        self.retry = retry
        self._api_key = api_key
        self._default_headers = {
            "Accept": "application/json",
            "User-Agent": f"mnemexa-python/{__version__}",
            **default_headers,
        }

    def _prepare(self, call: Call[Any]) -> RequestKwargs:
        """Build the request once; every retry sends exactly this (same Idempotency-Key)."""
        endpoint, kwargs = call.endpoint, call.kwargs
        if "idempotency_key" not in kwargs and _takes_idempotency_key(endpoint):
            kwargs = {**kwargs, "idempotency_key": os.urandom(16).hex()}
        request: RequestKwargs = endpoint._get_kwargs(**kwargs)
        request["url"] = self.base_url + request["url"]
        headers = {**self._default_headers, **request.get("headers", {})}
        headers["Authorization"] = "Bearer " + self._api_key.reveal()
        request["headers"] = headers
        request["timeout"] = self.timeout if isinstance(call.timeout, NotGiven) else call.timeout
        return request

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

    def _parse(self, call: Call[Any], response: httpx.Response) -> Any:
        options, parse_errors = _parsing()
        try:
            return call.endpoint._parse_response(client=options, response=response)
        except parse_errors as exc:  # a malformed body, or a 2xx the spec does not declare
            raise response_validation_error(response, exc) from exc


class SyncRunner(BaseRunner):
    """Runs plans on an ``httpx.Client``."""

    http: httpx.Client

    def _send(self, request: RequestKwargs, attempt: int) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = self.http.request(**request)
        except httpx.RequestError as exc:
            raise _network_error(exc, request) from exc
        self._check(request, response, attempt, started)
        return response

    def execute(self, call: Call[Any]) -> Any:
        request = self._prepare(call)
        for attempt in self.retry.retrying():
            with attempt:
                response = self._send(request, attempt.retry_state.attempt_number)
        return self._parse(call, response)

    def paginate(self, call: Paged[Any, Any]) -> SyncPager[Any, Any]:
        return SyncPager(self.execute, call)


class AsyncRunner(BaseRunner):
    """Runs plans on an ``httpx.AsyncClient``."""

    is_async = True
    http: httpx.AsyncClient

    async def _send(self, request: RequestKwargs, attempt: int) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self.http.request(**request)
        except httpx.RequestError as exc:
            raise _network_error(exc, request) from exc
        self._check(request, response, attempt, started)
        return response

    async def execute(self, call: Call[Any]) -> Any:
        request = self._prepare(call)
        async for attempt in self.retry.async_retrying():
            with attempt:
                response = await self._send(request, attempt.retry_state.attempt_number)
        return self._parse(call, response)

    def paginate(self, call: Paged[Any, Any]) -> AsyncPager[Any, Any]:
        return AsyncPager(self.execute, call)
