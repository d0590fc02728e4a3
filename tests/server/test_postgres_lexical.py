"""PostgreSQL's lexical search (``search/postgres_text.py``): a query keeps its rarest words
within the match budget, estimated from ANALYZE's statistics of the text column, and finds
the same memories as searching every word would where the kept words are the rare ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mnemexa_server.registry import open_database
from mnemexa_server.resources.memory.store import Filter
from mnemexa_server.resources.workspace.sql_store import SqlWorkspaceStore
from mnemexa_server.search.postgres_text import PostgresTextSearch, WordCounts

from ..postgres_server import backend, cluster
from .new_memories import new_memory

pytestmark = pytest.mark.skipif(backend() != "postgres", reason="PostgreSQL's full-text index")


def _memory(text: str):
    return new_memory(text, np.ones(384, dtype=np.float32) / np.sqrt(384))


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory):
    from mnemexa_server.resources.memory.postgres_store import PostgresMemoryStore

    db = open_database(Path(tmp_path_factory.mktemp("pg")), database_url=cluster().new_database())
    workspace = SqlWorkspaceStore(db).create_key("lexical")[0].id
    store = PostgresMemoryStore(db)
    with db.transaction():
        for i in range(600):
            text = f"the team lunch number {i}"
            if i % 100 == 0:
                text += " with the quarterly budget"
            store.insert(workspace, _memory(text))
    db.conn.execute("ANALYZE memories")
    return db, workspace


def test_the_estimates_come_from_analyze(data) -> None:
    db, _ = data
    counts = PostgresTextSearch(db).word_counts()
    assert counts.analysed
    assert counts.common["team"] == pytest.approx(600, rel=0.05)
    assert counts.common["lunch"] == pytest.approx(600, rel=0.05)
    assert counts.other < 10  # "budget" (6 memories) is not a common lexeme


def test_a_query_keeps_its_rarest_words_within_the_budget(data) -> None:
    db, workspace = data
    search = PostgresTextSearch(db, match_budget=100)
    assert search.searched_words("team budget quarterly zebra") == ["budget", "quarterly", "zebra"]
    assert len(search.searched_words("team lunch")) == 1  # both common: the rarest stays
    assert search.searched_words("the of and") == []  # stop words have no lexeme
    assert PostgresTextSearch(db, match_budget=10_000).searched_words("team budget") == [
        "budget",
        "team",
    ]
    found = search.search(workspace, "team budget", 40, Filter(include_expired=False))
    assert len(found) == 6  # only the memories with "budget": "team" was left out
    everything = PostgresTextSearch(db, match_budget=10_000)
    assert len(everything.search(workspace, "team budget", 40, None)) == 40


def test_without_statistics_every_word_is_searched(data) -> None:
    db, _ = data
    search = PostgresTextSearch(db, match_budget=1)
    search._counts, search._counted_at = WordCounts(), float("inf")  # never analysed
    assert search.searched_words("team lunch budget") == ["budget", "lunch", "team"]
