"""A threaded TCP listener on 127.0.0.1: the part the fault server and the lossy proxy share."""

from __future__ import annotations

import socket
import threading
from typing import List


class LoopbackListener:
    """Accept connections on a free loopback port; each one is handled on its own thread."""

    def __init__(self, backlog: int = 64) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(backlog)
        self._listener.settimeout(0.5)
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: List[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LoopbackListener:
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

    def handle(self, conn: socket.socket) -> None:
        """Serve one accepted connection (runs on its own thread)."""
        raise NotImplementedError

    def accepted(self, conn: socket.socket) -> threading.Thread:
        """The thread that will serve ``conn``; subclasses may bind per-connection state."""
        return threading.Thread(target=self.handle, args=(conn,), daemon=True)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except socket.timeout:
                continue
            if self._stopping.is_set():
                conn.close()
                return
            thread = self.accepted(conn)
            self._threads.append(thread)
            thread.start()
