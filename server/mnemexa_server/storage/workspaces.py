"""Workspaces and their API keys. Keys are stored only as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from dataclasses import dataclass
from typing import Optional

from ..clock import utc_iso
from .database import Database

KEY_PREFIX = "mnx_ws_"
STATUSES = ("active", "suspended")
PII_POLICIES = ("reject", "redact")
DEDUP_MODES = ("auto", "exact", "off")
# The settings an operator can change, each a column of ``workspaces``, and their values.
SETTINGS = {"status": STATUSES, "pii_policy": PII_POLICIES, "dedup_mode": DEDUP_MODES}


@dataclass(frozen=True)
class Workspace:
    id: int
    name: str
    status: str
    pii_policy: str
    dedup_mode: str = "auto"


def hash_key(key: str) -> str:
    """The stored form of a key. Keys are 256-bit random, so a plain SHA-256 is enough."""
    return hashlib.sha256(key.encode()).hexdigest()


def _row_to_workspace(row: sqlite3.Row) -> Workspace:
    return Workspace(row["id"], row["name"], row["status"], row["pii_policy"], row["dedup_mode"])


class WorkspaceStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create_key(self, workspace_name: str) -> tuple[Workspace, str]:
        """Create a key for the workspace (created if new). The key is returned only here."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO workspaces (name, created_at) VALUES (?, ?)",
                (workspace_name, utc_iso()),
            )
            row = conn.execute(
                "SELECT * FROM workspaces WHERE name = ?", (workspace_name,)
            ).fetchone()
            conn.execute(
                "INSERT INTO api_keys (workspace_id, key_hash, prefix, created_at) "
                "VALUES (?,?,?,?)",
                (row["id"], hash_key(key), key[: len(KEY_PREFIX) + 4], utc_iso()),
            )
        return _row_to_workspace(row), key

    def authenticate(self, key: str) -> Optional[Workspace]:
        """The workspace a key belongs to, or None for an unknown or revoked key."""
        row = self.db.conn.execute(
            "SELECT w.* FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id "
            "WHERE k.key_hash = ? AND k.revoked_at IS NULL",
            (hash_key(key),),
        ).fetchone()
        return _row_to_workspace(row) if row else None

    def list(self) -> list[tuple[Workspace, int, int]]:
        """Every workspace with its number of active keys and memories."""
        rows = self.db.conn.execute(
            "SELECT w.*, "
            "(SELECT COUNT(*) FROM api_keys k WHERE k.workspace_id = w.id AND k.revoked_at IS NULL)"
            " AS keys, "
            "(SELECT COUNT(*) FROM memories m WHERE m.workspace_id = w.id) AS memories "
            "FROM workspaces w ORDER BY w.id"
        ).fetchall()
        return [(_row_to_workspace(r), r["keys"], r["memories"]) for r in rows]

    def configure(self, name: str, setting: str, value: str) -> Workspace:
        """Set one of ``SETTINGS`` of a workspace; KeyError if there is no such workspace,
        ValueError for a value the setting does not take."""
        allowed = SETTINGS[setting]
        if value not in allowed:
            raise ValueError(f"{setting} must be one of {', '.join(allowed)}")
        with self.db.transaction() as conn:
            conn.execute(f"UPDATE workspaces SET {setting} = ? WHERE name = ?", (value, name))  # noqa: S608
            row = conn.execute("SELECT * FROM workspaces WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise KeyError(name)
        return _row_to_workspace(row)

    def find(self, name: str) -> Optional[Workspace]:
        row = self.db.conn.execute("SELECT * FROM workspaces WHERE name = ?", (name,)).fetchone()
        return _row_to_workspace(row) if row else None

    @staticmethod
    def delete(conn: sqlite3.Connection, workspace_id: int) -> None:
        """Delete a workspace row and its keys (its memories must be gone already)."""
        conn.execute("DELETE FROM api_keys WHERE workspace_id = ?", (workspace_id,))
        conn.execute("DELETE FROM workspaces WHERE id = ?", (workspace_id,))
