"""Build the agent tool manifest (``agent_tools.json``) from the operations marked ``x-agent-tool``.

The SDK has no YAML parser, so ``describe()``, ``run_tool()`` and the MCP adapter read this JSON
file, written next to the generated package by ``generator/generate.py``. Each tool carries the
operation it calls, its HTTP method and path, where each argument goes (body, path or query),
and a self-contained JSON Schema for its arguments: references inlined, ``x-`` keys dropped,
and each property's own description kept over the referenced schema's.

An ``x-agent-tool`` marker holds:

``name``
    The tool's name (``brain.remember``).
``description``
    What the tool does, written for a model.
``parameters``
    The operation's body properties and path or query parameters offered to an agent, in order.
``scope_check`` (optional)
    A GET of the target, by path parameters the tool also takes, made before the tool acts, so
    that scopes fixed by the caller hold for tools that take only an id.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping

METHODS = ("get", "put", "post", "patch", "delete")
SCOPE_FIELDS = ("agent_id", "user_id", "session_id")


def _resolve(spec: Mapping[str, Any], node: Any) -> Any:
    """``node`` with every ``$ref`` inlined (siblings of a ``$ref`` win) and ``x-`` keys dropped."""
    if isinstance(node, list):
        return [_resolve(spec, item) for item in node]
    if not isinstance(node, dict):
        return node
    out: Dict[str, Any] = {}
    if "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        out.update(_resolve(spec, target))
    for key, value in node.items():
        if key == "$ref" or key.startswith("x-") or key == "examples":
            continue
        out[key] = _resolve(spec, value)
    if "description" in out:
        out["description"] = " ".join(str(out["description"]).split())
    return out


def _operations(spec: Mapping[str, Any]) -> Dict[str, Dict[str, Any]]:
    found: Dict[str, Dict[str, Any]] = {}
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method in item:
                op = item[method]
                found[op["operationId"]] = {
                    "method": method.upper(),
                    "path": path,
                    "tag": op.get("tags", ["default"])[0],  # the generator's folder for untagged
                    "op": op,
                    "parameters": [_resolve(spec, p) for p in [*shared, *op.get("parameters", [])]],
                }
    return found


def _tool(spec: Mapping[str, Any], operation_id: str, found: Dict[str, Any]) -> Dict[str, Any]:
    op, marker = found["op"], found["op"]["x-agent-tool"]
    body: Dict[str, Any] = {}
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    if content is not None:
        body = _resolve(spec, content["schema"])
    body_props: Mapping[str, Any] = body.get("properties", {})
    params = {p["name"]: p for p in found["parameters"] if p["in"] in ("path", "query")}
    properties: Dict[str, Any] = {}
    locations: Dict[str, str] = {}
    required: List[str] = []
    for name in marker["parameters"]:
        if name in body_props:
            properties[name] = body_props[name]
            locations[name] = "body"
            if name in body.get("required", []):
                required.append(name)
        elif name in params:
            param = params[name]
            schema = dict(param["schema"])
            if "description" in param:
                schema["description"] = param["description"]
            properties[name] = schema
            locations[name] = param["in"]
            if param.get("required"):
                required.append(name)
        else:
            raise ValueError(f"{operation_id}: x-agent-tool names {name!r}, which it does not take")
    missing = [p for p, spec_p in params.items() if spec_p.get("required") and p not in locations]
    if missing:
        raise ValueError(f"{operation_id}: x-agent-tool leaves out required {missing}")
    schema: Dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    tool: Dict[str, Any] = {
        "name": marker["name"],
        "description": " ".join(marker["description"].split()),
        "operation_id": operation_id,
        "module": f"{found['tag']}.{operation_id}",
        "method": found["method"],
        "path": found["path"],
        "summary": op["summary"],
        "input_schema": schema,
        "locations": locations,
        "has_body": content is not None,
    }
    if "scope_check" in marker:
        tool["scope_check"] = marker["scope_check"]
    return tool


def build(spec: Mapping[str, Any]) -> Dict[str, Any]:
    """The manifest for ``spec``: the API version, the scope fields and the tools, in spec order."""
    operations = _operations(spec)
    tools = [_tool(spec, oid, found) for oid, found in operations.items() if "x-agent-tool" in found["op"]]
    names = [t["name"] for t in tools]
    if len(set(names)) != len(names):
        raise ValueError(f"x-agent-tool names repeat: {names}")
    for tool in tools:
        ids = [n for n, where in tool["locations"].items() if where == "path" and n not in SCOPE_FIELDS]
        if ids and "scope_check" not in tool:
            # A tool on one record by id must read it first, or fixed scopes would not hold.
            raise ValueError(f"{tool['operation_id']}: x-agent-tool takes {ids} but names no scope_check")
        check = tool.get("scope_check")
        if check is not None:
            target = operations.get(check)
            ids = {p["name"] for p in target["parameters"] if p["in"] == "path"} if target else set()
            own = {name for name, where in tool["locations"].items() if where == "path"}
            if target is None or target["method"] != "GET" or not ids or not ids <= own:
                raise ValueError(f"{tool['operation_id']}: scope_check {check!r} is not a GET by its ids")
            tool["scope_check"] = {"operation_id": check, "module": f"{target['tag']}.{check}"}
    return {"api_version": spec["info"]["version"], "scope_fields": list(SCOPE_FIELDS), "tools": tools}


def render(spec: Mapping[str, Any]) -> str:
    """The manifest as the JSON text that ``generate.py`` writes."""
    return json.dumps(build(spec), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
