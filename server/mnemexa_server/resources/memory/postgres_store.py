"""Memory rows in PostgreSQL: the SQLite store's statements, with pgvector vectors.

Embeddings are pgvector ``vector`` values, written in pgvector's text form and read in its
binary form. No change log is kept: pgvector's HNSW index lives in the database
(``search/pgvector.py``), so there is no in-process index to keep current.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...storage.postgres import vector_from_binary, vector_text
from .sqlite_store import CONTENT_COLUMNS, SqliteMemoryStore
from .store import SCOPE_FIELDS, Change

_READ = [
    "id",
    "workspace_id",
    *CONTENT_COLUMNS,
    "created_at",
    "updated_at",
    *SCOPE_FIELDS,
    "observed_at",
]
_SELECT = (
    f"SELECT {', '.join(_READ)}, "  # noqa: S608 - column names only
    "(SELECT COALESCE(json_agg(event_id ORDER BY seq), '[]')::text FROM memory_sources "
    "WHERE memory_sources.memory_id = memories.id) AS sources FROM memories"
)


class PostgresMemoryStore(SqliteMemoryStore):
    dialect = "postgres"
    vector_mark = "CAST(? AS vector)"
    select = _SELECT
    count_categories = (
        "SELECT c.value, COUNT(*) FROM memories, "
        "jsonb_array_elements_text(memories.categories::jsonb) AS c(value) "
        "WHERE {matching} GROUP BY c.value ORDER BY COUNT(*) DESC, c.value"
    )
    logs_changes = False

    def encode(self, vector: np.ndarray) -> Any:
        return vector_text(vector)

    def decode(self, value: Any) -> np.ndarray:
        return vector_from_binary(value)

    def latest_change(self) -> int:
        """Always 0: this backend keeps no change log."""
        return 0

    def changes_since(self, seq: int) -> list[Change]:
        return []
