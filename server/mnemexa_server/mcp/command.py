"""The ``mnemexa mcp`` entry point (group ``mnemexa.commands``).

``mnemexa --help`` imports this module for its summary line, also where the ``mcp`` extra is not
installed: everything beyond the standard library is imported when the command runs.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from typing import Sequence

from .config import ConfigError, Settings, parse

INSTALL = "pip install './server[mcp]'  (from a clone of the Mnemexa repository; Python 3.10+)"
# Libraries that log every request at INFO, or at DEBUG every message with what the agent sent
# or got back (memories' text): their lines say nothing an operator needs.
_QUIET = ("httpx", "httpx2", "httpcore", "mcp", "sse_starlette")


def mcp(argv: Sequence[str]) -> int:
    """Serve the agent tools over MCP (stdio or streamable HTTP)."""
    try:
        settings = parse(argv)
    except ConfigError as exc:
        print(f"mnemexa mcp: {exc}", file=sys.stderr)
        return 2
    if sys.version_info < (3, 10) or importlib.util.find_spec("mcp") is None:
        print(
            "mnemexa mcp: the `mcp` package is not installed. It comes with the server's "
            f"`mcp` extra:\n  {INSTALL}",
            file=sys.stderr,
        )
        return 2
    _configure_logging(settings)
    import anyio

    try:
        return anyio.run(_serve, settings)
    except KeyboardInterrupt:
        return 0


def _configure_logging(settings: Settings) -> None:
    from .errors import RedactingFilter

    level = getattr(logging, settings.log_level.upper())
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter(settings.secrets))
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in _QUIET:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))


async def _serve(settings: Settings) -> int:
    import mnemexa

    log = logging.getLogger("mnemexa_server.mcp")
    try:
        client = mnemexa.AsyncClient(base_url=settings.base_url)
    except mnemexa.MnemexaError as exc:  # no API key, a base URL that is not one
        print(f"mnemexa mcp: {exc.message}", file=sys.stderr)
        return 2

    from .tools import MnemexaTools, build_server
    from .transport import serve_http, serve_stdio

    async with client:
        tools = MnemexaTools(client, settings.scopes, settings.secrets)
        scopes = ", ".join(f"{k}={v}" for k, v in settings.scopes.items()) or "none"
        try:
            log.info("%d tools; fixed scopes: %s", len(await tools.tools()), scopes)
        except (mnemexa.AuthenticationError, mnemexa.PermissionError) as exc:
            # A key the server refuses will not do better later: say so, and stop.
            print(f"mnemexa mcp: {exc}", file=sys.stderr)
            return 2
        except mnemexa.MnemexaError as exc:
            # The server may come up after the agent starts the adapter: serve anyway, and
            # list the tools once it answers.
            log.warning("Mnemexa does not answer yet (%s): %s", type(exc).__name__, exc.message)
        server = build_server(tools)
        if settings.transport == "http":
            await serve_http(server, settings)
        else:
            await serve_stdio(server)
    return 0
