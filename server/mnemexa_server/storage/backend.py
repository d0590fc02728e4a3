"""The database interface every store is written against, and the choice of backend.

Two backends implement it: SQLite (``database.Database``, the embedded default: one data
dir, no service) and PostgreSQL with pgvector (``postgres.PostgresDatabase``, for several
server processes and hosts on one database), chosen by ``Settings.database_url``. Stores use
``?`` placeholders and SQL that both engines run; where they differ, a store asks
``db.dialect``, or the resource has one store module per backend.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Protocol
from urllib.parse import urlsplit, urlunsplit

from .database import Transaction
from .migrations import Migration

if TYPE_CHECKING:
    from .postgres import PostgresDatabase


class Cursor(Protocol):
    """What a statement returns: its rows (by position or column name) and its row count."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int) -> list[Any]: ...

    def close(self) -> None: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]], /) -> Cursor: ...


class Db(Protocol):
    """A database of either backend."""

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgres"``."""

    @property
    def integrity_errors(self) -> tuple[type[Exception], ...]:
        """What a violated UNIQUE or foreign key raises."""

    @property
    def applied_migrations(self) -> list[str]: ...

    @property
    def conn(self) -> Connection:
        """The open transaction's connection in this thread, else one for reads."""

    def transaction(self) -> AbstractContextManager[Transaction]: ...

    def errors(self) -> AbstractContextManager[None]:
        """Turn the backend's lock and busy errors into ``BusyError``."""

    def checkpoint(self) -> bool: ...

    def vacuum(self) -> None: ...

    def close(self) -> None: ...


def redacted(url: str) -> str:
    """A database URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname or ''}" + (
        f":{parts.port}" if parts.port else ""
    )
    return urlunsplit(parts._replace(netloc=netloc))


def is_postgres_url(url: Optional[str]) -> bool:
    return bool(url) and str(url).startswith(("postgresql://", "postgres://"))


def postgres() -> type[PostgresDatabase]:
    """The PostgreSQL backend's class; a clear error when its extra is not installed."""
    try:
        from .postgres import PostgresDatabase
    except ImportError as missing:
        raise RuntimeError(
            f"the PostgreSQL backend needs {missing.name or 'psycopg'}: "
            "pip install 'mnemexa-server[postgres]' (from a clone: './server[postgres]')"
        ) from None
    return PostgresDatabase


def open_db(
    data_dir: Path,
    database_url: Optional[str],
    migrations: Sequence[Migration],
    busy_timeout: float = 10.0,
    pool_size: int = 10,
) -> Db:
    """PostgreSQL when ``database_url`` is a ``postgresql://`` URL, else SQLite in
    ``data_dir``; with every migration applied."""
    if database_url:
        if not is_postgres_url(database_url):
            raise ValueError("the database URL must start with postgresql://")
        return postgres()(database_url, busy_timeout, migrations, pool_size)
    from .database import Database

    return Database(data_dir, busy_timeout, migrations)
