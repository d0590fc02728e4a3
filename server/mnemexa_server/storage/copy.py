"""``mnemexa copy``: every row of a SQLite data dir into a PostgreSQL database.

Tables go in the order their foreign keys need, rows in primary-key order, in batches that
each commit on their own; ids are kept, so references stay valid, and the identity
sequences then continue after them. Copying again resumes: a table with an integer key
starts after the largest key the target has, and a row that is there already is skipped.
At the end each table's row count is compared on both sides.

Stop the servers of the data dir first: rows written during the copy may be missed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np

from .database import Database
from .postgres import PostgresDatabase, vector_text


@dataclass(frozen=True)
class Table:
    name: str
    key: Optional[str] = None  # an integer primary key: copy resumes after its maximum


# Parents before children. memory_changes is SQLite's own (its vector index's change log).
TABLES = (
    Table("settings"),
    Table("workspaces", "id"),
    Table("api_keys", "id"),
    Table("memories", "id"),
    Table("memory_sources", "seq"),
    Table("agents", "seq"),
    Table("sessions", "seq"),
    Table("session_summary_sources"),
    Table("events", "seq"),
    Table("writes", "seq"),
    Table("idempotency"),
    Table("idempotency_refs"),
    Table("idempotency_subjects"),
)
VECTOR_COLUMNS = {("memories", "embedding")}


@dataclass(frozen=True)
class Copied:
    table: str
    source: int
    target: int

    @property
    def verified(self) -> bool:
        return self.source == self.target


Progress = Callable[[str], None]


def copy_sqlite_to_postgres(
    source: Database, target: PostgresDatabase, batch: int = 1000, progress: Progress = print
) -> list[Copied]:
    """Copy every table of ``source`` into ``target``; each table's row counts after."""
    results = []
    for table in TABLES:
        _copy_table(source, target, table, batch, progress)
        results.append(
            Copied(table.name, _count(source.conn, table.name), _count(target.conn, table.name))
        )
    target.conn.execute("ANALYZE")  # the planner's row counts, before any server reads
    return results


def _count(conn: Any, table: str) -> int:
    return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608


def _columns(source: Database, target: PostgresDatabase, table: str) -> list[str]:
    """The columns both sides have (the target's generated ones are left out)."""
    ours = [row["name"] for row in source.conn.execute(f"PRAGMA table_info({table})")]
    theirs = {
        row[0]
        for row in target.conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = ? AND is_generated = 'NEVER'",
            (table,),
        )
    }
    return [column for column in ours if column in theirs]


def _copy_table(
    source: Database, target: PostgresDatabase, table: Table, batch: int, progress: Progress
) -> None:
    columns = _columns(source, target, table.name)
    total = _count(source.conn, table.name)
    marks = ", ".join(
        "CAST(? AS vector)" if (table.name, c) in VECTOR_COLUMNS else "?" for c in columns
    )
    insert = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks}) "  # noqa: S608
        "ON CONFLICT DO NOTHING"
    )
    vectors = [i for i, c in enumerate(columns) if (table.name, c) in VECTOR_COLUMNS]
    # Pages in key order; a table without an integer key pages by SQLite's rowid and, when
    # copied again, starts over (rows already there are skipped).
    order = table.key or "rowid"
    after: Any = None
    if table.key is not None:
        after = target.conn.execute(f"SELECT MAX({table.key}) FROM {table.name}").fetchone()[0]  # noqa: S608
    done = 0 if after is None else _count_upto(source, table.name, order, after)
    select = f"SELECT {order}, {', '.join(columns)} FROM {table.name}"  # noqa: S608
    started = time.monotonic()
    while True:
        rows = source.conn.execute(
            f"{select} WHERE {order} > ? ORDER BY {order} LIMIT ?",
            (-1 if after is None else after, batch),
        ).fetchall()
        if not rows:
            break
        with target.transaction() as tx:
            tx.conn.executemany(insert, [_values(row[1:], vectors) for row in rows])
        done += len(rows)
        after = rows[-1][0]
        progress(f"{table.name}: {done:,}/{total:,} rows ({time.monotonic() - started:.1f} s)")
    if table.key is not None:
        target.conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{table.key}'), "  # noqa: S608
            f"GREATEST((SELECT MAX({table.key}) FROM {table.name}), 1))"
        )


def _count_upto(source: Database, table: str, order: str, key: Any) -> int:
    row = source.conn.execute(
        f"SELECT COUNT(*) FROM {table} WHERE {order} <= ?",  # noqa: S608
        (key,),
    ).fetchone()
    return int(row[0])


def _values(row: Any, vectors: list[int]) -> tuple[Any, ...]:
    values = list(row)
    for i in vectors:
        values[i] = vector_text(np.frombuffer(values[i], dtype=np.float32))
    return tuple(values)
