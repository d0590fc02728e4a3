"""What a call's HTTP response carries besides its parsed body.

``client.with_raw_response.<resource>.<method>(...)`` returns an ``APIResponse``: the status,
headers, request id and the request sent, with ``.parse()`` for the result the plain method
returns. Every parsed result also carries its ``ResponseInfo`` (``result.request_id``).
"""

from __future__ import annotations

from typing import Any, Callable, Generic, Optional, TypeVar

import httpx

T = TypeVar("T")


class ResponseInfo:
    """The metadata of the response a result came from."""

    __slots__ = ("headers", "status_code")

    def __init__(self, response: httpx.Response) -> None:
        self.status_code: int = response.status_code
        self.headers: httpx.Headers = response.headers

    @property
    def request_id(self) -> Optional[str]:
        """The server's ``x-request-id``: quote it when reporting a problem."""
        return _header(self.headers, "x-request-id")

    @property
    def idempotent_replay(self) -> bool:
        """True when the server answered with the recorded response of an earlier request
        with the same Idempotency-Key (``Idempotency-Replayed: true``)."""
        return (_header(self.headers, "idempotency-replayed") or "").lower() == "true"

    def __repr__(self) -> str:
        return f"ResponseInfo(status_code={self.status_code}, request_id={self.request_id!r})"


class APIResponse(Generic[T]):
    """One call's HTTP response; ``parse()`` gives what the method returns without
    ``with_raw_response``. A non-2xx status still raises, as it does there."""

    __slots__ = ("_parse", "_parsed", "http_response")

    def __init__(self, http_response: httpx.Response, parse: Callable[[httpx.Response], T]):
        self.http_response = http_response
        self._parse = parse
        self._parsed: Any = _UNPARSED

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> Optional[str]:
        return _header(self.http_response.headers, "x-request-id")

    @property
    def http_request(self) -> httpx.Request:
        """The request as sent (its Authorization header redacted)."""
        return self.http_response.request

    def parse(self) -> T:
        """The parsed result (computed once)."""
        if self._parsed is _UNPARSED:
            self._parsed = self._parse(self.http_response)
        parsed: T = self._parsed
        return parsed

    def __repr__(self) -> str:
        request = self.http_request
        return (
            f"<APIResponse [{self.status_code}] {request.method} {request.url.path} "
            f"request_id={self.request_id}>"
        )


_UNPARSED = object()


def _header(headers: httpx.Headers, name: str) -> Optional[str]:
    value: Optional[str] = headers.get(name)
    return value
