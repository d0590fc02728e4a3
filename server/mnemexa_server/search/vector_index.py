"""The in-process vector index: exact search for small workspaces, HNSW above a threshold.

Vectors are unit length, so the inner product is the cosine similarity. Each workspace has its
own index: a search can only ever see the caller's memories.

The threshold, measured by ``bench/index_threshold.py`` on the 2-core reference machine
(median ms per query, 384-dim): exact 0.25 at 10k, 1.2 at 20k, 3.5 at 50k; HNSW 0.57, 0.78
and 1.2, but building it takes 2.6 s, 8.5 s and 45 s. Exact search is fast enough up to
``HNSW_THRESHOLD`` = 50k vectors; above it a workspace switches to HNSW (hnswlib). The graph is
built in a background thread from a snapshot while exact search keeps serving, and changes
made during the build are replayed onto it before it takes over, so no request ever waits
for a build.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any, Optional, Sequence

import numpy as np

from ..embedding.base import Vectors

HNSW_THRESHOLD = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 128


class WorkspaceIndex:
    """Vectors of one workspace, keyed by memory id."""

    def __init__(self, dim: int, hnsw_threshold: int = HNSW_THRESHOLD) -> None:
        self.dim = dim
        self.hnsw_threshold = hnsw_threshold
        self._vectors = np.zeros((16, dim), dtype=np.float32)
        self._ids = np.zeros(16, dtype=np.int64)
        self._row: dict[int, int] = {}
        self._hnsw: Optional[Any] = None
        self._during_build: Optional[list[tuple[str, Any, Any]]] = None  # changes to replay
        self._builder: Optional[threading.Thread] = None
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._row)

    @property
    def kind(self) -> str:
        return "hnsw" if self._hnsw is not None else "exact"

    def upsert(self, ids: list[int], vectors: Vectors) -> None:
        with self._lock:
            for memory_id, vector in zip(ids, vectors):
                row = self._row.get(memory_id)
                if row is None:
                    row = len(self._row)
                    if row == len(self._ids):
                        self._grow()
                    self._row[memory_id] = row
                    self._ids[row] = memory_id
                self._vectors[row] = vector
            if self._hnsw is not None:
                self._hnsw_add(self._hnsw, ids, vectors)
            elif self._during_build is not None:
                self._during_build.append(
                    ("upsert", list(ids), np.array(vectors, dtype=np.float32))
                )
            elif len(self._row) > self.hnsw_threshold:
                self._start_build()

    def remove(self, memory_id: int) -> None:
        with self._lock:
            row = self._row.pop(memory_id, None)
            if row is None:
                return
            last = len(self._row)  # the old last row moves into the hole
            if row != last:
                moved = int(self._ids[last])
                self._vectors[row] = self._vectors[last]
                self._ids[row] = moved
                self._row[moved] = row
            if self._hnsw is not None:
                self._hnsw.mark_deleted(memory_id)
            elif self._during_build is not None:
                self._during_build.append(("remove", memory_id, None))

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` nearest memory ids with their cosine similarity, best first."""
        with self._lock:
            n = len(self._row)
            if n == 0 or k <= 0:
                return []
            k = min(k, n)
            if self._hnsw is not None:
                self._hnsw.set_ef(max(HNSW_EF_SEARCH, 2 * k))
                labels, distances = self._hnsw.knn_query(query, k=k)
                return [(int(i), float(1.0 - d)) for i, d in zip(labels[0], distances[0])]
            sims = self._vectors[:n] @ query
            top = np.argpartition(-sims, k - 1)[:k] if k < n else np.arange(n)
            top = top[np.argsort(-sims[top])]
            return [(int(self._ids[i]), float(sims[i])) for i in top]

    def search_among(
        self, query: np.ndarray, k: int, ids: Sequence[int]
    ) -> list[tuple[int, float]]:
        """The ``k`` nearest of ``ids`` only, exactly: a pre-filtered search, so a small
        subset of a large workspace still gets its own top ``k``."""
        with self._lock:
            rows = np.fromiter(
                (row for row in map(self._row.get, ids) if row is not None), dtype=np.int64
            )
            if len(rows) == 0 or k <= 0:
                return []
            k = min(k, len(rows))
            sims = self._vectors[rows] @ query
            top = np.argpartition(-sims, k - 1)[:k] if k < len(rows) else np.arange(len(rows))
            top = top[np.argsort(-sims[top])]
            return [(int(self._ids[rows[i]]), float(sims[i])) for i in top]

    def _grow(self) -> None:
        size = len(self._ids) * 2
        vectors = np.zeros((size, self.dim), dtype=np.float32)
        vectors[: len(self._ids)] = self._vectors
        ids = np.zeros(size, dtype=np.int64)
        ids[: len(self._ids)] = self._ids
        self._vectors, self._ids = vectors, ids

    def wait_for_build(self, timeout: Optional[float] = None) -> None:
        """Block until a background HNSW build (if any) has finished."""
        builder = self._builder
        if builder is not None:
            builder.join(timeout)

    def _start_build(self) -> None:
        n = len(self._row)
        snapshot = (self._ids[:n].copy(), self._vectors[:n].copy())
        self._during_build = []
        self._builder = threading.Thread(target=self._build, args=snapshot, daemon=True)
        self._builder.start()

    def _build(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        import hnswlib

        index = hnswlib.Index(space="ip", dim=self.dim)
        index.init_index(
            max_elements=max(2 * len(ids), 1024), M=HNSW_M, ef_construction=HNSW_EF_CONSTRUCTION
        )
        index.add_items(vectors, ids)
        with self._lock:
            for op, key, value in self._during_build or []:
                if op == "upsert":
                    self._hnsw_add(index, key, value)
                else:
                    with contextlib.suppress(RuntimeError):
                        index.mark_deleted(key)
            self._during_build = None
            self._hnsw = index

    @staticmethod
    def _hnsw_add(index: Any, ids: list[int], vectors: Vectors) -> None:
        needed = index.get_current_count() + len(ids)
        if needed > index.get_max_elements():
            index.resize_index(2 * needed)
        for memory_id in ids:
            with contextlib.suppress(RuntimeError):  # raised when it was not deleted
                index.unmark_deleted(memory_id)
        index.add_items(np.asarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))


class VectorIndex:
    """One ``WorkspaceIndex`` per workspace."""

    def __init__(self, dim: int, hnsw_threshold: int = HNSW_THRESHOLD) -> None:
        self.dim = dim
        self.hnsw_threshold = hnsw_threshold
        self._workspaces: dict[int, WorkspaceIndex] = {}
        self._lock = threading.Lock()

    def workspace(self, workspace_id: int) -> WorkspaceIndex:
        index = self._workspaces.get(workspace_id)
        if index is None:
            with self._lock:
                index = self._workspaces.setdefault(
                    workspace_id, WorkspaceIndex(self.dim, self.hnsw_threshold)
                )
        return index

    def upsert(self, workspace_id: int, ids: list[int], vectors: Vectors) -> None:
        self.workspace(workspace_id).upsert(ids, vectors)

    def remove(self, workspace_id: int, memory_id: int) -> None:
        self.workspace(workspace_id).remove(memory_id)

    def search(
        self,
        workspace_id: int,
        query: np.ndarray,
        k: int,
        among: Optional[Sequence[int]] = None,
    ) -> list[tuple[int, float]]:
        """The ``k`` nearest memories of the workspace, or of ``among`` only."""
        index = self.workspace(workspace_id)
        return index.search(query, k) if among is None else index.search_among(query, k, among)
