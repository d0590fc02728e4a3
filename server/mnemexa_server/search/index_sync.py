"""Keeps this process's vector index equal to the database, across processes and restarts.

Every write appends to the memory change log; before each search (and after each own write)
the process applies the changes it has not seen yet. So any number of server processes can
share one data dir.

On start, a workspace whose HNSW graph was saved (``search/index_file.py``) loads it instead
of building it: the header must match (embedder, dimension, the change the graph was saved
at, the file's checksums), then, in one read transaction, the changes logged since the save
are applied to it and every vector of the workspace is read from the database and compared
with the graph's (by fingerprint); the slightest difference, and the graph is built again
from the database. Other workspaces load their vectors from the database.

Graphs are saved after a build, at shutdown, and after ``SAVE_AFTER_CHANGES`` writes (at most
every ``SAVE_INTERVAL`` seconds), in a background thread. hnswlib's ``save_index`` holds the
GIL while it writes (~0.5 s at 100k), so saves are kept rare. A delete is scrubbed from the
saved graph right after it commits, by the process that deleted it (or, if that one died
first, by the next one that applies it).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import threading
import time
from collections.abc import Iterator
from typing import Any, Optional, Protocol, Sequence

import numpy as np

from ..resources.memory.store import Filter, MemoryStore
from ..storage.backend import Db
from .index_file import IndexFileError, IndexFiles, Loaded, fingerprints
from .vector_index import VectorIndex

log = logging.getLogger("mnemexa.server")

SAVE_AFTER_CHANGES = 2_000  # writes to a graph before it is saved again...
SAVE_INTERVAL = 60.0  # ...at most this often (seconds)


class IndexedStore(MemoryStore, Protocol):
    """What the index reads from the memory store beyond ``MemoryStore`` (SQLite's)."""

    db: Db

    def workspace_sizes(self) -> dict[int, int]: ...

    def vector_pages(
        self, workspace_id: int, page: int = 4096
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]: ...

    def change_at(self, seq: int) -> Optional[list[Any]]: ...


def _release_free_heap() -> None:
    """Give freed heap pages back to the OS (glibc keeps them otherwise): a start-up fill
    frees large temporaries, and so does loading the embedding model before it."""
    name = ctypes.util.find_library("c")
    if name is None:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(name).malloc_trim(0)


class SyncedVectorIndex:
    """A ``VectorSearch`` over the in-process index, fed by the memory change log."""

    def __init__(
        self, memories: IndexedStore, index: VectorIndex, files: Optional[IndexFiles] = None
    ) -> None:
        self.memories = memories
        self.index = index
        self.files = files
        self._seen = 0
        self._lock = threading.RLock()
        self._saved_at: dict[int, float] = {}
        self._savers: dict[int, threading.Thread] = {}
        self._stopping = False
        index.on_built = self._built

    # -- search ---------------------------------------------------------------------------

    def search(
        self,
        workspace_id: int,
        query: np.ndarray,
        k: int,
        among: Optional[Sequence[int]] = None,
        where: Optional[Filter] = None,
    ) -> list[tuple[int, float]]:
        if among is None and where is not None and where.narrows():
            among = self.memories.matching_ids(workspace_id, where)  # exact among those
        if among is not None and not among:
            return []
        return self.index.search(workspace_id, query, k, among)

    # -- start ----------------------------------------------------------------------------

    def rebuild(self) -> int:
        """Load every workspace's vectors: a saved graph where there is a good one, else
        from the database (a workspace above the threshold then builds its graph in the
        background). Return how many memories the index holds."""
        started = time.perf_counter()
        loaded = 0
        _release_free_heap()  # lower the peak: what loading the embedder freed goes first
        with self._lock, self._read_transaction():
            self._seen = self.memories.latest_change()
            sizes = self.memories.workspace_sizes()
            if self.files is not None:
                self.files.prune(set(sizes))
            for workspace_id, size in sizes.items():
                if self.files is not None and self._load(workspace_id, size):
                    loaded += size
                else:
                    self._read(workspace_id, size)
        _release_free_heap()
        total = sum(sizes.values())
        log.info(
            "vector index ready: %d memories in %d workspaces (%d from saved graphs) in %.0f ms",
            total,
            len(sizes),
            loaded,
            (time.perf_counter() - started) * 1000,
        )
        return total

    @contextlib.contextmanager
    def _read_transaction(self) -> Iterator[None]:
        """One snapshot of the database for the whole start-up read."""
        conn = self.memories.db.conn
        conn.execute("BEGIN")
        try:
            yield
        finally:
            conn.execute("COMMIT")

    def _read(self, workspace_id: int, size: int) -> None:
        """A workspace's vectors from the database (its graph, if due, is built after)."""
        index = self.index.workspace(workspace_id)
        index.reserve(size)
        with index.filling():
            for ids, vectors in self.memories.vector_pages(workspace_id):
                index.upsert(ids.tolist(), vectors)
        if index.building:
            log.info(
                "vector index: building the HNSW graph of workspace %d (%d memories) "
                "in the background",
                workspace_id,
                size,
            )

    def _load(self, workspace_id: int, size: int) -> bool:
        """Use the saved graph of a workspace if it is there and equals the database."""
        assert self.files is not None
        started = time.perf_counter()
        try:
            saved = self.files.load(workspace_id, self._seen, self.memories.change_at)
            if saved is None:
                return False
            replayed = self._adopt(workspace_id, size, saved)
        except (IndexFileError, OSError, RuntimeError, ValueError) as exc:
            log.warning(
                "vector index: the saved graph of workspace %d is not used (%s); building it again",
                workspace_id,
                exc,
            )
            self.index.drop(workspace_id)
            self.files.remove(workspace_id)
            return False
        self._saved_at[workspace_id] = time.monotonic()
        self._forget(workspace_id, self._seen)  # deletes whose deleter died before scrubbing
        log.info(
            "vector index loaded: workspace %d, %d memories from its saved graph (change %d, "
            "%d changes since) in %.0f ms",
            workspace_id,
            size,
            saved.header.seq,
            replayed,
            (time.perf_counter() - started) * 1000,
        )
        return True

    def _adopt(self, workspace_id: int, size: int, saved: Loaded) -> int:
        """Check a loaded graph against the database and bring it up to date; return how
        many memories changed since it was saved. ``IndexFileError`` if it differs."""
        touched: dict[int, str] = {}
        for change in self.memories.changes_since(saved.header.seq):
            if change.workspace_id == workspace_id and change.seq <= self._seen:
                touched[change.memory_id] = change.op
        touched_ids = np.fromiter(touched, dtype=np.int64, count=len(touched))
        labels, prints = saved.slots.live()
        index = self.index.workspace(workspace_id)
        index.restore(saved.graph, size + 1024)
        upserts: list[tuple[np.ndarray, np.ndarray]] = []
        matched = 0
        for ids, vectors in self.memories.vector_pages(workspace_id):
            changed = np.isin(ids, touched_ids)
            same = ~changed
            at = np.searchsorted(labels, ids[same])
            found = at < len(labels)
            found[found] &= labels[at[found]] == ids[same][found]
            if not found.all():
                raise IndexFileError("a stored memory is not in the saved graph")
            if (prints[at] != fingerprints(vectors[same])).any():
                raise IndexFileError("a vector differs from the stored one")
            matched += int(same.sum())
            index.fill(ids, vectors)
            if changed.any():
                upserts.append((ids[changed], vectors[changed]))
        unchanged_in_graph = int((~np.isin(labels, touched_ids)).sum())
        if unchanged_in_graph != matched:
            raise IndexFileError("the saved graph holds memories the database does not")
        upserted = set()
        for ids, vectors in upserts:
            index.upsert(ids.tolist(), vectors)
            upserted.update(ids.tolist())
        for memory_id in touched.keys() - upserted:
            index.remove(memory_id)
        if len(index) != size:
            raise IndexFileError(f"{len(index)} memories after replay, the database has {size}")
        index.changes = len(touched)
        return len(touched)

    # -- follow the change log ------------------------------------------------------------

    def catch_up(self) -> int:
        applied, deleted = self._apply()
        if self.files is not None:
            for workspace_id, upto in deleted.items():
                self._forget(workspace_id, upto)
            self._maybe_save()
        return applied

    def _apply(self) -> tuple[int, dict[int, int]]:
        """Apply the changes not seen yet; return how many, and per workspace the latest
        change that deleted something."""
        with self._lock:
            changes = self.memories.changes_since(self._seen)
            if not changes:
                return 0, {}
            latest: dict[tuple[int, int], str] = {}
            deleted: dict[int, int] = {}
            for change in changes:
                latest[(change.workspace_id, change.memory_id)] = change.op
                if change.op == "delete":
                    deleted[change.workspace_id] = change.seq
            for (workspace_id, memory_id), op in latest.items():
                memory = self.memories.get(workspace_id, memory_id) if op == "upsert" else None
                if memory is None:
                    self.index.remove(workspace_id, memory_id)
                else:
                    self.index.upsert(workspace_id, [memory_id], memory.embedding[None, :])
            self._seen = changes[-1].seq
            for workspace_id in deleted:
                if not len(self.index.workspace(workspace_id)):
                    self.index.drop(workspace_id)
            return len(changes), deleted

    def _forget(self, workspace_id: int, upto: int) -> None:
        """After deletes: scrub them from the saved graph, or remove it if the workspace is
        now empty."""
        assert self.files is not None
        try:
            if workspace_id not in self.index.workspaces():
                self.files.remove(workspace_id)
            else:
                self.files.scrub(
                    workspace_id, upto, lambda after, to: self._deleted(workspace_id, after, to)
                )
        except OSError:
            log.exception("vector index: scrubbing workspace %d's saved graph failed")

    def _deleted(self, workspace_id: int, after: int, upto: int) -> list[int]:
        return [
            change.memory_id
            for change in self.memories.changes_since(after)
            if change.seq <= upto and change.workspace_id == workspace_id
            if change.op == "delete"
        ]

    # -- save -----------------------------------------------------------------------------

    def _built(self, workspace_id: int) -> None:
        """A background build is in use: save it (from the build's thread)."""
        log.info("vector index: the HNSW graph of workspace %d is built", workspace_id)
        if self.files is not None and not self._stopping:
            self.save(workspace_id)

    def _maybe_save(self) -> None:
        now = time.monotonic()
        for workspace_id, index in self.index.workspaces().items():
            if (
                index.kind == "hnsw"
                and index.changes >= SAVE_AFTER_CHANGES
                and now - self._saved_at.get(workspace_id, 0.0) >= SAVE_INTERVAL
                and workspace_id not in self._savers
                and not self._stopping
            ):
                saver = threading.Thread(
                    target=self._save_in_background, args=(workspace_id,), daemon=True
                )
                self._savers[workspace_id] = saver
                saver.start()

    def _save_in_background(self, workspace_id: int) -> None:
        try:
            self.save(workspace_id)
        finally:
            self._savers.pop(workspace_id, None)

    def save(self, workspace_id: int) -> bool:
        """Save a workspace's graph, brought up to date first; False if there is none."""
        if self.files is None:
            return False
        self._saved_at[workspace_id] = time.monotonic()

        deleted: dict[int, int] = {}

        def snapshot(path: str) -> Optional[tuple[int, Optional[list[Any]], int]]:
            # under the file lock: a delete committed after this is scrubbed after the save
            deleted.update(self._apply()[1])
            with self._lock:
                index = self.index.workspaces().get(workspace_id)
                if index is None or index.kind != "hnsw":
                    return None
                with index.locked():
                    count = index.save_graph(path)
                    return self._seen, self.memories.change_at(self._seen), count

        try:
            return self.files.save(workspace_id, snapshot) is not None
        except Exception:
            log.exception("vector index: saving workspace %d's graph failed", workspace_id)
            index = self.index.workspaces().get(workspace_id)
            if index is not None:
                index.changes += 1  # saved again later
            return False
        finally:
            for other, upto in deleted.items():  # deletes the snapshot applied
                self._forget(other, upto)

    def stop(self) -> None:
        """Abandon running builds, and save every graph changed since it was saved."""
        self._stopping = True
        for saver in list(self._savers.values()):
            saver.join()
        for workspace_id, index in self.index.workspaces().items():
            index.stop()
            if self.files is not None and index.kind == "hnsw" and index.changes:
                self.save(workspace_id)
