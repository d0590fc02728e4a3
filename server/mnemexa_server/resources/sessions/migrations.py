"""Sessions, and the memories each session's summary was made from."""

from __future__ import annotations

from ...storage.migrations import Migration

MIGRATIONS = (
    Migration.portable(
        "sessions.0001_sessions",
        """
        CREATE TABLE sessions (
            seq               INTEGER PRIMARY KEY AUTOINCREMENT,
            workspace_id      INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            session_id        TEXT NOT NULL,
            agent_id          TEXT,
            user_id           TEXT,
            meta              TEXT NOT NULL DEFAULT '{}',
            status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','ended')),
            summary           TEXT,
            created_at        TEXT NOT NULL,
            ended_at          TEXT,
            first_activity_at TEXT,
            last_activity_at  TEXT,
            UNIQUE (workspace_id, session_id)
        );
        CREATE INDEX sessions_by_workspace ON sessions (workspace_id, seq);
        CREATE INDEX sessions_by_agent ON sessions (workspace_id, agent_id, seq)
            WHERE agent_id IS NOT NULL;
        CREATE INDEX sessions_by_user ON sessions (workspace_id, user_id, seq)
            WHERE user_id IS NOT NULL;
        CREATE TABLE session_summary_sources (
            session_seq  INTEGER NOT NULL REFERENCES sessions(seq) ON DELETE CASCADE,
            workspace_id INTEGER NOT NULL,
            memory_id    INTEGER NOT NULL,
            PRIMARY KEY (session_seq, memory_id)
        );
        CREATE INDEX session_summary_sources_by_memory
            ON session_summary_sources (workspace_id, memory_id);
        """,
    ),
)
