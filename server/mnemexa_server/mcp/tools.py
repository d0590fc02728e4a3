"""The MCP server: the SDK's agent tools, listed from ``describe()`` and run by ``run_tool()``.

The tools are exactly the operations ``openapi.yaml`` marks ``x-agent-tool``, under their own
names (``brain.remember``; MCP tool names allow dots) with their JSON schemas and descriptions.
``describe()`` is given the scopes the configuration fixes, so those are not in any tool's
schema, and ``run_tool()`` refuses a call that passes one anyway: a prompt injection cannot
widen them. Every failure of a call is a tool result with ``isError: true``
(:mod:`.errors`); only an unknown tool name is a protocol error, as MCP specifies.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any, Dict, Mapping, Optional, Sequence

import mnemexa
from mcp import types
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.shared.exceptions import MCPError

from .errors import describe_failure, error_result, redact

logger = logging.getLogger("mnemexa_server.mcp")

INSTRUCTIONS = (
    "Long-term memory. Before answering about the user, their preferences or earlier work, "
    "use brain.recall; when you learn a fact, preference or decision worth keeping, use "
    "brain.remember with one self-contained statement."
)


def mcp_tool(tool: mnemexa.AgentTool) -> types.Tool:
    """One SDK ``AgentTool`` as an MCP tool. A GET is read-only and a DELETE destructive;
    MCP clients take these as hints only."""
    annotations = None
    if tool.method == "GET":
        annotations = types.ToolAnnotations(read_only_hint=True)
    elif tool.method == "DELETE":
        annotations = types.ToolAnnotations(read_only_hint=False, destructive_hint=True)
    return types.Tool(
        name=tool.name,
        description=tool.description,
        input_schema=dict(tool.input_schema),
        annotations=annotations,
    )


# What a tool whose operation answers without a body (brain.forget) returns: the model gets
# a plain confirmation rather than `null`.
NO_BODY = {"status": "ok"}


def success_result(result: Any, secrets: Sequence[str] = ()) -> types.CallToolResult:
    """The SDK's JSON-able result as JSON text, and as structured content when it is an
    object (MCP before 2026-07-28 allows only objects there)."""
    if result is None:
        result = NO_BODY
    text = redact(json.dumps(result, ensure_ascii=False), secrets)
    structured = json.loads(text)
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=text)],
        structured_content=structured if isinstance(structured, dict) else None,
    )


class MnemexaTools:
    """The tools of one configuration: a client, its fixed scopes, the secrets to scrub."""

    def __init__(
        self,
        client: mnemexa.AsyncClient,
        scopes: Mapping[str, str],
        secrets: Sequence[str] = (),
    ) -> None:
        self.client = client
        self.scopes = dict(scopes)
        self.secrets = tuple(secrets)
        self._tools: Optional[Dict[str, types.Tool]] = None

    async def tools(self) -> Dict[str, types.Tool]:
        """The tools by name. ``describe()`` verifies the key with the server, so this raises
        the SDK's errors until the server has answered once; then the tools are kept."""
        if self._tools is None:
            description = await self.client.describe(
                agent_id=self.scopes.get("agent_id"),
                user_id=self.scopes.get("user_id"),
                session_id=self.scopes.get("session_id"),
            )
            self._tools = {t.name: mcp_tool(t) for t in description.tools}
        return self._tools

    async def list_tools(
        self, ctx: ServerRequestContext[Any], params: Optional[types.PaginatedRequestParams]
    ) -> types.ListToolsResult:
        try:
            tools = await self.tools()
        except mnemexa.MnemexaError as exc:  # a request with no result: a JSON-RPC error
            logger.warning("tools/list failed: %s", describe_failure(exc))
            message = redact(f"Mnemexa did not answer: {exc}", self.secrets)
            raise MCPError(types.INTERNAL_ERROR, message) from None
        return types.ListToolsResult(tools=list(tools.values()))

    async def call_tool(
        self, ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        started = time.monotonic()
        try:
            known = await self.tools()
        except mnemexa.MnemexaError as exc:  # the tools are not known yet: no name to trust
            logger.info("tools/call failed: %s", describe_failure(exc))
            return error_result(exc, self.secrets)
        if params.name not in known:
            raise MCPError(types.INVALID_PARAMS, f"Unknown tool: {params.name}")
        try:
            result = await self.client.run_tool(
                params.name,
                params.arguments or {},
                agent_id=self.scopes.get("agent_id"),
                user_id=self.scopes.get("user_id"),
                session_id=self.scopes.get("session_id"),
            )
            reply = success_result(result, self.secrets)
        except Exception as exc:
            elapsed = (time.monotonic() - started) * 1000
            if isinstance(exc, mnemexa.MnemexaError):
                logger.info("%s failed in %.0f ms: %s", params.name, elapsed, describe_failure(exc))
            else:
                logger.exception("%s failed in %.0f ms", params.name, elapsed)
            return error_result(exc, self.secrets)
        logger.info("%s ok in %.0f ms", params.name, (time.monotonic() - started) * 1000)
        return reply


def build_server(tools: MnemexaTools) -> Server[Any]:
    return Server(
        "mnemexa",
        version=mnemexa.__version__,
        title="Mnemexa",
        instructions=INSTRUCTIONS,
        on_list_tools=tools.list_tools,
        on_call_tool=tools.call_tool,
    )
