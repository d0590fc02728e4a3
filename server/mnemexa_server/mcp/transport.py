"""The two transports: stdio, for a desktop agent that starts the adapter, and streamable HTTP.

On stdio, stdout carries the protocol and nothing else: logs go to stderr, and while serving,
the ``mcp`` SDK points file descriptor 1 at stderr so that stray output from any library
cannot corrupt the stream. Over HTTP the endpoint is ``http://HOST:PORT/mcp``, on loopback by
default, where requests whose ``Host`` or ``Origin`` is not local are refused (DNS rebinding;
:func:`transport_security`).
"""

from __future__ import annotations

import logging
import socket
from typing import TYPE_CHECKING, Any, Optional

from mcp.server.lowlevel import Server

from .config import HTTP_PATH, Settings, is_loopback

if TYPE_CHECKING:
    from mcp.server.transport_security import TransportSecuritySettings

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


def transport_security(host: str) -> Optional[TransportSecuritySettings]:
    """The ``Host`` and ``Origin`` checks (DNS rebinding) for an endpoint on ``host``.

    The ``mcp`` SDK turns them on by itself only for ``127.0.0.1``, ``localhost`` and ``::1``;
    here they hold for every loopback address the adapter accepts (``127.0.0.2``, ``[::1]``,
    ``ip6-localhost``), with that address allowed as well. A remote address (``--allow-remote``)
    gets none: the proxy in front of it decides.
    """
    if not is_loopback(host):
        return None
    from mcp.server.transport_security import TransportSecuritySettings

    bare = host.strip("[]")
    hosts = ["127.0.0.1", "localhost", "[::1]"]
    named = f"[{bare}]" if ":" in bare else bare
    if named not in hosts:
        hosts.append(named)
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[f"{h}:*" for h in hosts],
        allowed_origins=[f"http://{h}:*" for h in hosts],
    )


def http_app(server: Server[Any], settings: Settings) -> Any:
    """The streamable HTTP endpoint of ``server`` as an ASGI app, with its ``Host`` and
    ``Origin`` checks."""
    return server.streamable_http_app(
        streamable_http_path=HTTP_PATH,
        host=settings.host,
        transport_security=transport_security(settings.host),
    )


async def serve_http(server: Server[Any], settings: Settings) -> None:
    import uvicorn

    app = http_app(server, settings)
    sock = _listen(settings.host, settings.port)
    port = sock.getsockname()[1]  # the one the system chose for --port 0
    config = uvicorn.Config(
        app,
        log_config=None,  # the adapter's own logging: stderr, the API key scrubbed
        log_level=settings.log_level,
        access_log=settings.log_level == "debug",
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
    )
    bare = settings.host.strip("[]")
    host = f"[{bare}]" if ":" in bare else bare
    logger.info("serving MCP on http://%s:%d%s", host, port, HTTP_PATH)
    try:
        await uvicorn.Server(config).serve(sockets=[sock])
    finally:
        sock.close()
