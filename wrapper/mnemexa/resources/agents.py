"""``client.agents``: register agents, and see what each one remembers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional, Union

from typing_extensions import Unpack

from .._config import NOT_GIVEN, NotGiven
from .._operation import Call, ModeT, Paged, RequestOptions, Resource, operation, paginated
from ._args import given, meta_model, nullable, segment

if TYPE_CHECKING:
    from mnemexa_api.models import Agent, AgentDeleteResponse, AgentList, AgentStats


class AgentsResource(Resource[ModeT]):
    """Agents: a name, a description and ``meta`` for an ``agent_id``.

    A memory may carry any ``agent_id``; registering one is optional, and ``stats`` works
    for every id.
    """

    @operation
    def create(
        self,
        name: str,
        description: Optional[str] = None,
        meta: Optional[Mapping[str, Any]] = None,
        *,
        agent_id: Optional[str] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[Agent]:
        """Register an agent under ``agent_id`` (a new id when ``None``); raises
        ``ConflictError`` (``agent_exists``) if that id is registered already."""
        from mnemexa_api.api.agents import create_agent
        from mnemexa_api.models import AgentCreateRequest

        body = AgentCreateRequest(
            name=name,
            description=given(description),
            meta=meta_model(meta),
            agent_id=given(agent_id),
        )
        return Call(create_agent, options, body=body)

    @paginated
    def list(
        self,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        **options: Unpack[RequestOptions],
    ) -> Paged[AgentList, Agent]:
        """Every registered agent, newest first, fetched page by page as you iterate."""
        from mnemexa_api.api.agents import list_agents

        return Paged(list_agents, options, limit=given(limit), cursor=given(cursor))

    @operation
    def get(self, agent_id: str, **options: Unpack[RequestOptions]) -> Call[Agent]:
        """One registered agent; raises ``NotFoundError`` if it is not registered here."""
        from mnemexa_api.api.agents import get_agent

        return Call(get_agent, options, agent_id=segment(agent_id))

    @operation
    def update(
        self,
        agent_id: str,
        *,
        name: Optional[str] = None,
        description: Union[str, None, NotGiven] = NOT_GIVEN,
        meta: Optional[Mapping[str, Any]] = None,
        **options: Unpack[RequestOptions],
    ) -> Call[Agent]:
        """Change the name, the description (``None`` clears it) and/or the meta."""
        from mnemexa_api.api.agents import update_agent
        from mnemexa_api.models import AgentUpdateRequest

        body = AgentUpdateRequest(
            name=given(name), description=nullable(description), meta=meta_model(meta)
        )
        return Call(update_agent, options, agent_id=segment(agent_id), body=body)

    @operation
    def delete(self, agent_id: str, **options: Unpack[RequestOptions]) -> Call[AgentDeleteResponse]:
        """Delete the agent, its sessions and every memory with its ``agent_id`` (erased as
        ``memory.delete_many`` erases); the result counts what was erased."""
        from mnemexa_api.api.agents import delete_agent

        return Call(delete_agent, options, agent_id=segment(agent_id))

    @operation
    def stats(self, agent_id: str, **options: Unpack[RequestOptions]) -> Call[AgentStats]:
        """Memory count, count by category, sessions and last write of any ``agent_id``."""
        from mnemexa_api.api.agents import get_agent_stats

        return Call(get_agent_stats, options, agent_id=segment(agent_id))
