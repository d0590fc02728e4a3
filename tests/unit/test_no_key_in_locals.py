"""No traceback printed with its locals shows the API key, whatever the SDK raises.

``pytest -l``, rich and error trackers print the ``repr`` of every local of every frame of an
exception and of its causes. Each error the SDK can raise, on ``Client`` and ``AsyncClient``,
is rendered that way (and as a plain traceback, ``repr`` and ``str``) and searched for the key
in every form a header or a log might carry it. The controls at the end show that the search
finds a key that a frame does hold, and the tracer test checks the locals of every SDK frame at
every line of a request, not only the frames an error happens to keep.
"""

from __future__ import annotations

import base64
import contextlib
import inspect
import os
import re
import socket
import sys
import threading
import traceback
from datetime import datetime
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import httpx
import mnemexa
import pytest
import tenacity
from mnemexa import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    InvalidArgumentError,
    MnemexaError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionError,  # noqa: A004 - the name the API documents
    RateLimitError,
    ServiceUnavailableError,
    ToolArgumentError,
    ValidationError,
)
from mnemexa._auth import BearerAuth
from mnemexa._base_client import BaseRunner
from mnemexa._logging import Secret
from mnemexa._operation import Call

from tests.loopback import refused_port

from .conftest import API_KEY, STORE_OK, Recorder, Sleeps, _no_sleep, memory, reply

ERR = {"code": "x", "message": "injected", "request_id": "req_body"}


def _b64(text: str) -> List[str]:
    raw = text.encode()
    return [base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode().rstrip("=")]


# Every form the key could take in a header, a Basic-auth blob or a log line.
FORMS = sorted(
    {
        API_KEY,
        API_KEY[8:],  # a fragment: a truncated repr must not show most of the key either
        f"Bearer {API_KEY}",
        *_b64(API_KEY),
        *_b64(f"{API_KEY}:"),
        *_b64(f":{API_KEY}"),
        *_b64(f"Bearer {API_KEY}"),
    }
)


def leaks(text: str) -> List[str]:
    """The forms of the key found in ``text``."""
    return [form for form in FORMS if form in text]


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen = set()
    current: Optional[BaseException] = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def renderings(exc: BaseException) -> Dict[str, str]:
    """``exc`` as tracebacks with and without locals, repr, str, and its chain's attributes."""
    with_locals = traceback.TracebackException.from_exception(exc, capture_locals=True)
    return {
        "traceback with locals": "".join(with_locals.format()),
        "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
        "repr": repr(exc),
        "str": str(exc),
        "chain": repr([(repr(e), str(e), e.args, vars(e)) for e in _chain(exc)]),
    }


def assert_no_key(exc: BaseException) -> str:
    texts = renderings(exc)
    found = [
        f"{name}: {line.strip()[:40]} ... {line[max(0, line.find(leaks(line)[0]) - 40) :][:120]}"
        for name, text in texts.items()
        for line in text.splitlines()
        if leaks(line)
    ]
    assert not found, f"{type(exc).__name__} shows the key in:\n" + "\n".join(found)
    with_locals = texts["traceback with locals"]
    assert re.search(r"^\s+\w+ = ", with_locals, re.M), "no locals were rendered"
    return with_locals


# ---- the environment each case builds its client in ------------------------------------


class Env:
    """Builds ``Client``s or ``AsyncClient``s: on a MockTransport, or on a real socket."""

    def __init__(self, is_async: bool, sleeps: Sleeps, urls: Dict[str, str]) -> None:
        self.is_async = is_async
        self.client_class: Any = mnemexa.AsyncClient if is_async else mnemexa.Client
        self.sleeps = sleeps
        self.urls = urls
        self.opened: List[Any] = []

    def mock(self, *outcomes: Any, **options: Any) -> Any:
        http_class = httpx.AsyncClient if self.is_async else httpx.Client
        http = http_class(transport=httpx.MockTransport(Recorder(*outcomes)))
        options.setdefault("base_url", "http://127.0.0.1:8765")
        # The key is passed as a temporary: this frame, shown when the constructor raises,
        # must not hold it in a local of its own (the caller's locals are the caller's).
        return self._track(
            self.client_class(http_client=http, api_key=options.pop("api_key", API_KEY), **options)
        )

    def real(self, url: str, **options: Any) -> Any:
        options.setdefault("max_retries", 1)
        return self._track(self.client_class(base_url=self.urls[url], api_key=API_KEY, **options))

    def _track(self, client: Any) -> Any:
        _no_sleep(client, self.sleeps)
        self.opened.append(client)
        return client

    async def close(self) -> None:
        for client in self.opened:
            if self.is_async:
                await client.close()
                await client._runner.http.aclose()
            else:
                client.close()
                client._runner.http.close()


@pytest.fixture
def stall_url() -> Iterator[str]:
    """A server that accepts connections and reads requests, and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: List[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            held.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()
    for conn in held:
        conn.close()


@pytest.fixture
def refused_url() -> str:
    """A loopback port that refuses every connection."""
    return f"http://127.0.0.1:{refused_port()}"


# ---- every error the SDK raises ----------------------------------------------------------


def store(client: Any) -> Any:
    return client.memory.store("Client prefers async standups.", meta={"source": "kickoff"})


def iterate(client: Any) -> Any:
    pager = client.memory.list(limit=1)
    if isinstance(pager, mnemexa.SyncPager):
        return list(pager)

    async def drain() -> List[Any]:
        return [item async for item in pager]

    return drain()


def corrupt_gzip(request: httpx.Request) -> httpx.Response:
    headers = {"content-encoding": "gzip", "x-request-id": "req_gz"}
    return httpx.Response(200, headers=headers, stream=httpx.ByteStream(b"not gzip at all"))


def _status(status: int) -> Callable[[Env], Any]:
    return lambda env: env.mock(reply(status, ERR))


Make = Callable[[Env], Any]
Case = Tuple[Make, Callable[[Any], Any], type]

CASES: Dict[str, Case] = {
    **{
        f"http_{status}": (_status(status), store, cls)
        for status, cls in [
            (400, BadRequestError),
            (401, AuthenticationError),
            (403, PermissionError),
            (404, NotFoundError),
            (409, ConflictError),
            (413, PayloadTooLargeError),
            (418, APIStatusError),
            (422, ValidationError),
            (429, RateLimitError),
            (500, InternalServerError),
            (502, ServiceUnavailableError),
            (503, ServiceUnavailableError),
            (504, ServiceUnavailableError),
        ]
    },
    "connection_refused": (lambda env: env.real("refused"), store, APIConnectionError),
    "timeout_on_socket": (lambda env: env.real("stall", timeout=0.1), store, APITimeoutError),
    "timeout_in_transport": (
        lambda env: env.mock(httpx.ReadTimeout("timed out")),
        store,
        APITimeoutError,
    ),
    "connect_error_in_transport": (
        lambda env: env.mock(httpx.ConnectError("refused")),
        store,
        APIConnectionError,
    ),
    "request_error_in_transport": (  # an httpx error that is not a transport failure
        lambda env: env.mock(httpx.TooManyRedirects("redirected too often")),
        store,
        MnemexaError,
    ),
    "malformed_body": (
        lambda env: env.mock(reply(200, {"status": "broken"})),
        store,
        APIResponseValidationError,
    ),
    "body_not_json": (
        lambda env: env.mock(httpx.Response(200, content=b"<html>", headers={"x-request-id": "r"})),
        store,
        APIResponseValidationError,
    ),
    "corrupt_gzip_body": (lambda env: env.mock(corrupt_gzip), store, APIResponseValidationError),
    "pager_repeats_cursor": (
        lambda env: env.mock(
            reply(200, {"data": [memory(1)], "has_more": True, "next_cursor": "c"})
        ),
        iterate,
        APIResponseValidationError,
    ),
    "request_fails_to_build_in_declaration": (
        lambda env: env.mock(reply(200, STORE_OK)),
        lambda client: client.memory.store("x", meta=["not", "a", "mapping"]),
        InvalidArgumentError,
    ),
    "request_fails_to_encode_in_runner": (  # JSON has no datetime: refused before sending
        lambda env: env.mock(reply(200, STORE_OK)),
        lambda client: client.memory.store("x", meta={"when": datetime(2026, 11, 1)}),
        InvalidArgumentError,
    ),
    "request_fails_to_build_in_runner": (  # the generated builder calls .isoformat() on it
        lambda env: env.mock(reply(200, STORE_OK)),
        lambda client: client.memory.list(created_after="2026-11-01").fetch_page(),
        InvalidArgumentError,
    ),
    "tool_call_refused_by_its_schema": (  # a model passing the scope the application fixed
        lambda env: env.mock(reply(200, STORE_OK)),
        lambda client: client.run_tool(
            "brain_recall", '{"query": "tea", "user_id": "bob"}', user_id="alice"
        ),
        ToolArgumentError,
    ),
    "tool_call_fails_to_encode_in_runner": (  # JSON text can hold a lone surrogate
        lambda env: env.mock(reply(200, STORE_OK)),
        lambda client: client.run_tool("brain_remember", '{"text": "\\ud800"}', user_id="alice"),
        ToolArgumentError,
    ),
    "constructor_bad_max_retries": (
        lambda env: env.mock(reply(200, STORE_OK), max_retries=-1),
        store,
        ValueError,
    ),
    "constructor_bad_base_url": (
        lambda env: env.mock(reply(200, STORE_OK), base_url="ftp://example.com"),
        store,
        InvalidArgumentError,
    ),
    "constructor_key_not_sendable": (
        lambda env: env.mock(reply(200, STORE_OK), api_key=API_KEY + " é"),
        store,
        AuthenticationError,
    ),
}


@pytest.fixture(params=[False, True], ids=["Client", "AsyncClient"])
async def env(request, sleeps, stall_url, refused_url) -> Any:
    environment = Env(request.param, sleeps, {"stall": stall_url, "refused": refused_url})
    yield environment
    await environment.close()


async def _caught(env: Env, make: Make, call: Callable[[Any], Any]) -> BaseException:
    try:
        result = call(make(env))
        if inspect.isawaitable(result):
            await result
    except Exception as exc:
        return exc
    raise AssertionError("the call raised nothing")


@pytest.mark.parametrize("case", list(CASES))
async def test_no_rendering_of_the_error_shows_the_key(env, case):
    make, call, expected = CASES[case]
    exc = await _caught(env, make, call)
    assert type(exc) is expected, repr(exc)
    with_locals = assert_no_key(exc)
    if case.startswith("tool_call"):  # run_tool raises it afresh, from its own frame
        assert re.search(r"line \d+, in run_tool\n", with_locals)
        assert "arguments = '" in with_locals
    elif not case.startswith(("constructor", "pager", "request_fails_to_build_in_declaration")):
        # the runner's frames were rendered, with their locals
        assert re.search(r"line \d+, in execute\n", with_locals)
        assert "call = <" in with_locals
        if re.search(r"line \d+, in parse\n", with_locals):  # a 2xx body that does not parse
            assert "response = <Response [2" in with_locals
        elif "in_runner" not in case:
            assert "request = {" in with_locals


def test_the_cases_raise_every_error_class_the_sdk_exports():
    exported = {getattr(mnemexa, name) for name in mnemexa.__all__}
    errors = {cls for cls in exported if isinstance(cls, type) and issubclass(cls, MnemexaError)}
    assert errors <= {expected for _, _, expected in CASES.values()}


# ---- the objects that do hold the key ----------------------------------------------------


def test_request_kwargs_secret_auth_and_client_reprs_hide_the_key(make_client):
    client = make_client(Recorder(reply(200, STORE_OK)))
    runner = client._runner
    from mnemexa_api.api.memory import store_memory
    from mnemexa_api.models import MemoryStoreRequest

    request = runner._prepare(Call(store_memory, body=MemoryStoreRequest("x")))
    assert "authorization" not in {name.lower() for name in request["headers"]}
    texts = [
        repr(request),
        repr(runner._auth),
        str(runner._auth),
        repr(Secret(API_KEY)),
        str(Secret(API_KEY)),
        repr(vars(runner)),
        repr(client),
        repr(vars(client)),
        repr(vars(client.memory)),
        repr(client.with_options(max_retries=0)._runner.__dict__),
    ]
    for text in texts:
        assert leaks(text) == [], text


def test_the_key_is_still_sent(make_client):
    recorder = Recorder(reply(200, STORE_OK))
    store(make_client(recorder))
    sent = recorder.requests[-1]
    assert sent.headers["authorization"] == f"Bearer {API_KEY}"
    assert leaks(repr(sent.headers)) == []  # httpx masks it in the headers' repr


@pytest.mark.parametrize("bad", ["has space", "tab\there", "caf\u00e9", "line\nbreak"])
def test_a_key_no_header_can_carry_is_refused_without_echoing_it(bad):
    with pytest.raises(AuthenticationError) as info:
        mnemexa.Client(api_key=f"{API_KEY}{bad}")
    assert leaks(repr(info.value) + str(info.value)) == []


def test_bearer_auth_refuses_a_non_string_key():
    with pytest.raises(AuthenticationError):
        BearerAuth(Secret(b"bytes-key"))  # type: ignore[arg-type]


# ---- every SDK frame, at every line, not only those an error keeps ------------------------

_WATCHED = tuple(
    os.path.dirname(module.__file__) + os.sep for module in (mnemexa, tenacity) if module.__file__
)


class FrameWatch:
    """A ``sys.settrace`` hook: the key forms in any local of an SDK or tenacity frame."""

    def __init__(self) -> None:
        self.found: List[str] = []
        self.frames = 0

    def _scan(self, frame: Any, event: str, arg: Any) -> Any:
        self.frames += 1
        for name, value in list(frame.f_locals.items()):
            try:
                text = repr(value)
            except Exception:  # a half-built object, whose repr shows nothing
                text = ""
            for form in leaks(text):
                self.found.append(f"{frame.f_code.co_name}:{frame.f_lineno} {name} has {form!r}")
        return self._scan

    def _call(self, frame: Any, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename.startswith(_WATCHED):
            return self._scan(frame, event, arg)
        return None

    def __enter__(self) -> FrameWatch:
        self._previous = sys.gettrace()
        sys.settrace(self._call)
        return self

    def __exit__(self, *exc_info: Any) -> None:
        sys.settrace(self._previous)


def traced() -> Recorder:
    """A success, a success after a 503 and a connection error, a 401, and a pager."""
    return Recorder(
        reply(200, STORE_OK),
        reply(503, ERR),
        httpx.ConnectError("refused"),
        reply(200, STORE_OK),
        reply(401, ERR),
        reply(200, {"data": [memory(1)], "has_more": False, "next_cursor": None}),
    )


TRACED_CALLS = [store, store, store, iterate]


def test_no_sdk_frame_ever_holds_the_key_sync(make_client):
    client = make_client(traced())
    with FrameWatch() as watch:
        for call in TRACED_CALLS:
            with contextlib.suppress(AuthenticationError):  # the third call's 401
                call(client)
    assert watch.frames > 100
    assert watch.found == []


async def test_no_sdk_frame_ever_holds_the_key_async(make_async_client):
    client = make_async_client(traced())
    with FrameWatch() as watch:
        for call in TRACED_CALLS:
            with contextlib.suppress(AuthenticationError):  # the third call's 401
                await call(client)
    assert watch.frames > 100
    assert watch.found == []


# ---- controls: the checks above do find a key that is there -----------------------------


def test_control_the_scan_finds_a_key_held_in_a_local():
    def leaky() -> None:
        headers = {"Authorization": "Bearer " + Secret(API_KEY).reveal()}
        raise RuntimeError(f"failed with {len(headers)} headers")

    try:
        leaky()
    except RuntimeError as exc:
        texts = renderings(exc)
    assert leaks(texts["traceback with locals"]) != []
    assert leaks(texts["traceback"] + texts["repr"] + texts["str"]) == []


def test_control_the_scan_finds_a_base64_form():
    blob = base64.b64encode(f"{API_KEY}:".encode()).decode()
    assert leaks(f"Authorization: Basic {blob}") != []
    assert leaks("Authorization: Bearer [secure]") == []  # what httpx.Headers' repr shows


async def test_control_the_old_request_kwargs_would_be_caught(env, monkeypatch):
    """Put the header back into the request kwargs, as the SDK once did: both checks fail."""
    prepare = BaseRunner._prepare

    def leaky_prepare(self: BaseRunner, call: Any) -> Any:
        request = prepare(self, call)
        request["headers"]["Authorization"] = "Bearer " + self._auth._key.reveal()  # type: ignore[attr-defined]
        return request

    monkeypatch.setattr(BaseRunner, "_prepare", leaky_prepare)
    exc = await _caught(env, _status(401), store)
    assert isinstance(exc, AuthenticationError)
    with pytest.raises(AssertionError, match="shows the key"):
        assert_no_key(exc)

    client = env.mock(reply(200, STORE_OK))
    with FrameWatch() as watch:
        result = store(client)
        if inspect.isawaitable(result):
            await result
    assert any("request has" in found for found in watch.found), watch.found
