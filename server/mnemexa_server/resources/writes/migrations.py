"""Queued writes: store requests the worker runs, and their results."""

from __future__ import annotations

from ...storage.migrations import Migration

MIGRATIONS = (
    Migration.portable(
        "writes.0001_writes",
        """
        CREATE TABLE writes (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            write_id     TEXT NOT NULL UNIQUE,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            text         TEXT NOT NULL,
            meta         TEXT,
            dedup_mode   TEXT,
            agent_id     TEXT,
            user_id      TEXT,
            session_id   TEXT,
            role_id      TEXT,
            team_id      TEXT,
            observed_at  TEXT NOT NULL,
            pii          TEXT NOT NULL,
            status       TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued','processing','completed','failed')),
            memory_id    INTEGER,
            result       TEXT,
            error        TEXT,
            attempts     INTEGER NOT NULL DEFAULT 0,
            claim        TEXT,
            lease_until  REAL,
            request_id   TEXT NOT NULL,
            created_at   TEXT NOT NULL
        );
        CREATE INDEX writes_pending ON writes (seq) WHERE status IN ('queued','processing');
        CREATE INDEX writes_by_workspace ON writes (workspace_id, seq);
        CREATE INDEX writes_by_memory ON writes (workspace_id, memory_id)
            WHERE memory_id IS NOT NULL;
        """,
    ),
)
