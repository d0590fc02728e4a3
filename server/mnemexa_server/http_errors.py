"""Errors on the wire: the spec's ``Error`` shape, and the one map from domain errors to HTTP."""

from __future__ import annotations

from typing import Any, Optional

from .errors import BusyError, ConflictError, DomainError, InvalidError, NotFoundError

BUSY_RETRY_AFTER = 1  # seconds: a 503 for a busy database asks the client to come back soon

STATUS_OF: dict[type[DomainError], int] = {
    NotFoundError: 404,
    InvalidError: 422,
    ConflictError: 409,
    BusyError: 503,
}


class ApiError(Exception):
    """An HTTP error response: a status, the ``Error`` fields and any headers."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Optional[dict[str, Any]] = None,
        headers: Optional[dict[str, str]] = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}

    def body(self, request_id: str) -> dict[str, Any]:
        body: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "request_id": request_id,
        }
        if self.details is not None:
            body["details"] = self.details
        return body


def from_domain(error: DomainError) -> ApiError:
    """The HTTP answer to a domain error."""
    status = next((STATUS_OF[k] for k in type(error).__mro__ if k in STATUS_OF), 500)
    headers = {"Retry-After": str(BUSY_RETRY_AFTER)} if isinstance(error, BusyError) else None
    return ApiError(status, error.code, error.message, error.details, headers)
