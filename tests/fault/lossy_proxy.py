"""A loopback TCP proxy that loses the server's answer to the first request(s).

It reads each request from the client, forwards it to the real server, and reads the whole
response, so the server has committed and answered. For the first ``drop`` requests it then
resets the client's connection (SO_LINGER 0) instead of passing the response on.
"""

from __future__ import annotations

import socket
from typing import List

from .listener import LoopbackListener
from .wire import Message, Wire, reset


class LossyProxy(LoopbackListener):
    """Forward to ``127.0.0.1:upstream_port``; drop the responses to the first ``drop`` requests."""

    def __init__(self, upstream_port: int, drop: int = 1) -> None:
        super().__init__(backlog=16)
        self.upstream_port = upstream_port
        self.drop = drop
        self.requests: List[Message] = []
        self.responses: List[Message] = []  # what the server answered, passed on or not

    def start(self) -> LossyProxy:
        super().start()
        return self

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(30)
        client = Wire(conn)
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30) as up:
            server = Wire(up)
            while True:
                request = client.read_message()
                if request is None:
                    break
                up.sendall(request.raw)
                response = server.read_message(bodyless=request.method == "HEAD")
                assert response is not None, "the server closed without answering"
                with self._lock:
                    self.requests.append(request)
                    self.responses.append(response)
                    lose = len(self.requests) <= self.drop
                if lose:
                    reset(conn)
                    return
                conn.sendall(response.raw)
        conn.close()
