"""Keeps this process's vector index equal to the database, across processes.

On start the index is rebuilt from every stored vector. After that, every write appends to
``memory_changes``; before each search (and after each own write) the process applies the
changes it has not seen yet. So any number of server processes can share one data dir.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict

from .storage.database import Database
from .storage.memories import MemoryStore, vector_of
from .vector_index import VectorIndex

log = logging.getLogger("mnemexa.server")


class IndexSync:
    def __init__(self, db: Database, memories: MemoryStore, index: VectorIndex) -> None:
        self.db = db
        self.memories = memories
        self.index = index
        self._seen = 0
        self._lock = threading.Lock()

    def rebuild(self) -> int:
        """Load every stored vector; return how many."""
        started = time.perf_counter()
        conn = self.db.conn
        self._seen = int(
            conn.execute("SELECT COALESCE(MAX(seq), 0) FROM memory_changes").fetchone()[0]
        )
        ws_ids, mem_ids, vectors = self.memories.all_vectors(conn)
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

    def catch_up(self) -> int:
        """Apply changes made since the last call, by this process or any other."""
        with self._lock:
            conn = self.db.conn
            changes = conn.execute(
                "SELECT seq, workspace_id, memory_id, op FROM memory_changes WHERE seq > ? "
                "ORDER BY seq",
                (self._seen,),
            ).fetchall()
            if not changes:
                return 0
            latest: dict[tuple[int, int], str] = {}
            for change in changes:
                latest[(change["workspace_id"], change["memory_id"])] = change["op"]
            for (workspace_id, memory_id), op in latest.items():
                row = self.memories.get(conn, workspace_id, memory_id) if op == "upsert" else None
                if row is None:
                    self.index.remove(workspace_id, memory_id)
                else:
                    self.index.upsert(workspace_id, [memory_id], vector_of(row)[None, :])
            self._seen = int(changes[-1]["seq"])
            return len(changes)
