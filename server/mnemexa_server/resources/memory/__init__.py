"""Memories: store (with the pipeline and dedup), retrieve, list, get, update, delete."""

from __future__ import annotations

from ...erasure import Eraser
from ...idempotency import IdempotencyStore
from ...pipeline.merge_llm import make_merge_policy
from ...resource import Built, Core, Resource
from ...search.fts5 import Fts5Search
from ...search.hybrid import HybridRetriever
from ...search.index_sync import SyncedVectorIndex
from ...search.vector_index import VectorIndex
from ...storage.server_settings import ServerSettings
from ..workspace.sqlite_store import SqliteWorkspaceStore
from .migrations import MIGRATIONS
from .routes import handlers
from .service import MemoryService
from .sqlite_store import SqliteMemoryStore


def build_service(core: Core) -> MemoryService:
    """The memory service on ``core``'s database, with its search indexes."""
    from ..events.sqlite_store import SqliteEventStore  # these build on this service too
    from ..sessions import session_store  # sessions build on this service: import at call
    from ..writes.sqlite_store import SqliteWriteStore

    sessions = session_store(core)
    memories = SqliteMemoryStore(core.db)
    workspaces = SqliteWorkspaceStore(core.db)
    lexical = Fts5Search(core.db)
    vectors = SyncedVectorIndex(
        memories, VectorIndex(core.embedder.dim, core.settings.hnsw_threshold)
    )
    return MemoryService(
        core.db,
        memories,
        workspaces,
        vectors,
        HybridRetriever(memories, vectors, lexical),
        Eraser(
            core.db,
            memories,
            workspaces,
            IdempotencyStore(core.db),
            lexical,
            dependents=(sessions, SqliteEventStore(core.db), SqliteWriteStore(core.db)),
        ),
        core.embedder,
        ServerSettings(core.db),
        make_merge_policy(core.settings.merge_policy),
        sessions=sessions,
    )


def memory_service(core: Core) -> MemoryService:
    """The process's memory service (other resources erase and store through it too)."""
    return core.shared("memory", lambda: build_service(core))


def build(core: Core) -> Built:
    service = memory_service(core)
    return Built(handlers(service), start=(service.start,))


RESOURCE = Resource("memory", MIGRATIONS, build)
