"""SQLite connections: WAL mode, one connection per thread, explicit transactions."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .schema import migrate

DB_FILE = "mnemexa.db"


class Database:
    """The data dir's SQLite database. Safe to use from many threads and processes.

    Every write happens in ``transaction()``, which commits before returning: with
    ``synchronous=FULL`` in WAL mode, an acknowledged write survives a crash of the process.
    """

    def __init__(self, data_dir: Path, busy_timeout: float = 10.0) -> None:
        """Open (and migrate) the data dir's database.

        ``busy_timeout`` is how many seconds a write waits for another writer's lock before
        ``sqlite3.OperationalError: database is locked`` (the app answers 503).
        """
        self.data_dir = Path(data_dir)
        self.busy_timeout_ms = max(0, round(busy_timeout * 1000))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_FILE
        self._local = threading.local()
        # Threads of this process queue here for the write lock: SQLite's own busy handler
        # polls with sleeps, and under many concurrent writers one can starve past the
        # timeout. Then only one writer per process competes for SQLite's lock.
        self._writer = threading.RLock()
        self.schema_version = migrate(self._connection())

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
            self._local.conn = conn
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection, in autocommit mode (for reads)."""
        return self._connection()

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE); committed on success, rolled back on error.

        ``durable=False`` skips the fsync at commit, for bookkeeping whose loss in a power
        failure is harmless (a crash of the process alone still loses nothing in WAL mode).
        """
        conn = self._connection()
        if not self._writer.acquire(timeout=self.busy_timeout_ms / 1000):
            raise sqlite3.OperationalError("database is locked (waited for this process's writers)")
        try:
            if not durable:
                conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            if not durable:
                conn.execute("PRAGMA synchronous=FULL")
            self._writer.release()
