"""The SQLite schema, as an ordered list of migrations applied on start.

``PRAGMA user_version`` records how many have run; each migration runs once, in a transaction.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: workspaces, keys, memories with FTS5, the change log, idempotency records
    """
    CREATE TABLE workspaces (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','deleted')),
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
    CREATE TABLE idempotency (
        workspace_id INTEGER NOT NULL,
        key          TEXT NOT NULL,
        fingerprint  TEXT NOT NULL,
        status       INTEGER NOT NULL,
        body         TEXT,
        created_at   REAL NOT NULL,
        PRIMARY KEY (workspace_id, key)
    );
    CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: a workspace's default dedup mode; which memories each idempotency record mentions,
    # so that deleting a memory can scrub its content from recorded responses
    """
    ALTER TABLE workspaces ADD COLUMN dedup_mode TEXT NOT NULL DEFAULT 'auto'
        CHECK (dedup_mode IN ('auto','exact','off'));
    CREATE TABLE idempotency_refs (
        workspace_id INTEGER NOT NULL,
        key          TEXT NOT NULL,
        memory_id    INTEGER NOT NULL,
        PRIMARY KEY (workspace_id, key, memory_id)
    );
    CREATE INDEX idempotency_refs_by_memory ON idempotency_refs (workspace_id, memory_id);
    """,
]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every pending migration; return the schema version reached."""
    for number, script in enumerate(MIGRATIONS, start=1):
        conn.execute("BEGIN IMMEDIATE")  # another process may be migrating: read under the lock
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= number:
            conn.execute("COMMIT")
            continue
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


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
