"""The exceptions the SDK raises. Every one of them is a ``MnemexaError``::

    MnemexaError                      any failure; other non-2xx statuses land here
    ├── AuthenticationError           401, or no API key configured
    ├── PermissionError               403: workspace suspended or deleted
    ├── NotFoundError                 404
    ├── ValidationError               422: see ``.code``, e.g. "pii_rejected"
    ├── RateLimitError                429: see ``.retry_after``
    ├── ServiceUnavailableError       502 / 503 / 504, after retries
    ├── APIResponseValidationError    a 2xx whose body does not match the API
    └── APIConnectionError            the request never got a response, after retries
        └── APITimeoutError           ... because it timed out

Each error carries ``status_code``, ``request_id`` and ``body`` (the parsed JSON body, or the
raw text if it was not JSON), plus ``code`` and ``message`` taken from the API's ``Error`` body.
"""

from __future__ import annotations

import json
from typing import Any, Optional

import httpx

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APITimeoutError",
    "AuthenticationError",
    "MnemexaError",
    "NotFoundError",
    "PermissionError",
    "RateLimitError",
    "ServiceUnavailableError",
    "ValidationError",
]


class MnemexaError(Exception):
    """Base class of every error raised by the SDK."""

    status_code: Optional[int]
    request_id: Optional[str]
    body: Any
    code: Optional[str]
    message: str

    def __init__(
        self,
        message: str,
        *,
        status_code: Optional[int] = None,
        request_id: Optional[str] = None,
        body: Any = None,
        code: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.request_id = request_id
        self.body = body
        self.code = code

    def __str__(self) -> str:
        head = " ".join(str(p) for p in (self.status_code, self.code) if p is not None)
        text = f"{head}: {self.message}" if head else self.message
        return f"{text} (request_id={self.request_id})" if self.request_id else text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, status_code={self.status_code!r}, "
            f"code={self.code!r}, request_id={self.request_id!r})"
        )


class AuthenticationError(MnemexaError):
    """401: the API key is missing or invalid."""


class PermissionError(MnemexaError):  # noqa: A001 - the public name the API documents
    """403: the workspace is suspended or deleted."""


class NotFoundError(MnemexaError):
    """404: no such resource in this workspace."""


class ValidationError(MnemexaError):
    """422: the request was rejected; ``code`` says why (e.g. ``pii_rejected``)."""


class RateLimitError(MnemexaError):
    """429: too many requests. Never retried; wait ``retry_after`` seconds before trying again."""

    retry_after: Optional[float]

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServiceUnavailableError(MnemexaError):
    """502/503/504: a temporary backend problem that outlasted the retries."""

    retry_after: Optional[float]

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class APIResponseValidationError(MnemexaError):
    """A successful status whose body does not match the API (not JSON, or missing fields)."""


class APIConnectionError(MnemexaError):
    """The request got no response: connection refused or reset, DNS failure, protocol error."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool)."""


_BY_STATUS: dict[int, type[MnemexaError]] = {
    401: AuthenticationError,
    403: PermissionError,
    404: NotFoundError,
    422: ValidationError,
    429: RateLimitError,
    502: ServiceUnavailableError,
    503: ServiceUnavailableError,
    504: ServiceUnavailableError,
}


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds from a ``Retry-After`` header (delta-seconds form); None if absent or invalid."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


def error_from_response(response: httpx.Response) -> MnemexaError:
    """Build the error for a non-2xx response. Never raises, whatever the body holds."""
    try:
        body: Any = response.json()
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep
        body = response.text or None
    fields = body if isinstance(body, dict) else {}
    code = fields.get("code")
    message = fields.get("message")
    request_id = response.headers.get("x-request-id") or fields.get("request_id")
    kwargs: dict[str, Any] = {
        "status_code": response.status_code,
        "request_id": str(request_id) if request_id is not None else None,
        "body": body,
        "code": code if isinstance(code, str) else None,
    }
    text = message if isinstance(message, str) and message else response.reason_phrase
    cls = _BY_STATUS.get(response.status_code, MnemexaError)
    if cls in (RateLimitError, ServiceUnavailableError):
        kwargs["retry_after"] = parse_retry_after(response.headers.get("retry-after"))
    return cls(text or f"HTTP {response.status_code}", **kwargs)


def response_validation_error(response: httpx.Response, cause: BaseException) -> MnemexaError:
    """The error for a 2xx response whose body the generated models could not parse."""
    body: Any
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep
        body = response.text
    return APIResponseValidationError(
        f"unexpected response body for {response.request.method} {response.request.url.path}: "
        f"{type(cause).__name__}: {cause}",
        status_code=response.status_code,
        request_id=response.headers.get("x-request-id"),
        body=body,
    )
