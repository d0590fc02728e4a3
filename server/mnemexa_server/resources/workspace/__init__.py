"""The caller's workspace: its status, and the quality score of its memories."""

from __future__ import annotations

from ...resource import Built, Core, Resource
from ..memory.sqlite_store import SqliteMemoryStore
from .migrations import MIGRATIONS
from .routes import handlers
from .sqlite_store import SqliteWorkspaceStore


def build(core: Core) -> Built:
    return Built(handlers(SqliteWorkspaceStore(core.db), SqliteMemoryStore(core.db)))


RESOURCE = Resource("workspace", MIGRATIONS, build)
