"""The fault catalogue: what the fault server does, and what the SDK must answer with.

A ``Fault`` builds a script of server actions for an operation and states the one documented
outcome: a success after a known number of attempts, or an exact ``MnemexaError`` subclass
with its ``status_code`` and ``request_id``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, List, Optional, Tuple, Type, Union

from mnemexa import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    MnemexaError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionError,  # noqa: A004 - the name the API documents
    RateLimitError,
    ServiceUnavailableError,
    ValidationError,
)

from .fault_server import Action, Hangup, Raw, Reply
from .operations import Operation, get_path, read_attr, set_path

Build = Callable[[Operation], Tuple[Action, ...]]
Check = Callable[[Operation, Any], None]
"""An extra assertion on the parsed result (success) or on the raised error."""

BODY_REQUEST_ID = "req_from_error_body"
HUGE_PAD = 4 * 1024 * 1024  # bytes of padding in the "huge body" cases
STALL_TIMEOUT = 0.15  # the client's timeout where the server stalls


def ok(op: Operation, body: Any = None) -> Reply:
    """The operation's success response, with its valid body unless ``body`` is given."""
    if not op.has_body:
        return Reply(op.ok_status, content_type=None)
    return Reply(op.ok_status, op.body() if body is None else body)


def error(status: int, code: str, **options: Any) -> Reply:
    """An API error response with the spec's ``Error`` body."""
    body = {"code": code, "message": f"injected {status}", "request_id": BODY_REQUEST_ID}
    return Reply(status, body, **options)


def mutated(op: Operation, path: Tuple[Any, ...], value: Any) -> Any:
    body = op.body()
    set_path(body, path, value)
    return body


def without(op: Operation, path: Tuple[Any, ...]) -> Any:
    body = op.body()
    del get_path(body, path[:-1])[path[-1]]
    return body


OK_STATUS = -1
"""As a ``Fault.status_code``: ``body_status(op)``."""


def body_status(op: Operation) -> int:
    """The status a faulty body arrives with: the operation's documented success status (200,
    201 or 202), or 200 (undocumented) for an operation whose success has no content."""
    return op.ok_status if op.has_body else 200


@dataclass(frozen=True)
class Fault:
    """One injected fault and the outcome the SDK documents for it."""

    name: str
    build: Build
    expect: Optional[Type[MnemexaError]]  # None: the call succeeds
    attempts: int  # connections the server must see
    status_code: Optional[int] = None
    request_id: Union[bool, str] = False  # True: the last x-request-id sent; str: that id
    check: Optional[Check] = None
    applies: Callable[[Operation], bool] = field(default=lambda op: True)
    max_retries: int = 2
    timeout: float = 2.0
    refused: bool = False  # point the client at a port with nothing listening
    min_elapsed: float = 0.0


def _has_body(op: Operation) -> bool:
    return op.has_body


def _representative(op: Operation) -> bool:
    """The first operation of each HTTP method in the spec, and each pager iterated: for faults
    whose handling does not depend on the operation (HTTP framing, error bodies) or that are
    slow (stalls)."""
    return op.representative


def _representative_with_body(op: Operation) -> bool:
    return _representative(op) and op.has_body


def _has_nested(op: Operation) -> bool:
    return bool(op.nested_at)


def _has_enum(op: Operation) -> bool:
    return bool(op.enum_at)


def _retry_after(expected: Optional[float]) -> Check:
    def check(op: Operation, err: Any) -> None:
        assert err.retry_after == expected

    return check


def _code(expected: str) -> Check:
    def check(op: Operation, err: Any) -> None:
        assert err.code == expected
        assert err.body["code"] == expected

    return check


def _body_text(fragment: str) -> Check:
    def check(op: Operation, err: Any) -> None:
        assert isinstance(err.body, str)
        assert fragment in err.body

    return check


def _reads(path_of: Callable[[Operation], Tuple[Any, ...]], value: Any) -> Check:
    def check(op: Operation, result: Any) -> None:
        assert read_attr(op, result, path_of(op)) == value

    return check


def _huge_parsed(op: Operation, result: Any) -> None:
    assert read_attr(op, result, op.value_at) == get_path(op.ok_body, op.value_at)
    if not op.unwrap:  # an iterated pager yields the items, not the page that was padded
        assert len(read_attr(op, result, ("padding",))) == HUGE_PAD


def _with_extras(op: Operation) -> Any:
    body = op.body()
    body["added_later"] = {"nested": [1, 2]}
    if op.nested_at:
        set_path(body, (*op.nested_at, "added_later_too"), "x")
    return body


def _extra_parsed(op: Operation, result: Any) -> None:
    assert read_attr(op, result, op.value_at) == get_path(op.ok_body, op.value_at)
    if not op.unwrap:
        assert read_attr(op, result, ("added_later",)) == {"nested": [1, 2]}
    if op.nested_at:
        assert read_attr(op, result, (*op.nested_at, "added_later_too")) == "x"


HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-request-id: req_cut\r\n"

CONNECTION_FAULTS: List[Fault] = [
    Fault("refused", lambda op: (ok(op),), APIConnectionError, 3, refused=True),
    Fault("reset_on_accept", lambda op: (Hangup("reset", True),), APIConnectionError, 3),
    Fault("close_on_accept", lambda op: (Hangup("close", True),), APIConnectionError, 3),
    Fault("close_after_request", lambda op: (Hangup("close"),), APIConnectionError, 3),
    Fault("reset_after_request", lambda op: (Hangup("reset"),), APIConnectionError, 3),
    Fault("reset_mid_headers", lambda op: (Raw(HEAD, "reset"),), APIConnectionError, 3),
    Fault(
        "close_mid_headers",
        lambda op: (Raw(HEAD, "close"),),
        APIConnectionError,
        3,
        applies=_representative,
    ),
    Fault(
        "garbage_status_line",
        lambda op: (Raw(b"SPDY/9 ok\r\n\r\n"),),
        APIConnectionError,
        3,
        applies=_representative,
    ),
    Fault(
        "bad_content_length",
        lambda op: (Raw(HEAD + b"Content-Length: lots\r\n\r\n{}"),),
        APIConnectionError,
        3,
        applies=_representative,
    ),
    Fault(
        "bad_chunk_size",
        lambda op: (Raw(HEAD + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),),
        APIConnectionError,
        3,
        applies=_representative,
    ),
    Fault(
        "oversized_headers",
        lambda op: (Raw(HEAD + b"X-Padding: " + b"p" * 200_000 + b"\r\n\r\n"),),
        APIConnectionError,
        3,
        applies=_representative,
    ),
    Fault(
        "reset_mid_body",
        lambda op: (Reply(body_status(op), body=op.body(), send_bytes=20, end="reset"),),
        APIConnectionError,
        3,
        applies=_has_body,
    ),
    Fault(
        "truncated_body",
        lambda op: (
            Reply(body_status(op), body=op.body(), content_length=len(json.dumps(op.body())) + 100),
        ),
        APIConnectionError,
        3,
        applies=_has_body,
    ),
    Fault(
        "stall_before_headers",
        lambda op: (Hangup("stall"),),
        APITimeoutError,
        2,
        max_retries=1,
        timeout=STALL_TIMEOUT,
        applies=_representative,
    ),
    Fault(
        "stall_mid_body",
        lambda op: (Reply(body_status(op), body=op.body(), send_bytes=10, end="stall"),),
        APITimeoutError,
        1,
        max_retries=0,
        timeout=STALL_TIMEOUT,
        applies=_representative_with_body,
    ),
    Fault(
        "stall_then_ok",
        lambda op: (Hangup("stall"), ok(op)),
        None,
        2,
        max_retries=1,
        timeout=STALL_TIMEOUT,
        applies=_representative,
    ),
    Fault("reset_then_ok", lambda op: (Hangup("reset"), ok(op)), None, 2),
    Fault(
        "reset_on_accept_twice_then_ok",
        lambda op: (Hangup("reset", True),) * 2 + (ok(op),),
        None,
        3,
    ),
    Fault(
        "truncated_then_ok",
        lambda op: (Reply(body_status(op), body=op.body(), content_length=10_000), ok(op)),
        None,
        2,
        applies=_has_body,
    ),
]

STATUS_FAULTS: List[Fault] = [
    Fault("500", lambda op: (error(500, "internal"),), InternalServerError, 1, 500, True),
    Fault(
        "500_not_retried",
        lambda op: (error(500, "x"), ok(op)),
        InternalServerError,
        1,
        500,
        True,
        applies=_representative,
    ),
    Fault("502", lambda op: (error(502, "bad_gateway"),), ServiceUnavailableError, 3, 502, True),
    Fault("503", lambda op: (error(503, "unavailable"),), ServiceUnavailableError, 3, 503, True),
    Fault("504", lambda op: (error(504, "timeout"),), ServiceUnavailableError, 3, 504, True),
    Fault("503_503_200", lambda op: (error(503, "u"), error(503, "u"), ok(op)), None, 3),
    Fault("502_504_200", lambda op: (error(502, "b"), error(504, "t"), ok(op)), None, 3),
    Fault("502_then_200", lambda op: (error(502, "b"), ok(op)), None, 2),
    Fault(
        "503x3_then_200_exhausts",
        lambda op: (error(503, "u"),) * 3 + (ok(op),),
        ServiceUnavailableError,
        3,
        503,
        True,
    ),
    Fault(
        "503x4_then_200_with_4_retries",
        lambda op: (error(503, "u"),) * 4 + (ok(op),),
        None,
        5,
        max_retries=4,
    ),
    Fault(
        "503_no_retries",
        lambda op: (error(503, "u"), ok(op)),
        ServiceUnavailableError,
        1,
        503,
        True,
        max_retries=0,
    ),
    Fault(
        "503_retry_after_then_200",
        lambda op: (error(503, "u", headers=(("Retry-After", "0.02"),)), ok(op)),
        None,
        2,
        min_elapsed=0.02,
    ),
    Fault(
        "503_retry_after_persistent",
        lambda op: (error(503, "u", headers=(("Retry-After", "0.01"),)),),
        ServiceUnavailableError,
        3,
        503,
        True,
        check=_retry_after(0.01),
        min_elapsed=0.02,
    ),
    Fault(
        "429_retry_after",
        lambda op: (error(429, "rate_limited", headers=(("Retry-After", "7"),)), ok(op)),
        RateLimitError,
        1,
        429,
        True,
        check=_retry_after(7.0),
    ),
    Fault(
        "429_without_retry_after",
        lambda op: (error(429, "rate_limited"), ok(op)),
        RateLimitError,
        1,
        429,
        True,
        check=_retry_after(None),
    ),
    Fault(
        "429_http_date_retry_after",
        lambda op: (error(429, "r", headers=(("Retry-After", "Wed, 21 Oct 2037 07:28:00 GMT"),)),),
        RateLimitError,
        1,
        429,
        True,
        check=_retry_after(None),
        applies=_representative,
    ),
    Fault(
        "401",
        lambda op: (error(401, "unauthorized"), ok(op)),
        AuthenticationError,
        1,
        401,
        True,
        check=_code("unauthorized"),
    ),
    Fault(
        "403",
        lambda op: (error(403, "workspace_suspended"), ok(op)),
        PermissionError,
        1,
        403,
        True,
        check=_code("workspace_suspended"),
    ),
    Fault(
        "404",
        lambda op: (error(404, "not_found"), ok(op)),
        NotFoundError,
        1,
        404,
        True,
        check=_code("not_found"),
    ),
    Fault(
        "422",
        lambda op: (error(422, "pii_rejected"), ok(op)),
        ValidationError,
        1,
        422,
        True,
        check=_code("pii_rejected"),
    ),
    Fault(
        "400",
        lambda op: (error(400, "bad_request"), ok(op)),
        BadRequestError,
        1,
        400,
        True,
        check=_code("bad_request"),
        applies=_representative,
    ),
    Fault(
        "409",
        lambda op: (error(409, "conflict"), ok(op)),
        ConflictError,
        1,
        409,
        True,
        check=_code("conflict"),
        applies=_representative,
    ),
    Fault(
        "501",
        lambda op: (error(501, "not_implemented"), ok(op)),
        InternalServerError,
        1,
        501,
        True,
        applies=_representative,
    ),
    Fault(
        "413",
        lambda op: (error(413, "payload_too_large"),),
        PayloadTooLargeError,
        1,
        413,
        True,
        applies=_representative,
    ),
    Fault(
        "418",
        lambda op: (error(418, "teapot"),),
        APIStatusError,
        1,
        418,
        True,
        applies=_representative,
    ),
    Fault(
        "status_999",
        lambda op: (error(999, "from_the_future"),),
        APIStatusError,
        1,
        999,
        True,
        applies=_representative,
    ),
    Fault(
        "302_redirect",
        lambda op: (Reply(302, b"", headers=(("Location", "/elsewhere"),)),),
        APIStatusError,
        1,
        302,
        True,
        applies=_representative,
    ),
    Fault(
        "502_html_from_proxy",
        lambda op: (Reply(502, b"<html><h1>Bad Gateway</h1></html>", content_type="text/html"),),
        ServiceUnavailableError,
        3,
        502,
        True,
        check=_body_text("Bad Gateway"),
        applies=_representative,
    ),
    Fault(
        "503_empty_body",
        lambda op: (Reply(503, b"", content_type=None),),
        ServiceUnavailableError,
        3,
        503,
        True,
        applies=_representative,
    ),
    Fault(
        "404_invalid_json",
        lambda op: (Reply(404, b'{"code": "not_fou'),),
        NotFoundError,
        1,
        404,
        True,
        check=_body_text('{"code"'),
        applies=_representative,
    ),
    Fault(
        "422_body_is_a_list",
        lambda op: (Reply(422, [{"code": "invalid_request"}]),),
        ValidationError,
        1,
        422,
        True,
        applies=_representative,
    ),
    Fault(
        "503_deeply_nested_body",
        lambda op: (Reply(503, b"[" * 100_000 + b"]" * 100_000),),
        ServiceUnavailableError,
        3,
        503,
        True,
        check=_body_text("[[[["),
        applies=_representative,
    ),
    Fault(
        "401_request_id_only_in_body",
        lambda op: (error(401, "unauthorized", request_id=False),),
        AuthenticationError,
        1,
        401,
        BODY_REQUEST_ID,
        applies=_representative,
    ),
]

BODY_FAULTS: List[Fault] = [
    Fault(
        "invalid_json",
        lambda op: (Reply(body_status(op), body=b'{"status": "ok", '),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
        check=_body_text('{"status"'),
    ),
    Fault(
        "empty_body",
        lambda op: (Reply(body_status(op), body=b""),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
    ),
    Fault(
        "html_content_type",
        lambda op: (
            Reply(body_status(op), body=b"<html>maintenance</html>", content_type="text/html"),
        ),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
        check=_body_text("maintenance"),
    ),
    Fault(
        "json_labelled_text_plain",
        lambda op: (Reply(body_status(op), body=op.body(), content_type="text/plain"),),
        None,
        1,
        applies=_has_body,
    ),
    Fault(
        "json_without_content_type",
        lambda op: (Reply(body_status(op), body=op.body(), content_type=None),),
        None,
        1,
        applies=_has_body,
    ),
    Fault(
        "bytes_after_the_body",
        lambda op: (
            Reply(
                body_status(op),
                body=json.dumps(op.body()).encode() + b"garbage after the body",
                content_length=len(json.dumps(op.body())),
            ),
        ),
        None,
        1,
        applies=_has_body,
    ),
    Fault(
        # A success whose body does not decode is a body the SDK cannot parse: the error
        # carries the status, the request id and the undecoded bytes (as text).
        "corrupt_gzip_body",
        lambda op: (
            Reply(
                body_status(op), body=b"not gzip at all", headers=(("Content-Encoding", "gzip"),)
            ),
        ),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
        check=_body_text("not gzip at all"),
    ),
    Fault(
        # An error status keeps its meaning when its body does not decode: a 503 is retried.
        "corrupt_gzip_503",
        lambda op: (
            Reply(503, b"not gzip either", headers=(("Content-Encoding", "gzip"),)),
            ok(op),
        ),
        None,
        2,
        applies=_representative,
    ),
    Fault(
        "top_level_array",
        lambda op: (Reply(body_status(op), body=[op.body()]),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
        applies=_has_body,
    ),
    Fault(
        "top_level_null",
        lambda op: (Reply(body_status(op), body=b"null"),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
    ),
    Fault(
        "top_level_string",
        lambda op: (Reply(body_status(op), body='"ok"'),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
    ),
    Fault(
        "invalid_utf8",
        lambda op: (Reply(body_status(op), body=b'{"status": "\xff\xfe"}'),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
    ),
    Fault(
        "deeply_nested_json",
        lambda op: (Reply(body_status(op), body=b"[" * 100_000 + b"]" * 100_000),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
    ),
    Fault(
        "missing_required_field",
        lambda op: (Reply(body_status(op), body=without(op, op.value_at)),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
        applies=_has_body,
    ),
    Fault(
        "missing_nested_object",
        lambda op: (Reply(body_status(op), body=without(op, op.nested_at)),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
        applies=_has_nested,
    ),
    Fault(
        "nested_object_is_a_string",
        lambda op: (Reply(body_status(op), body=mutated(op, op.nested_at, "oops")),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
        applies=_has_nested,
    ),
    Fault(
        "huge_valid_body",
        lambda op: (Reply(body_status(op), body={**op.body(), "padding": "x" * HUGE_PAD}),),
        None,
        1,
        check=_huge_parsed,
        applies=_has_body,
    ),
    Fault(
        "huge_invalid_body",
        lambda op: (Reply(body_status(op), body=b'{"padding": "' + b"x" * HUGE_PAD),),
        APIResponseValidationError,
        1,
        OK_STATUS,
        True,
    ),
    Fault(
        "extra_fields",
        lambda op: (Reply(body_status(op), body=_with_extras(op)),),
        None,
        1,
        check=_extra_parsed,
        applies=_has_body,
    ),
    Fault(
        "unknown_enum_value",
        lambda op: (Reply(body_status(op), body=mutated(op, op.enum_at, "introduced_in_v9")),),
        None,
        1,
        check=_reads(lambda op: op.enum_at, "introduced_in_v9"),
        applies=_has_enum,
    ),
    Fault(
        "undocumented_2xx",
        lambda op: (Reply(203, op.body() if op.has_body else {}),),
        APIResponseValidationError,
        1,
        203,
        True,
    ),
]

ALL_FAULTS: List[Fault] = CONNECTION_FAULTS + STATUS_FAULTS + BODY_FAULTS
