"""Deleted means gone: what erasing memories or a whole workspace removes, and from where.

Deleting a memory removes its row (with its history), its FTS5 terms (the index is then
merged so no older segment keeps them), the content of every idempotency record that
mentions it, and, once the transaction commits, the WAL frames that held it. With
``secure_delete=ON`` the freed database pages are zeroed. ``mnemexa vacuum`` rebuilds the
file without free pages.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from . import idempotency
from .storage.database import Database
from .storage.memories import MemoryStore
from .storage.workspaces import WorkspaceStore


def forget_memories(
    db: Database, conn: sqlite3.Connection, workspace_id: int, memory_ids: Collection[int]
) -> None:
    """Remove what remains of deleted memories, inside the deleting transaction."""
    if not memory_ids:
        return
    idempotency.forget_memories(conn, workspace_id, memory_ids)
    MemoryStore.compact_text_index(conn)
    db.checkpoint_after_commit()


def purge_workspace(db: Database, name: str) -> int:
    """Erase a workspace: its memories, idempotency records, keys and the workspace itself.
    Returns how many memories were erased; KeyError if there is no such workspace."""
    workspace = WorkspaceStore(db).find(name)
    if workspace is None:
        raise KeyError(name)
    with db.transaction() as conn:
        erased = MemoryStore().delete_workspace(conn, workspace.id)
        idempotency.forget_workspace(conn, workspace.id)
        WorkspaceStore.delete(conn, workspace.id)
        MemoryStore.compact_text_index(conn)
        db.checkpoint_after_commit()
    return len(erased)
