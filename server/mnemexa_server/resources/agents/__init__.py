"""Agents: names, descriptions and meta for ``agent_id`` values, their statistics, and the
deletion of an agent with all its data."""

from __future__ import annotations

from ...resource import Built, Core, Resource
from ..memory import memory_service
from ..sessions import session_store
from .migrations import MIGRATIONS
from .routes import handlers
from .service import AgentService
from .sql_store import SqlAgentStore


def build(core: Core) -> Built:
    service = AgentService(SqlAgentStore(core.db), session_store(core), memory_service(core))
    return Built(handlers(service))


RESOURCE = Resource("agents", MIGRATIONS, build)
