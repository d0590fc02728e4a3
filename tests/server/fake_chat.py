"""A tiny OpenAI-compatible ``/chat/completions`` endpoint on 127.0.0.1 for LLM-backed steps."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Tuple


class ChatServer:
    """Answers every chat completion with ``reply`` (status, content) and records requests
    (path, Authorization header, JSON body). A content of None sends a body that is not
    JSON."""

    def __init__(self) -> None:
        self.requests: List[Dict[str, Any]] = []
        self.reply: Tuple[int, Any] = (200, "A summary.")
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                owner.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization"), **body}
                )
                status, content = owner.reply
                payload = (
                    b"not json"
                    if content is None
                    else json.dumps({"choices": [{"message": {"content": content}}]}).encode()
                )
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
