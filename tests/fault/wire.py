"""Just enough HTTP/1.1 framing over raw sockets for the fault server and the lossy proxy."""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass, field
from typing import Dict, Optional

HEAD_END = b"\r\n\r\n"


@dataclass
class Message:
    """One HTTP request or response as read off the wire."""

    start_line: str
    headers: Dict[str, str]  # lower-cased names
    body: bytes
    raw: bytes = field(repr=False)  # every byte read for this message, unchanged

    @property
    def method(self) -> str:
        return self.start_line.split(" ", 1)[0]

    @property
    def path(self) -> str:
        return self.start_line.split(" ")[1]

    @property
    def status(self) -> int:
        return int(self.start_line.split(" ")[1])


class Wire:
    """A socket with a read buffer; every read returns None if the peer closes first."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        self.buffer += chunk
        return bool(chunk)

    def read_until(self, marker: bytes) -> Optional[bytes]:
        while marker not in self.buffer:
            if not self._fill():
                return None
        head, self.buffer = self.buffer.split(marker, 1)
        return head + marker

    def read_exact(self, size: int) -> Optional[bytes]:
        while len(self.buffer) < size:
            if not self._fill():
                return None
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def read_message(self, *, bodyless: bool = False) -> Optional[Message]:
        """Read one message framed by Content-Length or chunked encoding (or none)."""
        head = self.read_until(HEAD_END)
        if head is None:
            return None
        lines = head[: -len(HEAD_END)].decode("latin-1").split("\r\n")
        headers: Dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        raw, body = head, b""
        if bodyless:
            pass
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            chunked = self._read_chunked()
            if chunked is None:
                return None
            raw, body = raw + chunked[0], chunked[1]
        elif "content-length" in headers:
            data = self.read_exact(int(headers["content-length"]))
            if data is None:
                return None
            raw, body = raw + data, data
        return Message(lines[0], headers, body, raw)

    def _read_chunked(self) -> Optional[tuple[bytes, bytes]]:
        raw, body = b"", b""
        while True:
            size_line = self.read_until(b"\r\n")
            if size_line is None:
                return None
            size = int(size_line.split(b";")[0].strip(), 16)
            raw += size_line
            if size == 0:  # then optional trailers, up to an empty line
                while True:
                    line = self.read_until(b"\r\n")
                    if line is None:
                        return None
                    raw += line
                    if line == b"\r\n":
                        return raw, body
            data = self.read_exact(size + 2)
            if data is None:
                return None
            raw, body = raw + data, body + data[:-2]


def reset(sock: socket.socket) -> None:
    """Close with SO_LINGER 0, so the peer gets a TCP RST instead of a FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
