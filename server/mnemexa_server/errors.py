"""``ApiError`` carries a status and the spec's ``Error`` fields; the app renders it."""

from __future__ import annotations

from typing import Any, Optional


class ApiError(Exception):
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


def invalid(message: str, **details: Any) -> ApiError:
    return ApiError(422, "invalid_request", message, details or None)


def not_found(memory_id: int) -> ApiError:
    return ApiError(404, "not_found", f"memory {memory_id} not found in this workspace")
