"""Every SDK operation under test, derived from the spec and the SDK rather than listed here.

- The operations come from ``openapi.yaml``: operationId, HTTP method, path, success status,
  request and response schemas.
- The SDK method serving each one comes from introspecting ``mnemexa.Client``: every method
  declared with ``@operation`` or ``@paginated``, on the client and on its resources,
  recursively. A declaration, called, returns its request plan (a ``Call``) without sending
  anything, and the plan names the generated endpoint module: its name is the operationId.
- The call arguments come from the request schema (path and query parameters, body
  properties): the required ones, each with a minimal valid value. The valid success body
  comes from the response schema: every property, one item per array, the spec's example
  where it has one.
- Where a body can be mutated is found by walking the response schema: the first required
  scalar, the first required nested object, the first string with documented values.

``coverage()`` reports the spec operations no SDK method serves and the SDK methods that serve
no spec operation; ``test_operations`` fails on either. The one choice made by hand is
``PAGE_ITEMS``: a paginated method is also exercised by iterating its pager.
"""

from __future__ import annotations

import copy
import functools
import inspect
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import mnemexa
import yaml
from mnemexa._operation import Resource, operation, paginated

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "patch", "delete")
SAMPLE_TIME = "2026-11-01T10:00:00Z"  # a date-time the spec gives no example for
PAGE_ITEMS = ("data",)
"""Where a page holds its items (``mnemexa._pagination``): the part of a page's body path
that an iterated pager's results do not have."""

Spec = Dict[str, Any]
Schema = Dict[str, Any]
BodyPath = Tuple[Any, ...]
"""Where a value sits in a JSON body: keys and list indexes."""


# ---- the spec -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _loaded_spec() -> Spec:
    loaded: Spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


def load_spec() -> Spec:
    """A copy of ``openapi.yaml``, free to modify."""
    return copy.deepcopy(_loaded_spec())


def resolve(spec: Spec, node: Any) -> Any:
    """``node`` with its local ``$ref`` (if any) followed, transitively."""
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local references are supported: {ref}"
        node = spec
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


@dataclass(frozen=True)
class SpecOperation:
    """One operation of ``openapi.yaml``, its references resolved."""

    operation_id: str
    http_method: str  # upper case
    template: str  # the path, with ``{name}`` for each path parameter
    parameters: Tuple[Dict[str, Any], ...]  # path, query and header parameter objects
    request_schema: Optional[Schema]  # the JSON request body's; None: no body
    ok_status: int  # the first 2xx the operation declares
    response_schema: Optional[Schema]  # the success body's; None: no body

    @property
    def idempotency_key(self) -> bool:
        """Whether the operation declares the ``Idempotency-Key`` header."""
        return any(
            p["in"] == "header" and p["name"].lower() == "idempotency-key" for p in self.parameters
        )


def _json_schema(spec: Spec, holder: Any) -> Optional[Schema]:
    content = resolve(spec, holder or {}).get("content") or {}
    media = content.get("application/json")
    return None if media is None else media["schema"]


def spec_operations(spec: Spec) -> List[SpecOperation]:
    """Every operation of ``spec``, in the order the spec lists them."""
    found = []
    for template, item in spec["paths"].items():
        shared = [resolve(spec, p) for p in item.get("parameters", [])]
        for method in HTTP_METHODS:
            if method not in item:
                continue
            op = item[method]
            own = [resolve(spec, p) for p in op.get("parameters", [])]
            overridden = {(p["name"], p["in"]) for p in own}
            parameters = [p for p in shared if (p["name"], p["in"]) not in overridden] + own
            status = next(s for s in map(str, op["responses"]) if s.startswith("2"))
            found.append(
                SpecOperation(
                    operation_id=op["operationId"],
                    http_method=method.upper(),
                    template=template,
                    parameters=tuple(parameters),
                    request_schema=_json_schema(spec, op.get("requestBody")),
                    ok_status=int(status),
                    response_schema=_json_schema(spec, op["responses"][status]),
                )
            )
    return found


# ---- values from schemas ------------------------------------------------------------------


def _types(schema: Schema) -> List[str]:
    declared = schema.get("type")
    if declared is None:
        return ["object"] if "properties" in schema or "additionalProperties" in schema else []
    return [declared] if isinstance(declared, str) else list(declared)


def sample(spec: Spec, schema: Schema, name: str = "x", *, complete: bool) -> Any:
    """A valid instance of ``schema``: the spec's example where it gives one.

    ``complete``: every property and one item per array (a success body that exercises every
    model); otherwise only what the schema requires (call arguments). A nullable value is
    null, a string is ``name`` (the property it is for), a number its minimum.
    """
    schema = resolve(spec, schema)
    if schema.get("examples"):
        return copy.deepcopy(schema["examples"][0])
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for choice in ("oneOf", "anyOf"):
        if choice in schema:
            return sample(spec, schema[choice][0], name, complete=complete)
    types = _types(schema)
    if "null" in types:
        return None
    kind = types[0] if types else "object"
    if kind == "object":
        properties = schema.get("properties", {})
        required = schema.get("required", [])
        names = [n for n in properties if complete or n in required]
        for extra in (n for n in properties if n not in names):  # minProperties
            if len(names) >= schema.get("minProperties", 0):
                break
            names.append(extra)
        return {n: sample(spec, properties[n], n, complete=complete) for n in names}
    if kind == "array":
        count = max(schema.get("minItems", 0), 1 if complete else 0)
        return [
            sample(spec, schema.get("items", {}), name, complete=complete) for _ in range(count)
        ]
    if kind == "string":
        return _string(schema, name)
    if kind in ("integer", "number"):
        if "minimum" in schema:
            low = schema["minimum"]
        elif "exclusiveMinimum" in schema:
            low = schema["exclusiveMinimum"] + 1
        else:
            low = 1
        return int(low) if kind == "integer" else float(low)
    if kind == "boolean":
        return False
    raise AssertionError(f"no sample for {name}: {schema}")


def _string(schema: Schema, name: str) -> str:
    formats = {"date-time": SAMPLE_TIME, "date": SAMPLE_TIME[:10]}
    value = formats.get(schema.get("format", ""), name)
    value = value.ljust(schema.get("minLength", 1), "x")[: schema.get("maxLength")]
    pattern = schema.get("pattern")
    assert pattern is None or re.search(pattern, value), f"no sample for {name}: {schema}"
    return value


def request_fields(spec: Spec, op: SpecOperation) -> Dict[str, Tuple[bool, Schema]]:
    """Name -> (required, schema) of what a call supplies: path and query parameters, and the
    properties of the request body."""
    fields = {
        p["name"]: (bool(p.get("required")), p["schema"])
        for p in op.parameters
        if p["in"] in ("path", "query")
    }
    if op.request_schema is not None:
        body = resolve(spec, op.request_schema)
        required = body.get("required", [])
        for name, schema in body.get("properties", {}).items():
            fields[name] = (name in required, schema)
    return fields


def call_arguments(
    spec: Spec, op: SpecOperation, signature: inspect.Signature
) -> Optional[Dict[str, Any]]:
    """Keyword arguments for a method with ``signature`` to make ``op``'s minimal valid request:
    every required field, and optional body properties up to the body's ``minProperties``.
    None when the method does not accept them, or needs an argument ``op`` does not define."""
    accepted = {
        n: p
        for n, p in signature.parameters.items()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY)
    }
    fields = request_fields(spec, op)
    arguments = {n: sample(spec, s, n, complete=False) for n, (req, s) in fields.items() if req}
    if op.request_schema is not None:
        body = resolve(spec, op.request_schema)
        properties, least = body.get("properties", {}), body.get("minProperties", 0)
        optional = [n for n in properties if n not in arguments and n in accepted]
        while optional and sum(n in properties for n in arguments) < least:
            name = optional.pop(0)
            arguments[name] = sample(spec, properties[name], name, complete=False)
        if sum(n in properties for n in arguments) < least:
            return None
    needed = {n for n, p in accepted.items() if p.default is inspect.Parameter.empty}
    if not set(arguments) <= set(accepted) or not needed <= set(arguments):
        return None
    return arguments


def request_path(op: SpecOperation, arguments: Dict[str, Any]) -> str:
    """``op``'s path with the path parameters of ``arguments`` filled in."""
    return re.sub(r"\{([^}]+)\}", lambda m: str(arguments[m.group(1)]), op.template)


def documented_values(schema: Schema) -> List[Any]:
    """The values a string is documented to take: its ``enum``, or the values its description
    lists in backticks when its example is one of them (an enumeration left open so that newer
    values parse)."""
    if schema.get("enum"):
        return list(schema["enum"])
    listed = re.findall(r"`([^`]+)`", schema.get("description", ""))
    examples = schema.get("examples") or [None]
    return listed if "string" in _types(schema) and examples[0] in listed else []


def body_locations(spec: Spec, schema: Schema, body: Any) -> Iterator[Tuple[str, BodyPath]]:
    """Depth first, in the schema's property order, where ``body`` can be mutated:

    - ``"value"``: a required scalar that is not null (removing it breaks the body);
    - ``"nested"``: a required object with declared properties;
    - ``"enum"``: a string with documented values.
    """

    def walk(schema: Schema, value: Any, path: BodyPath) -> Iterator[Tuple[str, BodyPath]]:
        schema = resolve(spec, schema)
        if isinstance(value, list) and value:
            yield from walk(schema.get("items", {}), value[0], (*path, 0))
        if not isinstance(value, dict):
            return
        required = schema.get("required", [])
        for key, child_schema in schema.get("properties", {}).items():
            if key not in value:
                continue
            child, where, resolved = value[key], (*path, key), resolve(spec, child_schema)
            if key in required and isinstance(child, dict) and resolved.get("properties"):
                yield "nested", where
            if key in required and child is not None and not isinstance(child, (dict, list)):
                yield "value", where
            if isinstance(child, str) and documented_values(resolved):
                yield "enum", where
            yield from walk(child_schema, child, where)

    yield from walk(schema, body, ())


# ---- the SDK ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Declared:
    """A method of the SDK declared as an API operation (``@operation`` or ``@paginated``)."""

    path: str  # from the client: "status", "memory.store"
    owner: Any  # the client or resource it is bound to
    declaration: Any  # the ``operation`` or ``paginated`` descriptor

    @property
    def paginated(self) -> bool:
        return isinstance(self.declaration, paginated)

    @property
    def signature(self) -> inspect.Signature:
        return inspect.signature(getattr(self.owner, self.path.rpartition(".")[2]))

    def endpoint(self, arguments: Dict[str, Any]) -> str:
        """The operationId the declaration's request plan calls, for these arguments."""
        plan = self.declaration.__wrapped__(self.owner, **arguments)
        return str(plan.endpoint.__name__).rpartition(".")[2]


def declared_methods(client: Any) -> List[Declared]:
    """Every declared operation method of ``client`` and of its resources, recursively."""
    found: List[Declared] = []
    seen = set()

    def walk(obj: Any, prefix: str) -> None:
        seen.add(id(obj))
        for name in dir(type(obj)):
            declared = inspect.getattr_static(type(obj), name)
            if not name.startswith("_") and isinstance(declared, (operation, paginated)):
                found.append(Declared(prefix + name, obj, declared))
        for name, value in vars(obj).items():
            if not name.startswith("_") and isinstance(value, Resource) and id(value) not in seen:
                walk(value, f"{prefix}{name}.")

    walk(client, "")
    return found


def method_of(client: Any, path: str) -> Any:
    for name in path.split("."):
        client = getattr(client, name)
    return client


# ---- the pairing --------------------------------------------------------------------------


@dataclass(frozen=True)
class Served:
    op: SpecOperation
    method: Declared
    arguments: Dict[str, Any]


@dataclass(frozen=True)
class Coverage:
    served: List[Served]
    uncovered: List[str] = field(default_factory=list)  # spec operations no method serves
    unmatched: List[str] = field(default_factory=list)  # methods serving no spec operation


def _serve(spec: Spec, ops: List[SpecOperation], method: Declared) -> Tuple[Optional[Served], str]:
    """The spec operation ``method`` serves, or why there is none."""
    signature = method.signature
    refused = ""
    for candidate in ops:  # any request the method accepts reveals the endpoint it calls
        arguments = call_arguments(spec, candidate, signature)
        if arguments is None:
            continue
        try:
            endpoint = method.endpoint(arguments)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            refused = f" ({candidate.operation_id}'s: {exc!r})"
            continue  # another operation's arguments, which the declaration rejects
        op = next((o for o in ops if o.operation_id == endpoint), None)
        if op is None:
            return None, f"{method.path} calls {endpoint}, which the spec does not declare"
        arguments = call_arguments(spec, op, signature)
        if arguments is None:
            return None, f"{method.path} does not take the arguments of {endpoint}"
        assert method.endpoint(arguments) == endpoint
        return Served(op, method, arguments), ""
    return None, f"{method.path} takes no spec operation's arguments{refused}: {signature}"


def coverage(spec: Spec, client: Any) -> Coverage:
    """Pair each operation of ``spec`` with the method of ``client`` that serves it."""
    ops = spec_operations(spec)
    served: List[Served] = []
    unmatched: List[str] = []
    for method in declared_methods(client):
        pair, reason = _serve(spec, ops, method)
        if pair is None:
            unmatched.append(reason)
        elif any(s.op == pair.op for s in served):
            unmatched.append(f"{method.path} serves {pair.op.operation_id} a second time")
        else:
            served.append(pair)
    reached = {s.op.operation_id for s in served}
    uncovered = [op.operation_id for op in ops if op.operation_id not in reached]
    order = [op.operation_id for op in ops]
    served.sort(key=lambda s: order.index(s.op.operation_id))
    return Coverage(served, uncovered, unmatched)


# ---- the operations under test ------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """One SDK call, the HTTP exchange behind it, and where its body can be mutated."""

    name: str
    spec_operation: SpecOperation
    sdk_method: str  # "memory.store"
    http_method: str
    path: str  # with the path parameters of ``arguments``
    arguments: Dict[str, Any]
    call: Callable[[Any], Any]  # client -> result, or an awaitable of it
    ok_status: int = 200
    ok_body: Optional[Dict[str, Any]] = None
    value_at: BodyPath = ()  # a scalar the test reads back from the parsed result
    unwrap: BodyPath = ()  # the part of a body path the result does not have (a pager's "data")
    nested_at: BodyPath = ()  # a nested object, for wrong-type and extra-field mutations
    enum_at: BodyPath = ()  # a string with documented values
    representative: bool = False  # for faults that do not depend on the operation

    @property
    def has_body(self) -> bool:
        return self.ok_body is not None

    @property
    def idempotency_key(self) -> bool:
        return self.spec_operation.idempotency_key

    def body(self) -> Dict[str, Any]:
        assert self.ok_body is not None
        return copy.deepcopy(self.ok_body)


def _caller(method: str, arguments: Dict[str, Any], how: str) -> Callable[[Any], Any]:
    def call(client: Any) -> Any:
        result = method_of(client, method)(**copy.deepcopy(arguments))
        if how == "page":
            return result.fetch_page()
        if how == "iterate":
            return _collect(result)
        return result

    return call


def _operation(spec: Spec, served: Served, how: str) -> Operation:
    op = served.op
    body = None
    if op.response_schema is not None:
        body = sample(spec, op.response_schema, complete=True)
    unwrap = PAGE_ITEMS if how == "iterate" else ()
    locations = [] if body is None else list(body_locations(spec, op.response_schema or {}, body))

    def first(kind: str) -> BodyPath:
        paths = (p for k, p in locations if k == kind and p[: len(unwrap)] == unwrap)
        return next(paths, ())

    return Operation(
        name=op.operation_id + ("_iterated" if how == "iterate" else ""),
        spec_operation=op,
        sdk_method=served.method.path,
        http_method=op.http_method,
        path=request_path(op, served.arguments),
        arguments=served.arguments,
        call=_caller(served.method.path, served.arguments, how),
        ok_status=op.ok_status,
        ok_body=body,
        value_at=first("value"),
        unwrap=unwrap,
        nested_at=first("nested"),
        enum_at=first("enum"),
    )


def operations(spec: Spec, client: Any) -> List[Operation]:
    """Every served spec operation as an SDK call; a paginated one also iterated.

    The representative ones are the first operation of each HTTP method and every iterated
    pager: a sample for faults whose handling does not depend on the operation, or that are
    slow.
    """
    found: List[Operation] = []
    methods_seen = set()
    for served in coverage(spec, client).served:
        hows = ["page", "iterate"] if served.method.paginated else ["call"]
        for how in hows:
            op = _operation(spec, served, how)
            first_of_method = how != "iterate" and op.http_method not in methods_seen
            methods_seen.add(op.http_method)
            found.append(replace(op, representative=first_of_method or how == "iterate"))
    return found


def sdk_client() -> mnemexa.Client:
    """A client to introspect; it sends nothing."""
    return mnemexa.Client(api_key="introspection", base_url="http://127.0.0.1:9")


def schema_sample(name: str) -> Dict[str, Any]:
    """A valid, complete instance of the spec's component schema ``name``."""
    spec = load_spec()
    value: Dict[str, Any] = sample(spec, {"$ref": f"#/components/schemas/{name}"}, complete=True)
    return value


OPERATIONS: List[Operation] = operations(load_spec(), sdk_client())

# Success bodies that the hand-written fault tests (forward compatibility, retries) start from.
STORE = schema_sample("MemoryStoreResponse")
MEMORY = schema_sample("Memory")
STATUS = schema_sample("StatusResponse")


# ---- reading results and running calls ----------------------------------------------------


def get_path(data: Any, path: BodyPath) -> Any:
    for step in path:
        data = data[step]
    return data


def set_path(data: Any, path: BodyPath, value: Any) -> None:
    get_path(data, path[:-1])[path[-1]] = value


def read_attr(op: Operation, result: Any, path: BodyPath) -> Any:
    """Read body ``path`` from ``op``'s parsed result: a declared field as the attribute of its
    JSON name (``temporal.type``), an unknown one with ``[]``, a list item by index."""
    assert path[: len(op.unwrap)] == op.unwrap, path
    if not path and hasattr(result, "to_dict"):  # a body without a required scalar: all of it
        return result.to_dict()
    for step in path[len(op.unwrap) :]:
        if isinstance(step, int) or step in getattr(result, "additional_properties", {}):
            result = result[step]
        else:
            result = getattr(result, step)
    return result


def _collect(pager: Any) -> Any:
    """Every item of a sync or async pager."""
    if isinstance(pager, mnemexa.SyncPager):
        return list(pager)

    async def gather() -> List[Any]:
        return [item async for item in pager]

    return gather()


async def call_async(op: Operation, client: Any) -> Any:
    """Run ``op`` on an ``AsyncClient``."""
    result = op.call(client)
    assert inspect.isawaitable(result), f"{op.name} on AsyncClient returned {result!r}"
    return await result


def call_sync(op: Operation, client: Any) -> Any:
    """Run ``op`` on a ``Client``."""
    result = op.call(client)
    assert not inspect.isawaitable(result), f"{op.name} on Client returned an awaitable"
    return result
