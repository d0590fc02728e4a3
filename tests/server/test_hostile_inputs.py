"""Every input gets a clean answer: a 4xx in the ``Error`` shape, or a value that reads back.

Each hostile request below once answered 500, or was stored with 200 and then broke every
read of the workspace ("poison"). Each case asserts the exact status and code, and that the
workspace still lists, gets and retrieves with 200 afterwards. The last tests cover a 500
that does happen (Error shape, connection kept) and two ``Authorization`` headers.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import socket
import sqlite3
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple
from unittest import mock

import httpx
import pytest
import uvicorn
from mnemexa_server.app import create_app
from mnemexa_server.connections import PROTOCOL
from mnemexa_server.settings import Settings
from mnemexa_server.spec import MAX_JSON_DEPTH

from tests.server.conftest import ServerProcess

ERROR_FIELDS = {"code", "message", "request_id"}
META_DEPTH, META_BYTES, META_KEY = 8, 16_384, 128  # the limits on Meta in openapi.yaml


def assert_error(response: httpx.Response, status: int, code: str) -> Dict[str, Any]:
    assert response.status_code == status, response.text[:500]
    body = response.json()
    assert set(body) >= ERROR_FIELDS, body
    assert body["code"] == code, body
    assert response.headers["x-request-id"] == body["request_id"]
    return body


def assert_workspace_readable(http: httpx.Client) -> List[Dict[str, Any]]:
    """Every list page, every get and a retrieve over everything answer 200."""
    memories: List[Dict[str, Any]] = []
    params: Dict[str, Any] = {"limit": 100}
    while True:
        page = http.get("/v1/memory", params=params)
        assert page.status_code == 200, page.text[:500]
        memories += page.json()["data"]
        if not page.json()["has_more"]:
            break
        params["cursor"] = page.json()["next_cursor"]
    for memory in memories:
        got = http.get(f"/v1/memory/{memory['memory_id']}")
        assert got.status_code == 200, got.text[:500]
    found = http.post(
        "/v1/memory/retrieve", json={"query": "anything", "top_k": 100, "include_expired": True}
    )
    assert found.status_code == 200, found.text[:500]
    assert http.get("/v1/optimize/health").status_code == 200
    return memories


@dataclass
class Api:
    server: ServerProcess
    http: httpx.Client
    memory_id: int


@pytest.fixture(scope="module")
def api(server: ServerProcess) -> Iterator[Api]:
    key = server.new_key("hostile")
    with httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {key}"}, timeout=60
    ) as http:
        stored = http.post(
            "/v1/memory/store",
            json={"text": "The billing service is owned by Ana.", "meta": {"team": "billing"}},
        )
        assert stored.status_code == 200, stored.text
        yield Api(server, http, stored.json()["memory_id"])


def _cursor(number: int) -> str:
    return base64.urlsafe_b64encode(f"m:{number}".encode()).decode().rstrip("=")


def _nested(depth: int, leaf: str = "1") -> str:
    """JSON text of ``depth`` objects nested in each other."""
    return '{"k":' * depth + leaf + "}" * depth


def _store(meta_json: str, text: str = "A hostile meta value.") -> bytes:
    return f'{{"text": {json.dumps(text)}, "meta": {meta_json}}}'.encode()


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    path: str
    status: int
    code: str
    content: Optional[bytes] = None
    params: Optional[Dict[str, str]] = None
    rule: Optional[str] = None  # the failing rule named in details.errors, when the schema fails


def _cases() -> List[Case]:
    store, batch, retrieve = "/v1/memory/store", "/v1/memory/store_batch", "/v1/memory/retrieve"
    update = "/v1/memory/{id}"
    bad = 422, "invalid_request"
    return [
        # A. once 500
        Case("cursor-19-digits", "GET", "/v1/memory", *bad, params={"cursor": _cursor(10**19)}),
        Case("cursor-past-int64", "GET", "/v1/memory", *bad, params={"cursor": _cursor(2**63)}),
        Case("cursor-40-digits", "GET", "/v1/memory", *bad, params={"cursor": _cursor(10**40)}),
        Case("cursor-unicode-digits", "GET", "/v1/memory", *bad, params={"cursor": "bTrCsg"}),
        Case(
            "created-after-year-0",
            "GET",
            "/v1/memory",
            *bad,
            params={"created_after": "0001-01-01T00:00:00+01:00"},
        ),
        Case(
            "created-before-year-10000",
            "GET",
            "/v1/memory",
            *bad,
            params={"created_before": "9999-12-31T23:59:59-01:00"},
        ),
        Case(
            "created-after-year-10000",
            "GET",
            "/v1/memory",
            *bad,
            params={"created_after": "9999-12-31T23:30:00-00:31"},
        ),
        Case("memory-id-20-digits", "GET", "/v1/memory/" + "9" * 20, *bad),
        Case("memory-id-5000-digits", "GET", "/v1/memory/" + "9" * 5000, *bad),
        Case("delete-id-5000-digits", "DELETE", "/v1/memory/" + "9" * 5000, *bad),
        Case("limit-5000-digits", "GET", "/v1/memory", *bad, params={"limit": "9" * 5000}),
        Case("surrogate-text", "POST", store, *bad, content=b'{"text": "hi \\ud800 there"}'),
        Case("low-surrogate-text", "POST", store, *bad, content=b'{"text": "\\udfff"}'),
        Case("surrogate-query", "POST", retrieve, *bad, content=b'{"query": "\\ud800"}'),
        Case("surrogate-meta-value", "POST", store, *bad, content=_store('{"a": "\\ud800"}')),
        Case("surrogate-meta-key", "POST", store, *bad, content=_store('{"\\udbff": 1}')),
        Case(
            "surrogate-meta-nested-key",
            "POST",
            store,
            *bad,
            content=_store('{"a": [{"b": {"\\ud800x": 1}}]}'),
        ),
        Case(
            "surrogate-batch-item",
            "POST",
            batch,
            *bad,
            content=b'{"items": [{"text": "fine"}, {"text": "\\ud800"}]}',
        ),
        Case("surrogate-update", "PATCH", update, *bad, content=b'{"text": "x\\udc00"}'),
        # NUL: PostgreSQL's text cannot hold it, so neither backend takes one
        Case("nul-text", "POST", store, *bad, content=b'{"text": "a\\u0000b"}'),
        Case("nul-query", "POST", retrieve, *bad, content=b'{"query": "\\u0000x"}'),
        Case("nul-meta-key", "POST", store, *bad, content=_store('{"k\\u0000": 1}')),
        Case("nul-meta-value", "POST", store, *bad, content=_store('{"a": ["\\u0000"]}')),
        Case("nul-update", "PATCH", update, *bad, content=b'{"text": "x\\u0000"}'),
        Case(
            "nul-batch-item",
            "POST",
            batch,
            *bad,
            content=b'{"items": [{"text": "fine"}, {"text": "\\u0000"}]}',
        ),
        Case(
            "nul-event",
            "POST",
            "/v1/events",
            *bad,
            content=b'{"events": [{"kind": "user_message", "content": "a\\u0000", '
            b'"user_id": "u", "session_id": "s"}]}',
        ),
        Case("nul-agent-name", "POST", "/v1/agents", *bad, content=b'{"name": "A\\u0000"}'),
        Case("100k-brackets", "POST", store, *bad, content=b"[" * 100_000),
        Case("100k-brackets-retrieve", "POST", retrieve, *bad, content=b"[" * 100_000),
        Case("100k-braces", "POST", store, *bad, content=b'{"a":' * 100_000),
        Case(
            "past-depth-limit",
            "POST",
            store,
            *bad,
            content=_store(_nested(MAX_JSON_DEPTH)),  # body + meta: one level too many
        ),
        # B. once stored with 200, then every read of the workspace answered 500
        Case("meta-nan", "POST", store, *bad, content=_store('{"a": NaN}')),
        Case("meta-infinity", "POST", store, *bad, content=_store('{"a": Infinity}')),
        Case("meta-minus-infinity", "POST", store, *bad, content=_store('{"a": [-Infinity]}')),
        Case("meta-1e400", "POST", store, *bad, content=_store('{"a": 1e400}')),
        Case("meta-960-levels", "POST", store, *bad, content=_store(_nested(960))),
        Case("update-meta-nan", "PATCH", update, *bad, content=b'{"meta": {"a": NaN}}'),
        Case(
            "batch-meta-infinity",
            "POST",
            batch,
            *bad,
            content=b'{"items": [{"text": "ok", "meta": {"a": Infinity}}]}',
        ),
        Case("min-score-nan", "POST", retrieve, *bad, content=b'{"query": "q", "min_score": NaN}'),
        Case("top-k-infinity", "POST", retrieve, *bad, content=b'{"query": "q", "top_k": 1e999}'),
        Case(
            "meta-depth-9",
            "POST",
            store,
            *bad,
            content=_store(_nested(META_DEPTH + 1)),
            rule="x-max-depth",
        ),
        Case(
            "update-meta-depth-9",
            "PATCH",
            update,
            *bad,
            content=f'{{"meta": {_nested(META_DEPTH + 1)}}}'.encode(),
            rule="x-max-depth",
        ),
        Case(
            "meta-too-large",
            "POST",
            store,
            *bad,
            content=_store(json.dumps({"k": "x" * (META_BYTES - 7)})),
            rule="x-max-json-bytes",
        ),
        Case(
            "meta-too-large-in-utf8",
            "POST",
            store,
            *bad,
            content=_store(json.dumps({"k": "é" * (META_BYTES // 2)})),
            rule="x-max-json-bytes",
        ),
        Case(
            "meta-key-too-long",
            "POST",
            store,
            *bad,
            content=_store(json.dumps({"k" * (META_KEY + 1): 1})),
            rule="maxLength",
        ),
        Case(
            "meta-nested-key-too-long",
            "POST",
            store,
            *bad,
            content=_store(json.dumps({"a": [{"k" * (META_KEY + 1): 1}]})),
            rule="x-max-key-length",
        ),
        Case("meta-int-4301-digits", "POST", store, *bad, content=_store(f'{{"a": {"7" * 4301}}}')),
        Case(
            "int-5000-digits-anywhere",
            "POST",
            retrieve,
            *bad,
            content=b'{"query": "q", "top_k": ' + b"9" * 5000 + b"}",
        ),
        Case("duplicate-key", "POST", store, *bad, content=b'{"text": "a", "text": "b"}'),
        Case("duplicate-meta-key", "POST", store, *bad, content=_store('{"a": 1, "a": 2}')),
        Case("not-utf8", "POST", store, *bad, content=b'{"text": "caf\xe9"}'),
        Case("utf16-body", "POST", store, *bad, content='{"text": "x"}'.encode("utf-16")),
        Case("encoded-surrogate", "POST", store, *bad, content=b'{"text": "\xed\xa0\x80"}'),
        Case("empty-body", "POST", store, *bad, content=b""),
        Case("whitespace-body", "POST", store, *bad, content=b" \n "),
        Case("null-body", "POST", store, *bad, content=b"null"),
        # C. whitespace-only text and query
        Case("blank-text", "POST", store, *bad, content=b'{"text": " \\t\\n\\r "}', rule="pattern"),
        Case(
            "nbsp-text", "POST", store, *bad, content=b'{"text": "\\u00a0\\u3000"}', rule="pattern"
        ),
        Case(
            "blank-batch-item",
            "POST",
            batch,
            *bad,
            content=b'{"items": [{"text": "fine"}, {"text": "   "}]}',
            rule="pattern",
        ),
        Case(
            "separators-and-bom-text",
            "POST",
            store,
            *bad,
            content=b'{"text": "\\u001c\\u001f\\u0085\\ufeff"}',
            rule="pattern",
        ),
        Case("blank-update", "PATCH", update, *bad, content=b'{"text": "\\n"}', rule="pattern"),
        Case("blank-query", "POST", retrieve, *bad, content=b'{"query": "  "}', rule="pattern"),
        # F. dedup_mode is an enum
        Case(
            "dedup-mode-unknown", "POST", store, *bad, content=b'{"text": "x", "dedup_mode": "no"}'
        ),
        Case(
            "dedup-mode-false", "POST", store, *bad, content=b'{"text": "x", "dedup_mode": false}'
        ),
    ]


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case.id)
def test_hostile_input_gets_a_clean_4xx_and_the_workspace_stays_readable(api: Api, case: Case):
    before = assert_workspace_readable(api.http)
    response = api.http.request(
        case.method,
        case.path.replace("{id}", str(api.memory_id)),
        content=case.content,
        params=case.params,
        headers={"Content-Type": "application/json"} if case.content is not None else None,
    )
    body = assert_error(response, case.status, case.code)
    if case.rule is not None:
        assert case.rule in {e["rule"] for e in body["details"]["errors"]}, body
    assert "\\ud" not in response.text.lower()  # the submitted value is not echoed
    assert assert_workspace_readable(api.http) == before  # nothing stored or changed


def _stored_meta(api: Api, meta: Dict[str, Any], text: str) -> Dict[str, Any]:
    """Store with ``meta`` (dedup off) and return the meta as get, list and retrieve show it."""
    stored = api.http.post(
        "/v1/memory/store", json={"text": text, "meta": meta, "dedup_mode": "off"}
    )
    assert stored.status_code == 200, stored.text[:500]
    memory_id = stored.json()["memory_id"]
    got = api.http.get(f"/v1/memory/{memory_id}").json()["meta"]
    listed = [m for m in assert_workspace_readable(api.http) if m["memory_id"] == memory_id]
    assert [m["meta"] for m in listed] == [got]
    found = api.http.post("/v1/memory/retrieve", json={"query": text, "top_k": 100}).json()
    assert [m["meta"] for m in found["memories"] if m["memory_id"] == memory_id] == [got]
    return got


def _same(a: Any, b: Any) -> bool:
    """Equal, and floats equal bit for bit (so -0.0 is not 0.0), at every level."""
    if isinstance(a, float) or isinstance(b, float):
        return type(a) is type(b) and math.copysign(1, a) == math.copysign(1, b) and a == b
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


def test_meta_at_every_limit_reads_back_exactly(api: Api):
    """The limits are inclusive, and whatever is accepted comes back unchanged."""
    deepest: Dict[str, Any] = {"leaf": True}
    for _ in range(META_DEPTH - 1):
        deepest = {"k": deepest}
    edges = {
        "int64": [2**63 - 1, -(2**63), 0, -1],
        "huge_ints": [2**63, -(2**63) - 1, 10**30, -(10**300), int("8" * 4300)],
        "floats": [1.7976931348623157e308, 5e-324, -0.0, 0.1, 1e-7, 123456789.125],
        "integral_float": 2.0,
        "k" * META_KEY: {"n" * META_KEY: None},
        "astral": "\U0001f600 \u00e9 \u4e2d \u0001 \ufeff",  # NUL is refused: see nul-*
        "nested": [[{"a": [1, {"b": "c"}]}]],
        "": "an empty key",
    }
    for meta, text in (
        (deepest, "The deepest meta the API accepts."),
        (edges, "Numbers and strings at the edge of what JSON round-trips."),
    ):
        assert _same(_stored_meta(api, meta, text), meta), meta
    exact = {"k": "x" * (META_BYTES - len('{"k":""}'))}
    assert len(json.dumps(exact, separators=(",", ":")).encode()) == META_BYTES
    assert _same(_stored_meta(api, exact, "Meta of exactly the size limit."), exact)


def test_surrogate_pairs_are_one_character_and_read_back(api: Api):
    raw = b'{"text": "Launch day \\ud83d\\ude80 is Friday.", "meta": {"\\ud83d\\ude00": "\\ud83d\\ude00"}, "dedup_mode": "off"}'
    stored = api.http.post(
        "/v1/memory/store", content=raw, headers={"Content-Type": "application/json"}
    )
    assert stored.status_code == 200, stored.text
    got = api.http.get(f"/v1/memory/{stored.json()['memory_id']}").json()
    assert got["text"] == "Launch day \U0001f680 is Friday."
    assert got["meta"] == {"\U0001f600": "\U0001f600"}
    assert_workspace_readable(api.http)


def test_date_time_parameters_at_the_edges_filter_correctly(api: Api):
    """In-range extremes answer 200; years before 1000 compare as times (zero-padded)."""
    everything = {m["memory_id"] for m in assert_workspace_readable(api.http)}
    for params, expected in (
        ({"created_after": "0001-01-01T00:00:00Z"}, everything),
        ({"created_after": "0999-06-01T00:00:00+00:00"}, everything),
        ({"created_before": "9999-12-31T23:59:59.999999Z"}, everything),
        ({"created_before": "0999-06-01T00:00:00Z"}, set()),
        ({"created_after": "9999-12-31T22:00:00-01:00"}, set()),
    ):
        page = api.http.get("/v1/memory", params={**params, "limit": 100})
        assert page.status_code == 200, (params, page.text)
        assert {m["memory_id"] for m in page.json()["data"]} == expected, params


def test_cursor_at_the_largest_id_is_a_cursor(api: Api):
    page = api.http.get("/v1/memory", params={"cursor": _cursor(2**63 - 1), "limit": 100})
    assert page.status_code == 200
    assert {m["memory_id"] for m in page.json()["data"]} == {
        m["memory_id"] for m in assert_workspace_readable(api.http)
    }


def test_dedup_mode_is_accepted_on_store_and_on_each_batch_item(api: Api):
    for mode in ("auto", "exact", "off"):
        stored = api.http.post(
            "/v1/memory/store", json={"text": f"Dedup mode {mode} is accepted.", "dedup_mode": mode}
        )
        assert stored.status_code == 200, stored.text
    batch = api.http.post(
        "/v1/memory/store_batch",
        json={"items": [{"text": "First batch item.", "dedup_mode": "off"}, {"text": "Second."}]},
    )
    assert batch.status_code == 200, batch.text
    assert [r["status"] for r in batch.json()["results"]] == ["ok", "ok"]
    assert_workspace_readable(api.http)


def test_retrieve_ignores_an_idempotency_key(api: Api):
    """A read-only POST records nothing: the same key with another body is not a reuse."""
    headers = {"Idempotency-Key": "retrieve-key-1"}
    for query in ("billing owner", "who owns search"):
        found = api.http.post("/v1/memory/retrieve", json={"query": query}, headers=headers)
        assert found.status_code == 200, found.text
        assert "Idempotency-Replayed" not in found.headers


# --- E. two Authorization headers -----------------------------------------------------


@pytest.mark.parametrize("second", ["same", "other", "empty"])
def test_two_authorization_headers_get_400_bad_request(api: Api, second: str):
    key = api.http.headers["Authorization"]
    other = {"same": key, "other": "Bearer mnx_ws_someone-else", "empty": ""}[second]
    with httpx.Client(base_url=api.server.url) as bare:
        for method, path in (("GET", "/v1/status"), ("POST", "/v1/memory/store")):
            response = bare.request(
                method,
                path,
                headers=[("Authorization", key), ("Authorization", other)],
                json={"text": "Two keys in one request."} if method == "POST" else None,
            )
            assert_error(response, 400, "bad_request")
    assert assert_workspace_readable(api.http)


# --- D. a 500 keeps the connection ------------------------------------------------------


@dataclass
class InProcessServer:
    """The app under uvicorn (with the protocol ``mnemexa serve`` uses) in a thread."""

    app: Any
    port: int
    clients: List[Tuple[str, int]]
    server: uvicorn.Server

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def in_process(tmp_path: Path) -> Iterator[InProcessServer]:
    app = create_app(Settings(data_dir=tmp_path, embedder="hashing", rate_limit=0))
    clients: List[Tuple[str, int]] = []

    async def recording(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            clients.append(tuple(scope["client"]))  # the peer address: one per connection
        await app(scope, receive, send)

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))  # bound here, so no other test's probe can be among clients
    port = int(sock.getsockname()[1])
    config = uvicorn.Config(recording, http=PROTOCOL, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield InProcessServer(app, port, clients, server)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: List[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _faulty_handler(api: Any, operation_id: str, side_effect: Any) -> Any:
    """Replace one operation's handler by one whose ``run`` is a mock with ``side_effect``."""
    faulty = replace(api.handlers[operation_id], run=mock.Mock(side_effect=side_effect))
    return mock.patch.dict(api.handlers, {operation_id: faulty})


@pytest.mark.parametrize(
    "fault",
    [RuntimeError("injected fault"), sqlite3.OperationalError("disk I/O error (injected)")],
    ids=["bug", "database-error"],
)
def test_a_500_is_error_shaped_logged_once_and_keeps_the_connection(
    in_process: InProcessServer, fault: Exception
):
    api = in_process.app.state.api
    _, key = api.workspaces.create_key("faulty")
    server_log, captured = logging.getLogger("mnemexa.server"), _Records()
    server_log.addHandler(captured)  # direct: "mnemexa" may not propagate to the root
    # The fault: the status handler raises (a mock only injects it).
    with (
        _faulty_handler(api, "get_status", side_effect=fault),
        httpx.Client(
            base_url=in_process.url,
            headers={"Authorization": f"Bearer {key}"},
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        ) as http,
    ):
        failed = http.get("/v1/status")
        assert_error(failed, 500, "internal_error")
        assert failed.json()["message"] == "Internal server error."
        assert "injected" not in failed.text
        assert failed.headers.get("connection", "").lower() != "close"
        after = http.get("/v1/memory")
        assert after.status_code == 200, after.text
        stored = http.post("/v1/memory/store", json={"text": "Still serving on one socket."})
        assert stored.status_code == 200, stored.text
    server_log.removeHandler(captured)
    assert len(in_process.clients) == 3
    assert len(set(in_process.clients)) == 1, in_process.clients  # one connection, reused
    logged = [r for r in captured.records if r.exc_info and r.exc_info[1] is fault]
    assert len(logged) == 1  # one record, with the traceback
    assert "unhandled error in GET /v1/status" in logged[0].getMessage()


def test_a_500_on_a_raw_socket_leaves_the_socket_open(in_process: InProcessServer):
    """The same over one socket by hand: the second response arrives on it."""
    api = in_process.app.state.api
    _, key = api.workspaces.create_key("raw")
    request = (
        f"GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n\r\n"
    ).encode()
    answers = []
    with (
        _faulty_handler(api, "get_status", side_effect=[ValueError("boom"), (200, {})]),
        socket.create_connection(("127.0.0.1", in_process.port), timeout=10) as sock,
    ):
        for _ in range(2):
            sock.sendall(request)
            answers.append(_read_response(sock))
    (status1, body1), (status2, _) = answers
    assert status1 == 500
    assert json.loads(body1)["code"] == "internal_error"
    assert status2 == 200  # the mock's second answer: the handler ran again, same socket


def _read_response(sock: socket.socket) -> Tuple[int, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(
        int(v) for k, _, v in (x.partition(":") for x in lines[1:]) if k.lower() == "content-length"
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        body += chunk
    return int(lines[0].split()[1]), body[:length]


def test_an_escaped_backslash_before_u0000_is_not_a_nul(api: Api):
    """``"\\\\u0000"`` is a backslash and five characters, not a NUL: stored and read back."""
    text = "a literal \\u0000 in a note"
    response = api.http.post("/v1/memory/store", json={"text": text, "dedup_mode": "off"})
    assert response.status_code == 200, response.text
    memory_id = response.json()["memory_id"]
    assert api.http.get(f"/v1/memory/{memory_id}").json()["text"] == text
