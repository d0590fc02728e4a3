"""``Client`` and ``AsyncClient`` expose the same resources, methods and signatures, and every
operation the API declares is reachable from both: awaitable on ``AsyncClient``, a plain
result on ``Client``.

The operations come from ``generated/`` (built from ``openapi.yaml``), not from a table here:
each endpoint module's request builder gives the method and path, its response parser the
success status and model. An operation added to the spec fails this test until both clients
serve it. (Only the ``test`` extra is installed on the Python matrix, so no YAML parser.)
"""

from __future__ import annotations

import datetime
import enum
import importlib
import inspect
import json
import pkgutil
import re
import sys
import typing
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, List, Optional, Tuple

import attrs
import httpx
import mnemexa
import pytest
from mnemexa._operation import Resource, _BoundDescriptor, paginated

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"


def _public(obj: object) -> dict:
    return {n: getattr(obj, n) for n in dir(obj) if not n.startswith("_")}


def _normalise(sig: inspect.Signature) -> str:
    return str(sig).replace("AsyncPager", "Pager").replace("SyncPager", "Pager")


# ---- the API's operations, and a valid success body for each, from generated/ -----------


def _hints(obj: Any) -> Dict[str, Any]:
    """Type hints of a generated function or model; its forward references name models."""
    import mnemexa_api.models

    module = sys.modules[obj.__module__]
    return typing.get_type_hints(obj, vars(module), dict(vars(mnemexa_api.models)))


def sample(tp: Any) -> Any:
    """A valid value of a generated type: required fields only, one item per list."""
    import mnemexa_api.models
    from mnemexa_api.types import Unset

    if isinstance(tp, typing.ForwardRef):  # Python 3.9 leaves list["Memory"] unresolved
        tp = tp.__forward_arg__
    if isinstance(tp, str):
        tp = getattr(mnemexa_api.models, tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union:
        if type(None) in args:
            return None
        return sample(next(a for a in args if a is not Unset))
    if origin in (list, List):
        return [sample(args[0])]
    if origin in (dict, Dict) or tp in (Any, dict):
        return {}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp))
    if attrs.has(tp):
        hints = _hints(tp)
        required = [f for f in attrs.fields(tp) if f.init and f.default is attrs.NOTHING]
        return tp(**{f.name: sample(hints[f.name]) for f in required})
    known = {str: "x", int: 1, float: 0.5, bool: False}
    if tp in known:
        return known[tp]
    if tp is datetime.datetime:
        return datetime.datetime(2026, 11, 1, 10, tzinfo=datetime.timezone.utc)
    raise AssertionError(f"no sample for {tp!r}")


@dataclass(frozen=True)
class ApiOperation:
    operation_id: str
    method: str
    path: re.Pattern[str]
    status: int
    body: Optional[Any]  # a valid JSON body; None for a response without content

    def matches(self, request: httpx.Request) -> bool:
        return request.method.lower() == self.method and bool(self.path.fullmatch(request.url.path))


_PATH_SENTINEL = {int: 987654321, str: "path-sentinel"}


def _from_endpoint(module: ModuleType) -> ApiOperation:
    from mnemexa._base_client import _parsing
    from mnemexa_api.errors import UnexpectedStatus

    build, parse = module._get_kwargs, module._parse_response
    hints = _hints(build)
    arguments = {
        name: _PATH_SENTINEL.get(hints[name]) or sample(hints[name])
        for name, param in inspect.signature(build).parameters.items()
        if param.default is inspect.Parameter.empty
    }
    request = build(**arguments)
    path = re.escape(request["url"])
    for value in _PATH_SENTINEL.values():
        path = path.replace(re.escape(str(value)), "[^/]+")

    from mnemexa_api.models import Error

    results = [t for t in typing.get_args(_hints(parse)["return"]) if t not in (Error, type(None))]
    model = next((t for t in results if attrs.has(t)), None)
    body = None if model is None else sample(model).to_dict()
    for status in (200, 201, 202, 203, 204):
        response = httpx.Response(status, json=body, request=httpx.Request("GET", "http://x"))
        try:
            parse(client=_parsing()[0], response=response)
        except UnexpectedStatus:
            continue
        name = module.__name__.rsplit(".", 1)[-1]
        return ApiOperation(name, request["method"], re.compile(path), status, body)
    raise AssertionError(f"{module.__name__}: no 2xx status parses")


def api_operations() -> List[ApiOperation]:
    import mnemexa_api.api

    prefix = mnemexa_api.api.__name__ + "."
    modules = [
        importlib.import_module(name)
        for _, name, is_pkg in pkgutil.walk_packages(mnemexa_api.api.__path__, prefix)
        if not is_pkg
    ]
    return [_from_endpoint(m) for m in modules if hasattr(m, "_get_kwargs")]


API_OPERATIONS = api_operations()


def test_the_operations_are_the_specs():
    """``generated/`` has one endpoint module per operation in ``openapi.yaml``."""
    yaml = pytest.importorskip("yaml")  # not in the ``test`` extra the matrix installs
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    declared = {
        (op["operationId"], method)
        for item in spec["paths"].values()
        for method, op in item.items()
        if method in ("get", "put", "post", "patch", "delete")
    }
    assert {(op.operation_id, op.method) for op in API_OPERATIONS} == declared
    assert len(API_OPERATIONS) >= 9


# ---- the SDK's operation methods, called with arguments built from their signatures -----

# Values by annotation, for the parameters without a default.
SAMPLES: List[Tuple[str, Any]] = [
    (r"(Sequence|List)\[.*\]", ["a memory"]),
    (r"(Mapping|Dict)\[.*\]", {"k": "v"}),
    (r"str", "a memory"),
    (r"int", 1),
    (r"float", 0.5),
    (r"bool", True),
]


def _arguments(method: Any) -> Dict[str, Any]:
    arguments = {}
    for param in inspect.signature(method).parameters.values():
        if param.default is not inspect.Parameter.empty:
            continue
        annotation = str(param.annotation)
        values = [value for pattern, value in SAMPLES if re.fullmatch(pattern, annotation)]
        assert values, f"{method.__qualname__}: no sample value for {param.name}: {annotation}"
        arguments[param.name] = values[0]
    return arguments


def sdk_operations(client: Any) -> Dict[str, Tuple[Any, bool]]:
    """``"memory.store"`` -> (bound method, is paginated), for every declared API operation."""
    resources = {"": client}
    resources.update({f"{n}.": v for n, v in vars(client).items() if isinstance(v, Resource)})
    found = {}
    for prefix, resource in resources.items():
        for name in dir(type(resource)):
            declared = inspect.getattr_static(type(resource), name)
            if isinstance(declared, _BoundDescriptor):
                found[prefix + name] = (getattr(resource, name), isinstance(declared, paginated))
    return found


class Server:
    """Answers each request with its spec operation's valid success body; records which."""

    def __init__(self) -> None:
        self.hits: List[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        ops = [op for op in API_OPERATIONS if op.matches(request)]
        assert len(ops) == 1, f"{request.method} {request.url.path} matches {ops}"
        self.hits.append(ops[0].operation_id)
        if ops[0].body is None:
            return httpx.Response(ops[0].status)
        return httpx.Response(ops[0].status, json=ops[0].body)


def _client(client_class: Any, http_class: Any, server: Server) -> Any:
    http = http_class(transport=httpx.MockTransport(server))
    return client_class(api_key="k", base_url="http://127.0.0.1:1", http_client=http)


def _summary(value: Any) -> Any:
    """A comparable form of a result: models by their JSON, pages and items likewise."""
    if isinstance(value, list):
        return [_summary(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    return json.loads(json.dumps(to_dict(), default=str)) if to_dict else value


def _run_sync(method: Any, is_paged: bool) -> Any:
    result = method(**_arguments(method))
    assert not inspect.isawaitable(result), f"{method.__qualname__} on Client is awaitable"
    if not is_paged:
        return _summary(result)
    assert isinstance(result, mnemexa.SyncPager)
    page = result.fetch_page()
    assert not inspect.isawaitable(page)
    items = list(result)
    assert not any(inspect.isawaitable(item) for item in items)
    return [_summary(page), _summary(items)]


async def _run_async(method: Any, is_paged: bool) -> Any:
    result = method(**_arguments(method))
    if not is_paged:
        assert inspect.isawaitable(result), f"{method.__qualname__} on AsyncClient: {result!r}"
        value = await result
        assert not inspect.isawaitable(value)
        return _summary(value)
    assert isinstance(result, mnemexa.AsyncPager)
    assert not inspect.isawaitable(result)  # a pager is returned at once, then iterated
    page = result.fetch_page()
    assert inspect.isawaitable(page), f"{method.__qualname__}().fetch_page() on AsyncClient"
    page_value = await page
    items = [item async for item in result]
    return [_summary(page_value), _summary(items)]


async def test_every_spec_operation_is_sync_on_client_and_awaitable_on_async_client():
    sync_server, async_server = Server(), Server()
    sync = _client(mnemexa.Client, httpx.Client, sync_server)
    aio = _client(mnemexa.AsyncClient, httpx.AsyncClient, async_server)
    sync_ops, async_ops = sdk_operations(sync), sdk_operations(aio)
    assert set(sync_ops) == set(async_ops)
    # every public method is such an operation (and so run below), but the client's lifecycle
    public = {
        f"{prefix}{name}"
        for prefix, obj in [("", sync), *((f"{n}.", v) for n, v in vars(sync).items())]
        if prefix == "" or isinstance(obj, Resource)
        for name, member in _public(obj).items()
        if callable(member) and not isinstance(member, Resource)
    }
    assert public - set(sync_ops) == {"close", "with_options"}

    served: Dict[str, List[str]] = {}
    for name in sorted(sync_ops):
        method, is_paged = sync_ops[name]
        a_method, a_is_paged = async_ops[name]
        assert is_paged == a_is_paged, name

        start = len(sync_server.hits)
        sync_result = _run_sync(method, is_paged)
        served[name] = sorted(set(sync_server.hits[start:]))
        assert len(served[name]) == 1, f"{name} sent {served[name]}"

        start = len(async_server.hits)
        async_result = await _run_async(a_method, is_paged)
        assert sorted(set(async_server.hits[start:])) == served[name], name
        assert async_result == sync_result, name

    every = {op.operation_id for op in API_OPERATIONS}
    reached = {ops[0] for ops in served.values()}
    assert reached == every, f"spec operations no SDK method sends: {every - reached}"
    assert sync_server.hits == async_server.hits
    sync.close()
    await aio.close()


# ---- the surface: same names, same signatures, documented --------------------------------


def test_same_constructor():
    assert inspect.signature(mnemexa.Client) == inspect.signature(mnemexa.AsyncClient)


def test_same_resources_methods_and_signatures():
    sync, aio = mnemexa.Client(api_key="k"), mnemexa.AsyncClient(api_key="k")
    sync_names, async_names = set(_public(sync)), set(_public(aio))
    assert sync_names == async_names
    assert {"memory", "optimize", "status", "close", "with_options"} <= sync_names

    pairs = [(sync, aio)] + [
        (resource, getattr(aio, name))
        for name, resource in vars(sync).items()
        if isinstance(resource, Resource)
    ]
    checked = 0
    for s_obj, a_obj in pairs:
        s_members, a_members = _public(s_obj), _public(a_obj)
        assert set(s_members) == set(a_members), type(s_obj).__name__
        for name, s_member in s_members.items():
            if callable(s_member):
                a_sig = inspect.signature(a_members[name])
                assert _normalise(inspect.signature(s_member)) == _normalise(a_sig), name
                checked += 1
    assert checked >= len(API_OPERATIONS)
    # close is the one lifecycle method whose mode differs: a coroutine on AsyncClient
    assert inspect.iscoroutinefunction(aio.close)
    assert not inspect.iscoroutinefunction(sync.close)


def test_methods_have_docstrings():
    client = mnemexa.Client(api_key="k")
    for resource in (client, client.memory, client.optimize):
        for name, member in _public(resource).items():
            if callable(member):
                assert (member.__doc__ or "").strip(), name
