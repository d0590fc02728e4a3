"""The two transports: stdio, for a desktop agent that starts the adapter, and streamable HTTP.

On stdio, stdout carries the protocol and nothing else: logs go to stderr, and while serving,
the ``mcp`` SDK points file descriptor 1 at stderr so that stray output from any library
cannot corrupt the stream. Over HTTP the endpoint is ``http://HOST:PORT/mcp``, on loopback by
default, where the ``mcp`` SDK also refuses requests whose ``Host`` or ``Origin`` is not local
(DNS rebinding).
"""

from __future__ import annotations

import logging
import socket
from typing import Any

from mcp.server.lowlevel import Server

from .config import HTTP_PATH, Settings

logger = logging.getLogger("mnemexa_server.mcp")

# Open SSE streams would hold a shutdown forever; a client reconnects if it cares.
SHUTDOWN_GRACE_SECONDS = 3


async def serve_stdio(server: Server[Any]) -> None:
    from mcp.server.stdio import stdio_server

    async with stdio_server() as (read_stream, write_stream):
        logger.info("serving MCP on stdio")
        await server.run(read_stream, write_stream, server.create_initialization_options())


def _listen(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(
        host.strip("[]"), port, type=socket.SOCK_STREAM
    )[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


async def serve_http(server: Server[Any], settings: Settings) -> None:
    import uvicorn

    app = server.streamable_http_app(streamable_http_path=HTTP_PATH, host=settings.host)
    sock = _listen(settings.host, settings.port)
    port = sock.getsockname()[1]  # the one the system chose for --port 0
    config = uvicorn.Config(
        app,
        log_config=None,  # the adapter's own logging: stderr, the API key scrubbed
        log_level=settings.log_level,
        access_log=settings.log_level == "debug",
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
    )
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    logger.info("serving MCP on http://%s:%d%s", host, port, HTTP_PATH)
    try:
        await uvicorn.Server(config).serve(sockets=[sock])
    finally:
        sock.close()
