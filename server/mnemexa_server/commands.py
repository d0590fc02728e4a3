"""The subcommands this distribution adds to ``mnemexa`` (entry-point group ``mnemexa.commands``).

The SDK's dispatcher calls each with the arguments after the subcommand's name and exits with
what it returns. Parsing and the work itself are in :mod:`mnemexa_server.cli`, imported only
when a command runs, so that ``mnemexa --help`` stays fast.
"""

from __future__ import annotations

from typing import Sequence


def _run(name: str, argv: Sequence[str]) -> int:
    from .cli import main

    return main([name, *argv])


def serve(argv: Sequence[str]) -> int:
    """Run the reference API server."""
    return _run("serve", argv)


def keys(argv: Sequence[str]) -> int:
    """Create API keys."""
    return _run("keys", argv)


def workspaces(argv: Sequence[str]) -> int:
    """List, suspend, configure and delete workspaces."""
    return _run("workspaces", argv)


def vacuum(argv: Sequence[str]) -> int:
    """Compact the database."""
    return _run("vacuum", argv)


def copy(argv: Sequence[str]) -> int:
    """Copy a SQLite data dir into PostgreSQL."""
    return _run("copy", argv)


def migrate(argv: Sequence[str]) -> int:
    """Apply pending schema migrations."""
    return _run("migrate", argv)
