"""Lexical search on SQLite's FTS5 index of memory texts (BM25).

A query matches any of its words but stop words, and but words found in more than
``MAX_TERM_DOCS`` memories: ranking a word's matches costs time in proportion to how many
there are (87 ms p50 at 100k memories with them, 1.4 ms without), and a word that common
carries little weight in BM25; the dense side still reads every word. When every word is that
common, the rarest one stays. Word counts come from the index and are kept for
``COUNTS_SECONDS``.
"""

from __future__ import annotations

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
MAX_TERM_DOCS = 2_000
COUNTS_SECONDS = 60.0


def query_words(text: str) -> list[str]:
    """The distinct words of ``text`` a lexical query looks for: lower-cased, stop words out."""
    return sorted(set(content_words([w.lower() for w in _FTS_WORD.findall(text)])))


def fts_query(words: Sequence[str]) -> Optional[str]:
    """An FTS5 query matching any of ``words`` (each quoted, so no syntax leaks in)."""
    return " OR ".join(f'"{w}"' for w in words) or None


class Fts5Search:
    def __init__(self, db: Db, max_term_docs: int = MAX_TERM_DOCS) -> None:
        self.db = db
        self.max_term_docs = max_term_docs
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
        found = {word: n for word, n in counts.items() if n > 0}
        kept = [word for word, n in found.items() if n <= self.max_term_docs]
        if not kept and found:
            kept = [min(found, key=lambda word: (found[word], word))]
        return kept

    def search(
        self, workspace_id: int, query: str, limit: int, where: Optional[Filter] = None
    ) -> dict[int, float]:
        match = fts_query(self.searched_words(query))
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
