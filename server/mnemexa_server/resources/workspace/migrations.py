"""The workspaces and their API keys."""

from __future__ import annotations

from ...storage.migrations import Migration

MIGRATIONS = (
    Migration.portable(
        "workspace.0001_workspaces_and_keys",
        """
        CREATE TABLE workspaces (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL UNIQUE,
            status      TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active','suspended','deleted')),
            pii_policy  TEXT NOT NULL DEFAULT 'reject' CHECK (pii_policy IN ('reject','redact')),
            duplicates_prevented INTEGER NOT NULL DEFAULT 0,
            created_at  TEXT NOT NULL
        );
        CREATE TABLE api_keys (
            id           INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
            key_hash     TEXT NOT NULL UNIQUE,
            prefix       TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            revoked_at   TEXT
        );
        """,
    ),
    Migration.portable(
        "workspace.0002_dedup_mode",
        """
        ALTER TABLE workspaces ADD COLUMN dedup_mode TEXT NOT NULL DEFAULT 'auto'
            CHECK (dedup_mode IN ('auto','exact','off'));
        """,
    ),
)
