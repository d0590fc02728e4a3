"""``client.describe()``: the agent tools as a model reads them.

A ``Description`` holds the tools of ``openapi.yaml``'s ``x-agent-tool`` operations, with the
scopes the application fixed taken out of their arguments, and renders them as plain text
(for a system prompt), as OpenAI function definitions (Chat Completions or Responses) and as
Anthropic tool definitions. ``client.run_tool`` runs what a model calls.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple

from typing_extensions import Literal

from ._exceptions import InvalidArgumentError
from ._tools import ToolSpec, fixed_scopes, manifest, provider_name

if TYPE_CHECKING:
    from mnemexa_api.models import StatusResponse

DESCRIBE_TTL = 300.0
"""Seconds a client keeps a ``describe()`` result."""

DESCRIBE_CACHE_SIZE = 256
"""The most ``describe()`` results a client keeps (one per fixed scopes): a server that
describes the tools for each of its users does not keep every user's for ever."""

ScopeKey = Tuple[Optional[str], Optional[str], Optional[str]]


@dataclass(frozen=True)
class AgentTool:
    """One tool: its name (``brain.remember``), what it does, and its arguments' JSON Schema.

    The fixed scopes are not among its arguments. ``input_schema`` is a new dict on each
    read, so that a caller may change it freely.
    """

    name: str
    description: str
    operation_id: str
    method: str
    path: str
    _schema: str = field(repr=False)
    _returns: str = field(repr=False)

    @property
    def input_schema(self) -> Dict[str, Any]:
        """The arguments' JSON Schema: an object with ``properties`` and ``required``."""
        schema: Dict[str, Any] = json.loads(self._schema)
        return schema

    def signature(self) -> str:
        """``brain.remember(text: str, meta: object = None) -> MemoryStoreResponse``."""
        schema = self.input_schema
        properties: Mapping[str, Any] = schema.get("properties", {})
        required = schema.get("required", [])
        ordered = [n for n in properties if n in required] + [
            n for n in properties if n not in required
        ]
        params = []
        for name in ordered:
            prop = properties[name]
            text = f"{name}: {_type_text(prop)}"
            if name not in required:
                text += f" = {prop['default']!r}" if "default" in prop else " = None"
            params.append(text)
        return f"{self.name}({', '.join(params)}) -> {self._returns}"


def _type_text(schema: Mapping[str, Any]) -> str:
    if "enum" in schema:
        return f"Literal[{', '.join(repr(v) for v in schema['enum'])}]"
    kinds = {
        "string": "str",
        "integer": "int",
        "number": "float",
        "boolean": "bool",
        "object": "object",
        "array": "list",
        "null": "None",
    }
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(kinds.get(k, str(k)) for k in kind)
    if kind == "array" and "items" in schema:
        return f"list[{_type_text(schema['items'])}]"
    return kinds.get(str(kind), "object")


@dataclass(frozen=True)
class Description:
    """The agent tools of a workspace, ready for a model.

    ``as_text()`` for a system prompt, ``as_openai_tools()`` and ``as_anthropic_tools()`` for
    the providers' ``tools`` parameters; ``client.run_tool(name, arguments)`` runs a call.
    """

    tools: Tuple[AgentTool, ...]
    workspace_name: str
    api_version: str
    fixed_scopes: Tuple[str, ...] = ()
    """The names of the scope fields the application fixed; the tools do not take them."""

    def as_text(self, include_http: bool = False) -> str:
        """The tools as method signatures, each with a one-line description below it;
        ``include_http`` adds each tool's HTTP method and path."""
        head = f"Memory tools (Mnemexa workspace {self.workspace_name!r}, API {self.api_version})."
        if self.fixed_scopes:
            names, them = " and ".join(self.fixed_scopes), "them"
            if len(self.fixed_scopes) == 1:
                them = "it"
            head += f" The application sets {names}: no tool takes {them}."
        lines = [head]
        for tool in self.tools:
            http = f"  # {tool.method} {tool.path}" if include_http else ""
            lines.append(f"{tool.signature()}{http}")
            lines.append(f"    {tool.description}")
        return "\n".join(lines) + "\n"

    def as_openai_tools(self, api: Literal["chat", "responses"] = "chat") -> List[Dict[str, Any]]:
        """Function tools for OpenAI: ``api="chat"`` for Chat Completions' ``tools``,
        ``"responses"`` for the Responses API's. Names have no dots (``brain_remember``)."""
        if api == "chat":
            return [
                {
                    "type": "function",
                    "function": {
                        "name": provider_name(tool.name),
                        "description": tool.description,
                        "parameters": tool.input_schema,
                    },
                }
                for tool in self.tools
            ]
        if api == "responses":
            return [
                {
                    "type": "function",
                    "name": provider_name(tool.name),
                    "description": tool.description,
                    "parameters": tool.input_schema,
                    "strict": False,
                }
                for tool in self.tools
            ]
        raise InvalidArgumentError(f"api must be 'chat' or 'responses', got {api!r}")

    def as_anthropic_tools(self) -> List[Dict[str, Any]]:
        """Tools for Anthropic's Messages API ``tools``. Names have no dots (``brain_recall``)."""
        return [
            {
                "name": provider_name(tool.name),
                "description": tool.description,
                "input_schema": tool.input_schema,
            }
            for tool in self.tools
        ]


def scope_key(
    agent_id: Optional[str], user_id: Optional[str], session_id: Optional[str]
) -> ScopeKey:
    """The fixed scopes, checked, as a cache key."""
    fixed_scopes(agent_id=agent_id, user_id=user_id, session_id=session_id)
    return (agent_id, user_id, session_id)


def build(status: StatusResponse, key: ScopeKey) -> Description:
    """The description for the fixed scopes ``key``, from the manifest and ``status``."""
    names = manifest().scope_fields
    fixed = {name: value for name, value in zip(names, key) if value is not None}
    return Description(
        tools=tuple(_tool(spec, fixed) for spec in manifest().tools),
        workspace_name=status.workspace_name,
        api_version=status.api_version,
        fixed_scopes=tuple(fixed),
    )


def _tool(spec: ToolSpec, fixed: Mapping[str, str]) -> AgentTool:
    return AgentTool(
        name=spec.name,
        description=spec.description,
        operation_id=spec.operation_id,
        method=spec.method,
        path=spec.path,
        _schema=json.dumps(spec.schema(fixed)),
        _returns=spec.returns(),
    )


class DescribeCache:
    """A client's ``describe()`` results by fixed scopes, each kept ``DESCRIBE_TTL`` seconds."""

    def __init__(self) -> None:
        self._entries: Dict[ScopeKey, Tuple[float, Description]] = {}

    def get(self, key: ScopeKey) -> Optional[Description]:
        entry = self._entries.get(key)
        if entry is None or time.monotonic() >= entry[0]:
            return None
        return entry[1]

    def put(self, key: ScopeKey, description: Description) -> Description:
        now = time.monotonic()
        entries = self._entries
        for old in [k for k, (expires, _) in list(entries.items()) if now >= expires]:
            entries.pop(old, None)
        entries.pop(key, None)
        while len(entries) >= DESCRIBE_CACHE_SIZE:  # the oldest first (insertion order)
            entries.pop(next(iter(entries)), None)
        entries[key] = (now + DESCRIBE_TTL, description)
        return description

    def clear(self) -> None:
        self._entries.clear()

    def __repr__(self) -> str:  # the keys are scope values: not shown
        return f"DescribeCache({len(self._entries)} entries)"
