"""Rows for ``make bench-postgres``: one workspace grown to 100k (or 1M) memories on either
backend, and its vectors read back for exact search.

The synthetic rows are ``bulk_load``'s, made the same way from the same seeds (texts
``corpus.sentences``, vectors ``bulk_load.synthetic_vectors`` of the workspace's real MiniLM
vectors, chunk by chunk); one difference: every ``USER_EVERY``-th row belongs to ``USER``, so
a ``user_id`` filter selects 1% of the memories. SQLite rows go through
``SqliteMemoryStore.insert`` (as ``bulk_load.grow``); PostgreSQL rows are the values
``PostgresMemoryStore.insert`` writes, sent with ``COPY`` with the HNSW index dropped (the
server's start builds it again).
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator, Optional

import numpy as np
from mnemexa_server.clock import utc_iso
from mnemexa_server.registry import open_database
from mnemexa_server.resources.memory.postgres_store import PostgresMemoryStore
from mnemexa_server.resources.memory.sqlite_store import (
    CONTENT_COLUMNS,
    SqliteMemoryStore,
    _columns,
)
from mnemexa_server.resources.memory.store import SCOPE_FIELDS, NewMemory, Scope
from mnemexa_server.storage.backend import Db

from . import bulk_load
from .corpus import sentences

USER = "bench-user"
USER_EVERY = 100  # every 100th synthetic row is the user's: 1% of the memories
WORKSPACE = "bench"
_COPY_COLUMNS = ("workspace_id", *CONTENT_COLUMNS, "created_at", "updated_at", *SCOPE_FIELDS)
_COPY = f"COPY memories ({', '.join(_COPY_COLUMNS)}, observed_at) FROM STDIN"
_PAGE = 50_000  # rows per read when vectors are read back


def hnsw_index(dim: int) -> str:
    """The name of the server's pgvector index for ``dim`` (``PgVectorSearch.rebuild``)."""
    return f"memories_embedding_hnsw_{dim}"


def open_db(data_dir: Path, url: Optional[str]) -> Db:
    """The server's database (``url``: PostgreSQL, else SQLite in ``data_dir``)."""
    return open_database(data_dir, database_url=url)


def workspace_id(db: Db, name: str = WORKSPACE) -> int:
    return int(db.conn.execute("SELECT id FROM workspaces WHERE name=?", (name,)).fetchone()[0])


def count(db: Db, ws: int) -> int:
    return int(
        db.conn.execute("SELECT COUNT(*) FROM memories WHERE workspace_id=?", (ws,)).fetchone()[0]
    )


def user_ids(db: Db, ws: int) -> np.ndarray:
    rows = db.conn.execute(
        "SELECT id FROM memories WHERE workspace_id=? AND user_id=?", (ws, USER)
    ).fetchall()
    return np.array(sorted(int(r[0]) for r in rows), dtype=np.int64)


# Per dialect: a vector as bytes, and "not a bulk row".
_EMBEDDING = {"postgres": "vector_send(embedding)", "sqlite": "embedding"}
_REAL = {
    "postgres": f"meta::jsonb->>'source' IS DISTINCT FROM '{bulk_load.SOURCE}'",
    "sqlite": f"json_extract(meta, '$.source') IS NOT '{bulk_load.SOURCE}'",
}


def _decode(dialect: str, raw: bytes) -> np.ndarray:
    if dialect == "postgres":  # vector_send: dim (int16), unused (int16), big-endian floats
        return np.frombuffer(raw, dtype=">f4", offset=4)
    return np.frombuffer(raw, dtype=np.float32)


def vectors(db: Db, ws: int, *, real_only: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(ids, vectors) of the workspace's unexpired memories (``real_only``: no bulk rows)."""
    real = f" AND {_REAL[db.dialect]}" if real_only else ""
    ids: list[int] = []
    parts: list[np.ndarray] = []
    last = 0
    while True:
        rows = db.conn.execute(
            f"SELECT id, {_EMBEDDING[db.dialect]} FROM memories WHERE workspace_id=? AND id > ? "  # noqa: S608
            f"AND (valid_until IS NULL OR valid_until > ?){real} ORDER BY id LIMIT ?",
            (ws, last, utc_iso(), _PAGE),
        ).fetchall()
        if not rows:
            break
        ids.extend(int(r[0]) for r in rows)
        parts.append(np.vstack([_decode(db.dialect, bytes(r[1])) for r in rows]).astype(np.float32))
        last = ids[-1]
    return np.array(ids, dtype=np.int64), np.vstack(parts)


def synthetic_rows(anchors: np.ndarray, added: int, seed: int = 1) -> Iterator[list[NewMemory]]:
    """``added`` bulk rows in chunks, made as ``bulk_load.grow`` makes them; 1% are ``USER``'s."""
    rng = np.random.default_rng(seed)
    texts = sentences(added, seed=seed + 1000)
    for offset in range(0, added, bulk_load.CHUNK):
        chunk = texts[offset : offset + bulk_load.CHUNK]
        vecs = bulk_load.synthetic_vectors(anchors, len(chunk), rng)
        yield [
            _scoped(bulk_load._memory(text, vector), offset + i)
            for i, (text, vector) in enumerate(zip(chunk, vecs))
        ]


def _scoped(memory: NewMemory, position: int) -> NewMemory:
    return replace(memory, scope=Scope(user_id=USER)) if position % USER_EVERY == 0 else memory


def grow(
    db: Db, ws: int, total: int, anchors: Optional[np.ndarray] = None, seed: int = 1
) -> tuple[int, float]:
    """Add bulk rows until the workspace holds ``total``; return (added, seconds). The
    anchors are the workspace's real vectors unless given. PostgreSQL: drop the HNSW index
    first (any dimension), and COPY."""
    started = time.perf_counter()
    added = max(0, total - count(db, ws))
    if added == 0:
        return 0, 0.0
    if anchors is None:
        anchors = vectors(db, ws, real_only=True)[1]
    write = _copy_chunk if db.dialect == "postgres" else _insert_chunk
    if db.dialect == "postgres":
        drop_hnsw(db)
    for chunk in synthetic_rows(anchors, added, seed):
        write(db, ws, chunk)
    return added, time.perf_counter() - started


def analyze(db: Db) -> float:
    """PostgreSQL: ``VACUUM (ANALYZE) memories``, as autovacuum would do some time after a
    bulk load (until then the planner believes the table small); return the seconds."""
    started = time.perf_counter()
    db.conn.execute("VACUUM (ANALYZE) memories")
    return time.perf_counter() - started


def drop_hnsw(db: Db) -> list[str]:
    """Drop every pgvector HNSW index of ``memories``; return their names."""
    rows = db.conn.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'memories' "
        "AND indexname LIKE 'memories_embedding_hnsw_%'"
    ).fetchall()
    with db.transaction():
        for row in rows:
            db.conn.execute(f'DROP INDEX IF EXISTS "{row[0]}"')
    return [str(r[0]) for r in rows]


def _insert_chunk(db: Db, ws: int, chunk: list[NewMemory]) -> None:
    store = SqliteMemoryStore(db)
    with db.transaction():
        for memory in chunk:
            store.insert(ws, memory)


def _copy_row(store: PostgresMemoryStore, ws: int, memory: NewMemory, now: str) -> tuple[Any, ...]:
    """The values ``PostgresMemoryStore.insert`` writes, the vector as its ``encode`` does
    (pgvector's text form, which COPY reads too)."""
    vector = store.encode(memory.embedding)
    return (ws, *_columns(memory, vector), now, now, *memory.scope.values(), now)


def _copy_chunk(db: Db, ws: int, chunk: list[NewMemory]) -> None:
    now = utc_iso()
    store = PostgresMemoryStore(db)
    pool = db.pool  # type: ignore[attr-defined]
    with pool.connection() as raw, raw.transaction(), raw.cursor().copy(_COPY) as copy:
        for memory in chunk:
            copy.write_row(_copy_row(store, ws, memory, now))
