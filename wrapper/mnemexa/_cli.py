"""The ``mnemexa`` command: a dispatcher over the ``mnemexa.commands`` entry points.

The SDK brings no subcommand of its own. Installed distributions register them; mnemexa-server
(``pip install ./server`` from a clone) registers ``serve``, ``keys``, ``workspaces`` and
``vacuum``. An entry point is a function that takes the arguments after the subcommand's name
and returns the exit code.
"""

from __future__ import annotations

import sys
from importlib import metadata
from typing import Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, TextIO

from ._version import __version__

GROUP = "mnemexa.commands"
SERVER = "mnemexa-server"
# Who provides the subcommands that are not installed, for the message that says what to install.
SERVER_MCP = "mnemexa-server[mcp]"  # the server's `mcp` extra (Python 3.10+)
PROVIDERS = {
    "serve": SERVER,
    "keys": SERVER,
    "workspaces": SERVER,
    "vacuum": SERVER,
    "mcp": SERVER_MCP,
}
INSTALL = {
    SERVER: "pip install ./server  (from a clone of the Mnemexa repository)",
    SERVER_MCP: "pip install './server[mcp]'  (from a clone of the Mnemexa repository)",
}


class Command(NamedTuple):
    """One installed subcommand: its entry point and the distribution that registers it."""

    name: str
    entry_point: metadata.EntryPoint
    distribution: str
    version: str

    def load(self) -> Callable[[List[str]], int]:
        run: Callable[[List[str]], int] = self.entry_point.load()
        return run


def _distributions() -> Iterable[metadata.Distribution]:
    return metadata.distributions()


def installed_commands() -> Dict[str, Command]:
    """The ``mnemexa.commands`` entry points, by name; the first on ``sys.path`` wins.

    Read per distribution, which works alike on Python 3.9 (where ``entry_points()`` is a dict
    and an entry point does not know its distribution) and on later versions.
    """
    found: Dict[str, Command] = {}
    for dist in _distributions():
        for ep in dist.entry_points:
            if ep.group == GROUP and ep.name not in found:
                found[ep.name] = Command(ep.name, ep, dist.metadata["Name"], dist.version)
    return dict(sorted(found.items()))


def sdk_version() -> str:
    try:
        return metadata.version("mnemexa")
    except metadata.PackageNotFoundError:  # run from a checkout without installing it
        return __version__


def _summary(command: Command) -> str:
    try:
        doc = command.load().__doc__ or ""
    except Exception:  # a broken plugin must not break the listing
        return ""
    return doc.strip().split("\n", 1)[0]


def _usage(commands: Dict[str, Command], out: TextIO) -> None:
    lines = ["usage: mnemexa <command> [arguments]", "       mnemexa --version", ""]
    if commands:
        lines.append("commands:")
        width = max(len(name) for name in commands)
        for name, command in commands.items():
            lines.append(f"  {name:<{width}}  {_summary(command)}")
        lines += ["", "`mnemexa <command> --help` describes a command."]
    else:
        lines += [
            f"No command is installed here. {', '.join(PROVIDERS)} come with {SERVER}:",
            f"  {INSTALL[SERVER]}",
        ]
    print("\n".join(lines), file=out)


def _versions(commands: Dict[str, Command]) -> str:
    lines = [f"mnemexa {sdk_version()}"]
    providers = {c.distribution: c.version for c in commands.values() if c.distribution}
    lines += [f"{name} {version}" for name, version in sorted(providers.items())]
    return "\n".join(lines)


def _missing(name: str, commands: Dict[str, Command]) -> int:
    provider = PROVIDERS.get(name)
    if provider is None or provider in {c.distribution for c in commands.values()}:
        print(f"mnemexa: unknown command {name!r}\n", file=sys.stderr)
        _usage(commands, sys.stderr)
        return 2
    print(
        f"mnemexa: `{name}` comes with {provider}, which is not installed. Install it with\n"
        f"  {INSTALL[provider]}",
        file=sys.stderr,
    )
    return 2


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    commands = installed_commands()
    if not args:
        _usage(commands, sys.stderr)
        return 2
    first, rest = args[0], args[1:]
    if first in ("-h", "--help"):
        _usage(commands, sys.stdout)
        return 0
    if first in ("-V", "--version"):
        print(_versions(commands))
        return 0
    if first.startswith("-"):
        print(f"mnemexa: unknown option {first!r}\n", file=sys.stderr)
        _usage(commands, sys.stderr)
        return 2
    command = commands.get(first)
    if command is None:
        return _missing(first, commands)
    return int(command.load()(rest))


if __name__ == "__main__":
    sys.exit(main())
