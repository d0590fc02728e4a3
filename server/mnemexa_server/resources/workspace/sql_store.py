"""Workspaces and API keys (SQL that both backends run). Keys are stored only as SHA-256
hashes."""

from __future__ import annotations

import secrets
from typing import Any, Optional

from ...clock import utc_iso
from ...errors import NotFoundError, invalid
from ...storage.backend import Db
from .store import KEY_PREFIX, SETTINGS, Workspace, WorkspaceSummary, hash_key


def _workspace(row: Any) -> Workspace:
    return Workspace(row["id"], row["name"], row["status"], row["pii_policy"], row["dedup_mode"])


class SqlWorkspaceStore:
    def __init__(self, db: Db) -> None:
        self.db = db

    def create_key(self, workspace_name: str) -> tuple[Workspace, str]:
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with self.db.transaction() as tx:
            tx.conn.execute(
                "INSERT INTO workspaces (name, created_at) VALUES (?, ?) "
                "ON CONFLICT (name) DO NOTHING",
                (workspace_name, utc_iso()),
            )
            row = tx.conn.execute(
                "SELECT * FROM workspaces WHERE name = ?", (workspace_name,)
            ).fetchone()
            tx.conn.execute(
                "INSERT INTO api_keys (workspace_id, key_hash, prefix, created_at) "
                "VALUES (?,?,?,?)",
                (row["id"], hash_key(key), key[: len(KEY_PREFIX) + 4], utc_iso()),
            )
        return _workspace(row), key

    def authenticate(self, key: str) -> Optional[Workspace]:
        row = self.db.conn.execute(
            "SELECT w.* FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id "
            "WHERE k.key_hash = ? AND k.revoked_at IS NULL",
            (hash_key(key),),
        ).fetchone()
        return _workspace(row) if row else None

    def list(self) -> list[WorkspaceSummary]:
        rows = self.db.conn.execute(
            "SELECT w.*, "
            "(SELECT COUNT(*) FROM api_keys k WHERE k.workspace_id = w.id AND k.revoked_at IS NULL)"
            " AS keys, "
            "(SELECT COUNT(*) FROM memories m WHERE m.workspace_id = w.id) AS memories "
            "FROM workspaces w ORDER BY w.id"
        ).fetchall()
        return [WorkspaceSummary(_workspace(r), r["keys"], r["memories"]) for r in rows]

    def find(self, name: str) -> Optional[Workspace]:
        row = self.db.conn.execute("SELECT * FROM workspaces WHERE name = ?", (name,)).fetchone()
        return _workspace(row) if row else None

    def configure(self, name: str, setting: str, value: str) -> Workspace:
        allowed = SETTINGS[setting]
        if value not in allowed:
            raise invalid(f"{setting} must be one of {', '.join(allowed)}", setting=setting)
        with self.db.transaction() as tx:
            tx.conn.execute(f"UPDATE workspaces SET {setting} = ? WHERE name = ?", (value, name))  # noqa: S608
            row = tx.conn.execute("SELECT * FROM workspaces WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFoundError("workspace", name)
        return _workspace(row)

    def duplicates_prevented(self, workspace_id: int) -> int:
        row = self.db.conn.execute(
            "SELECT duplicates_prevented FROM workspaces WHERE id=?", (workspace_id,)
        ).fetchone()
        return int(row[0]) if row else 0

    def count_duplicate(self, workspace_id: int) -> None:
        self.db.conn.execute(
            "UPDATE workspaces SET duplicates_prevented = duplicates_prevented + 1 WHERE id=?",
            (workspace_id,),
        )

    def delete(self, workspace_id: int) -> None:
        self.db.conn.execute("DELETE FROM api_keys WHERE workspace_id = ?", (workspace_id,))
        self.db.conn.execute("DELETE FROM workspaces WHERE id = ?", (workspace_id,))
