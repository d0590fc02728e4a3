"""Mnemexa: long-term memory for AI agents.

    import mnemexa

    with mnemexa.Client() as client:          # reads MNEMEXA_API_KEY
        client.memory.store("Client prefers async standups.", meta={"source": "kickoff"})
        hits = client.memory.retrieve("communication preferences", top_k=5)

Response models live in ``mnemexa.types``; errors are all ``mnemexa.MnemexaError``.
"""

from ._client import AsyncClient, Client
from ._config import NOT_GIVEN, NotGiven
from ._describe import AgentTool, Description
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    InvalidArgumentError,
    MnemexaError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionError,  # noqa: A004 - the name the API documents
    RateLimitError,
    ServiceUnavailableError,
    ToolArgumentError,
    ValidationError,
)
from ._operation import RequestOptions
from ._pagination import AsyncPager, SyncPager
from ._response import APIResponse, ResponseInfo
from ._version import __version__

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AgentTool",
    "AsyncClient",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConflictError",
    "Description",
    "InternalServerError",
    "InvalidArgumentError",
    "MnemexaError",
    "NotFoundError",
    "NotGiven",
    "PayloadTooLargeError",
    "PermissionError",
    "RateLimitError",
    "RequestOptions",
    "ResponseInfo",
    "ServiceUnavailableError",
    "SyncPager",
    "ToolArgumentError",
    "ValidationError",
    "__version__",
]
