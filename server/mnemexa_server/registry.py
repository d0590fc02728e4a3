"""Every API resource the server serves (one line each), in the order their migrations apply."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from . import idempotency
from .resource import Resource
from .resources import agents, events, memory, sessions, workspace, writes
from .storage import server_settings
from .storage.backend import Db, open_db
from .storage.migrations import Migration

RESOURCES: tuple[Resource, ...] = (
    workspace.RESOURCE,
    memory.RESOURCE,
    events.RESOURCE,
    writes.RESOURCE,
    agents.RESOURCE,
    sessions.RESOURCE,
)

# Tables of the server itself, not of one resource.
CORE_MIGRATIONS: tuple[Migration, ...] = (*server_settings.MIGRATIONS, *idempotency.MIGRATIONS)


def all_migrations(resources: Sequence[Resource] = RESOURCES) -> list[Migration]:
    return [*CORE_MIGRATIONS, *(m for r in resources for m in r.migrations)]


def open_database(
    data_dir: Path, busy_timeout: float = 10.0, database_url: Optional[str] = None
) -> Db:
    """Open the database (PostgreSQL at ``database_url`` if given, else SQLite in
    ``data_dir``) with every migration applied."""
    return open_db(data_dir, database_url, all_migrations(), busy_timeout)
