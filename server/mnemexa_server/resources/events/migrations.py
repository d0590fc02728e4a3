"""Ingested events, queued for the worker until each is a memory."""

from __future__ import annotations

from ...storage.migrations import Migration

MIGRATIONS = (
    Migration.portable(
        "events.0001_events",
        """
        CREATE TABLE events (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id     TEXT NOT NULL UNIQUE,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            kind         TEXT NOT NULL,
            content      TEXT NOT NULL,
            meta         TEXT NOT NULL DEFAULT '{}',
            agent_id     TEXT,
            user_id      TEXT NOT NULL,
            session_id   TEXT NOT NULL,
            role_id      TEXT,
            team_id      TEXT,
            ts           TEXT NOT NULL,
            status       TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued','processing','completed','failed')),
            memory_id    INTEGER,
            reason       TEXT,
            attempts     INTEGER NOT NULL DEFAULT 0,
            claim        TEXT,
            lease_until  REAL,
            request_id   TEXT NOT NULL,
            created_at   TEXT NOT NULL
        );
        CREATE INDEX events_pending ON events (seq) WHERE status IN ('queued','processing');
        CREATE INDEX events_by_workspace ON events (workspace_id, seq);
        CREATE INDEX events_by_user ON events (workspace_id, user_id, seq);
        CREATE INDEX events_by_session ON events (workspace_id, session_id, seq);
        CREATE INDEX events_by_memory ON events (workspace_id, memory_id)
            WHERE memory_id IS NOT NULL;
        """,
    ),
)
