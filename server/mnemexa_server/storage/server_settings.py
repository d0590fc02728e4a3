"""Settings the server keeps about its own data dir (which embedder wrote the vectors)."""

from __future__ import annotations

from typing import Optional

from .backend import Db
from .migrations import Migration

MIGRATIONS = (
    Migration.portable(
        "core.0001_settings",
        "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);",
    ),
)


class ServerSettings:
    """Named string values in the ``settings`` table."""

    def __init__(self, db: Db) -> None:
        self.db = db

    def get(self, name: str) -> Optional[str]:
        row = self.db.conn.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set(self, name: str, value: str) -> None:
        """Write inside the caller's transaction."""
        self.db.conn.execute(
            "INSERT INTO settings (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )
