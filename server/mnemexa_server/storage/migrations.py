"""Named schema migrations, applied in order on open, each once, each in its own transaction.

Each resource declares its migrations (``resources/<name>/migrations.py``); the names of the
applied ones are kept in ``schema_migrations``. A migration's name never changes once it has
shipped. Data dirs written before named migrations recorded their progress as
``PRAGMA user_version`` (1 or 2); ``LEGACY_VERSIONS`` says which named migrations each version
already contains, and they are recorded as applied without running again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema change: a unique ``resource.NNNN_what`` name and its SQLite script."""

    name: str
    sqlite: str


# user_version of a data dir from before named migrations -> what its schema already holds
LEGACY_VERSIONS: dict[int, tuple[str, ...]] = {
    1: (
        "core.0001_settings",
        "workspace.0001_workspaces_and_keys",
        "idempotency.0001_records",
        "memory.0001_memories_text_index_and_changes",
    ),
    2: ("workspace.0002_dedup_mode", "idempotency.0002_memory_refs"),
}

_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations "
    "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ')))"
)


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> list[str]:
    """Apply every migration not yet applied; return the names of all applied ones."""
    names = [m.name for m in migrations]
    if len(set(names)) != len(names):
        raise ValueError(f"migration names must be unique: {names}")
    _adopt_legacy(conn)
    for migration in migrations:
        conn.execute("BEGIN IMMEDIATE")  # another process may be migrating: read under the lock
        try:
            done = conn.execute(
                "SELECT 1 FROM schema_migrations WHERE name = ?", (migration.name,)
            ).fetchone()
            if done is None:
                for statement in _statements(migration.sqlite):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", (migration.name,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return [row[0] for row in conn.execute("SELECT name FROM schema_migrations ORDER BY rowid")]


def _adopt_legacy(conn: sqlite3.Connection) -> None:
    """Create ``schema_migrations``; in a data dir from before it, record what is there."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
        ).fetchone()
        if exists is None:
            conn.execute(_TABLE)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            for number in sorted(LEGACY_VERSIONS):
                if number <= version:
                    conn.executemany(
                        "INSERT INTO schema_migrations (name) VALUES (?)",
                        [(name,) for name in LEGACY_VERSIONS[number]],
                    )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """Split a script on ';' outside trigger bodies (sqlite3.complete_statement does the work)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
