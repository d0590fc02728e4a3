"""Domain errors: what services and stores raise. ``http_errors`` maps them to HTTP, once."""

from __future__ import annotations

from typing import Any, ClassVar, Optional


class DomainError(Exception):
    """A request the domain refuses; ``code`` is the spec's machine-readable ``Error.code``."""

    code: ClassVar[str] = "error"

    def __init__(
        self, message: str, *, code: Optional[str] = None, details: Optional[dict[str, Any]] = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        if code is not None:
            self.code = code  # type: ignore[misc]  # a refinement of the class's code


class NotFoundError(DomainError):
    """No such resource in the caller's workspace (or scope)."""

    code = "not_found"

    def __init__(self, resource: str, resource_id: object) -> None:
        super().__init__(f"{resource} {resource_id} not found in this workspace")
        self.resource = resource
        self.resource_id = resource_id


class InvalidError(DomainError):
    """The request is well-formed but cannot be done as asked."""

    code = "invalid_request"


class ConflictError(DomainError):
    """The request collides with the current state (another request won a race)."""

    code = "conflict"


class BusyError(DomainError):
    """The storage is busy; the same request can succeed if retried shortly."""

    code = "service_unavailable"

    def __init__(self, message: str = "The database is busy; retry shortly.") -> None:
        super().__init__(message)


def invalid(message: str, **details: Any) -> InvalidError:
    """An ``InvalidError`` whose details name the fields involved (never their values)."""
    return InvalidError(message, details=details or None)
