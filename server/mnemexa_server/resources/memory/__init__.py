"""Memories: store (with the pipeline and dedup), retrieve, list, get, update, delete."""

from __future__ import annotations

from pathlib import Path

from ...erasure import Eraser
from ...idempotency import IdempotencyStore
from ...pipeline.merge_llm import make_merge_policy
from ...pipeline.pair_model import make_pair_model
from ...resource import Built, Core, Resource
from ...search.fts5 import Fts5Search
from ...search.hybrid import HybridRetriever
from ...search.index_file import DIRECTORY as INDEX_DIRECTORY
from ...search.index_file import IndexFiles
from ...search.index_sync import SyncedVectorIndex
from ...search.interfaces import LexicalSearch, VectorSearch
from ...search.vector_index import VectorIndex
from ...storage.backend import Db
from ...storage.server_settings import ServerSettings
from ..workspace.sql_store import SqlWorkspaceStore
from .migrations import MIGRATIONS
from .routes import handlers
from .service import MemoryService
from .sqlite_store import SqliteMemoryStore
from .store import MemoryStore


def build_service(core: Core) -> MemoryService:
    """The memory service on ``core``'s database, with its search indexes."""
    from ..events.sql_store import SqlEventStore  # these build on this service too
    from ..sessions import session_store  # sessions build on this service: import at call
    from ..writes.sql_store import SqlWriteStore

    sessions = session_store(core)
    memories, lexical, vectors = search_backend(core)
    workspaces = SqlWorkspaceStore(core.db)
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
            dependents=(sessions, SqlEventStore(core.db), SqlWriteStore(core.db)),
        ),
        core.embedder,
        ServerSettings(core.db),
        make_merge_policy(core.settings.merge_policy),
        sessions=sessions,
        # The pair model takes a second look at what the local rules keep apart.
        pair_model=(
            make_pair_model(core.settings.dedup_model)
            if core.settings.merge_policy == "local"
            else None
        ),
    )


def memory_store(db: Db) -> MemoryStore:
    """The memory store for ``db``'s backend."""
    if db.dialect == "postgres":
        from .postgres_store import PostgresMemoryStore

        return PostgresMemoryStore(db)
    return SqliteMemoryStore(db)


def lexical_search(db: Db) -> LexicalSearch:
    """Full-text search for ``db``'s backend."""
    if db.dialect == "postgres":
        from ...search.postgres_text import PostgresTextSearch

        return PostgresTextSearch(db)
    return Fts5Search(db)


def search_backend(core: Core) -> tuple[MemoryStore, LexicalSearch, VectorSearch]:
    """The memory store and its lexical and vector search, for ``core``'s backend."""
    memories = memory_store(core.db)
    vectors: VectorSearch
    if core.db.dialect == "postgres":
        from ...search.pgvector import PgVectorSearch
        from ...storage.postgres import PostgresDatabase

        assert isinstance(core.db, PostgresDatabase)
        vectors = PgVectorSearch(core.db, core.embedder.dim)
    else:
        assert isinstance(memories, SqliteMemoryStore)
        index = VectorIndex(core.embedder.dim, core.settings.hnsw_threshold)
        files = IndexFiles(
            Path(core.settings.data_dir) / INDEX_DIRECTORY, core.embedder.name, core.embedder.dim
        )
        vectors = SyncedVectorIndex(memories, index, files)
    return memories, lexical_search(core.db), vectors


def memory_service(core: Core) -> MemoryService:
    """The process's memory service (other resources erase and store through it too)."""
    return core.shared("memory", lambda: build_service(core))


def build(core: Core) -> Built:
    service = memory_service(core)
    return Built(handlers(service), start=(service.start,), stop=(service.vectors.stop,))


RESOURCE = Resource("memory", MIGRATIONS, build)
