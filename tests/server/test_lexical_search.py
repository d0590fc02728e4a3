"""The FTS5 lexical search (``search/fts5.py``) returns exactly what one query joining every
match to its row would: the workspace's best matches by BM25 that the filter lets through,
whether it ranks in the index first and checks rows in chunks, or joins first (scope filters).

The data is built so that the chunks matter: another workspace holds the best-ranked matches,
and expired and other users' memories sit among the workspace's own."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy as np
import pytest
from mnemexa_server.registry import open_database
from mnemexa_server.resources.memory.sqlite_store import SqliteMemoryStore, filter_sql
from mnemexa_server.resources.memory.store import Filter, Scope
from mnemexa_server.resources.workspace.sql_store import SqlWorkspaceStore
from mnemexa_server.search.fts5 import FIRST_CHUNK, Fts5Search, fts_query
from mnemexa_server.storage.backend import Db

from .new_memories import new_memory

pytestmark = pytest.mark.sqlite_only("SQLite's FTS5 index")

PAST = "2001-01-01T00:00:00Z"


def _memory(text: str, user: Optional[str] = None, valid_until: Optional[str] = None):
    return new_memory(text, np.ones(4, dtype=np.float32) / 2, user_id=user, valid_until=valid_until)


def _reference(db: Db, search: Fts5Search, workspace: int, query: str, limit: int, where: Filter):
    """Every match joined to its row, filtered, ranked: the answer by definition."""
    match = fts_query(search.searched_words(query))
    conditions, args = filter_sql(where, alias="m")
    rows = db.conn.execute(
        "SELECT m.id, -bm25(memories_fts) AS score FROM memories_fts "  # noqa: S608
        "JOIN memories m ON m.id = memories_fts.rowid "
        f"WHERE {' AND '.join(['memories_fts MATCH ?', 'm.workspace_id = ?', *conditions])} "
        "ORDER BY bm25(memories_fts), m.id LIMIT ?",
        (match, workspace, *args, limit),
    ).fetchall()
    return [(row["id"], pytest.approx(row["score"])) for row in rows]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory):
    db = open_database(Path(tmp_path_factory.mktemp("lexical")))
    workspaces = SqlWorkspaceStore(db)
    ours = workspaces.create_key("ours")[0].id
    theirs = workspaces.create_key("theirs")[0].id
    store = SqliteMemoryStore(db)
    rng = np.random.default_rng(7)
    with db.transaction():
        # Short texts rank higher: the other workspace's are the shortest, so the first
        # chunks of the ranking are mostly theirs.
        for i in range(3 * FIRST_CHUNK):
            store.insert(theirs, _memory(f"invoice {i}"))
        for i in range(5 * FIRST_CHUNK):
            filler = " ".join(["words"] * int(rng.integers(1, 12)))
            expired = PAST if i % 3 == 0 else None
            user = "alice" if i % 10 == 0 else None
            store.insert(ours, _memory(f"the invoice {filler} number {i}", user, expired))
    return db, ours


@pytest.mark.parametrize("limit", [1, 10, 40, 200, 1000])
@pytest.mark.parametrize(
    "where",
    [
        Filter(include_expired=True),
        Filter(include_expired=False),
        Filter(scope=Scope(user_id="alice"), include_expired=False),
    ],
    ids=["all", "unexpired", "one-user"],
)
def test_lexical_search_equals_the_joined_ranking(data, where: Filter, limit: int) -> None:
    db, ours = data
    search = Fts5Search(db)
    found = search.search(ours, "invoice", limit, where)
    expected = _reference(db, search, ours, "invoice", limit, where)
    # Ties in BM25 may come in either order: compare the scores in order, and the ids as sets
    # of each score.
    assert [score for _, score in expected] == sorted(found.values(), reverse=True)
    assert len(found) == len(expected)
    by_score: dict[float, set[int]] = {}
    for memory_id, score in found.items():
        by_score.setdefault(round(score, 9), set()).add(memory_id)
    expected_by_score: dict[float, set[int]] = {}
    for memory_id, score in expected:
        expected_by_score.setdefault(round(score.expected, 9), set()).add(memory_id)
    if len(expected) < limit:  # every match fits: the same memories exactly
        assert by_score == expected_by_score
    else:  # the cut may fall inside a tie
        assert set(by_score) == set(expected_by_score)
    assert all(memory_id not in _theirs(db, ours) for memory_id in found)


def _theirs(db: Db, ours: int) -> set[int]:
    return {
        r[0] for r in db.conn.execute("SELECT id FROM memories WHERE workspace_id != ?", (ours,))
    }


def test_a_query_with_no_searched_word_finds_nothing(data) -> None:
    db, ours = data
    assert Fts5Search(db).search(ours, "zebra", 10, Filter(include_expired=True)) == {}
