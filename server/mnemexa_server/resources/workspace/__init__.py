"""The caller's workspace: its status, and the quality score of its memories."""

from __future__ import annotations

from ...resource import Built, Core, Resource
from ..memory.sqlite_store import SqliteMemoryStore
from .migrations import MIGRATIONS
from .routes import handlers
from .sql_store import SqlWorkspaceStore


def build(core: Core) -> Built:
    return Built(handlers(SqlWorkspaceStore(core.db), SqliteMemoryStore(core.db)))


RESOURCE = Resource("workspace", MIGRATIONS, build)
