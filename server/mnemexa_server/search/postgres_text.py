"""Lexical search on PostgreSQL's full-text index of memory texts (``tsvector``, GIN).

The query matches any word (English stemming and stop words, as the column is indexed);
``ts_rank_cd`` orders the matches. Hybrid retrieval scales lexical scores by the best one,
so the ranking contract is the same as with SQLite's BM25.
"""

from __future__ import annotations

import re
from typing import Optional

from ..resources.memory.sqlite_store import filter_sql
from ..resources.memory.store import Filter
from ..storage.backend import Db

_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # no underscores: tsquery would make phrases


def tsquery(text: str) -> Optional[str]:
    """A ``to_tsquery`` text matching any word of ``text`` (words only: no syntax leaks in)."""
    words = {w.lower() for w in _WORD.findall(text)}
    return " | ".join(sorted(words)) or None


class PostgresTextSearch:
    def __init__(self, db: Db) -> None:
        self.db = db

    def search(
        self, workspace_id: int, query: str, limit: int, where: Optional[Filter] = None
    ) -> dict[int, float]:
        match = tsquery(query)
        if match is None:
            return {}
        conditions, args = (
            filter_sql(where, alias="m", dialect="postgres") if where is not None else ([], [])
        )
        rows = self.db.conn.execute(
            "SELECT m.id, ts_rank_cd(m.text_search, q) AS score "  # noqa: S608
            "FROM memories m, to_tsquery('english', ?) q "
            f"WHERE {' AND '.join(['m.text_search @@ q', 'm.workspace_id = ?', *conditions])} "
            "ORDER BY score DESC, m.id DESC LIMIT ?",
            (match, workspace_id, *args, limit),
        ).fetchall()
        return {int(row[0]): float(row[1]) for row in rows}

    def compact(self) -> None:
        """Nothing to merge: a deleted row leaves the GIN index when VACUUM reclaims it
        (autovacuum, or ``mnemexa vacuum``)."""
