"""The fast path that grows a workspace to 10k and 100k memories for the scale figures.

Storing 100k memories through the HTTP API with the real embedder takes longer than the whole
benchmark may (MiniLM embeds 100-700 sentences/s on this machine, depending on what else
runs). So, with the server stopped, the rows are written by the server's own storage code
(``SqliteMemoryStore.insert``: the row, its FTS5 entry through the trigger, and the change-log
entry), and the server is then started again: it rebuilds its vector index from the database,
as on any start, so retrieval runs on the real server, database and index.

What is synthetic, and only here: these rows skip the pipeline (importance 5, no categories,
persistent), their texts are distinct ``corpus.sentences``, and their vectors are made from
real ones: each is the normalised sum of two real MiniLM vectors of memories that were stored
through the pipeline, picked at random, plus Gaussian noise. They lie where this corpus's real
embeddings lie instead of spreading evenly over the sphere.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import numpy as np
from mnemexa_server.pipeline.dedup import text_hash
from mnemexa_server.registry import open_database
from mnemexa_server.resources.memory.sqlite_store import SqliteMemoryStore
from mnemexa_server.resources.memory.store import NewMemory

from .corpus import sentences

NOISE = 0.5  # norm of the noise added to a pair sum of norm ~1.4-2
CHUNK = 10_000
SOURCE = "bench-bulk"  # meta.source of every row written here


def workspace_id(db_path: Path, name: str) -> int:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT id FROM workspaces WHERE name=?", (name,)).fetchone()[0])
    finally:
        conn.close()


def workspace_vectors(
    db_path: Path, workspace_id: int, *, real_only: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """(memory ids, vectors) of a workspace, read-only; ``real_only`` skips bulk rows."""
    where = f" AND json_extract(meta, '$.source') IS NOT '{SOURCE}'" if real_only else ""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            f"SELECT id, embedding FROM memories WHERE workspace_id=?{where} ORDER BY id",  # noqa: S608
            (workspace_id,),
        ).fetchall()
    finally:
        conn.close()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    vectors = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
    return ids, vectors


def synthetic_vectors(anchors: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` unit vectors: normalised sums of two random anchors plus Gaussian noise."""
    dim = anchors.shape[1]
    pairs = rng.integers(0, len(anchors), size=(count, 2))
    noise = rng.standard_normal((count, dim)).astype(np.float32) * (NOISE / np.sqrt(dim))
    vectors = anchors[pairs[:, 0]] + anchors[pairs[:, 1]] + noise
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def grow(data_dir: Path, workspace_id: int, total: int, seed: int = 1) -> tuple[int, float]:
    """Add synthetic rows until the workspace holds ``total``; return (added, seconds)."""
    started = time.perf_counter()
    db = open_database(data_dir)
    existing = int(
        db.conn.execute(
            "SELECT COUNT(*) FROM memories WHERE workspace_id=?", (workspace_id,)
        ).fetchone()[0]
    )
    count = max(0, total - existing)
    if count == 0:
        return 0, 0.0
    _, anchors = workspace_vectors(db.path, workspace_id, real_only=True)
    rng = np.random.default_rng(seed)
    texts = sentences(count, seed=seed + 1000)
    store = SqliteMemoryStore(db)
    for offset in range(0, count, CHUNK):
        chunk = texts[offset : offset + CHUNK]
        vectors = synthetic_vectors(anchors, len(chunk), rng)
        with db.transaction():
            for text, vector in zip(chunk, vectors):
                store.insert(workspace_id, _memory(text, vector))
    db.conn.close()
    return count, time.perf_counter() - started


def _memory(text: str, vector: np.ndarray) -> NewMemory:
    return NewMemory(
        text=text,
        text_hash=text_hash(text),
        meta={"source": SOURCE},
        importance=5,
        categories=[],
        temporal_type="persistent",
        temporal_raw=None,
        valid_until=None,
        embedding=vector,
    )
