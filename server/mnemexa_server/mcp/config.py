"""The settings of ``mnemexa mcp``: flags, else environment variables, else defaults.

The API key comes from the environment only (``MNEMEXA_API_KEY``, read by the SDK): a flag
would show it in process listings and in the agent's configuration arguments. The base URL is
``--base-url``, else what the SDK reads (``MNEMEXA_BASE_URL``). Each scope (``--agent-id``,
``--user-id``, ``--session-id``) falls back to ``MNEMEXA_AGENT_ID``, ``MNEMEXA_USER_ID`` and
``MNEMEXA_SESSION_ID``; an empty value means not set.

Only standard-library imports here: ``mnemexa --help`` and the missing-extra message must work
where the ``mcp`` package is not installed.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
from dataclasses import dataclass, field
from typing import Dict, Mapping, Optional, Sequence

TRANSPORTS = ("stdio", "http")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8081  # next to `mnemexa serve`'s 8080
HTTP_PATH = "/mcp"
LOG_LEVELS = ("debug", "info", "warning", "error")

# The scopes a configuration can fix, and the environment variable each falls back to.
SCOPE_ENV = {
    "agent_id": "MNEMEXA_AGENT_ID",
    "user_id": "MNEMEXA_USER_ID",
    "session_id": "MNEMEXA_SESSION_ID",
}

# Where the SDK reads the API key (its own resolution decides which one it uses). The adapter
# reads them only to scrub their values from anything it writes.
API_KEY_ENV = ("MNEMEXA_API_KEY", "BIZX_API_KEY")

_LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


class ConfigError(ValueError):
    """A setting that cannot work; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    transport: str = "stdio"
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    allow_remote: bool = False
    base_url: Optional[str] = None
    log_level: str = "info"
    # The fixed scopes: passed to describe() and run_tool(), never tool parameters.
    scopes: Dict[str, str] = field(default_factory=dict)
    # Values no output may contain: the API key, wherever the SDK may have read it.
    secrets: Sequence[str] = ()


def is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}")
    return port


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mnemexa mcp",
        description=(
            "Serve Mnemexa's agent tools (brain.remember, brain.recall, ...) over MCP, through "
            "the SDK: the API key from MNEMEXA_API_KEY, the server from --base-url or "
            "MNEMEXA_BASE_URL. Scopes given here are fixed for every call and are not tool "
            "parameters."
        ),
    )
    p.add_argument(
        "--transport",
        choices=TRANSPORTS,
        default="stdio",
        help="stdio (default; for desktop agents) or streamable HTTP",
    )
    p.add_argument("--host", default=DEFAULT_HOST, help=f"HTTP: address (default {DEFAULT_HOST})")
    p.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"HTTP: port (default {DEFAULT_PORT})"
    )
    p.add_argument(
        "--allow-remote",
        action="store_true",
        help="HTTP: allow an address other than loopback (the endpoint has no authentication)",
    )
    p.add_argument("--base-url", help="the Mnemexa API (default: MNEMEXA_BASE_URL, else the SDK's)")
    for name, env in SCOPE_ENV.items():
        flag = "--" + name.replace("_", "-")
        p.add_argument(flag, dest=name, help=f"fix the {name} of every call (default: {env})")
    p.add_argument(
        "--log-level", choices=LOG_LEVELS, default="info", help="stderr log level (default info)"
    )
    return p


def parse(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> Settings:
    """Settings from ``argv`` and ``environ``; ``SystemExit`` for bad flags (as argparse does),
    ``ConfigError`` for settings that parse but cannot work."""
    args = parser().parse_args(list(argv))
    scopes: Dict[str, str] = {}
    for name, env in SCOPE_ENV.items():
        value = getattr(args, name)
        if value is None:
            value = environ.get(env, "").strip()
        if value:
            scopes[name] = value
        elif getattr(args, name) is not None:
            raise ConfigError(f"--{name.replace('_', '-')} is empty")
    if args.transport == "http" and not is_loopback(args.host) and not args.allow_remote:
        raise ConfigError(
            f"refusing to bind {args.host}: the MCP endpoint has no authentication of its own and "
            "acts with this API key, so anyone who reaches it can use the workspace. Pass "
            "--allow-remote to do that on purpose (behind a proxy that authenticates)."
        )
    secrets = tuple(v for v in (environ.get(n, "").strip() for n in API_KEY_ENV) if v)
    return Settings(
        transport=args.transport,
        host=args.host,
        port=args.port,
        allow_remote=args.allow_remote,
        base_url=args.base_url,
        log_level=args.log_level,
        scopes=scopes,
        secrets=secrets,
    )
