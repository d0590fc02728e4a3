"""A loopback TCP proxy that loses the server's answer to the first request(s).

It reads each request from the client, forwards it to the real server, and reads the whole
response, so the server has committed and answered. For the first ``drop`` requests it then
resets the client's connection (SO_LINGER 0) instead of passing the response on.
"""

from __future__ import annotations

import socket
import threading
from typing import List

from .wire import Message, Wire, reset


class LossyProxy:
    """Forward to ``127.0.0.1:upstream_port``; drop the responses to the first ``drop`` requests."""

    def __init__(self, upstream_port: int, drop: int = 1) -> None:
        self.upstream_port = upstream_port
        self.drop = drop
        self.requests: List[Message] = []
        self.responses: List[Message] = []  # what the server answered, passed on or not
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.5)
        self.port: int = self._listener.getsockname()[1]
        self._threads: List[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LossyProxy:
        self._acceptor.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        with socket.create_connection(("127.0.0.1", self.port)):  # wakes accept() up
            pass
        self._acceptor.join(timeout=5)
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except socket.timeout:
                continue
            if self._stopping.is_set():
                conn.close()
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
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
