"""Lexical search on SQLite's FTS5 index of memory texts (BM25)."""

from __future__ import annotations

import re
from typing import Optional

from ..resources.memory.sqlite_store import filter_sql
from ..resources.memory.store import Filter
from ..storage.backend import Db
from .stopwords import content_words

_FTS_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> Optional[str]:
    """An FTS5 query matching any word of ``text`` but stop words (each quoted, so no syntax
    leaks in)."""
    words = set(content_words([w.lower() for w in _FTS_WORD.findall(text)]))
    return " OR ".join(f'"{w}"' for w in sorted(words)) or None


class Fts5Search:
    def __init__(self, db: Db) -> None:
        self.db = db

    def search(
        self, workspace_id: int, query: str, limit: int, where: Optional[Filter] = None
    ) -> dict[int, float]:
        match = fts_query(query)
        if match is None:
            return {}
        conditions, args = filter_sql(where, alias="m") if where is not None else ([], [])
        rows = self.db.conn.execute(
            "SELECT m.id, -bm25(memories_fts) AS score FROM memories_fts "  # noqa: S608
            "JOIN memories m ON m.id = memories_fts.rowid "
            f"WHERE {' AND '.join(['memories_fts MATCH ?', 'm.workspace_id = ?', *conditions])} "
            "ORDER BY bm25(memories_fts) LIMIT ?",
            (match, workspace_id, *args, limit),
        ).fetchall()
        return {row["id"]: float(row["score"]) for row in rows}

    def compact(self) -> None:
        """Merge the index into one segment, so that the terms of deleted rows leave it
        instead of lingering in older segments (SQLite 3.40 has no FTS5 ``secure-delete``).
        With ``secure_delete=ON`` the freed pages are zeroed."""
        self.db.conn.execute("INSERT INTO memories_fts(memories_fts) VALUES ('optimize')")
