"""The API key goes onto each request inside httpx's auth flow, and nowhere else.

Tracebacks printed with their locals (``pytest -l``, rich, error trackers) show the ``repr``
of every local in every frame. So the key is kept out of anything such a frame holds: the
request kwargs the runner builds carry no ``Authorization`` header (httpx adds it while
sending, onto an ``httpx.Request`` whose headers' repr masks it), ``BearerAuth`` and
``Secret`` have reprs that hide it, and no SDK frame binds the revealed key to a name.
"""

from __future__ import annotations

import re
from typing import Generator

import httpx

from ._exceptions import AuthenticationError
from ._logging import Secret

# Visible ASCII only: anything else would fail (or be rejected by h11) while the header is
# encoded, inside third-party frames and errors that could echo the key.
_SENDABLE = re.compile(r"[\x21-\x7e]+")
REDACTED = "Bearer [redacted]"


class BearerAuth(httpx.Auth):
    """Sends ``Authorization: Bearer <key>``; its repr never shows the key."""

    def __init__(self, key: Secret) -> None:
        # The revealed key is only ever a temporary here, never a local of this frame.
        if not isinstance(key.reveal(), str) or not _SENDABLE.fullmatch(key.reveal()):
            raise AuthenticationError(
                "The API key must be printable ASCII without spaces; check the value passed "
                "as api_key or set in MNEMEXA_API_KEY (or BIZX_API_KEY)."
            )
        self._key = key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = "Bearer " + self._key.reveal()
        yield request
        # Sent: the request stays reachable from the response (``APIResponse.http_request``,
        # an error's ``.response.request``), so it keeps no copy of the key.
        request.headers["Authorization"] = REDACTED

    def __repr__(self) -> str:
        return "BearerAuth(Secret('**********'))"
