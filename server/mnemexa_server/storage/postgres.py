"""PostgreSQL connections: a psycopg 3 pool, explicit transactions, one writer at a time.

Stores are written once against the ``Database`` interface and ``?`` placeholders; this
module runs them on PostgreSQL. ``conn`` outside a transaction borrows a pooled connection
for one statement (autocommit reads); inside ``transaction()`` it is the transaction's
connection, so a store's reads see the transaction's own writes.

Write transactions take one advisory lock (``WRITE_LOCK``), so writes are serialised across
every server process on the database, as SQLite's single writer serialises them: the
read-check-write steps of dedup, idempotency and the queue need no other locking. Reads never
wait for it. The lock is released at commit or rollback, also when a node dies.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Optional

import numpy as np
import psycopg
import psycopg_pool
from psycopg import errors as pg_errors
from psycopg.abc import AdaptContext
from psycopg.adapt import Loader
from psycopg.pq import Format
from psycopg.types.numeric import FloatLoader, NumericBinaryLoader

from ..errors import BusyError
from .backend import redacted
from .database import Transaction
from .migrations import MIGRATION_LOCK, Migration, migrate_postgres

WRITE_LOCK = 0x6D6E656D  # "mnem": the advisory lock every write transaction holds
HNSW_EF_SEARCH = 100  # candidates an HNSW search keeps (pgvector's default is 40)
MIN_PGVECTOR = (0, 8)  # iterative index scans (filtered HNSW search) arrived in 0.8.0


class DatabaseUnavailableError(RuntimeError):
    """PostgreSQL did not accept a connection at start."""


class PgvectorError(RuntimeError):
    """The database has no pgvector, or one older than ``MIN_PGVECTOR``."""


class Row(tuple):  # type: ignore[type-arg]
    """A result row, by position or by column name (as ``sqlite3.Row``)."""

    _names: dict[str, int]

    def __new__(cls, values: Sequence[Any], names: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(self._names[key])
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self._names)


class _FloatNumericBinaryLoader(Loader):
    """``numeric`` in binary, as a float (as ``FloatLoader`` does for text)."""

    format = Format.BINARY

    def __init__(self, oid: int, context: Optional[AdaptContext] = None) -> None:
        super().__init__(oid, context)
        self._decimal = NumericBinaryLoader(oid, context)

    def load(self, data: Any) -> float:
        return float(self._decimal.load(data))


def vector_text(vector: np.ndarray) -> str:
    """A vector as pgvector's text form (``CAST(? AS vector)`` reads it), exact for float32."""
    return "[" + ",".join(map(repr, np.asarray(vector, dtype=np.float32).tolist())) + "]"


def vector_from_binary(data: bytes) -> np.ndarray:
    """A ``vector`` column read in binary: a 2-byte dimension, 2 unused bytes, then the
    big-endian float32 values."""
    return np.frombuffer(data, dtype=">f4", offset=4).astype(np.float32)


def _row_factory(cursor: psycopg.Cursor[Any]) -> Any:
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, names)


@functools.lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """SQLite-style ``?`` placeholders to psycopg's ``%s`` (``%`` doubled; nothing inside a
    quoted literal is a placeholder)."""
    out: list[str] = []
    quote: Optional[str] = None
    for char in sql:
        if char == "%":
            out.append("%%")
            continue
        if quote is not None:
            if char == quote:
                quote = None
        elif char in ("'", '"'):
            quote = char
        elif char == "?":
            out.append("%s")
            continue
        out.append(char)
    return "".join(out)


class Result:
    """The rows of one statement, fetched whole (the connection went back to the pool)."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        rows, self._next = self._rows[self._next :], len(self._rows)
        return rows

    def fetchmany(self, size: int) -> list[Any]:
        rows = self._rows[self._next : self._next + size]
        self._next += len(rows)
        return rows

    def close(self) -> None:
        self._next = len(self._rows)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


def _run(conn: psycopg.Connection[Any], sql: str, params: Sequence[Any]) -> Result:
    # Binary results: a vector arrives as pgvector's bytes, read by numpy in one step.
    cur = conn.execute(translate(sql), tuple(params), binary=True)
    rows = cur.fetchall() if cur.description is not None else []
    return Result(rows, cur.rowcount)


class Connection:
    """One PostgreSQL connection with the ``execute``/``executemany`` of ``sqlite3``."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        return _run(self.raw, sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Result:
        rows = list(rows)
        if rows:
            with self.raw.cursor() as cur:
                cur.executemany(translate(sql), [tuple(r) for r in rows])
        return Result([], len(rows))


class PooledReader:
    """``conn`` outside a transaction: each statement on a connection from the pool."""

    def __init__(self, pool: psycopg_pool.ConnectionPool[Any], timeout: float) -> None:
        self.pool = pool
        self.timeout = timeout

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        with _pool_errors(), self.pool.connection(timeout=self.timeout) as raw:
            return _run(raw, sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Result:
        with _pool_errors(), self.pool.connection(timeout=self.timeout) as raw:
            return Connection(raw).executemany(sql, rows)


@contextmanager
def _pool_errors() -> Iterator[None]:
    try:
        yield
    except psycopg_pool.PoolTimeout as exc:
        raise BusyError() from exc


class PostgresDatabase:
    """A PostgreSQL database shared by any number of server processes and hosts."""

    dialect = "postgres"
    integrity_errors: tuple[type[Exception], ...] = (psycopg.IntegrityError,)

    def __init__(
        self,
        url: str,
        busy_timeout: float = 10.0,
        migrations: Sequence[Migration] = (),
        pool_size: int = 10,
    ) -> None:
        """Connect (a pool of up to ``pool_size`` connections), check pgvector, and apply
        the pending ``migrations``. ``busy_timeout``: seconds a request waits for a pooled
        connection or the write lock before ``BusyError`` (the app answers 503)."""
        self.busy_timeout = busy_timeout
        self._local = threading.local()
        self.pool: psycopg_pool.ConnectionPool[Any] = psycopg_pool.ConnectionPool(
            url,
            min_size=1,
            max_size=max(1, pool_size),
            kwargs={"autocommit": True, "row_factory": _row_factory},
            configure=self._configure,
            open=True,
            name="mnemexa",
        )
        try:
            self.pool.wait(timeout=busy_timeout)
        except psycopg_pool.PoolTimeout:
            self.pool.close()
            raise DatabaseUnavailableError(
                f"could not connect to PostgreSQL at {redacted(url)} within {busy_timeout:g} s: "
                "check the database URL and that the database accepts connections"
            ) from None
        self._reader = PooledReader(self.pool, busy_timeout)
        with self.pool.connection(timeout=busy_timeout) as raw:
            with raw.transaction():  # nodes starting together: one creates the extension
                raw.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                check_pgvector(raw)
            self.applied_migrations = migrate_postgres(raw, migrations)

    @staticmethod
    def _configure(raw: psycopg.Connection[Any]) -> None:
        raw.adapters.register_loader("numeric", FloatLoader)  # AVG() is numeric: a float
        raw.adapters.register_loader("numeric", _FloatNumericBinaryLoader)
        # A filtered HNSW search goes on scanning until it has its LIMIT of rows.
        raw.execute("SET hnsw.iterative_scan = relaxed_order")
        raw.execute(f"SET hnsw.ef_search = {HNSW_EF_SEARCH}")

    @property
    def conn(self) -> Connection | PooledReader:
        """The open transaction's connection in this thread, else pooled autocommit reads."""
        tx: Optional[Connection] = getattr(self._local, "tx", None)
        return tx if tx is not None else self._reader

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """A write transaction holding ``WRITE_LOCK``; committed on success, rolled back on
        error. ``BusyError`` when no connection or no lock comes within the busy timeout."""
        if getattr(self._local, "tx", None) is not None:
            raise RuntimeError("a transaction is already open in this thread")
        with self.errors(), self.pool.connection(timeout=self.busy_timeout) as raw:
            conn = Connection(raw)
            tx = Transaction(conn)
            with raw.transaction():
                timeout_ms = max(1, round(self.busy_timeout * 1000))
                raw.execute(f"SET LOCAL lock_timeout = {timeout_ms}")
                raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                self._local.tx = conn
                try:
                    yield tx
                finally:
                    self._local.tx = None
        tx.committed()

    @contextmanager
    def session(self) -> Iterator[Connection]:
        """One pooled connection for several autocommit statements (outside any
        transaction: ``CREATE INDEX CONCURRENTLY``, session settings, session locks)."""
        with self.errors(), self.pool.connection(timeout=self.busy_timeout) as raw:
            yield Connection(raw)

    @staticmethod
    @contextmanager
    def errors() -> Iterator[None]:
        """Turn a lock or pool time-out, and a lost connection (the database restarting or
        failing over), into ``BusyError``: 503, which clients retry; the pool replaces the
        broken connection. Other errors pass."""
        try:
            yield
        except (pg_errors.LockNotAvailable, psycopg_pool.PoolTimeout) as exc:
            raise BusyError() from exc
        except psycopg.OperationalError as exc:
            shutdown = isinstance(exc, (pg_errors.AdminShutdown, pg_errors.CannotConnectNow))
            if shutdown or exc.pgconn is None or exc.pgconn.status != psycopg.pq.ConnStatus.OK:
                raise BusyError() from exc
            raise

    def checkpoint(self) -> bool:
        """Nothing to do: PostgreSQL's WAL recycling is its own (see ``vacuum``)."""
        return True

    def vacuum(self) -> None:
        """``VACUUM`` every table, so dead rows (deleted text included) are reclaimed."""
        with self.pool.connection(timeout=self.busy_timeout) as raw:
            raw.execute("VACUUM")

    def close(self) -> None:
        self.pool.close()


def check_pgvector(raw: psycopg.Connection[Any]) -> str:
    """Create pgvector if it is missing; raise ``PgvectorError`` below ``MIN_PGVECTOR``."""
    try:
        raw.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except psycopg.Error as exc:
        raise PgvectorError(
            "PostgreSQL has no pgvector extension (CREATE EXTENSION vector failed: "
            f"{exc.diag.message_primary}). Install pgvector 0.8 or newer."
        ) from None
    row = raw.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'").fetchone()
    version = str(row[0]) if row else "0"
    numbers = tuple(int(part) for part in version.split(".")[:2] if part.isdigit())
    if numbers < MIN_PGVECTOR:
        wanted = ".".join(map(str, MIN_PGVECTOR))
        raise PgvectorError(
            f"pgvector {version} is too old: Mnemexa needs {wanted} or newer "
            "(iterative index scans). Run ALTER EXTENSION vector UPDATE."
        )
    return version
