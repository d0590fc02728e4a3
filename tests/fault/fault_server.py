"""A scripted HTTP server on a real 127.0.0.1 socket that misbehaves on purpose.

Each accepted connection takes the next action of the script (the last one repeats), serves
one request with it, and closes. An action is a ``Reply`` (a response, possibly cut short),
``Raw`` bytes, or a ``Hangup`` with no response at all. Every complete ``Reply`` carries an
``x-request-id`` unique to the server and the connection, recorded in ``request_ids``.
"""

from __future__ import annotations

import itertools
import json
import select
import socket
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, List, Literal, Optional, Tuple, Union

from .listener import LoopbackListener
from .wire import Message, Wire, reset

End = Literal["close", "reset", "stall"]
"""How a connection ends: FIN, RST (SO_LINGER 0), or silence until the client gives up."""

STALL_LIMIT = 10.0  # a stalled connection is closed after this long even if the client waits
_ids = itertools.count(1)


@dataclass(frozen=True)
class Reply:
    """An HTTP response. ``send_bytes`` cuts the body short; ``content_length`` can lie."""

    status: int = 200
    body: Any = b""  # bytes are sent as they are; anything else is JSON-encoded
    headers: Tuple[Tuple[str, str], ...] = ()
    content_type: Optional[str] = "application/json"
    request_id: bool = True
    content_length: Optional[int] = None
    send_bytes: Optional[int] = None
    end: End = "close"

    def encoded_body(self) -> bytes:
        return self.body if isinstance(self.body, bytes) else json.dumps(self.body).encode()


@dataclass(frozen=True)
class Raw:
    """Arbitrary bytes sent in answer to the request, e.g. half a status line."""

    data: bytes
    end: End = "close"


@dataclass(frozen=True)
class Hangup:
    """No response: end the connection right after accept, or after reading the request."""

    end: End = "close"
    before_request: bool = False


Action = Union[Reply, Raw, Hangup]


class FaultServer(LoopbackListener):
    """Serve a script of faults on 127.0.0.1; record what arrived and what was answered."""

    def __init__(self) -> None:
        super().__init__(backlog=64)
        self._tag = f"req_fault_{next(_ids)}"
        self._script: List[Action] = [Reply()]
        self.connections = 0
        self.requests: List[Message] = []
        self.arrivals: List[float] = []  # time.monotonic() when each request was read
        self.request_ids: List[str] = []

    def gaps(self) -> List[float]:
        """Seconds between consecutive requests: the client's wait plus one round trip."""
        return [b - a for a, b in zip(self.arrivals, self.arrivals[1:])]

    def script(self, *actions: Action) -> None:
        """Answer the n-th connection with ``actions[n]``; the last action repeats."""
        assert actions
        with self._lock:
            self._script = list(actions)

    def start(self) -> FaultServer:
        super().start()
        return self

    def accepted(self, conn: socket.socket) -> threading.Thread:
        with self._lock:
            index = self.connections
            self.connections += 1
            action = self._script[min(index, len(self._script) - 1)]
        return threading.Thread(target=self._serve, args=(conn, index, action), daemon=True)

    def _serve(self, conn: socket.socket, index: int, action: Action) -> None:
        conn.settimeout(5)
        try:
            if isinstance(action, Hangup) and action.before_request:
                self._end(conn, action.end)
                return
            request = Wire(conn).read_message()
            if request is None:
                conn.close()
                return
            with self._lock:
                self.requests.append(request)
                self.arrivals.append(time.monotonic())
            if isinstance(action, Reply):
                conn.sendall(self._render(action, f"{self._tag}_{index}"))
            elif isinstance(action, Raw):
                conn.sendall(action.data)
            self._end(conn, action.end)
        except OSError:  # the client went away first: nothing left to do
            conn.close()

    def _render(self, reply: Reply, request_id: str) -> bytes:
        body = reply.encoded_body()
        try:
            reason = HTTPStatus(reply.status).phrase
        except ValueError:
            reason = "Unknown"
        length = len(body) if reply.content_length is None else reply.content_length
        lines = [f"HTTP/1.1 {reply.status} {reason}", f"Content-Length: {length}"]
        if reply.content_type is not None:
            lines.append(f"Content-Type: {reply.content_type}")
        if reply.request_id:
            lines.append(f"x-request-id: {request_id}")
            with self._lock:
                self.request_ids.append(request_id)
        lines += [f"{name}: {value}" for name, value in reply.headers]
        lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        return head + (body if reply.send_bytes is None else body[: reply.send_bytes])

    def _end(self, conn: socket.socket, end: End) -> None:
        if end == "reset":
            reset(conn)
            return
        if end == "stall":
            self._stall(conn)
        conn.close()

    def _stall(self, conn: socket.socket) -> None:
        """Send nothing more until the client closes, the server stops, or the limit passes."""
        deadline = time.monotonic() + STALL_LIMIT
        while not self._stopping.is_set() and time.monotonic() < deadline:
            readable, _, _ = select.select([conn], [], [], 0.05)
            if readable and not conn.recv(65536):
                return
