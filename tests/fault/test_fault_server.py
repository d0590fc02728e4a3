"""The fault server does what its actions say, seen from a plain socket (no SDK, no httpx)."""

from __future__ import annotations

import socket
from typing import Optional, Tuple

import pytest

from .fault_server import FaultServer, Hangup, Reply
from .wire import Wire

REQUEST = b"GET /v1/status HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"


def _exchange(server: FaultServer, send_request: bool = True, timeout: float = 2.0) -> Wire:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
    if send_request:
        sock.sendall(REQUEST)
    return Wire(sock)


def test_reply_carries_a_recorded_request_id_and_the_script_repeats_its_last_action(
    fault_server: FaultServer,
) -> None:
    fault_server.script(Reply(503, {"code": "u"}), Reply(200, {"ok": True}))
    statuses, ids = [], []
    for _ in range(3):
        wire = _exchange(fault_server)
        response = wire.read_message()
        wire.sock.close()
        assert response is not None
        statuses.append(response.status)
        ids.append(response.headers["x-request-id"])
    assert statuses == [503, 200, 200]
    assert ids == fault_server.request_ids
    assert len(set(ids)) == 3
    assert [r.path for r in fault_server.requests] == ["/v1/status"] * 3


def _drain(sock: socket.socket) -> Tuple[bytes, Optional[type]]:
    """Everything received until EOF or an error, and the error's type (None for EOF)."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except OSError as exc:
        return data, type(exc)
    return data, None


def test_reset_mid_body_sends_part_of_the_response_then_an_rst(fault_server: FaultServer) -> None:
    fault_server.script(Reply(200, b"0123456789" * 10, send_bytes=5, end="reset"))
    data, failure = _drain(_exchange(fault_server).sock)
    assert failure is ConnectionResetError
    assert b"Content-Length: 100\r\n" in data
    assert data.endswith(b"\r\n\r\n01234")  # 5 of the 100 body bytes, then the RST


def _connect_and_read(server: FaultServer) -> bytes:
    """Connect and read a byte without sending anything. A reset that follows the accept at
    once may reach the client while connect() still waits for the socket to become writable
    (on a loaded machine), or at the read."""
    return _exchange(server, send_request=False).sock.recv(1)


def test_reset_on_accept_reads_no_request(fault_server: FaultServer) -> None:
    fault_server.script(Hangup("reset", before_request=True))
    with pytest.raises(ConnectionResetError):
        _connect_and_read(fault_server)
    assert fault_server.connections == 1
    assert fault_server.requests == []


def test_truncated_body_promises_more_than_it_sends(fault_server: FaultServer) -> None:
    fault_server.script(Reply(200, b'{"a": 1}', content_length=100))
    wire = _exchange(fault_server)
    head = wire.read_until(b"\r\n\r\n")
    assert head is not None
    assert b"Content-Length: 100" in head
    while wire._fill():
        pass
    assert wire.buffer == b'{"a": 1}'  # then a FIN


def test_stall_sends_nothing_and_keeps_the_connection_open(fault_server: FaultServer) -> None:
    fault_server.script(Hangup("stall"))
    wire = _exchange(fault_server, timeout=0.3)
    with pytest.raises(socket.timeout):
        wire.sock.recv(1)
    wire.sock.close()
    assert len(fault_server.requests) == 1
