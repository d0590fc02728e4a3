"""The in-process vector index: exact search for small workspaces, HNSW above a threshold.

Vectors are unit length, so the inner product is the cosine similarity. Each workspace has its
own index: a search can only ever see the caller's memories.

The threshold, measured by ``bench/index_threshold.py`` on the 2-core reference machine
(median ms per query, 384-dim): exact 0.25 at 10k, 1.2 at 20k, 3.5 at 50k; HNSW 0.57, 0.78
and 1.2, but building it takes 2.6 s, 8.5 s and 45 s. Exact search is fast enough up to
``HNSW_THRESHOLD`` = 50k vectors; above it a workspace switches to HNSW (hnswlib). The graph is
built in a background thread, ``BUILD_CHUNK`` rows at a time, while exact search keeps serving;
changes made during the build are applied to it before it takes over, so no request ever waits
for a build. ``search/index_sync.py`` saves the graph to the data dir and loads it on start.

Memory. Below the threshold a workspace keeps its vectors as float32 rows (exact search). Above
it the graph holds the float32 vectors, and beside it the workspace keeps only an int8 copy
(a quarter of the size: 38 MB at 100k x 384) with, per row, its scale and the norm of its
rounding error. That copy serves pre-filtered searches (``search_among``: a user's memories
among all) exactly: the int8 scores bound every row's true cosine within its error norm, so
only the rows whose upper bound reaches the k-th best lower bound can be in the top k; those
few are re-scored with their float32 vectors from the graph (``get_items``, ~22 us a row), and
the answer is the exact top k.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from typing import Any, Callable, Optional, Sequence

import numpy as np

from ..embedding.base import Vectors

log = logging.getLogger("mnemexa.server")

HNSW_THRESHOLD = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 384  # served recall@10 at 100k: 0.998 (0.994 at 256), about 0.4 ms more
BUILD_CHUNK = 2_000  # rows added to a graph under construction at a time (~1 s at 100k)
SCORE_CHUNK = 4_096  # rows of the int8 copy scored at a time (bounds the float64 temporary)
_SLACK = 1e-6  # beyond the error bound: float rounding of the scores themselves


def new_graph(dim: int, capacity: int) -> Any:
    """An empty hnswlib graph whose deleted slots new labels reuse (so that deleted vectors
    do not stay in memory, or in a saved file, for longer than needed)."""
    import hnswlib

    graph = hnswlib.Index(space="ip", dim=dim)
    graph.init_index(
        max_elements=max(capacity, 1024),
        M=HNSW_M,
        ef_construction=HNSW_EF_CONSTRUCTION,
        allow_replace_deleted=True,
    )
    return graph


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(int8 rows, per-row scale, per-row error bound): ``scale * int8`` approximates a row,
    and ``|query . row - scale * (query . int8)| <= error * |query|``."""
    vectors = np.asarray(vectors, dtype=np.float32)
    peak = np.abs(vectors).max(axis=1) if vectors.size else np.zeros(len(vectors), np.float32)
    scale = np.where(peak > 0, peak / np.float32(127), np.float32(1)).astype(np.float32)
    scaled = vectors / scale[:, None]
    np.rint(scaled, out=scaled)
    np.clip(scaled, -127, 127, out=scaled)
    rows = scaled.astype(np.int8)
    scaled *= scale[:, None]
    np.subtract(vectors, scaled, out=scaled)
    # float32 rounding of this bound is far below the margin added to it
    error = np.sqrt(np.einsum("ij,ij->i", scaled, scaled)) * np.float32(1.0001) + np.float32(1e-6)
    return rows, scale, error.astype(np.float32)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` largest scores, best first."""
    top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    return top[np.argsort(-scores[top], kind="stable")]


class WorkspaceIndex:
    """Vectors of one workspace, keyed by memory id."""

    def __init__(
        self,
        dim: int,
        hnsw_threshold: int = HNSW_THRESHOLD,
        on_built: Optional[Callable[[], None]] = None,
    ) -> None:
        self.dim = dim
        self.hnsw_threshold = hnsw_threshold
        self.on_built = on_built  # called (outside the lock) once a background build is in use
        self.changes = 0  # writes applied to the graph since it was last saved or loaded
        self._ids = np.zeros(16, dtype=np.int64)
        self._row: dict[int, int] = {}
        # exact mode: float32 rows; graph mode: the int8 copy, its scales and error bounds
        self._vectors: Optional[np.ndarray] = np.zeros((16, dim), dtype=np.float32)
        self._q = np.zeros((0, dim), dtype=np.int8)
        self._scale = np.zeros(0, dtype=np.float32)
        self._error = np.zeros(0, dtype=np.float32)
        self._hnsw: Optional[Any] = None
        self._touched: Optional[set[int]] = None  # ids written during a build
        self._builder: Optional[threading.Thread] = None
        self._deferred = False  # bulk filling: no build until it ends
        self._stopping = False
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._row)

    @property
    def kind(self) -> str:
        return "hnsw" if self._hnsw is not None else "exact"

    @property
    def building(self) -> bool:
        return self._touched is not None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        with self._lock:
            yield

    # -- writes ---------------------------------------------------------------------------

    def reserve(self, rows: int) -> None:
        """Make room for ``rows`` rows at once (a start-up fill), instead of doubling."""
        with self._lock:
            if rows > len(self._ids):
                self._resize(rows)

    @contextlib.contextmanager
    def filling(self) -> Iterator[None]:
        """Bulk upserts (a start-up fill): a build, if one is due, starts once they end."""
        with self._lock:
            self._deferred = True
        try:
            yield
        finally:
            with self._lock:
                self._deferred = False
                self._maybe_build()

    def upsert(self, ids: Sequence[int], vectors: Vectors) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        with self._lock:
            rows = np.empty(len(ids), dtype=np.int64)
            for position, memory_id in enumerate(ids):
                row = self._row.get(memory_id)
                if row is None:
                    row = len(self._row)
                    if row == len(self._ids):
                        self._resize(self._grown(row))
                    self._row[memory_id] = row
                    self._ids[row] = memory_id
                rows[position] = row
            if self._vectors is not None:
                self._vectors[rows] = vectors
            else:
                self._q[rows], self._scale[rows], self._error[rows] = quantize(vectors)
            if self._hnsw is not None:
                self._graph_add(self._hnsw, list(ids), vectors)
                self.changes += len(ids)
            elif self._touched is not None:
                self._touched.update(ids)
            else:
                self._maybe_build()

    def fill(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Rows of a graph just loaded (``restore``): into the int8 copy only."""
        with self._lock:
            assert self._hnsw is not None
            assert self._vectors is None
            start = len(self._row)
            if start + len(ids) > len(self._ids):
                self._resize(max(self._grown(len(self._ids)), start + len(ids)))
            end = start + len(ids)
            self._ids[start:end] = ids
            self._row.update(zip(ids.tolist(), range(start, end)))
            if len(self._row) != end:
                raise ValueError("an id appears twice")
            self._q[start:end], self._scale[start:end], self._error[start:end] = quantize(vectors)

    def remove(self, memory_id: int) -> None:
        with self._lock:
            if self._hnsw is not None:
                with contextlib.suppress(RuntimeError):  # not in the graph, or deleted already
                    self._hnsw.mark_deleted(memory_id)
                self.changes += 1
            elif self._touched is not None:
                self._touched.add(memory_id)
            row = self._row.pop(memory_id, None)
            if row is None:
                return
            last = len(self._row)  # the old last row moves into the hole
            if row != last:
                moved = int(self._ids[last])
                self._ids[row] = moved
                self._row[moved] = row
                if self._vectors is not None:
                    self._vectors[row] = self._vectors[last]
                else:
                    self._q[row] = self._q[last]
                    self._scale[row] = self._scale[last]
                    self._error[row] = self._error[last]
            if self._vectors is None:
                self._q[last] = 0  # no copy of a deleted vector stays behind, even rounded

    def restore(self, graph: Any, rows: int) -> None:
        """Take a graph loaded from a file; ``fill`` then adds its rows' int8 copies."""
        with self._lock:
            if self._row or self._hnsw is not None or self._touched is not None:
                raise RuntimeError("restore needs an empty workspace index")
            self._vectors = None
            self._resize(max(rows, 16))
            self._hnsw = graph
            self.changes = 0

    # -- reads ----------------------------------------------------------------------------

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` nearest memory ids with their cosine similarity, best first."""
        with self._lock:
            n = len(self._row)
            if n == 0 or k <= 0:
                return []
            k = min(k, n)
            if self._hnsw is not None:
                self._hnsw.set_ef(max(HNSW_EF_SEARCH, 2 * k))
                try:
                    labels, distances = self._hnsw.knn_query(query, k=k)
                except RuntimeError:  # too few live neighbours reached: rank every row
                    return self._exact_quantized(np.arange(n), query, k)
                return [(int(i), float(1.0 - d)) for i, d in zip(labels[0], distances[0])]
            assert self._vectors is not None
            sims = self._vectors[:n] @ query
            return [(int(self._ids[i]), float(sims[i])) for i in _top(sims, k)]

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
            if self._vectors is None:
                return self._exact_quantized(rows, query, k)
            sims = self._vectors[rows] @ query
            return [(int(self._ids[rows[i]]), float(sims[i])) for i in _top(sims, k)]

    def _exact_quantized(
        self, rows: np.ndarray, query: np.ndarray, k: int
    ) -> list[tuple[int, float]]:
        """The exact top ``k`` of ``rows`` (graph mode): bound every row's cosine with the
        int8 copy, re-score with float32 vectors the rows that can still be in the top."""
        assert self._hnsw is not None
        q64 = np.asarray(query, dtype=np.float64)
        norm = float(np.linalg.norm(q64))
        approx = np.empty(len(rows))
        for start in range(0, len(rows), SCORE_CHUNK):
            part = rows[start : start + SCORE_CHUNK]
            approx[start : start + len(part)] = (self._q[part].astype(np.float64) @ q64) * (
                self._scale[part]
            )
        slack = self._error[rows].astype(np.float64) * norm + _SLACK
        lower, upper = approx - slack, approx + slack
        kth = np.partition(lower, len(rows) - k)[len(rows) - k] if k < len(rows) else -np.inf
        candidates = rows[upper >= kth]
        ids = self._ids[candidates]
        vectors = np.asarray(self._hnsw.get_items(ids), dtype=np.float32)
        sims = vectors @ np.asarray(query, dtype=np.float32)
        return [(int(ids[i]), float(sims[i])) for i in _top(sims, k)]

    # -- the graph ------------------------------------------------------------------------

    def save_graph(self, path: str) -> int:
        """Write the graph with hnswlib's ``save_index`` (the caller holds ``locked()``);
        return how many live memories it holds."""
        with self._lock:
            if self._hnsw is None:
                raise RuntimeError("no graph to save")
            self._hnsw.save_index(path)
            self.changes = 0
            return len(self._row)

    def wait_for_build(self, timeout: Optional[float] = None) -> None:
        """Block until a background HNSW build (if any) has finished."""
        builder = self._builder
        if builder is not None:
            builder.join(timeout)

    def stop(self) -> None:
        """Abandon a running build at its next chunk (the process is stopping)."""
        self._stopping = True

    def _maybe_build(self) -> None:
        if (
            self._hnsw is None
            and self._touched is None
            and not self._deferred
            and len(self._row) > self.hnsw_threshold
        ):
            self._touched = set()
            self._builder = threading.Thread(
                target=self._build, name="hnsw-build", args=(len(self._row),), daemon=True
            )
            self._builder.start()

    def _build(self, size: int) -> None:
        """Build the graph from the float32 rows, a chunk at a time under the lock (exact
        search keeps serving between chunks), then bring it up to date and switch to it."""
        graph = new_graph(self.dim, 2 * size)
        added = 0
        try:
            while not self._stopping:
                with self._lock:
                    if self._vectors is None or added >= len(self._row):
                        break
                    end = min(added + BUILD_CHUNK, len(self._row))
                    ids = self._ids[added:end].copy()
                    vectors = self._vectors[added:end].copy()
                self._graph_add_new(graph, ids, vectors)
                added = end
            if self._stopping:
                return
            with self._lock:
                self._switch_to(graph)
        except Exception:
            log.exception("the HNSW build failed; exact search goes on")
            with self._lock:
                self._touched = None
            return
        finally:
            self._builder = None
        if self.on_built is not None:
            self.on_built()

    def _switch_to(self, graph: Any) -> None:
        """Make ``graph`` hold exactly the rows (the lock is held): rows written during the
        build, and rows that moved into a part already copied, are written again."""
        assert self._vectors is not None
        assert self._touched is not None
        in_graph = set(graph.get_ids_list())
        for memory_id in self._touched | (in_graph ^ self._row.keys()):
            row = self._row.get(memory_id)
            if row is None:
                with contextlib.suppress(RuntimeError):
                    graph.mark_deleted(memory_id)
            else:
                self._graph_add(graph, [memory_id], self._vectors[row : row + 1])
        n = len(self._row)
        vectors = self._vectors
        capacity = len(self._ids)
        self._q = np.zeros((capacity, self.dim), dtype=np.int8)
        self._scale = np.zeros(capacity, dtype=np.float32)
        self._error = np.zeros(capacity, dtype=np.float32)
        for start in range(0, n, SCORE_CHUNK):
            end = min(start + SCORE_CHUNK, n)
            self._q[start:end], self._scale[start:end], self._error[start:end] = quantize(
                vectors[start:end]
            )
        self._vectors = None  # the graph holds the float32 vectors now
        self._hnsw = graph
        self._touched = None
        self.changes = 1  # not saved yet

    def _graph_add(self, graph: Any, ids: list[int], vectors: np.ndarray) -> None:
        """Add or update ``ids`` in ``graph``: an id the graph knows (live or deleted) is
        updated in its slot; a new id takes a deleted slot if there is one."""
        known: list[int] = []
        known_rows: list[int] = []
        new: list[int] = []
        new_rows: list[int] = []
        for position, memory_id in enumerate(ids):
            try:
                graph.unmark_deleted(memory_id)
                is_known = True
            except RuntimeError as exc:  # "not found" (new) or "not deleted" (live)
                is_known = "not found" not in str(exc).lower()
            (known if is_known else new).append(memory_id)
            (known_rows if is_known else new_rows).append(position)
        if known:
            graph.add_items(vectors[known_rows], np.asarray(known, dtype=np.int64))
        if new:
            self._graph_add_new(graph, np.asarray(new, dtype=np.int64), vectors[new_rows])

    @staticmethod
    def _graph_add_new(graph: Any, ids: np.ndarray, vectors: np.ndarray) -> None:
        needed = graph.get_current_count() + len(ids)
        if needed > graph.get_max_elements():
            graph.resize_index(max(2 * graph.get_max_elements(), needed))
        graph.add_items(vectors, ids, replace_deleted=True)

    def _grown(self, rows: int) -> int:
        """The next capacity: doubling, except for the int8 copy of a large workspace,
        which grows by an eighth (a doubling would briefly hold two copies)."""
        return 2 * rows if self._vectors is not None or rows < 8192 else rows + rows // 8

    def _resize(self, size: int) -> None:
        n = len(self._row)
        ids = np.zeros(size, dtype=np.int64)
        ids[:n] = self._ids[:n]
        self._ids = ids
        if self._vectors is not None:
            vectors = np.zeros((size, self.dim), dtype=np.float32)
            vectors[:n] = self._vectors[:n]
            self._vectors = vectors
        else:
            q = np.zeros((size, self.dim), dtype=np.int8)
            q[:n] = self._q[:n]
            scale = np.zeros(size, dtype=np.float32)
            scale[:n] = self._scale[:n]
            error = np.zeros(size, dtype=np.float32)
            error[:n] = self._error[:n]
            self._q, self._scale, self._error = q, scale, error


class VectorIndex:
    """One ``WorkspaceIndex`` per workspace."""

    def __init__(
        self,
        dim: int,
        hnsw_threshold: int = HNSW_THRESHOLD,
        on_built: Optional[Callable[[int], None]] = None,
    ) -> None:
        self.dim = dim
        self.hnsw_threshold = hnsw_threshold
        self.on_built = on_built  # called with the workspace id once a build is in use
        self._workspaces: dict[int, WorkspaceIndex] = {}
        self._lock = threading.Lock()

    def workspace(self, workspace_id: int) -> WorkspaceIndex:
        index = self._workspaces.get(workspace_id)
        if index is None:
            with self._lock:
                index = self._workspaces.get(workspace_id)
                if index is None:
                    index = WorkspaceIndex(
                        self.dim, self.hnsw_threshold, self._built_callback(workspace_id)
                    )
                    self._workspaces[workspace_id] = index
        return index

    def workspaces(self) -> dict[int, WorkspaceIndex]:
        with self._lock:
            return dict(self._workspaces)

    def drop(self, workspace_id: int) -> None:
        """Forget a workspace's index (a running build is abandoned)."""
        with self._lock:
            index = self._workspaces.pop(workspace_id, None)
        if index is not None:
            index.stop()

    def _built_callback(self, workspace_id: int) -> Optional[Callable[[], None]]:
        on_built = self.on_built
        if on_built is None:
            return None
        return lambda: on_built(workspace_id)

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
