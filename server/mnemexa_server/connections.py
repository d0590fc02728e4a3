"""Connection guards for ``mnemexa serve``: deadlines, a connection limit, quiet errors.

uvicorn closes idle keep-alive connections, but it gives a request's head and body no
deadline, accepts connections until the process runs out of file descriptors, and answers
malformed HTTP in plain text. ``mnemexa serve`` therefore runs uvicorn's h11 protocol as
:class:`GuardedH11Protocol`, which works below the ASGI app (which never sees a connection
whose request head is incomplete):

- **Header deadline.** A connection must deliver a complete request head within
  ``header_timeout`` seconds of connecting or of its previous response. Otherwise it is
  closed, with a 408 ``request_timeout`` if part of a head had arrived.
- **Body deadline.** The whole body must arrive within ``body_timeout`` seconds of the head,
  else 408 ``request_timeout`` and close.
- **Keep-alive.** An idle connection closes ``keep_alive_timeout`` seconds after a response.
- **Connection limit**, per process. At ``max_connections`` open connections, a new one
  first evicts the connection that has waited longest for a request head (idle keep-alive,
  silent or slowloris sockets). Only if every connection has a request in flight does the
  newcomer get 503 ``service_unavailable`` with ``Retry-After: 1``, and it is closed.
- **Protocol errors** (a bad request line, an invalid header) get 400 ``bad_request``.

Every error response has the spec's ``Error`` shape and an ``x-request-id``. These events, and
``accept()`` failing for want of descriptors, are logged at most once per kind every
``LOG_INTERVAL`` seconds, as one line without a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache
from http import HTTPStatus
from typing import Callable, Optional

import h11
from starlette.requests import ClientDisconnect
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from .settings import Settings

log = logging.getLogger("mnemexa.http")

PROTOCOL = "mnemexa_server.connections:GuardedH11Protocol"  # for uvicorn's ``http=``
LOG_INTERVAL = 10.0  # seconds: at most one log line per kind of event in this window
RETRY_AFTER = 1  # seconds, on the 503 of a refused connection
FD_RESERVE = 128  # descriptors kept for SQLite (per thread), model files, logs and pipes
MAX_LINGERING = 64  # refused connections that may wait for the client's FIN at one time
LINGER = 1.0  # seconds a refused connection waits for that FIN, so the 503 is not lost
MAX_BACKLOG = 2048
MIN_BACKLOG = 128
BODY_TIMEOUT_FLAG = "mnemexa_body_timeout"  # set in scope["state"] when the body is late


# --- capacity --------------------------------------------------------------------------


@dataclass(frozen=True)
class Capacity:
    max_connections: int
    backlog: int
    fd_limit: Optional[int]


def raise_fd_limit() -> Optional[int]:
    """Raise the soft ``RLIMIT_NOFILE`` to the hard limit; return the soft limit in force.

    ``None`` where the platform has no such limit (Windows) or it is unlimited.
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    infinity = resource.RLIM_INFINITY
    # macOS reports an unlimited hard limit but refuses a soft limit above OPEN_MAX.
    candidates = [hard] if hard != infinity else [1 << 20, 65536, 10240]
    for target in candidates:
        if soft != infinity and target <= soft:
            break
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            continue
        soft = target
        break
    return None if soft == infinity else int(soft)


def plan_capacity(max_connections: int, fd_limit: Optional[int]) -> Capacity:
    """The connection limit and listen backlog that fit in ``fd_limit`` descriptors.

    asyncio accepts up to ``backlog`` connections in one go before the limit can act on
    them, so the backlog needs descriptors of its own, beyond the limit and the reserve.
    """
    if fd_limit is None:
        return Capacity(max(1, max_connections), MAX_BACKLOG, None)
    spare = fd_limit - FD_RESERVE - MAX_LINGERING
    backlog = max(MIN_BACKLOG, min(MAX_BACKLOG, spare - max_connections))
    connections = max(1, min(max_connections, spare - backlog))
    return Capacity(connections, backlog, fd_limit)


@lru_cache(maxsize=1)
def _settings() -> Settings:
    """This process's settings; ``mnemexa serve`` exports them for its workers."""
    return Settings.from_env()


# --- responses written below the app ----------------------------------------------------


def new_request_id() -> str:
    return "req_" + secrets.token_hex(12)


def error_bytes(
    status: int,
    code: str,
    message: str,
    request_id: Optional[str] = None,
    headers: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """A complete ``Connection: close`` response whose body has the spec's ``Error`` shape."""
    request_id = request_id or new_request_id()
    body = json.dumps({"code": code, "message": message, "request_id": request_id}).encode()
    lines = [
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}",
        "content-type: application/json",
        f"content-length: {len(body)}",
        f"x-request-id: {request_id}",
        "connection: close",
        *(f"{name}: {value}" for name, value in headers),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


# --- rate-limited logging -----------------------------------------------------------------


class _Tally:
    """Counts connection events. The first of a kind is logged at once; later ones are
    summed up in one line per ``LOG_INTERVAL``."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.open_windows: set[str] = set()

    def add(self, loop: asyncio.AbstractEventLoop, kind: str, level: int, what: str) -> None:
        if kind in self.open_windows:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            return
        log.log(level, "%s (1 connection; more are summed up every %g s)", what, LOG_INTERVAL)
        self.open_windows.add(kind)
        loop.call_later(LOG_INTERVAL, self._flush, loop, kind, level, what)

    def _flush(self, loop: asyncio.AbstractEventLoop, kind: str, level: int, what: str) -> None:
        count = self.counts.pop(kind, 0)
        if count == 0:
            self.open_windows.discard(kind)
            return
        log.log(level, "%s (%d connections in the last %g s)", what, count, LOG_INTERVAL)
        loop.call_later(LOG_INTERVAL, self._flush, loop, kind, level, what)


_tally = _Tally()


class _Throttle(logging.Filter):
    """Lets one matching record through per ``LOG_INTERVAL``, as one line without traceback."""

    def __init__(self, matches: Callable[[str], bool]) -> None:
        super().__init__()
        self.matches = matches
        self.quiet_until = 0.0
        self.suppressed = 0

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not self.matches(message):
            return True
        now = time.monotonic()
        if now < self.quiet_until:
            self.suppressed += 1
            return False
        line = message.splitlines()[0] if message else ""
        if record.exc_info and record.exc_info[1] is not None:
            line += f": {record.exc_info[1]}"
        if self.suppressed:
            line += f" ({self.suppressed} more like it in the last {LOG_INTERVAL:g} s)"
        record.msg, record.args = line, None
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        self.quiet_until, self.suppressed = now + LOG_INTERVAL, 0
        return True


def _accept_failure(message: str) -> bool:
    # asyncio logs these per pending connection, with a traceback, when accept() gets
    # EMFILE/ENFILE (Python 3.11 does so in a tight loop).
    return message.startswith("socket.accept() out of system resource") or (
        "_start_serving" in message
    )


_guards_installed = [False]


def install_log_guards() -> None:
    """Throttle asyncio's accept() failures and drop uvicorn's per-request 400 warning
    (the protocol tallies those itself). Once per process."""
    if _guards_installed[0]:
        return
    _guards_installed[0] = True
    logging.getLogger("asyncio").addFilter(_Throttle(_accept_failure))
    logging.getLogger("uvicorn.error").addFilter(
        lambda record: record.getMessage() != "Invalid HTTP request received."
    )


# --- the protocol -------------------------------------------------------------------------

# Connections waiting for a request head, longest-waiting first: the ones a newcomer evicts.
_waiting: dict[GuardedH11Protocol, None] = {}
_lingering = [0]


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with header and body deadlines and a connection limit."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, object],
        _loop: Optional[asyncio.AbstractEventLoop] = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        install_log_guards()
        settings = _settings()
        self.header_timeout = settings.header_timeout
        self.body_timeout = settings.body_timeout
        self.max_connections = max(1, settings.max_connections)
        self.timeout_keep_alive = settings.keep_alive_timeout  # type: ignore[assignment]
        self._header_timer: Optional[asyncio.TimerHandle] = None
        self._body_timer: Optional[asyncio.TimerHandle] = None

    # asyncio.Protocol -----------------------------------------------------------------

    def connection_made(  # type: ignore[override]
        self, transport: asyncio.Transport
    ) -> None:
        if len(self.connections) >= self.max_connections and not self._evict_one():
            _tally.add(
                self.loop,
                "refused",
                logging.WARNING,
                f"connection limit {self.max_connections} reached with every connection "
                "busy: refused with 503",
            )
            refused = _Refused(self.loop)
            transport.set_protocol(refused)
            refused.connection_made(transport)
            return
        super().connection_made(transport)
        self._update_deadlines()

    def connection_lost(self, exc: Optional[Exception]) -> None:
        self._cancel_deadlines()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        self._update_deadlines()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._update_deadlines()

    def send_400_response(self, msg: str) -> None:
        _tally.add(self.loop, "bad_request", logging.WARNING, "malformed HTTP: answered 400")
        self._abandon_cycle()
        self.transport.write(error_bytes(400, "bad_request", "The request is not valid HTTP/1.1."))
        self.transport.close()

    # deadlines ---------------------------------------------------------------------------

    def _update_deadlines(self) -> None:
        """Arm or cancel the deadlines for the state h11 is in now."""
        if self.transport is None or self.transport.is_closing():
            self._cancel_deadlines()
            return
        state = self.conn.their_state
        if state is h11.IDLE:
            if self not in _waiting:
                _waiting[self] = None
                if self.header_timeout > 0:
                    self._header_timer = self.loop.call_later(
                        self.header_timeout, self._header_deadline
                    )
        else:
            self._cancel_header()
        if state is h11.SEND_BODY:
            if self._body_timer is None and self.body_timeout > 0:
                self._body_timer = self.loop.call_later(self.body_timeout, self._body_deadline)
        elif self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _cancel_header(self) -> None:
        _waiting.pop(self, None)
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _cancel_deadlines(self) -> None:
        self._cancel_header()
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _header_deadline(self) -> None:
        self._header_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        _tally.add(
            self.loop,
            "header_timeout",
            logging.INFO,
            f"header deadline: closed a connection without a request head after "
            f"{self.header_timeout:g} s",
        )
        self._close_waiting()

    def _body_deadline(self) -> None:
        self._body_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.SEND_BODY:
            return
        _tally.add(
            self.loop,
            "body_timeout",
            logging.INFO,
            f"body deadline: closed a connection whose body was incomplete after "
            f"{self.body_timeout:g} s",
        )
        if self.cycle is not None and not self.cycle.response_started:
            state = self.scope["state"]
            state[BODY_TIMEOUT_FLAG] = True
            message = f"The request body did not arrive within {self.body_timeout:g} s."
            self.transport.write(
                error_bytes(408, "request_timeout", message, state.get("request_id"))
            )
        self._abandon_cycle()
        self.transport.close()

    def _evict_one(self) -> bool:
        """Close the connection that has waited longest for a request head, if any."""
        while _waiting:
            victim = next(iter(_waiting))
            if victim.transport.is_closing():  # already going; its slot frees by itself
                victim._cancel_deadlines()
                continue
            _tally.add(
                self.loop,
                "evicted",
                logging.INFO,
                f"connection limit {self.max_connections} reached: closed the connection "
                "idle the longest",
            )
            victim._close_waiting()
            return True
        return False

    def _close_waiting(self) -> None:
        """Close a connection that has no request in flight (408 if a head had begun)."""
        self._cancel_deadlines()
        self._unset_keepalive_if_required()
        partial, _ = self.conn.trailing_data
        if partial.strip():
            self.transport.write(
                error_bytes(
                    408,
                    "request_timeout",
                    f"The request head did not arrive within {self.header_timeout:g} s.",
                )
            )
        self.transport.close()

    def _abandon_cycle(self) -> None:
        """The app's request is over: its sends are dropped, its receive says disconnect."""
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True
            self.cycle.message_event.set()


class _Refused(asyncio.Protocol):
    """A connection over the limit: 503, then close once the client has read it."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.timer: Optional[asyncio.TimerHandle] = None
        self.counted = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.write(
            error_bytes(
                503,
                "service_unavailable",
                "The server has too many open connections; retry shortly.",
                headers=(("retry-after", str(RETRY_AFTER)),),
            )
        )
        if _lingering[0] >= MAX_LINGERING or not transport.can_write_eof():
            transport.close()
            return
        # Closing with the client's request unread would send an RST that can destroy the
        # 503 before the client reads it: send FIN, then wait briefly for the client's.
        transport.write_eof()
        _lingering[0] += 1
        self.counted = True
        self.timer = self.loop.call_later(LINGER, transport.close)

    def data_received(self, data: bytes) -> None:
        pass

    def eof_received(self) -> Optional[bool]:
        return False  # the transport closes itself

    def connection_lost(self, exc: Optional[Exception]) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if self.counted:
            _lingering[0] -= 1
            self.counted = False


# --- ASGI side ----------------------------------------------------------------------------


class ClientGone:
    """ASGI middleware: a client that leaves before its body has arrived is not an error.

    Starlette raises ``ClientDisconnect`` from ``request.body()``; unhandled, it is logged
    twice with a traceback per request. Here it ends the request quietly with a response
    the transport drops but the access log records: 408 if the body deadline closed the
    connection, else 499 (nginx's "client closed request").
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = [False]

        async def tracking_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                started[0] = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except ClientDisconnect:
            if started[0]:
                return
            state = scope.get("state", {})
            if state.get(BODY_TIMEOUT_FLAG):
                status, code, message = 408, "request_timeout", "The request body was late."
            else:
                status, code = 499, "client_closed_request"
                message = "The client closed the connection before sending its whole body."
            body = {"code": code, "message": message, "request_id": state.get("request_id")}
            await JSONResponse(body, status_code=status)(scope, receive, send)
