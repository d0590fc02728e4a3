"""``Client`` and ``AsyncClient`` expose the same resources, methods and signatures, and every
operation the API declares is reachable from both: awaitable on ``AsyncClient``, a plain
result on ``Client``.

Nothing here is listed by hand. The operations come from ``generated/`` (built from
``openapi.yaml``): each endpoint module's request builder gives the method and path, its
response parser the success status and model. The sync/async pairs come from walking both
clients: every public attribute, into every resource, recursively. An operation added to the
spec fails this test until both clients serve it, and a method added to one client fails it
until its twin exists. (Only the ``test`` extra is installed on the Python matrix, so no YAML
parser.)
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
from mnemexa._operation import Resource, _BoundDescriptor, operation, paginated
from mnemexa.resources import MemoryResource

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"


def _normalise(sig: inspect.Signature) -> str:
    return str(sig).replace("AsyncPager", "Pager").replace("SyncPager", "Pager")


def surface(client: Any) -> Dict[str, Any]:
    """Every public member of ``client`` and of its resources, recursively, by dotted path:
    ``{"status": <method>, "memory": <resource>, "memory.store": <method>, ...}``."""
    found: Dict[str, Any] = {}

    def walk(obj: Any, prefix: str, seen: Tuple[int, ...]) -> None:
        for name in dir(obj):
            if name.startswith("_"):
                continue
            member = getattr(obj, name)
            found[prefix + name] = member
            if isinstance(member, Resource) and id(member) not in seen:
                walk(member, f"{prefix}{name}.", (*seen, id(member)))

    walk(client, "", (id(client),))
    return found


def _owner(client: Any, path: str) -> Any:
    for name in path.split(".")[:-1]:
        client = getattr(client, name)
    return client


def declaration(client: Any, path: str) -> Optional[_BoundDescriptor]:
    """The ``@operation`` or ``@paginated`` declaration behind the method at ``path``, if any."""
    name = path.rsplit(".", 1)[-1]
    declared = inspect.getattr_static(type(_owner(client, path)), name, None)
    return declared if isinstance(declared, _BoundDescriptor) else None


def _is_method(member: Any) -> bool:
    return callable(member) and not isinstance(member, Resource)


def _function(method: Any) -> Any:
    return getattr(method, "__func__", method)


# A context manager's methods on Client, and their twins on AsyncClient (Python's protocols).
PROTOCOL_TWINS = [("__enter__", "__aenter__"), ("__exit__", "__aexit__")]


def parity_problems(sync: Any, aio: Any) -> List[str]:
    """How ``aio`` fails to be the async twin of ``sync``; empty when it is one.

    Both have the same members at the same paths; each method has the same signature (pagers
    aside) and the same kind of declaration. No method of ``sync`` is a coroutine function,
    and a method ``aio``'s class defines itself, rather than sharing with ``sync``, must be one.
    A declared operation runs through the async runner; that it returns an awaitable is checked
    by calling it, in ``test_every_spec_operation_is_sync_on_client_and_awaitable...``.
    """
    problems: List[str] = []
    s_members, a_members = surface(sync), surface(aio)
    for path in sorted(set(s_members) ^ set(a_members)):
        side = "Client" if path in s_members else "AsyncClient"
        problems.append(f"{path}: only on {side}")
    for path in sorted(set(s_members) & set(a_members)):
        s_member, a_member = s_members[path], a_members[path]
        if isinstance(s_member, Resource) or isinstance(a_member, Resource):
            if type(s_member) is not type(a_member):
                problems.append(f"{path}: {type(s_member).__name__} vs {type(a_member).__name__}")
            continue
        if _is_method(s_member) != _is_method(a_member):
            problems.append(f"{path}: callable on one client only")
            continue
        if not _is_method(s_member):
            continue
        s_sig, a_sig = inspect.signature(s_member), inspect.signature(a_member)
        if _normalise(s_sig) != _normalise(a_sig):
            problems.append(f"{path}: signature {s_sig} vs {a_sig}")
        if inspect.iscoroutinefunction(s_member):
            problems.append(f"{path}: a coroutine function on Client")
        s_decl, a_decl = declaration(sync, path), declaration(aio, path)
        if type(s_decl) is not type(a_decl):
            problems.append(f"{path}: declared as {s_decl!r} vs {a_decl!r}")
        overridden = _function(s_member) is not _function(a_member)
        if s_decl is None and overridden and not inspect.iscoroutinefunction(a_member):
            problems.append(f"{path}: AsyncClient's own version is not a coroutine function")
    for s_name, a_name in PROTOCOL_TWINS:
        if hasattr(sync, s_name):
            twin = getattr(aio, a_name, None)
            if twin is None or not inspect.iscoroutinefunction(twin):
                problems.append(f"{s_name}: no coroutine {a_name} on AsyncClient")
            elif _normalise(inspect.signature(getattr(sync, s_name))) != _normalise(
                inspect.signature(twin)
            ):
                problems.append(f"{s_name}: signature differs from {a_name}")
    return problems


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
    if origin is typing.Literal:  # a const, such as a batch item's status
        return args[0]
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
EVENT = {"user_id": "alice", "session_id": "s1", "kind": "user_message", "content": "Hi."}
SAMPLES: List[Tuple[str, Any]] = [
    (r"Sequence\[EventArg\]", [EVENT]),
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
        if param.default is not inspect.Parameter.empty or param.kind is param.VAR_KEYWORD:
            continue
        annotation = str(param.annotation)
        values = [value for pattern, value in SAMPLES if re.fullmatch(pattern, annotation)]
        assert values, f"{method.__qualname__}: no sample value for {param.name}: {annotation}"
        arguments[param.name] = values[0]
    return arguments


def sdk_operations(client: Any) -> Dict[str, Tuple[Any, bool]]:
    """``"memory.store"`` -> (bound method, is paginated), for every declared API operation."""
    found = {}
    for path, member in surface(client).items():
        declared = declaration(client, path) if _is_method(member) else None
        if declared is not None:
            found[path] = (member, isinstance(declared, paginated))
    return found


class Server:
    """Answers each request with its spec operation's valid success body; records which."""

    def __init__(self) -> None:
        self.hits: List[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        ops = [op for op in API_OPERATIONS if op.matches(request)]
        # As in OpenAPI, a concrete path (/v1/memory/stats) wins over a templated one.
        concrete = [op for op in ops if "[^/]+" not in op.path.pattern]
        ops = concrete or ops
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
    if isinstance(value, mnemexa.APIResponse):  # with_raw_response: a list's first page too
        return [value.status_code, dict(value.headers), _summary(value.parse())]
    to_dict = getattr(value, "to_dict", None)
    return json.loads(json.dumps(to_dict(), default=str)) if to_dict else value


def _run_sync(method: Any, is_paged: bool) -> Any:
    result = method(**_arguments(method))
    assert not inspect.isawaitable(result), f"{method.__qualname__} on Client is awaitable"
    if not is_paged or isinstance(result, mnemexa.APIResponse):
        return _summary(result)
    assert isinstance(result, mnemexa.SyncPager)
    page = result.fetch_page()
    assert not inspect.isawaitable(page)
    items = list(result)
    assert not any(inspect.isawaitable(item) for item in items)
    return [_summary(page), _summary(items)]


async def _run_async(method: Any, is_paged: bool) -> Any:
    result = method(**_arguments(method))
    if not is_paged or inspect.isawaitable(result):  # with_raw_response awaits a list's page
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
    # every method of a resource is such an operation, and so run below; the client's own
    # other methods (its lifecycle) are held to ``parity_problems``
    undeclared = {p for p, m in surface(sync).items() if _is_method(m) and p not in sync_ops}
    assert {p for p in undeclared if "." in p} == set()

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


def test_async_client_is_the_twin_of_client():
    sync, aio = mnemexa.Client(api_key="k"), mnemexa.AsyncClient(api_key="k")
    assert parity_problems(sync, aio) == []
    methods = [p for p, m in surface(sync).items() if _is_method(m)]
    assert len(methods) > len(API_OPERATIONS)  # every operation, and the lifecycle
    assert any(isinstance(m, Resource) for m in surface(sync).values())


class _ForgetfulAsyncClient(mnemexa.AsyncClient):
    def close(self) -> None:  # type: ignore[override]  # the twin that forgot ``async``
        """Close nothing."""


class _ChangedMemory(MemoryResource):  # type: ignore[type-arg]
    @operation
    def store(self, text: str, *, timeout: Any = None) -> Any:  # type: ignore[override]
        """Store without meta."""
        raise AssertionError("never called")

    def forget(self) -> None:
        """A method AsyncClient has and Client has not."""


def test_parity_problems_are_reported():
    sync = mnemexa.Client(api_key="k")
    assert parity_problems(sync, _ForgetfulAsyncClient(api_key="k")) == [
        "close: AsyncClient's own version is not a coroutine function"
    ]
    aio = mnemexa.AsyncClient(api_key="k")
    aio.memory = _ChangedMemory(aio._runner)
    problems = parity_problems(sync, aio)
    assert problems[0] == "memory.forget: only on AsyncClient"
    assert problems[1].startswith("memory: MemoryResource vs _ChangedMemory")
    assert any(p.startswith("memory.store: signature") for p in problems)
    assert "__enter__" not in " ".join(problems)


def test_methods_have_docstrings():
    client = mnemexa.Client(api_key="k")
    for path, member in surface(client).items():
        if callable(member):
            assert (member.__doc__ or "").strip(), path
