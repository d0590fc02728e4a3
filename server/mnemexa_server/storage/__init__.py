"""Storage: SQLite database, workspaces and keys, memories, idempotency."""
