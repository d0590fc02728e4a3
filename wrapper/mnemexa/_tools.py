"""Agent tools: the operations ``openapi.yaml`` marks ``x-agent-tool``, for a model to call.

``make generate`` writes them to ``mnemexa_api/agent_tools.json``: each tool's name, its
operation and generated endpoint module, where each argument goes (body, path or query), and
a self-contained JSON Schema for its arguments. This module reads that manifest and, for
``run_tool``, turns a model's tool call into request plans for the client's runner:

- scopes the application fixes (``agent_id``, ``user_id``, ``session_id``) leave the tools'
  arguments, and are set on every call, so a model cannot widen them;
- the arguments are checked against the tool's schema (``ToolArgumentError`` names the
  argument and what is wrong, never its value), then converted for the generated endpoint
  as its own signature says (a body through the request model's ``from_dict``, a query
  date-time parsed, a path id percent-encoded);
- a tool that acts on one record by id (``scope_check`` in the manifest) first reads that
  record, and answers ``NotFoundError`` if it lies outside the fixed scopes.

Nothing here lists operations: a tool added to the spec works once ``make generate`` ran.
"""

from __future__ import annotations

import enum
import functools
import importlib
import inspect
import json
import math
import re
import sys
import typing
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable, Dict, Generator, Mapping, Optional, Sequence, Tuple, Union

from ._exceptions import InvalidArgumentError, MnemexaError, NotFoundError, ToolArgumentError
from ._operation import Call
from .resources._args import segment

MANIFEST_FILE = "agent_tools.json"

PROVIDER_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
"""A name both OpenAI (functions) and Anthropic (tools) accept: no dots, at most 64 long."""

Arguments = Union[str, bytes, Mapping[str, Any], None]
"""A tool call's arguments: a JSON object as text (OpenAI) or as a mapping (Anthropic)."""

Plan = Generator[Call[Any], Any, Any]


def provider_name(name: str) -> str:
    """``name`` as OpenAI and Anthropic accept it: ``brain.remember`` is ``brain_remember``."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)


@dataclass(frozen=True)
class ToolSpec:
    """One tool of the manifest, as ``make generate`` wrote it."""

    name: str
    description: str
    operation_id: str
    module: str
    method: str
    path: str
    schema_text: str  # the input schema as JSON text: every reader gets its own copy
    locations: Tuple[Tuple[str, str], ...]
    has_body: bool
    check_module: Optional[str]

    @property
    def where(self) -> Dict[str, str]:
        """Each argument's place in the request: ``body``, ``path`` or ``query``."""
        return dict(self.locations)

    def schema(self, fixed: Optional[Mapping[str, str]] = None) -> Dict[str, Any]:
        """The input schema without the ``fixed`` scope fields (a new dict)."""
        schema: Dict[str, Any] = json.loads(self.schema_text)
        properties = schema.setdefault("properties", {})
        fixed = fixed or {}
        for name in fixed:
            properties.pop(name, None)
        if "required" in schema:
            required = [name for name in schema["required"] if name not in fixed]
            if required:
                schema["required"] = required
            else:
                del schema["required"]
        return schema

    def endpoint(self) -> ModuleType:
        return _endpoint(self.module)

    def returns(self) -> str:
        """The name of the result model, or ``"None"`` for an operation without a body."""
        return _result_name(self.endpoint())


@dataclass(frozen=True)
class Manifest:
    api_version: str
    scope_fields: Tuple[str, ...]
    tools: Tuple[ToolSpec, ...]

    def find(self, name: str) -> ToolSpec:
        """The tool called ``name`` (``brain.remember``) or, as providers send it,
        ``brain_remember``; ``ToolArgumentError`` for any other name."""
        if isinstance(name, str):
            for tool in self.tools:
                if name in (tool.name, provider_name(tool.name)):
                    return tool
        names = ", ".join(tool.name for tool in self.tools)
        raise ToolArgumentError(f"unknown tool {_shown(name)}; the tools are: {names}")


@functools.lru_cache(maxsize=1)
def manifest() -> Manifest:
    """The manifest shipped with the generated package, read once."""
    from importlib.resources import files

    data = json.loads(files("mnemexa_api").joinpath(MANIFEST_FILE).read_text(encoding="utf-8"))
    tools = tuple(
        ToolSpec(
            name=tool["name"],
            description=tool["description"],
            operation_id=tool["operation_id"],
            module=tool["module"],
            method=tool["method"],
            path=tool["path"],
            schema_text=json.dumps(tool["input_schema"]),
            locations=tuple(tool["locations"].items()),
            has_body=bool(tool["has_body"]),
            check_module=tool["scope_check"]["module"] if "scope_check" in tool else None,
        )
        for tool in data["tools"]
    )
    names = [provider_name(tool.name) for tool in tools]
    if len(set(names)) != len(names) or not all(PROVIDER_NAME.match(n) for n in names):
        raise RuntimeError(f"{MANIFEST_FILE}: tool names that providers cannot tell apart: {names}")
    return Manifest(data["api_version"], tuple(data["scope_fields"]), tools)


def fixed_scopes(**scopes: Optional[str]) -> Dict[str, str]:
    """The scopes the application fixes (``None``: not fixed), checked."""
    fixed: Dict[str, str] = {}
    for name, value in scopes.items():
        if value is None:
            continue
        if not isinstance(value, str) or not value:
            kind = "an empty one" if isinstance(value, str) else type(value).__name__
            raise InvalidArgumentError(f"{name} must be a non-empty str, got {kind}")
        fixed[name] = value
    return fixed


# ---- a tool call, as request plans --------------------------------------------------------


def plan(name: str, arguments: Arguments, fixed: Mapping[str, str]) -> Plan:
    """Run tool ``name`` with ``arguments`` under the ``fixed`` scopes, as a generator.

    It yields the request plans to execute (the scope check's read, then the call) and is
    sent each one's result; an error of the runner is thrown into it. It returns the call's
    result as JSON-able data. Argument errors are raised before the first plan.
    """
    tool = manifest().find(name)
    values = _checked(tool, arguments, fixed)
    where = tool.where
    values.update((field, value) for field, value in fixed.items() if field in where)
    endpoint = tool.endpoint()
    kwargs = _request_arguments(tool, endpoint, values)
    if tool.check_module is not None and fixed:
        yield from _scope_check(tool, kwargs, fixed)
    try:
        result = yield Call(endpoint, **kwargs)
    except ToolArgumentError:
        raise
    except InvalidArgumentError as exc:  # nothing was sent: say so to the model
        raise ToolArgumentError(f"{tool.name}: {exc.message}", tool=tool.name) from None
    return _jsonable(result)


def run(steps: Plan, execute: Callable[[Call[Any]], Any]) -> Any:
    """Drive ``steps`` with a sync runner's ``execute``."""
    sent: Any = None
    error: Optional[MnemexaError] = None
    while True:
        try:
            call = steps.send(sent) if error is None else steps.throw(error)
        except StopIteration as stop:
            return stop.value
        try:
            sent, error = execute(call), None
        except MnemexaError as exc:
            sent, error = None, exc


async def run_async(steps: Plan, execute: Callable[[Call[Any]], Any]) -> Any:
    """Drive ``steps`` with an async runner's ``execute``."""
    sent: Any = None
    error: Optional[MnemexaError] = None
    while True:
        try:
            call = steps.send(sent) if error is None else steps.throw(error)
        except StopIteration as stop:
            return stop.value
        try:
            sent, error = await execute(call), None
        except MnemexaError as exc:
            sent, error = None, exc


def _scope_check(tool: ToolSpec, kwargs: Mapping[str, Any], fixed: Mapping[str, str]) -> Plan:
    """Read the record ``tool`` acts on, by the same path ids; ``NotFoundError`` unless each
    fixed scope field holds the fixed value there. A record that does not exist gets the
    same answer, so that a model cannot learn what lies in other scopes."""
    check = _endpoint(typing.cast(str, tool.check_module))
    ids = [
        param.name
        for param in inspect.signature(check._get_kwargs).parameters.values()
        if param.kind is param.POSITIONAL_OR_KEYWORD
    ]
    try:
        target = yield Call(check, **{name: kwargs[name] for name in ids})
    except NotFoundError as exc:
        raise _not_in_scope(tool, ids, exc.request_id) from None
    found = target.to_dict()
    if any(found.get(field) != value for field, value in fixed.items()):
        raise _not_in_scope(tool, ids, target.request_id)


def _not_in_scope(tool: ToolSpec, ids: Sequence[str], request_id: Optional[str]) -> NotFoundError:
    noun = ids[-1][: -len("_id")] if ids and ids[-1].endswith("_id") else "record"
    message = f"{tool.name}: no {noun} with this {' and '.join(ids)} in this tool's scope"
    return NotFoundError(
        message,
        status_code=404,
        request_id=request_id,
        code="not_found",
        body={"code": "not_found", "message": message},
    )


def _jsonable(result: Any) -> Any:
    """A result model as its JSON (``to_dict``); ``None`` for an operation without a body."""
    to_dict = getattr(result, "to_dict", None)
    return to_dict() if to_dict is not None else result


# ---- the arguments: checked against the schema, then converted for the endpoint ----------


class _SchemaError(Exception):
    def __init__(self, where: str, problem: str) -> None:
        super().__init__(problem)
        self.where = where
        self.problem = problem


def _checked(tool: ToolSpec, arguments: Arguments, fixed: Mapping[str, str]) -> Dict[str, Any]:
    """``arguments`` as a dict that conforms to the tool's schema without ``fixed``.

    An argument given as ``null`` is taken as left out (models send it for optional ones).
    """
    given = _decoded(tool, arguments)
    schema = tool.schema(fixed)
    properties: Dict[str, Any] = schema["properties"]
    for key in given:
        if key in fixed:
            raise ToolArgumentError(
                f"{tool.name}: {key} is set by the application, not by a tool call; leave it out",
                tool=tool.name,
                argument=key,
            )
        if key not in properties:
            takes = ", ".join(properties) or "no arguments"
            raise ToolArgumentError(
                f"{tool.name}: unknown argument {_shown(key)}; it takes {takes}",
                tool=tool.name,
                argument=key if isinstance(key, str) else None,
            )
    values: Dict[str, Any] = {}
    for name, prop in properties.items():
        value = given.get(name)
        if value is None:
            if name in schema.get("required", ()):
                raise ToolArgumentError(
                    f"{tool.name}: {name} is required: {prop.get('description', '')}".rstrip(": "),
                    tool=tool.name,
                    argument=name,
                )
            continue
        try:
            values[name] = _conform(prop, value, name)
        except _SchemaError as bad:
            raise ToolArgumentError(
                f"{tool.name}: {bad.where} {bad.problem}", tool=tool.name, argument=name
            ) from None
    return values


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _decoded(tool: ToolSpec, arguments: Arguments) -> Mapping[str, Any]:
    if isinstance(arguments, (bytes, bytearray)):
        try:
            arguments = bytes(arguments).decode("utf-8")
        except UnicodeDecodeError:
            raise ToolArgumentError(
                f"{tool.name}: the arguments are not UTF-8 text", tool=tool.name
            ) from None
    if arguments is None or (isinstance(arguments, str) and not arguments.strip()):
        return {}
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:  # its .doc holds the text: not chained
            raise ToolArgumentError(
                f"{tool.name}: the arguments are not valid JSON ({exc.msg} at character "
                f"{exc.pos}); send one JSON object",
                tool=tool.name,
            ) from None
        except (ValueError, RecursionError) as exc:
            problem = "nested too deep" if isinstance(exc, RecursionError) else str(exc)
            raise ToolArgumentError(
                f"{tool.name}: the arguments are not valid JSON ({problem})", tool=tool.name
            ) from None
    if not isinstance(arguments, Mapping):
        raise ToolArgumentError(
            f"{tool.name}: the arguments must be a JSON object, not {_article(arguments)}",
            tool=tool.name,
        )
    return arguments


_TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "object": "a JSON object",
    "array": "a JSON array",
    "null": "null",
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _article(value: Any) -> str:
    kind = _json_type(value)
    return _TYPE_WORDS.get(kind, f"a {kind}")


def _accepts(kind: Any, value: Any) -> bool:
    kinds = kind if isinstance(kind, list) else [kind]
    actual = _json_type(value)
    return actual in kinds or (actual == "integer" and "number" in kinds)


_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


def _conform(schema: Mapping[str, Any], value: Any, where: str) -> Any:
    """``value`` checked against ``schema`` (the keywords the manifest uses); an integral
    float where an integer is expected becomes an int. Messages never show the value."""
    kind = schema.get("type")
    if kind == "integer" and isinstance(value, float) and value.is_integer():
        value = int(value)
    if kind is not None and not _accepts(kind, value):
        kinds = [kind] if isinstance(kind, str) else kind
        expected = " or ".join(_TYPE_WORDS.get(k, k) for k in kinds)
        raise _SchemaError(where, f"must be {expected}, not {_article(value)}")
    if "enum" in schema and value not in schema["enum"]:
        choices = ", ".join(json.dumps(v) for v in schema["enum"])
        raise _SchemaError(where, f"must be one of {choices}")
    if isinstance(value, str):
        _check_string(schema, value, where)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_number(schema, value, where)
    elif isinstance(value, Mapping):
        value = _check_object(schema, value, where)
    elif isinstance(value, (list, tuple)):
        items = schema.get("items", {})
        low, high = schema.get("minItems"), schema.get("maxItems")
        if (low is not None and len(value) < low) or (high is not None and len(value) > high):
            raise _SchemaError(where, f"must hold {low or 0} to {high or 'any number of'} items")
        value = [_conform(items, item, f"{where}[{i}]") for i, item in enumerate(value)]
    return value


def _check_string(schema: Mapping[str, Any], value: str, where: str) -> None:
    try:  # a path or query value is encoded as UTF-8 too, where nothing else checks it
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _SchemaError(where, "holds a lone surrogate, which UTF-8 cannot encode") from None
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low is not None and len(value) < low:
        raise _SchemaError(where, f"must be at least {low} characters long")
    if high is not None and len(value) > high:
        raise _SchemaError(where, f"must be at most {high} characters long")
    pattern = schema.get("pattern")
    if pattern is not None:
        try:
            compiled = _pattern(pattern)
        except re.error:  # a pattern Python reads otherwise: the server checks it
            compiled = None
        if compiled is not None and not compiled.search(value):
            raise _SchemaError(where, f"must match the pattern {pattern}")
    if schema.get("format") == "date-time":
        from dateutil.parser import isoparse

        try:
            valid = bool(_DATE_TIME.match(value)) and isoparse(value) is not None
        except (ValueError, OverflowError):
            valid = False
        if not valid:
            raise _SchemaError(where, "must be an ISO 8601 date-time, such as 2026-11-01T09:30:00Z")


@functools.lru_cache(maxsize=64)
def _pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema (ECMA-262) ``pattern`` for Python's ``re``: ``$`` outside a character
    class becomes ``\\Z``, since Python's ``$`` also matches before a final newline (so that
    ``^[^\\x00-\\x1f]+$`` would let ``"id\\n"`` through)."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append("\\Z" if char == "$" and not in_class else char)
        i += 1
    return re.compile("".join(out))


def _check_number(schema: Mapping[str, Any], value: Union[int, float], where: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise _SchemaError(where, "must be a finite number")
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and value < low:
        raise _SchemaError(where, f"must be at least {low}")
    if high is not None and value > high:
        raise _SchemaError(where, f"must be at most {high}")


def _check_object(schema: Mapping[str, Any], value: Mapping[str, Any], where: str) -> Any:
    properties: Mapping[str, Any] = schema.get("properties", {})
    for name in schema.get("required", ()):
        if name not in value:
            raise _SchemaError(f"{where}.{name}", "is required")
    longest = schema.get("propertyNames", {}).get("maxLength")
    out: Dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise _SchemaError(where, "has a key that is not a string")
        if longest is not None and len(key) > longest:
            raise _SchemaError(where, f"has a key longer than {longest} characters")
        if key in properties:
            out[key] = _conform(properties[key], item, f"{where}.{key}")
        elif schema.get("additionalProperties") is False:
            raise _SchemaError(where, f"has an unknown key; it takes {', '.join(properties)}")
        else:  # free-form (``meta``): the server checks its limits
            out[key] = item
    return out


def _request_arguments(
    tool: ToolSpec, endpoint: ModuleType, values: Mapping[str, Any]
) -> Dict[str, Any]:
    """The endpoint's request-builder arguments, converted as its signature declares."""
    hints = _hints(endpoint)
    where = tool.where
    kwargs: Dict[str, Any] = {}
    body: Dict[str, Any] = {}
    for name, value in values.items():
        if where[name] == "body":
            body[name] = value
        elif where[name] == "path":
            kwargs[name] = segment(value) if isinstance(value, str) else value
        else:
            kwargs[name] = _query_value(hints.get(name), value)
    if tool.has_body:
        model = next(t for t in _options(hints["body"]) if hasattr(t, "from_dict"))
        try:
            kwargs["body"] = model.from_dict(body)
        except (KeyError, ValueError, TypeError, AttributeError, OverflowError) as exc:
            raise ToolArgumentError(
                f"{tool.name}: the arguments do not fit the request ({type(exc).__name__})",
                tool=tool.name,
            ) from None
    return kwargs


def _options(annotation: Any) -> Tuple[Any, ...]:
    """The types a (possibly ``Union``) annotation allows."""
    return typing.get_args(annotation) if typing.get_origin(annotation) is Union else (annotation,)


def _query_value(annotation: Any, value: Any) -> Any:
    import datetime

    for option in _options(annotation):
        if option is datetime.datetime and isinstance(value, str):
            from dateutil.parser import isoparse

            return isoparse(value)
        if isinstance(option, type) and issubclass(option, enum.Enum):
            return option(value)
    return value


@functools.cache
def _endpoint(module: str) -> ModuleType:
    return importlib.import_module(f"mnemexa_api.api.{module}")


@functools.cache
def _hints(endpoint: ModuleType) -> Dict[str, Any]:
    import mnemexa_api.models

    return typing.get_type_hints(
        endpoint._get_kwargs, vars(sys.modules[endpoint.__name__]), vars(mnemexa_api.models)
    )


@functools.cache
def _result_name(endpoint: ModuleType) -> str:
    """The success model's name, from the endpoint's response parser; ``"None"`` if none."""
    import mnemexa_api.models
    from mnemexa_api.models import Error

    parse = endpoint._parse_response
    returns = typing.get_type_hints(
        parse, vars(sys.modules[endpoint.__name__]), vars(mnemexa_api.models)
    )["return"]
    found = [t.__name__ for t in _flatten(returns) if hasattr(t, "from_dict") and t is not Error]
    return " | ".join(found) or "None"


def _flatten(annotation: Any) -> Tuple[Any, ...]:
    options = _options(annotation)
    if options == (annotation,):
        return options
    return tuple(t for option in options for t in _flatten(option))


def _shown(name: Any) -> str:
    """A name a model sent, for a message: quoted and cut short."""
    text = repr(name) if isinstance(name, str) else f"of type {type(name).__name__}"
    return text if len(text) <= 48 else text[:45] + "..."
