"""Events: asynchronous ingestion into memories (ingest, list, status), and the worker."""

from __future__ import annotations

from functools import partial

from ...resource import Built, Core, Resource
from ..memory import memory_service
from .migrations import MIGRATIONS
from .outcome import EventOutcome
from .routes import handlers
from .sql_store import SqlEventStore, find_workspace
from .worker import Worker


def build(core: Core) -> Built:
    service = memory_service(core)
    events = SqlEventStore(core.db)
    outcome = EventOutcome(events, service.memories)
    workspaces = partial(find_workspace, core.db)
    worker = Worker("events", events, outcome, service, workspaces, core.settings)
    return Built(handlers(service, events, worker.wake), start=(worker.start,), stop=(worker.stop,))


RESOURCE = Resource("events", MIGRATIONS, build)
