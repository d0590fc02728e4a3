"""Keeps this process's vector index equal to the database, across processes.

On start the index is rebuilt from every stored vector. After that, every write appends to
the memory change log; before each search (and after each own write) the process applies the
changes it has not seen yet. So any number of server processes can share one data dir.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from typing import Optional, Sequence

import numpy as np

from ..resources.memory.store import Filter, MemoryStore
from .vector_index import VectorIndex

log = logging.getLogger("mnemexa.server")


class SyncedVectorIndex:
    """A ``VectorSearch`` over the in-process index, fed by the memory change log."""

    def __init__(self, memories: MemoryStore, index: VectorIndex) -> None:
        self.memories = memories
        self.index = index
        self._seen = 0
        self._lock = threading.Lock()

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

    def rebuild(self) -> int:
        """Load every stored vector; return how many."""
        started = time.perf_counter()
        with self._lock:
            self._seen = self.memories.latest_change()
            ws_ids, mem_ids, vectors = self.memories.all_vectors()
            by_workspace: dict[int, list[int]] = defaultdict(list)
            for position, workspace_id in enumerate(ws_ids):
                by_workspace[workspace_id].append(position)
            for workspace_id, positions in by_workspace.items():
                self.index.upsert(workspace_id, [mem_ids[p] for p in positions], vectors[positions])
        log.info(
            "vector index rebuilt: %d memories in %d workspaces in %.0f ms",
            len(mem_ids),
            len(by_workspace),
            (time.perf_counter() - started) * 1000,
        )
        return len(mem_ids)

    def stop(self) -> None:
        """Nothing to stop: a background HNSW build ends with the process."""

    def catch_up(self) -> int:
        with self._lock:
            changes = self.memories.changes_since(self._seen)
            if not changes:
                return 0
            latest: dict[tuple[int, int], str] = {}
            for change in changes:
                latest[(change.workspace_id, change.memory_id)] = change.op
            for (workspace_id, memory_id), op in latest.items():
                memory = self.memories.get(workspace_id, memory_id) if op == "upsert" else None
                if memory is None:
                    self.index.remove(workspace_id, memory_id)
                else:
                    self.index.upsert(workspace_id, [memory_id], memory.embedding[None, :])
            self._seen = changes[-1].seq
            return len(changes)
