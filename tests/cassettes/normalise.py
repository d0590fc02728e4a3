"""What a cassette keeps of a recorded exchange: no secrets, and nothing that churns.

vcrpy calls these hooks on every request it matches or records and on every response it
records. They:

- remove ``Authorization`` and any other key-like header (the key is never written);
- rewrite the loopback address (and ``host`` header) of the recording server to one
  canonical base URL;
- replace each random ``Idempotency-Key`` and each request id with a per-cassette sequence
  number (``idem-1``, ``req_rec_0001``), keeping equal values equal, so a re-recording with no
  API change gives no diff for values the tests do not need;
- drop the ``date`` response header.

Requests match on method, path, query and JSON body (``json_body`` compares parsed JSON).
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict
from urllib.parse import urlsplit, urlunsplit

CANONICAL_URL = "http://127.0.0.1:8765"
SECRET_HEADERS = (
    "authorization",
    "proxy-authorization",
    "x-api-key",
    "api-key",
    "cookie",
    "set-cookie",
)
VOLATILE_RESPONSE_HEADERS = ("date",)
MATCH_ON = ("method", "path", "query", "json_body")
_REQUEST_ID = re.compile(r"req_[0-9a-f]{24}")
_CANONICAL = urlsplit(CANONICAL_URL)


class Normaliser:
    """The hooks for one cassette: sequence numbers restart with every cassette."""

    def __init__(self) -> None:
        self._keys: Dict[str, str] = {}
        self._request_ids: Dict[str, str] = {}

    def request(self, request: Any) -> Any:
        for name in list(request.headers):
            if name.lower() in SECRET_HEADERS:
                del request.headers[name]
            elif name.lower() == "idempotency-key":
                request.headers[name] = self._key(request.headers[name])
            elif name.lower() == "host":
                request.headers[name] = _CANONICAL.netloc
        _, _, path, query, fragment = urlsplit(request.uri)
        request.uri = urlunsplit((_CANONICAL.scheme, _CANONICAL.netloc, path, query, fragment))
        return request

    def response(self, response: Dict[str, Any]) -> Dict[str, Any]:
        headers = response["headers"]
        for name in list(headers):
            if name.lower() in VOLATILE_RESPONSE_HEADERS or name.lower() in SECRET_HEADERS:
                del headers[name]
            elif name.lower() == "x-request-id":
                headers[name] = [self._request_id(value) for value in headers[name]]
        body = response["body"].get("string")
        if body:  # bytes; vcrpy writes them as text when they are UTF-8
            text = body.decode("utf-8") if isinstance(body, bytes) else body
            encoded = _REQUEST_ID.sub(lambda m: self._request_id(m.group(0)), text).encode()
            response["body"]["string"] = encoded
            for name in headers:
                if name.lower() == "content-length":
                    headers[name] = [str(len(encoded))]
        return response

    def _key(self, value: str) -> str:
        if value.startswith("idem-"):  # vcrpy may pass a request through twice
            return value
        return self._keys.setdefault(value, f"idem-{len(self._keys) + 1}")

    def _request_id(self, value: str) -> str:
        if not _REQUEST_ID.fullmatch(value):
            return value
        return self._request_ids.setdefault(value, f"req_rec_{len(self._request_ids) + 1:04d}")


def json_body(r1: Any, r2: Any) -> None:
    """vcrpy matcher: equal JSON documents (key order aside), else equal bytes."""
    assert _parsed(r1.body) == _parsed(r2.body)


def _parsed(body: Any) -> Any:
    if body is None or body == b"" or body == "":
        return None
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    try:
        return json.loads(text)
    except ValueError:
        return text
