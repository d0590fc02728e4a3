"""Deleted means gone: what erasing memories or a whole workspace removes, and from where.

Deleting a memory removes its row (with its history), its FTS5 terms (the index is then
merged so no older segment keeps them), the content of every idempotency record that
mentions it, and, once the transaction commits, the WAL frames that held it. With
``secure_delete=ON`` the freed database pages are zeroed. ``mnemexa vacuum`` rebuilds the
file without free pages.
"""

from __future__ import annotations

from collections.abc import Collection

from .errors import NotFoundError
from .idempotency import IdempotencyStore
from .resources.memory.store import MemoryStore
from .resources.workspace.store import WorkspaceStore
from .search import LexicalSearch
from .storage.database import Database, Transaction


class Eraser:
    def __init__(
        self,
        db: Database,
        memories: MemoryStore,
        workspaces: WorkspaceStore,
        idempotency: IdempotencyStore,
        lexical: LexicalSearch,
    ) -> None:
        self.db = db
        self.memories = memories
        self.workspaces = workspaces
        self.idempotency = idempotency
        self.lexical = lexical

    def forget_memories(
        self, tx: Transaction, workspace_id: int, memory_ids: Collection[int]
    ) -> None:
        """Remove what remains of deleted memories, inside the deleting transaction."""
        if not memory_ids:
            return
        self.idempotency.forget_memories(workspace_id, memory_ids)
        self.lexical.compact()
        tx.on_commit(self.db.checkpoint)

    def purge_workspace(self, name: str) -> int:
        """Erase a workspace: its memories, idempotency records, keys and the workspace
        itself. Returns how many memories were erased; ``NotFoundError`` if there is none."""
        workspace = self.workspaces.find(name)
        if workspace is None:
            raise NotFoundError("workspace", name)
        with self.db.transaction() as tx:
            erased = self.memories.delete_workspace(workspace.id)
            self.idempotency.forget_workspace(workspace.id)
            self.workspaces.delete(workspace.id)
            self.lexical.compact()
            tx.on_commit(self.db.checkpoint)
        return len(erased)
