"""Lexical search on SQLite's FTS5 index of memory texts (BM25).

A query matches its rarest words, stop words left out, as long as they hold at most
``MATCH_BUDGET`` matches together: ranking a word's matches costs time in proportion to how
many there are (87 ms p50 at 100k memories with every word, 1.4 ms without the common ones),
while the rarest words carry most of BM25's weight; the dense side still reads every word.
The rarest word always stays. Word counts come from the index (all workspaces: the index is
shared, and so is the cost) and are kept for ``COUNTS_SECONDS``.

Without a scope filter the matches are ranked in the index alone and only the best are read
from the memories table (a row is a random read in a large table; joining every match to its
row took half of the lexical stage at 100k). With one, the matches are joined first, as
most of them are another user's.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Sequence
from typing import Optional

from ..resources.memory.sqlite_store import filter_sql
from ..resources.memory.store import Filter
from ..storage.backend import Db
from .stopwords import content_words

_FTS_WORD = re.compile(r"\w+", re.UNICODE)
MATCH_BUDGET = 1_000
COUNTS_SECONDS = 60.0
FIRST_CHUNK = 64  # matches checked against their rows at first (then 4x more each time)


def query_words(text: str) -> list[str]:
    """The distinct words of ``text`` a lexical query looks for: lower-cased, stop words out."""
    return sorted(set(content_words([w.lower() for w in _FTS_WORD.findall(text)])))


def fts_query(words: Sequence[str]) -> Optional[str]:
    """An FTS5 query matching any of ``words`` (each quoted, so no syntax leaks in)."""
    return " OR ".join(f'"{w}"' for w in words) or None


class Fts5Search:
    def __init__(self, db: Db, match_budget: int = MATCH_BUDGET) -> None:
        self.db = db
        self.match_budget = match_budget
        self._counts: dict[str, int] = {}
        self._counted_at = time.monotonic()
        self._lock = threading.Lock()

    def documents(self, word: str) -> int:
        """How many memories (of every workspace) hold ``word``, as the index stems it."""
        with self._lock:
            if time.monotonic() - self._counted_at > COUNTS_SECONDS:
                self._counts.clear()
                self._counted_at = time.monotonic()
            count = self._counts.get(word)
        if count is None:
            row = self.db.conn.execute(
                "SELECT count(*) FROM memories_fts WHERE memories_fts MATCH ?", (f'"{word}"',)
            ).fetchone()
            count = int(row[0])
            with self._lock:
                self._counts[word] = count
        return count

    def searched_words(self, query: str) -> list[str]:
        """The words of ``query`` the ranking uses (see the module's docstring)."""
        counts = {word: self.documents(word) for word in query_words(query)}
        rarest = sorted((n, word) for word, n in counts.items() if n > 0)
        kept: list[str] = []
        matches = 0
        for n, word in rarest:
            if kept and matches + n > self.match_budget:
                break
            kept.append(word)
            matches += n
        return sorted(kept)

    def search(
        self, workspace_id: int, query: str, limit: int, where: Optional[Filter] = None
    ) -> dict[int, float]:
        """The ``limit`` best memories of the workspace ``where`` lets through, by BM25."""
        match = fts_query(self.searched_words(query))
        if match is None:
            return {}
        conditions, args = filter_sql(where, alias="m") if where is not None else ([], [])
        kept = ["m.workspace_id = ?", *conditions]
        if where is not None and where.scope.set_fields():
            return self._joined(match, kept, [workspace_id, *args], limit)
        return self._ranked_then_kept(match, kept, [workspace_id, *args], limit)

    def _joined(
        self, match: str, conditions: list[str], args: list[object], limit: int
    ) -> dict[int, float]:
        """Matches joined to their rows, then ranked: for a scope filter, which most
        matches fail."""
        rows = self.db.conn.execute(
            "SELECT m.id, -bm25(memories_fts) AS score FROM memories_fts "  # noqa: S608
            "JOIN memories m ON m.id = memories_fts.rowid "
            f"WHERE {' AND '.join(['memories_fts MATCH ?', *conditions])} "
            "ORDER BY bm25(memories_fts) LIMIT ?",
            (match, *args, limit),
        ).fetchall()
        return {row["id"]: float(row["score"]) for row in rows}

    def _ranked_then_kept(
        self, match: str, conditions: list[str], args: list[object], limit: int
    ) -> dict[int, float]:
        """Matches ranked in the index alone, then the best checked against their rows in
        growing chunks: a memory's row is a random read in a large table, and without a
        scope filter the first chunk is usually enough (about ``2 * limit`` reads instead of
        one per match)."""
        ranked = self.db.conn.execute(
            "SELECT rowid, -bm25(memories_fts) FROM memories_fts "
            "WHERE memories_fts MATCH ? ORDER BY bm25(memories_fts)",
            (match,),
        )
        found: dict[int, float] = {}
        size = max(2 * limit, FIRST_CHUNK)
        try:
            while len(found) < limit:
                chunk = ranked.fetchmany(size)
                if not chunk:
                    break
                allowed = {
                    row[0]
                    for row in self.db.conn.execute(
                        "SELECT m.id FROM memories m "  # noqa: S608
                        "WHERE m.id IN (SELECT value FROM json_each(?)) "
                        f"AND {' AND '.join(conditions)}",
                        (json.dumps([memory_id for memory_id, _ in chunk]), *args),
                    )
                }
                for memory_id, score in chunk:
                    if memory_id in allowed and len(found) < limit:
                        found[memory_id] = float(score)
                size *= 4
        finally:
            ranked.close()
        return found

    def compact(self) -> None:
        """Merge the index into one segment, so that the terms of deleted rows leave it
        instead of lingering in older segments (SQLite 3.40 has no FTS5 ``secure-delete``).
        With ``secure_delete=ON`` the freed pages are zeroed."""
        self.db.conn.execute("INSERT INTO memories_fts(memories_fts) VALUES ('optimize')")
