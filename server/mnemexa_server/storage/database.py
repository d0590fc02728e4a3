"""SQLite connections: WAL mode, one connection per thread, explicit transactions.

Stores read and write through ``Database.conn``, this thread's connection; inside
``transaction()`` that is the transaction's connection, so a store's reads see the
transaction's own writes.

The data dir is created ``0700`` and its files ``0600``. Every connection is checked for the
pragmas that durability and erasure depend on: ``journal_mode=wal``, ``synchronous=FULL``
(an acknowledged write survives a crash) and ``secure_delete=ON`` (freed content is zeroed).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import BusyError
from .migrations import Migration, migrate

DB_FILE = "mnemexa.db"
DIR_MODE = 0o700
FILE_MODE = 0o600
# (pragma, value set, value read back): each connection must read back exactly these.
REQUIRED_PRAGMAS = (
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", 2),
    ("secure_delete", "ON", 1),
    ("foreign_keys", "ON", 1),
)


class PragmaError(RuntimeError):
    """A connection does not have a pragma that durability or erasure needs."""


class Transaction:
    """An open write transaction. Callbacks given to ``on_commit`` run once it commits."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn  # a ``backend.Connection``
        self._after_commit: list[Callable[[], object]] = []

    def on_commit(self, callback: Callable[[], object]) -> None:
        if callback not in self._after_commit:
            self._after_commit.append(callback)

    def committed(self) -> None:
        for callback in self._after_commit:
            callback()


class Database:
    """The data dir's SQLite database. Safe to use from many threads and processes.

    Every write happens in ``transaction()``, which commits before returning.
    """

    dialect = "sqlite"
    integrity_errors: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)

    def __init__(
        self, data_dir: Path, busy_timeout: float = 10.0, migrations: Sequence[Migration] = ()
    ) -> None:
        """Open the data dir's database and apply the pending ``migrations``.

        ``busy_timeout`` is how many seconds a write waits for another writer's lock before
        ``sqlite3.OperationalError: database is locked`` (the app answers 503).
        """
        self.data_dir = Path(data_dir)
        self.busy_timeout_ms = max(0, round(busy_timeout * 1000))
        self.path = self.data_dir / DB_FILE
        _private_dir(self.data_dir)
        _private_file(self.path)
        self._local = threading.local()
        # Threads of this process queue here for the write lock: SQLite's own busy handler
        # polls with sleeps, and under many concurrent writers one can starve past the
        # timeout. Then only one writer per process competes for SQLite's lock.
        self._writer = threading.RLock()
        self.applied_migrations = migrate(self._connection(), migrations)
        for suffix in ("-wal", "-shm"):
            _private_file(self.path.with_name(DB_FILE + suffix), create=False)

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            for name, value, _ in REQUIRED_PRAGMAS:
                conn.execute(f"PRAGMA {name}={value}")
            conn.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
            check_pragmas(conn)
            self._local.conn = conn
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection, in autocommit mode (for reads)."""
        return self._connection()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """A write transaction (BEGIN IMMEDIATE); committed on success, rolled back on error.

        Raises ``BusyError`` when another writer holds the lock past the busy timeout.
        """
        conn = self._connection()
        if not self._writer.acquire(timeout=self.busy_timeout_ms / 1000):
            raise BusyError()
        tx = Transaction(conn)
        try:
            with self.errors():
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield tx
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        finally:
            self._writer.release()
        tx.committed()

    @staticmethod
    @contextmanager
    def errors() -> Iterator[None]:
        """Turn SQLite's "database is locked/busy" into ``BusyError``; other errors pass."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            if "locked" in message or "busy" in message:
                raise BusyError() from exc
            raise

    def checkpoint(self) -> bool:
        """Copy the WAL into the database and truncate it, so the WAL forgets what was
        deleted. False if a reader in another process kept part of it (it is retried by the
        next checkpoint)."""
        busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not busy

    def vacuum(self) -> None:
        """Rebuild the database file without free pages, then truncate the WAL."""
        self.conn.execute("VACUUM")
        self.checkpoint()

    def close(self) -> None:
        """Close this thread's connection (others close with their threads)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def check_pragmas(conn: sqlite3.Connection) -> None:
    """Raise ``PragmaError`` unless ``conn`` has every pragma of ``REQUIRED_PRAGMAS``."""
    for name, _, expected in REQUIRED_PRAGMAS:
        actual = conn.execute(f"PRAGMA {name}").fetchone()[0]
        if actual != expected:
            raise PragmaError(f"PRAGMA {name} is {actual!r}, expected {expected!r}")


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
        path.chmod(DIR_MODE)


def _private_file(path: Path, *, create: bool = True) -> None:
    """Make ``path`` readable by its owner only (creating it empty first if asked)."""
    if create and not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    if path.exists() and stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
        path.chmod(FILE_MODE)
