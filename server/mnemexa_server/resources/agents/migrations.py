"""Registered agents: a name, a description and meta for an ``agent_id``."""

from __future__ import annotations

from ...storage.migrations import Migration

MIGRATIONS = (
    Migration.portable(
        "agents.0001_agents",
        """
        CREATE TABLE agents (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            agent_id     TEXT NOT NULL,
            name         TEXT NOT NULL,
            description  TEXT,
            meta         TEXT NOT NULL DEFAULT '{}',
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL,
            UNIQUE (workspace_id, agent_id)
        );
        CREATE INDEX agents_by_workspace ON agents (workspace_id, seq);
        """,
    ),
)
