"""Loopback ports for tests that must not reach a server: bound and never listening."""

from __future__ import annotations

import functools
import socket


@functools.cache
def _held() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))  # never listening: every connection to it is refused
    return sock


def refused_port() -> int:
    """A loopback port that refuses every connection for the rest of the test run.

    The socket stays bound, so no other test's server, in this process or the other lane's,
    can take the port and answer (or count) a connection meant to be refused.
    """
    return int(_held().getsockname()[1])
