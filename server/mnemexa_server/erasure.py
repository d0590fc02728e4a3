"""Deleted means gone: what erasing memories, a scope or a whole workspace removes.

Deleting a memory removes its row (with its history), its FTS5 terms (the index is then
merged so no older segment keeps them), the content of every idempotency record that
mentions it, what other resources derived from it or hold for it (``Dependent``: source
events, write results, session summaries) and, once the transaction commits, the WAL frames
that held it. With ``secure_delete=ON`` the freed database pages are zeroed.
``mnemexa vacuum`` rebuilds the file without free pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from typing import Protocol

from .errors import NotFoundError
from .idempotency import IdempotencyStore
from .resources.memory.store import MemoryStore, Scope
from .resources.workspace.store import WorkspaceStore
from .search import LexicalSearch
from .storage.backend import Db
from .storage.database import Transaction

Counts = Counter[str]
"""How many records an erasure removed, by ``ErasureCounts`` field (``events_deleted``…)."""


class Dependent(Protocol):
    """A store holding data derived from memories, or kept under a scope (events, writes,
    session summaries). Both calls run inside the erasing transaction."""

    def forget_memories(self, workspace_id: int, memory_ids: Collection[int]) -> Counts:
        """Remove what was derived from, or made into, these (deleted) memories."""

    def forget_scope(self, workspace_id: int, scope: Scope) -> Counts:
        """Remove what this store keeps whose scope fields match every field set in
        ``scope`` (never called with an empty scope)."""


class Eraser:
    def __init__(
        self,
        db: Db,
        memories: MemoryStore,
        workspaces: WorkspaceStore,
        idempotency: IdempotencyStore,
        lexical: LexicalSearch,
        dependents: Sequence[Dependent] = (),
    ) -> None:
        self.db = db
        self.memories = memories
        self.workspaces = workspaces
        self.idempotency = idempotency
        self.lexical = lexical
        self.dependents = tuple(dependents)

    def forget_memories(
        self, tx: Transaction, workspace_id: int, memory_ids: Collection[int]
    ) -> Counts:
        """Remove what remains of deleted memories, inside the deleting transaction."""
        counts: Counts = Counter()
        if not memory_ids:
            return counts
        for dependent in self.dependents:
            counts.update(dependent.forget_memories(workspace_id, memory_ids))
        self.idempotency.forget_memories(workspace_id, memory_ids)
        self.lexical.compact()
        tx.on_commit(self.db.checkpoint)
        return counts

    def erase_scope(self, tx: Transaction, workspace_id: int, scope: Scope) -> Counts:
        """Delete every memory whose scope fields match all of ``scope``'s, with everything
        derived from them and everything else the dependents keep under that scope."""
        if not scope:
            raise ValueError("refusing to erase without a scope field")
        erased = self.memories.delete_scope(workspace_id, scope)
        counts = self.forget_memories(tx, workspace_id, erased)
        for dependent in self.dependents:
            counts.update(dependent.forget_scope(workspace_id, scope))
        counts["memories_deleted"] = len(erased)
        return counts

    def forget_subject(self, tx: Transaction, workspace_id: int, field: str, value: str) -> None:
        """A deleted agent or session (``field`` is ``agent_id`` or ``session_id``): scrub
        its content from recorded idempotent responses."""
        self.idempotency.forget_subject(workspace_id, field, value)
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
