"""Memories, their FTS5 text index, and the change log that keeps vector indexes current."""

from __future__ import annotations

from ...storage.migrations import Migration

MIGRATIONS = (
    Migration(
        "memory.0001_memories_text_index_and_changes",
        """
        CREATE TABLE memories (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            workspace_id  INTEGER NOT NULL REFERENCES workspaces(id),
            text          TEXT NOT NULL,
            text_hash     TEXT NOT NULL,
            meta          TEXT NOT NULL DEFAULT '{}',
            importance    INTEGER NOT NULL,
            categories    TEXT NOT NULL DEFAULT '[]',
            temporal_type TEXT NOT NULL,
            temporal_raw  TEXT,
            valid_until   TEXT,
            embedding     BLOB NOT NULL,
            history       TEXT NOT NULL DEFAULT '[]',
            created_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        );
        CREATE INDEX memories_by_workspace ON memories (workspace_id, id);
        CREATE INDEX memories_by_hash ON memories (workspace_id, text_hash);
        CREATE VIRTUAL TABLE memories_fts USING fts5(
            text, content='memories', content_rowid='id', tokenize='porter unicode61'
        );
        CREATE TRIGGER memories_ai AFTER INSERT ON memories BEGIN
            INSERT INTO memories_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER memories_ad AFTER DELETE ON memories BEGIN
            INSERT INTO memories_fts(memories_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER memories_au AFTER UPDATE OF text ON memories BEGIN
            INSERT INTO memories_fts(memories_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO memories_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TABLE memory_changes (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            workspace_id INTEGER NOT NULL,
            memory_id    INTEGER NOT NULL,
            op           TEXT NOT NULL CHECK (op IN ('upsert','delete'))
        );
        """,
    ),
    Migration(
        "memory.0002_scopes_and_observed_at",
        """
        ALTER TABLE memories ADD COLUMN agent_id TEXT;
        ALTER TABLE memories ADD COLUMN user_id TEXT;
        ALTER TABLE memories ADD COLUMN session_id TEXT;
        ALTER TABLE memories ADD COLUMN role_id TEXT;
        ALTER TABLE memories ADD COLUMN team_id TEXT;
        ALTER TABLE memories ADD COLUMN observed_at TEXT;
        UPDATE memories SET observed_at = created_at;
        CREATE INDEX memories_by_agent ON memories (workspace_id, agent_id)
            WHERE agent_id IS NOT NULL;
        CREATE INDEX memories_by_user ON memories (workspace_id, user_id)
            WHERE user_id IS NOT NULL;
        CREATE INDEX memories_by_session ON memories (workspace_id, session_id)
            WHERE session_id IS NOT NULL;
        CREATE INDEX memories_by_role ON memories (workspace_id, role_id)
            WHERE role_id IS NOT NULL;
        CREATE INDEX memories_by_team ON memories (workspace_id, team_id)
            WHERE team_id IS NOT NULL;
        """,
    ),
    Migration(
        "memory.0003_source_events",
        """
        CREATE TABLE memory_sources (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            workspace_id INTEGER NOT NULL,
            memory_id    INTEGER NOT NULL,
            event_id     TEXT NOT NULL,
            UNIQUE (memory_id, event_id)
        );
        CREATE INDEX memory_sources_by_memory ON memory_sources (memory_id, seq);
        CREATE TRIGGER memories_sources_ad AFTER DELETE ON memories BEGIN
            DELETE FROM memory_sources WHERE memory_id = old.id;
        END;
        """,
    ),
)
