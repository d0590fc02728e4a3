"""What a failed tool call returns, and the API key kept out of every text the adapter writes.

A call that fails is an MCP tool result with ``isError: true``, never a protocol error or a
crash, so that the model reads why and can correct itself. Its text is a JSON object::

    {"error": {"type": "NotFoundError", "status": 404, "code": "not_found",
               "message": "...", "request_id": "..."}}

with the SDK error's message and the server's request id (absent for an error that never
reached the server: a bad argument, a refused connection). An exception that is not the SDK's
is a bug of the adapter: the log has its traceback, the result only its type.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, Iterable, Sequence

import mnemexa
from mcp import types

REDACTED = "[redacted]"


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def error_payload(exc: BaseException) -> Dict[str, Any]:
    """The ``error`` object of a failed call: type, status, code, message and request id."""
    if isinstance(exc, mnemexa.MnemexaError):
        fields: Dict[str, Any] = {
            "type": type(exc).__name__,
            "status": exc.status_code,
            "code": exc.code,
            "message": exc.message,
            "request_id": exc.request_id,
        }
        return {k: v for k, v in fields.items() if v is not None}
    return {
        "type": "internal_error",
        "message": f"the MCP adapter failed ({type(exc).__name__}); its log has the details",
    }


def error_result(exc: BaseException, secrets: Sequence[str] = ()) -> types.CallToolResult:
    payload = {"error": error_payload(exc)}
    text = redact(json.dumps(payload, ensure_ascii=False), secrets)
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=text)],
        structured_content=json.loads(text),
        is_error=True,
    )


def describe_failure(exc: BaseException) -> str:
    """A log line's account of a failure: ids and codes, never the message (which may quote
    what the agent sent)."""
    if isinstance(exc, mnemexa.MnemexaError):
        parts = [type(exc).__name__]
        parts += [str(p) for p in (exc.status_code, exc.code) if p is not None]
        if exc.request_id:
            parts.append(f"request_id={exc.request_id}")
        return " ".join(parts)
    return type(exc).__name__


class RedactingFilter(logging.Filter):
    """Replaces the secrets in every record a handler writes (message, arguments, traceback)."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        record.msg = redact(record.getMessage(), self.secrets)
        record.args = None
        if record.exc_info:
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info), self.secrets)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True
