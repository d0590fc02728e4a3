"""Lexical search on PostgreSQL's full-text index of memory texts (``tsvector``, GIN).

The query matches its rarest words (English stemming and stop words, as the column is
indexed) as long as they hold at most ``MATCH_BUDGET`` matches together, as on SQLite
(``fts5``): ``ts_rank_cd`` reads each match's row, so a common word costs a read per memory
that holds it. How many memories hold a word is estimated from the statistics ANALYZE keeps
of the column (its most common lexemes and their frequencies; autovacuum refreshes them), read
again every ``COUNTS_SECONDS``. A word ANALYZE did not count as common is rare. Before the
first ANALYZE every word is searched. Hybrid retrieval scales lexical scores by the best one,
so the ranking contract is the same as with SQLite's BM25.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Optional

from ..resources.memory.sqlite_store import filter_sql
from ..resources.memory.store import Filter
from ..storage.backend import Db
from .fts5 import COUNTS_SECONDS, MATCH_BUDGET

_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # no underscores: tsquery would make phrases

# ANALYZE's most common lexemes of ``memories.text_search`` with their frequencies (a share
# of the rows), and the table's row count. The frequencies array ends with the minimum and
# maximum of the preceding ones and the frequency of nulls.
_STATISTICS = (
    "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs::float8[], "
    "c.reltuples::float8 FROM pg_class c "
    "LEFT JOIN pg_stats s ON s.schemaname = current_schema() "
    "AND s.tablename = c.relname AND s.attname = 'text_search' "
    "WHERE c.relname = 'memories' AND c.relnamespace = current_schema()::regnamespace"
)
_LEXEMES = "SELECT w, tsvector_to_array(to_tsvector('english', w)) FROM unnest(?::text[]) AS w"


def tsquery(words: list[str]) -> Optional[str]:
    """A ``to_tsquery`` text matching any of ``words`` (words only: no syntax leaks in)."""
    return " | ".join(sorted(words)) or None


def query_words(text: str) -> list[str]:
    """The distinct lower-cased words of ``text``."""
    return sorted({w.lower() for w in _WORD.findall(text)})


@dataclass(frozen=True)
class WordCounts:
    """Estimated documents per lexeme (ANALYZE's common ones) and for any other lexeme."""

    common: dict[str, float] = field(default_factory=dict)
    other: float = 0.0
    analysed: bool = False


class PostgresTextSearch:
    def __init__(self, db: Db, match_budget: int = MATCH_BUDGET) -> None:
        self.db = db
        self.match_budget = match_budget
        self._counts = WordCounts()
        self._counted_at = -COUNTS_SECONDS
        self._lock = threading.Lock()

    def word_counts(self) -> WordCounts:
        """ANALYZE's estimates, read at most every ``COUNTS_SECONDS``."""
        with self._lock:
            if time.monotonic() - self._counted_at <= COUNTS_SECONDS:
                return self._counts
        row = self.db.conn.execute(_STATISTICS).fetchone()
        counts = WordCounts()
        if row is not None and row[0] is not None and row[2] and row[2] > 0:
            lexemes, freqs, rows = list(row[0]), list(row[1]), float(row[2])
            common = {lexeme: freq * rows for lexeme, freq in zip(lexemes, freqs)}
            least = freqs[len(lexemes)] if len(freqs) > len(lexemes) else min(freqs, default=0)
            # As the planner does: an element not among the common ones is taken at half
            # the least common one's frequency.
            counts = WordCounts(common, least * rows / 2, analysed=True)
        with self._lock:
            self._counts, self._counted_at = counts, time.monotonic()
        return counts

    def searched_words(self, query: str) -> list[str]:
        """The words of ``query`` the ranking uses: the rarest within the match budget (the
        rarest always stays); stop words out."""
        words = query_words(query)
        if not words:
            return []
        lexemes = {word: list(found) for word, found in self.db.conn.execute(_LEXEMES, (words,))}
        content = [word for word in words if lexemes.get(word)]  # stop words have none
        counts = self.word_counts()
        if not counts.analysed:
            return content
        estimate = {
            word: max(counts.common.get(lexeme, counts.other) for lexeme in lexemes[word])
            for word in content
        }
        kept: list[str] = []
        matches = 0.0
        for word in sorted(content, key=lambda w: (estimate[w], w)):
            if kept and matches + estimate[word] > self.match_budget:
                break
            kept.append(word)
            matches += estimate[word]
        return sorted(kept)

    def search(
        self, workspace_id: int, query: str, limit: int, where: Optional[Filter] = None
    ) -> dict[int, float]:
        match = tsquery(self.searched_words(query))
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
