"""The exceptions the SDK raises. Every one of them is a ``MnemexaError``::

    MnemexaError                      any failure
    ├── APIStatusError                the API answered with an error status; see ``.response``
    │   ├── BadRequestError           400
    │   ├── AuthenticationError       401, or no API key configured (then ``.response`` is None)
    │   ├── PermissionError           403: workspace suspended or deleted
    │   ├── NotFoundError             404
    │   ├── ConflictError             409
    │   ├── PayloadTooLargeError      413
    │   ├── ValidationError           422: see ``.code``, e.g. "pii_rejected"
    │   ├── RateLimitError            429: see ``.retry_after``
    │   └── InternalServerError       5xx; a 500 is never retried
    │       └── ServiceUnavailableError   502 / 503 / 504, after retries
    ├── APIResponseValidationError    a 2xx whose body does not match the API
    ├── APIConnectionError            the request never got a response, after retries
    │   └── APITimeoutError           ... because it timed out
    └── InvalidArgumentError          nothing was sent: an argument the SDK cannot send
        │                             (``meta`` that JSON cannot encode, a bad ``base_url``)
        └── ToolArgumentError         a tool call (``run_tool``) that its tool's schema refuses

Any other status (a 3xx, 418, ...) raises ``APIStatusError`` itself. Each error carries
``status_code``, ``request_id`` and ``body`` (the parsed JSON body, or the raw text if it was
not JSON), plus ``code`` and ``message`` taken from the API's ``Error`` body.
"""

# No ``from __future__ import annotations`` here: the public classes report ``__module__`` as
# "mnemexa", so their annotations are evaluated now, where the names they use are in scope,
# and ``typing.get_type_hints`` does not have to look them up in the ``mnemexa`` namespace.

import json
import math
from typing import Any, Dict, List, Optional, Set, Tuple, Type

import httpx

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "InvalidArgumentError",
    "MnemexaError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionError",
    "RateLimitError",
    "ServiceUnavailableError",
    "ToolArgumentError",
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


class APIStatusError(MnemexaError):
    """The API answered with an error status: ``status_code``, and the ``response`` itself.

    ``response`` is the ``httpx.Response``, its body already read. It is None only for an
    ``AuthenticationError`` raised before any request, when no API key is configured.
    """

    response: Optional[httpx.Response]

    def __init__(
        self, message: str, *, response: Optional[httpx.Response] = None, **kwargs: Any
    ) -> None:
        if response is not None:
            kwargs.setdefault("status_code", response.status_code)
        super().__init__(message, **kwargs)
        self.response = response


class BadRequestError(APIStatusError):
    """400: the request is malformed at the HTTP level (``bad_request``)."""


class AuthenticationError(APIStatusError):
    """401: the API key is invalid; or no API key is configured (``response`` is None)."""


class PermissionError(APIStatusError):  # noqa: A001 - the public name the API documents
    """403: the workspace is suspended or deleted."""


class NotFoundError(APIStatusError):
    """404: no such resource in this workspace."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state of the resource."""


class PayloadTooLargeError(APIStatusError):
    """413: the request body is larger than the API accepts."""


class ValidationError(APIStatusError):
    """422: the request was rejected; ``code`` says why (e.g. ``pii_rejected``)."""


class RateLimitError(APIStatusError):
    """429: too many requests. Never retried; wait ``retry_after`` seconds before trying again."""

    retry_after: Optional[float]

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """5xx: the server failed. A 500 is never retried (the request may have had an effect);
    its subclass ``ServiceUnavailableError`` is."""

    retry_after: Optional[float]

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServiceUnavailableError(InternalServerError):
    """502/503/504: a temporary backend problem that outlasted the retries."""


class APIResponseValidationError(MnemexaError):
    """A successful status whose body does not match the API (not JSON, or missing fields).

    ``response`` is the ``httpx.Response``, when there was one.
    """

    response: Optional[httpx.Response]

    def __init__(
        self, message: str, *, response: Optional[httpx.Response] = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.response = response


class APIConnectionError(MnemexaError):
    """The request got no response: connection refused or reset, DNS failure, protocol error.

    The message names the host and port; ``__cause__`` is the ``httpx`` error.
    """


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool)."""


class InvalidArgumentError(MnemexaError, ValueError):
    """Nothing was sent: an argument cannot be sent as given.

    For example ``meta`` holding a value JSON cannot encode (a ``datetime``, a ``set``), or a
    ``base_url`` that is not an absolute http(s) URL. The message names the argument, or the
    key path inside it (``meta['when']``), and the type of the value, never the value itself.
    It is also a ``ValueError``, which the SDK raised for a bad ``base_url`` before.
    """


class ToolArgumentError(InvalidArgumentError):
    """A tool call that cannot run as made; nothing was sent.

    An unknown tool or argument, a missing or ill-typed argument, arguments that are not a
    JSON object, or a scope the application fixed passed as an argument. The message is
    written for the model that made the call: it names the tool and the argument, and what
    the schema expects, never the value. ``tool`` and ``argument`` hold the names.
    """

    tool: Optional[str]
    argument: Optional[str]

    def __init__(
        self, message: str, *, tool: Optional[str] = None, argument: Optional[str] = None
    ) -> None:
        super().__init__(message)
        self.tool = tool
        self.argument = argument


PUBLIC: Tuple[Type[MnemexaError], ...] = (
    MnemexaError,
    APIStatusError,
    BadRequestError,
    AuthenticationError,
    PermissionError,
    NotFoundError,
    ConflictError,
    PayloadTooLargeError,
    ValidationError,
    RateLimitError,
    InternalServerError,
    ServiceUnavailableError,
    APIResponseValidationError,
    APIConnectionError,
    APITimeoutError,
    InvalidArgumentError,
    ToolArgumentError,
)

for _cls in PUBLIC:  # tracebacks and reprs name ``mnemexa.RateLimitError``, the import path
    _cls.__module__ = "mnemexa"
del _cls


_BY_STATUS: Dict[int, Type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    422: ValidationError,
    429: RateLimitError,
    502: ServiceUnavailableError,
    503: ServiceUnavailableError,
    504: ServiceUnavailableError,
}


def error_class(status_code: int) -> Type[APIStatusError]:
    """The class raised for a non-2xx status."""
    cls = _BY_STATUS.get(status_code)
    if cls is not None:
        return cls
    return InternalServerError if 500 <= status_code <= 599 else APIStatusError


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds from a ``Retry-After`` header (delta-seconds form); None if absent or invalid."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


def error_from_response(response: httpx.Response) -> APIStatusError:
    """Build the error for a non-2xx response. Never raises, whatever the body holds."""
    try:
        body: Any = response.json()
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep
        body = response.text or None
    fields = body if isinstance(body, dict) else {}
    code = fields.get("code")
    message = fields.get("message")
    request_id = response.headers.get("x-request-id") or fields.get("request_id")
    kwargs: Dict[str, Any] = {
        "response": response,
        "request_id": str(request_id) if request_id is not None else None,
        "body": body,
        "code": code if isinstance(code, str) else None,
    }
    text = message if isinstance(message, str) and message else response.reason_phrase
    cls = error_class(response.status_code)
    if issubclass(cls, (RateLimitError, InternalServerError)):
        kwargs["retry_after"] = parse_retry_after(response.headers.get("retry-after"))
    return cls(text or f"HTTP {response.status_code}", **kwargs)


def response_validation_error(
    response: httpx.Response, cause: BaseException
) -> APIResponseValidationError:
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
        response=response,
    )


# ---- client-side checks: what cannot be sent is refused before the first attempt ---------

_HINTS: Dict[str, str] = {
    "datetime.datetime": "convert it first, e.g. with .isoformat()",
    "datetime.date": "convert it first, e.g. with .isoformat()",
    "datetime.time": "convert it first, e.g. with .isoformat()",
    "datetime.timedelta": "convert it first, e.g. with .total_seconds()",
    "set": "convert it to a list first",
    "frozenset": "convert it to a list first",
    "bytes": "decode it to a str first",
    "bytearray": "decode it to a str first",
    "memoryview": "decode it to a str first",
    "decimal.Decimal": "convert it to a str or a float first",
    "uuid.UUID": "convert it to a str first",
    "enum.Enum": "pass its .value",
}
_GENERIC_HINT = "use str, int, float, bool, None, a list or a dict"
_KEY_TYPES = (str, int, float, bool, type(None))  # what json.dumps accepts as a dict key


def _type_name(value: Any) -> str:
    return _class_name(type(value))


def _class_name(cls: type) -> str:
    module = cls.__module__
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def _hint(value: Any) -> str:
    """How to make ``value`` sendable; a subclass (a pandas ``Timestamp`` is a ``datetime``)
    gets its base's hint. Looked up by name, so that no module is imported for it."""
    for cls in type(value).__mro__:
        hint = _HINTS.get(_class_name(cls))
        if hint is not None:
            return hint
    return _GENERIC_HINT


def _key_text(key: Any) -> str:
    text = repr(key)
    return text if len(text) <= 60 else text[:57] + "..."


_SHOWN_LEVELS = 12


def key_path(path: Tuple[Any, ...], top: str = "the request body") -> str:
    """A key path as Python would index it: ``("items", 0, "meta")`` is ``items[0]['meta']``."""
    if not path:
        return top
    head, rest = path[0], path[1:]
    shown = "".join(f"[{_key_text(part)}]" for part in rest[:_SHOWN_LEVELS])
    more = f"...({len(rest) - _SHOWN_LEVELS} levels more)" if len(rest) > _SHOWN_LEVELS else ""
    return f"{head}{shown}{more}"


def _unsendable_str(text: str) -> bool:
    """Whether ``text`` cannot be encoded as UTF-8 (it holds a lone surrogate)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_EXIT = object()
_MAX_DEPTH = 500  # far above what the API accepts (8 for meta), well below the recursion limit


def check_json(body: Any) -> None:
    """Raise ``InvalidArgumentError`` if ``body`` cannot be sent as the JSON httpx writes.

    httpx encodes a ``json=`` body with ``json.dumps(..., allow_nan=False)`` and then as UTF-8,
    inside the send, inside the retry loop. This walks the body first, with the same rules,
    so that the error names the key path (``meta['when']``) and the value's type. It never
    shows a value: metadata can hold anything.
    """
    problem = None if _sendable(body) else _explain(body)
    if problem is not None:  # raised here: the traceback ends in the SDK frame that checked
        raise InvalidArgumentError(f"{problem}; nothing was sent")


def _sendable(body: Any) -> bool:
    """The fast check, on every request: no paths kept, exact builtin types first.

    A cycle shows up as a body nested too deep; ``_explain`` tells the two apart.
    """
    stack: List[Tuple[Any, int]] = [(body, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        kind = type(value)
        if kind is str:
            if not value.isascii() and _unsendable_str(value):
                return False
        elif kind is int or kind is bool or value is None:
            pass
        elif kind is dict or kind is list:
            if depth >= _MAX_DEPTH:
                return False
            if kind is dict:
                for key, item in value.items():
                    if type(key) is not str or (not key.isascii() and _unsendable_str(key)):
                        return False  # other key types are rare: _explain judges them
                    push((item, depth + 1))
            else:
                for item in value:
                    push((item, depth + 1))
        elif kind is float:
            if not math.isfinite(value):
                return False
        else:  # a subclass, a tuple, or a type JSON cannot encode
            return False
    return True


def _explain(body: Any) -> Optional[str]:
    """The slow check, once the fast one failed: what cannot be sent, by its key path."""
    # Depth first, without recursion (a deep body must not raise RecursionError here). An
    # (_EXIT, (id,)) entry marks where a container's walk ends.
    stack: List[Tuple[Any, Tuple[Any, ...]]] = [(body, ())]
    open_containers: Set[int] = set()  # on the path from the root: meeting one again is a cycle
    while stack:
        value, path = stack.pop()
        if value is _EXIT:
            open_containers.discard(path[0])
        elif isinstance(value, str):
            if _unsendable_str(value):
                return f"{key_path(path)} is a str with a lone surrogate, which UTF-8 cannot encode"
        elif value is None or isinstance(value, int):  # bool is an int
            pass
        elif isinstance(value, float):
            if not math.isfinite(value):
                return f"{key_path(path)} is a float that is not finite, which JSON cannot encode"
        elif isinstance(value, (dict, list, tuple)):
            if id(value) in open_containers:
                return (
                    f"{key_path(path)} refers back to a container holding it (a circular reference)"
                )
            if len(path) >= _MAX_DEPTH:  # json.dumps would raise RecursionError
                return f"{key_path(path)} is nested more than {_MAX_DEPTH} levels deep"
            open_containers.add(id(value))
            stack.append((_EXIT, (id(value),)))
            if isinstance(value, dict):
                entries = list(value.items())
                for key, _ in entries:
                    problem = _key_problem(key)
                    if problem is not None:
                        return f"{key_path(path)} has a key {problem}"
                children = [(item, (*path, key)) for key, item in entries]
            else:
                children = [(item, (*path, i)) for i, item in enumerate(value)]
            stack.extend(reversed(children))  # popped in document order
        else:
            name = _type_name(value)
            return f"{key_path(path)} has type {name}, which JSON cannot encode: {_hint(value)}"
    return None


def _key_problem(key: Any) -> Optional[str]:
    if not isinstance(key, _KEY_TYPES):
        return (
            f"of type {_type_name(key)}; JSON keys are str (int, float, bool and None are "
            "converted)"
        )
    if isinstance(key, str) and _unsendable_str(key):
        return "with a lone surrogate, which UTF-8 cannot encode"
    if isinstance(key, float) and not math.isfinite(key):
        return "that is a float that is not finite, which JSON cannot encode"
    return None
