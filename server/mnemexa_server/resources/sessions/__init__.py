"""Sessions: conversations addressed by ``session_id``, their activity and summaries."""

from __future__ import annotations

from ...resource import Built, Core, Resource
from ..memory import memory_service
from .migrations import MIGRATIONS
from .routes import handlers
from .service import SessionService
from .sql_store import SqlSessionStore
from .summarize import make_summarizer


def session_store(core: Core) -> SqlSessionStore:
    """The process's session store (the memory service lets stores in through it too)."""
    return core.shared("sessions.store", lambda: SqlSessionStore(core.db))


def build(core: Core) -> Built:
    summarizer = make_summarizer(core.settings.summarizer)
    return Built(handlers(SessionService(session_store(core), memory_service(core), summarizer)))


RESOURCE = Resource("sessions", MIGRATIONS, build)
