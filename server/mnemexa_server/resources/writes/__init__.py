"""Queued writes: ``store_async`` and ``write_status``, run by an ingestion worker."""

from __future__ import annotations

from functools import partial

from ...resource import Built, Core, Resource
from ..events.sql_store import find_workspace
from ..events.worker import Worker
from ..memory import memory_service
from .migrations import MIGRATIONS
from .outcome import WriteOutcome
from .routes import handlers
from .sql_store import SqlWriteStore


def build(core: Core) -> Built:
    service = memory_service(core)
    writes = SqlWriteStore(core.db)
    workspaces = partial(find_workspace, core.db)
    worker = Worker("writes", writes, WriteOutcome(writes), service, workspaces, core.settings)
    return Built(handlers(service, writes, worker.wake), start=(worker.start,), stop=(worker.stop,))


RESOURCE = Resource("writes", MIGRATIONS, build)
