"""The server survives idle and slow clients (issue 12): deadlines, a connection limit, quiet logs.

A real ``mnemexa serve`` on 127.0.0.1 with small settings: 50 connections, and 1 s for a
request head, a body and keep-alive. Every wait below is bounded.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import selectors
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import httpx
import pytest
from mnemexa_server.connections import _accept_failure, _Throttle, plan_capacity

from .conftest import ServerProcess

N = 50  # the connection limit
DEADLINE = 1.0  # header, body and keep-alive timeouts
SETTINGS = {
    "MNEMEXA_EMBEDDER": "hashing",
    "MNEMEXA_MAX_CONNECTIONS": str(N),
    "MNEMEXA_HEADER_TIMEOUT": str(DEADLINE),
    "MNEMEXA_BODY_TIMEOUT": str(DEADLINE),
    "MNEMEXA_KEEP_ALIVE_TIMEOUT": str(DEADLINE),
}
ERROR_FIELDS = {"code", "message", "request_id"}


def resource_module() -> Any:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    proc = ServerProcess(tmp_path_factory.mktemp("slow-clients"), env_overrides=SETTINGS)
    proc.start()
    yield proc
    proc.stop()


# --- helpers ----------------------------------------------------------------------------


def connect(server: ServerProcess) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=5)


def read_to_close(sock: socket.socket, limit: float = 5.0) -> Tuple[bytes, float]:
    """Everything the server sends until it closes, and when it closed (monotonic)."""
    data = b""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            break
        except socket.timeout:
            continue
        if not chunk:
            break
        data += chunk
    else:
        raise AssertionError(f"the server kept the connection open for {limit} s")
    return data, time.monotonic()


def watch_until_closed(socks: List[socket.socket], limit: float) -> Dict[int, Tuple[float, bytes]]:
    """For each socket (by index), when the server closed it and what it sent first."""
    selector = selectors.DefaultSelector()
    for i, sock in enumerate(socks):
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ, i)
    closed: Dict[int, Tuple[float, bytes]] = {}
    received: Dict[int, bytes] = {}
    deadline = time.monotonic() + limit
    while len(closed) < len(socks) and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=0.05):
            i = key.data
            try:
                chunk = socks[i].recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                chunk = b""
            except BlockingIOError:
                continue
            if chunk:
                received[i] = received.get(i, b"") + chunk
                continue
            closed[i] = (time.monotonic(), received.get(i, b""))
            selector.unregister(socks[i])
    selector.close()
    return closed


def parse(raw: bytes) -> Tuple[int, Dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def assert_error(raw: bytes, status: int, code: str) -> Dict[str, str]:
    got, headers, body = parse(raw)
    assert got == status, raw[:300]
    assert headers["content-type"] == "application/json"
    payload = json.loads(body)
    assert set(payload) >= ERROR_FIELDS
    assert payload["code"] == code
    assert payload["request_id"].startswith("req_")
    assert headers["x-request-id"] == payload["request_id"]
    return headers


class Prober(threading.Thread):
    """Fresh-connection ``GET /openapi.json`` every 0.1 s: (started, seconds, status)."""

    def __init__(self, server: ServerProcess) -> None:
        super().__init__(daemon=True)
        self.url = server.url + "/openapi.json"
        self.results: List[Tuple[float, float, Optional[int]]] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            started = time.monotonic()
            try:
                status: Optional[int] = httpx.get(self.url, timeout=2.0).status_code
            except httpx.HTTPError:
                status = None
            self.results.append((started, time.monotonic() - started, status))
            self.done.wait(0.1)

    def stop(self) -> List[Tuple[float, float, Optional[int]]]:
        self.done.set()
        self.join(timeout=5)
        return self.results


def log_size(server: ServerProcess) -> int:
    return server.log_path.stat().st_size


def new_log(server: ServerProcess, since: int) -> str:
    with open(server.log_path, "rb") as f:
        f.seek(since)
        return f.read().decode("utf-8", "replace")


# --- tests ------------------------------------------------------------------------------


def test_silent_flood_is_bounded_closed_and_quiet(guarded: ServerProcess) -> None:
    time.sleep(0.3)  # earlier connections have closed
    before = log_size(guarded)
    socks, opened = [], []
    for _ in range(N + 100):
        socks.append(connect(guarded))
        opened.append(time.monotonic())
    flood_end = opened[-1]
    prober = Prober(guarded)
    prober.start()
    try:
        closed = watch_until_closed(socks, limit=4.0)
        time.sleep(0.3)  # a few probes after the last silent socket is gone
    finally:
        probes = prober.stop()
        for sock in socks:
            sock.close()

    assert len(closed) == N + 100, f"{N + 100 - len(closed)} silent sockets were never closed"
    # The silent sockets were closed without a word (none had a request to answer)...
    assert [i for i, (_, data) in closed.items() if data] == []
    # ...the 100 beyond the limit at once, oldest first, to make room for the newer ones...
    early = sorted(i for i, (at, _) in closed.items() if at - flood_end < 0.5)
    assert early[:100] == list(range(100))
    # ...and the rest at the header deadline (the first probe may have evicted one more).
    late = [i for i in closed if i not in early]
    assert N - 2 <= len(late) <= N, (len(early), len(late))
    lifetimes = [closed[i][0] - opened[i] for i in late]
    assert min(lifetimes) >= DEADLINE * 0.9, min(lifetimes)
    assert max(lifetimes) <= DEADLINE + 1.0, max(lifetimes)

    # The probe kept answering throughout: while the silent sockets held every slot, too.
    last_close = max(at for at, _ in closed.values())
    assert len(probes) >= 5
    assert [p for p in probes if p[2] != 200 or p[1] >= 1.0] == []
    assert any(started < last_close - 0.3 for started, _, _ in probes)

    grown = log_size(guarded) - before
    text = new_log(guarded, before)
    assert grown < 100_000, grown
    assert "Traceback" not in text
    assert "closed the connection idle the longest" in text  # logged, once per 10 s at most
    print(
        f"\nflood: {len(early)} evicted, {len(late)} closed at the header deadline after "
        f"{min(lifetimes):.2f}-{max(lifetimes):.2f} s; {len(probes)} probes, slowest "
        f"{max(p[1] for p in probes) * 1000:.0f} ms; log grew {grown} bytes"
    )


def test_busy_slots_refuse_with_503_and_late_bodies_get_408(guarded: ServerProcess) -> None:
    key = guarded.new_key("slow-bodies")
    time.sleep(0.3)
    before = log_size(guarded)
    head = (
        "POST /v1/memory/store HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {key}\r\nContent-Type: application/json\r\n"
        "Content-Length: 100\r\n\r\n"
    ).encode()
    socks, sent_at = [], []
    for _ in range(N):
        sock = connect(guarded)
        sock.sendall(head + b'{"text": "')
        socks.append(sock)
        sent_at.append(time.monotonic())
    time.sleep(0.3)  # every request is in flight, waiting for its body

    # No slot is idle: a newcomer gets 503 in the Error shape, and the connection closes.
    extra = connect(guarded)
    refused_at = time.monotonic()
    raw, closed_at = read_to_close(extra, limit=2.0)
    extra.close()
    headers = assert_error(raw, 503, "service_unavailable")
    assert headers["retry-after"] == "1"
    assert closed_at - refused_at < 0.5

    # One client trickles its body a byte at a time; it is cut off like the silent ones.
    trickled = [0]

    def trickle() -> None:
        try:
            while trickled[0] < 30:
                socks[0].sendall(b"a")
                trickled[0] += 1
                time.sleep(0.1)
        except OSError:
            pass

    trickler = threading.Thread(target=trickle, daemon=True)
    trickler.start()
    closed = watch_until_closed(socks, limit=4.0)
    trickler.join(timeout=5)
    for sock in socks:
        sock.close()

    assert len(closed) == N
    lifetimes = []
    request_ids = []
    for i, (at, raw) in closed.items():
        request_ids.append(assert_error(raw, 408, "request_timeout")["x-request-id"])
        lifetimes.append(at - sent_at[i])
    assert min(lifetimes) >= DEADLINE * 0.9, lifetimes
    assert max(lifetimes) <= DEADLINE + 1.0, lifetimes
    assert 5 <= trickled[0] < 30  # it was still sending when the deadline struck
    assert httpx.get(guarded.url + "/openapi.json", timeout=1.0).status_code == 200

    # The app saw the client go: one access line each, with the id the client got, and no
    # traceback.
    guarded.log_when(lambda log: log.count('"status": 408') >= N)  # written after the reply
    text = new_log(guarded, before)
    assert "Traceback" not in text
    assert f'"request_id": "{request_ids[0]}"' in text
    assert text.count('"status": 408') == N
    assert log_size(guarded) - before < 100_000


def test_slowloris_head_is_cut_at_the_header_deadline(guarded: ServerProcess) -> None:
    sock = connect(guarded)
    started = time.monotonic()
    sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    sent = 0
    try:
        while time.monotonic() - started < 3.0:
            sock.sendall(b"z")
            sent += 1
            time.sleep(0.1)
    except OSError:
        pass
    raw, closed_at = read_to_close(sock, limit=1.0)
    sock.close()
    assert DEADLINE * 0.9 <= closed_at - started <= DEADLINE + 1.0
    assert sent >= 5
    assert_error(raw, 408, "request_timeout")


def test_idle_keep_alive_connection_closes_after_the_keep_alive_timeout(
    guarded: ServerProcess,
) -> None:
    sock = connect(guarded)
    sock.settimeout(2.0)
    sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    raw = b""
    while b"\r\n\r\n" not in raw:
        raw += sock.recv(65536)
    status, headers, body = parse(raw)
    while len(body) < int(headers["content-length"]):
        body += sock.recv(65536)
    answered = time.monotonic()
    rest, closed_at = read_to_close(sock, limit=4.0)
    sock.close()
    assert status == 200
    assert rest == b""
    assert DEADLINE * 0.9 <= closed_at - answered <= DEADLINE + 1.0, closed_at - answered


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /v1/sta tus HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /v1/status HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n",
    ],
    ids=["request-line", "header-name", "tls-hello"],
)
def test_malformed_http_gets_400_in_the_error_shape(
    guarded: ServerProcess, request_bytes: bytes
) -> None:
    sock = connect(guarded)
    sock.sendall(request_bytes)
    raw, _ = read_to_close(sock, limit=2.0)
    sock.close()
    headers = assert_error(raw, 400, "bad_request")
    assert headers["connection"] == "close"


def test_trailing_slash_is_404_not_a_redirect_to_the_host_header(guarded: ServerProcess) -> None:
    response = httpx.get(
        guarded.url + "/v1/status/",
        headers={"Host": "evil.example"},
        follow_redirects=False,
        timeout=2.0,
    )
    assert response.status_code == 404
    assert "location" not in response.headers
    body = response.json()
    assert set(body) >= ERROR_FIELDS
    assert body["code"] == "not_found"
    assert response.headers["x-request-id"] == body["request_id"]


@pytest.mark.skipif(not hasattr(resource_module(), "prlimit"), reason="needs Linux prlimit")
def test_running_out_of_descriptors_logs_one_line_not_a_storm(tmp_path: Path) -> None:
    """The 1,100-socket incident in small: the process's fd limit is cut below what the
    connection limit assumes, so accept() fails with EMFILE. One line, no tracebacks."""
    import resource

    proc = ServerProcess(tmp_path, env_overrides=SETTINGS | {"MNEMEXA_MAX_CONNECTIONS": "1000"})
    proc.start()
    socks: List[socket.socket] = []
    try:
        assert proc.process is not None
        pid = proc.process.pid
        in_use = len(os.listdir(f"/proc/{pid}/fd"))
        _, hard = resource.prlimit(pid, resource.RLIMIT_NOFILE)
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (in_use + 30, hard))
        before = log_size(proc)
        for _ in range(200):
            sock = socket.socket()
            sock.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                sock.connect(("127.0.0.1", proc.port))
            socks.append(sock)
        time.sleep(1.0)
        for sock in socks:
            sock.close()
        # The server recovers once descriptors are free again. (asyncio stops accepting for
        # a second or more after EMFILE, so this is no < 1 s probe: the connection limit
        # fitted to the fd limit at start is what keeps a server from getting here.)
        assert httpx.get(proc.url + "/openapi.json", timeout=5.0).status_code == 200
        text = new_log(proc, before)
    finally:
        for sock in socks:
            sock.close()
        proc.stop()
    assert "Too many open files" in text  # the limit was really hit...
    assert text.count("Too many open files") <= 2  # ...and said once per 10 s
    assert "Traceback" not in text
    assert len(text) < 100_000
    print(f"\nEMFILE storm: log grew {len(text)} bytes")


def test_capacity_fits_the_descriptor_limit() -> None:
    assert plan_capacity(1000, 1_048_576).max_connections == 1000
    assert plan_capacity(1000, 1_048_576).backlog == 2048
    small = plan_capacity(1000, 512)
    assert small.max_connections + small.backlog + 128 + 64 <= 512
    assert small.max_connections >= 100
    assert plan_capacity(1000, None).max_connections == 1000


def test_accept_failures_are_logged_once_per_window_without_traceback() -> None:
    throttle = _Throttle(_accept_failure)
    try:
        raise OSError(24, "Too many open files")
    except OSError:
        exc_info = sys.exc_info()
    passed = []
    for _ in range(2048):
        record = logging.LogRecord(
            "asyncio",
            logging.ERROR,
            __file__,
            1,
            "socket.accept() out of system resource\nsocket: <asyncio.TransportSocket fd=9>",
            None,
            exc_info,
        )
        if throttle.filter(record):
            passed.append(record)
    other = logging.LogRecord("asyncio", logging.ERROR, __file__, 1, "unrelated", None, None)
    assert throttle.filter(other)
    assert len(passed) == 1
    assert passed[0].exc_info is None
    assert passed[0].getMessage() == (
        "socket.accept() out of system resource: [Errno 24] Too many open files"
    )
