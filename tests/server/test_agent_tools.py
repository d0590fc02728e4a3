"""``describe()`` and ``run_tool()`` against a real server: the tool definitions each provider's
own types accept, tool calls recorded from each provider's responses run through the SDK, the
scopes an application fixes, the cache, and the two agent examples run offline."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, Dict, Iterator, List

import httpx
import mnemexa
import pytest
import yaml
from mnemexa import _describe

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "agent_tools"
NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")  # OpenAI's function names; Anthropic allows 128

SCOPES = ("agent_id", "user_id", "session_id")
FIXINGS: List[Dict[str, str]] = [
    {},
    {"user_id": "alice"},
    {"session_id": "chat-1"},
    {"agent_id": "planner", "user_id": "alice", "session_id": "chat-1"},
]


def _load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _jsonable(value: Any) -> Any:
    """``value`` unchanged through strict JSON, or the test fails."""
    text = json.dumps(value, allow_nan=False)
    assert json.loads(text) == value
    return value


@pytest.fixture
def client(hashing_server, workspace_name) -> Iterator[mnemexa.Client]:
    with hashing_server.client(workspace_name) as c:
        yield c


# ---- the definitions, against the providers' own types -----------------------------------


def _strict(typed_dict: Any) -> Any:
    """A pydantic validator of ``typed_dict`` (a provider's TypedDict) that refuses unknown
    keys, here and in nested TypedDicts that set no config of their own."""
    from pydantic import ConfigDict, TypeAdapter, with_config

    strict = with_config(ConfigDict(extra="forbid"))(types.new_class("Strict", (typed_dict,)))
    return TypeAdapter(strict)


@pytest.fixture(scope="module")
def validators() -> Dict[str, Any]:
    from anthropic.types import ToolParam
    from openai.types.chat import ChatCompletionFunctionToolParam
    from openai.types.responses import FunctionToolParam

    return {
        "chat": _strict(ChatCompletionFunctionToolParam),
        "responses": _strict(FunctionToolParam),
        "anthropic": _strict(ToolParam),
    }


def _definitions(description: mnemexa.Description) -> Dict[str, List[Dict[str, Any]]]:
    return {
        "chat": description.as_openai_tools(api="chat"),
        "responses": description.as_openai_tools(api="responses"),
        "anthropic": description.as_anthropic_tools(),
    }


@pytest.mark.parametrize("fixed", FIXINGS, ids=lambda f: "+".join(f) or "none")
def test_each_definition_set_is_valid_for_its_provider(client, validators, fixed):
    description = client.describe(**fixed)
    for api, tools in _definitions(description).items():
        assert len(tools) == len(description.tools)
        for tool, definition in zip(description.tools, tools):
            validated = validators[api].validate_python(definition, strict=True)
            assert validated == definition, api  # nothing dropped or coerced
            _jsonable(definition)
            function = definition.get("function", definition)
            assert NAME.fullmatch(function["name"])
            assert function["name"] == tool.name.replace(".", "_")
            schema = function.get("parameters", function.get("input_schema"))
            assert schema == tool.input_schema
            assert schema["type"] == "object"
            assert not set(fixed) & set(schema["properties"])
        names = [d.get("function", d)["name"] for d in tools]
        assert len(set(names)) == len(names)
    assert description.as_openai_tools() == description.as_openai_tools(api="chat")


def test_the_shapes_differ_as_the_apis_do(client):
    description = client.describe()
    chat, responses = (description.as_openai_tools(api=api) for api in ("chat", "responses"))
    anthropic = description.as_anthropic_tools()
    assert set(chat[0]) == {"type", "function"}
    assert set(chat[0]["function"]) == {"name", "description", "parameters"}
    assert set(responses[0]) == {"type", "name", "description", "parameters", "strict"}
    assert responses[0]["strict"] is False
    assert set(anthropic[0]) == {"name", "description", "input_schema"}
    with pytest.raises(mnemexa.InvalidArgumentError):
        description.as_openai_tools(api="assistants")  # type: ignore[arg-type]


def test_control_the_validators_refuse_what_the_providers_refuse(client, validators):
    from pydantic import ValidationError

    defs = _definitions(client.describe())
    chat, responses, anthropic = defs["chat"][0], defs["responses"][0], defs["anthropic"][0]
    broken = [
        ("chat", {**chat, "name": "top-level"}),  # the Responses shape's key
        ("chat", {**chat, "function": {**chat["function"], "input_schema": {}}}),
        ("chat", {"type": "function"}),
        ("responses", {k: v for k, v in responses.items() if k != "strict"}),
        ("responses", {**responses, "function": chat["function"]}),
        ("responses", {**responses, "name": 7}),
        ("anthropic", {**anthropic, "parameters": anthropic["input_schema"]}),
        ("anthropic", {k: v for k, v in anthropic.items() if k != "input_schema"}),
        ("anthropic", {**anthropic, "description": None}),
    ]
    for api, definition in broken:
        try:
            validators[api].validate_python(definition, strict=True)
        except ValidationError:
            continue
        pytest.fail(f"{api} took {sorted(definition)}")


# ---- the tools are the spec's ------------------------------------------------------------


def test_every_x_agent_tool_operation_is_a_tool_and_no_other(client):
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    marked = {
        op["operationId"]: (op["x-agent-tool"]["name"], method.upper(), path)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "x-agent-tool" in op
    }
    description = client.describe()
    tools = {t.operation_id: (t.name, t.method, t.path) for t in description.tools}
    assert tools == marked
    assert len(marked) >= 7
    for tool in description.tools:
        op = spec["paths"][tool.path][tool.method.lower()]
        assert tool.description == " ".join(op["x-agent-tool"]["description"].split())
        assert list(tool.input_schema["properties"]) == op["x-agent-tool"]["parameters"]


@pytest.mark.parametrize("fixed", FIXINGS, ids=lambda f: "+".join(f) or "none")
def test_fixed_scopes_are_no_tool_s_arguments(client, fixed):
    plain = {t.name: t.input_schema for t in client.describe().tools}
    for tool in client.describe(**fixed).tools:
        schema = tool.input_schema
        expected = [name for name in plain[tool.name]["properties"] if name not in fixed]
        assert list(schema["properties"]) == expected
        assert not set(fixed) & set(schema.get("required", []))
        for name in expected:  # what stays is untouched
            assert schema["properties"][name] == plain[tool.name]["properties"][name]
    summarize = {t.name: t for t in client.describe(**fixed).tools}["brain.summarize"]
    if "session_id" in fixed:  # its required path parameter is gone
        properties = plain["brain.summarize"]["properties"]
        assert summarize.input_schema == {
            "type": "object",
            "properties": {
                name: properties[name]
                for name in ("max_sentences", "agent_id", "user_id")
                if name not in fixed
            },
            "additionalProperties": False,
        }
        assert "session_id" not in summarize.signature()
    else:
        assert summarize.input_schema["required"] == ["session_id"]


def test_a_description_is_immutable_and_each_schema_read_is_a_new_dict(client):
    description = client.describe(user_id="alice")
    tool = description.tools[0]
    first = tool.input_schema
    first["properties"].clear()
    assert tool.input_schema["properties"]
    assert tool.input_schema is not tool.input_schema
    assert description.as_anthropic_tools()[0]["input_schema"]["properties"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        description.tools = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        tool.name = "brain.steal"  # type: ignore[misc]
    assert isinstance(description.tools, tuple)
    assert "alice" not in repr(description)  # scope values are not shown


def test_as_text_gives_one_signature_and_one_description_line_per_tool(client, workspace_name):
    description = client.describe(user_id="alice")
    lines = description.as_text().splitlines()
    assert workspace_name in lines[0]
    assert "API 0." in lines[0]
    assert "user_id" in lines[0]
    assert "alice" not in description.as_text()
    assert len(lines) == 1 + 2 * len(description.tools)
    for tool, signature, about in zip(description.tools, lines[1::2], lines[2::2]):
        assert signature.startswith(f"{tool.name}(")
        assert re.fullmatch(r"[\w.]+\((\w+: [^,]+(, )?)*\) -> \w+", signature), signature
        assert "user_id" not in signature
        assert "/v1/" not in signature
        assert about.strip() == tool.description
    text = description.as_text()
    assert (
        "brain.remember(text: str, meta: object = None, agent_id: str = None, "
        "session_id: str = None, observed_at: str = None) -> MemoryStoreResponse"
    ) in text
    assert "brain.recall(query: str, top_k: int = 5, min_score: float = 0," in text
    assert "brain.forget(memory_id: int) -> None" in text
    http = description.as_text(include_http=True).splitlines()
    for tool, signature in zip(description.tools, http[1::2]):
        assert signature.endswith(f"# {tool.method} {tool.path}")


# ---- the cache -----------------------------------------------------------------------------


def test_describe_is_cached_per_scopes_until_cleared_or_five_minutes(
    hashing_server, workspace_name, monkeypatch
):
    sent: List[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [sent.append]})
    client = hashing_server.client(workspace_name, http_client=http)
    first = client.describe(user_id="alice")
    assert [r.url.path for r in sent] == ["/v1/status"]
    assert client.describe(user_id="alice") is first
    assert len(sent) == 1
    client.describe(user_id="bob")  # other scopes: their own entry
    assert len(sent) == 2
    assert client.describe(user_id="alice") is first
    client.clear_describe_cache()
    again = client.describe(user_id="alice")
    assert len(sent) == 3
    assert again == first
    assert again is not first
    assert _describe.DESCRIBE_TTL == 300.0
    monkeypatch.setattr(_describe, "DESCRIBE_TTL", 0.0)  # entries kept from now on expire at once
    client.describe(user_id="carol")
    client.describe(user_id="carol")
    assert len(sent) == 5
    assert client.with_options(max_retries=0).describe(user_id="alice") == first  # own cache
    assert len(sent) == 6
    http.close()


async def test_async_describe_is_the_same_and_cached_too(hashing_server, workspace_name):
    sent: List[httpx.Request] = []

    async def hook(request: httpx.Request) -> None:
        sent.append(request)

    http = httpx.AsyncClient(event_hooks={"request": [hook]})
    key = hashing_server.new_key(workspace_name)
    aio = mnemexa.AsyncClient(api_key=key, base_url=hashing_server.url, http_client=http)
    description = await aio.describe(session_id="chat-1")
    assert await aio.describe(session_id="chat-1") is description
    assert len(sent) == 1
    aio.clear_describe_cache()
    await aio.describe(session_id="chat-1")
    assert len(sent) == 2
    with mnemexa.Client(api_key=key, base_url=hashing_server.url) as sync:
        assert sync.describe(session_id="chat-1") == description
    await http.aclose()


def test_describe_with_a_wrong_key_is_an_authentication_error(hashing_server):
    key = "mnx_ws_" + "wrongkey" * 4
    client = mnemexa.Client(api_key=key, base_url=hashing_server.url)
    with client, pytest.raises(mnemexa.AuthenticationError) as info:
        client.describe()
    assert info.value.request_id
    assert key not in f"{info.value} {info.value!r}"


# ---- recorded tool calls, run through the SDK ----------------------------------------------


def _openai_chat_calls() -> List[Any]:
    from openai.types.chat import ChatCompletion

    completion = ChatCompletion.model_validate(_load("openai_chat_completion.json"))
    calls = completion.choices[0].message.tool_calls or []
    return [(c.function.name, c.function.arguments) for c in calls]  # type: ignore[union-attr]


def _openai_responses_calls() -> List[Any]:
    from openai.types.responses import Response, ResponseFunctionToolCall

    response = Response.model_validate(_load("openai_responses.json"))
    items = [item for item in response.output if isinstance(item, ResponseFunctionToolCall)]
    return [(item.name, item.arguments) for item in items]


def _anthropic_calls() -> List[Any]:
    from anthropic.types import Message, ToolUseBlock

    message = Message.model_validate(_load("anthropic_message.json"))
    return [(b.name, b.input) for b in message.content if isinstance(b, ToolUseBlock)]


RECORDED = {
    "openai-chat": _openai_chat_calls,
    "openai-responses": _openai_responses_calls,
    "anthropic": _anthropic_calls,
}


def _check_round_trip(client: mnemexa.Client, source: str, results: List[Any]) -> None:
    calls = RECORDED[source]()
    assert len(results) == len(calls) == 2
    for result in results:
        _jsonable(result)
    stored = results[0]
    assert stored["status"] == "ok"
    assert stored["dedup"]["action"] == "stored_new"
    first_arguments = calls[0][1] if isinstance(calls[0][1], dict) else json.loads(calls[0][1])
    memory = client.memory.get(stored["memory_id"])
    assert memory.text == first_arguments["text"]
    assert memory.user_id == "alice"
    assert dict(memory.meta) == first_arguments.get("meta", {})
    if "observed_at" in first_arguments:
        assert memory.observed_at.isoformat().startswith("2026-11-03T08:15:00")
    found = results[1].get("memories", results[1].get("data"))  # recall, or list's page
    assert stored["memory_id"] in [m["memory_id"] for m in found]


@pytest.mark.parametrize("source", list(RECORDED))
def test_a_recorded_tool_call_runs_through_the_sdk(client, source):
    results = [client.run_tool(name, args, user_id="alice") for name, args in RECORDED[source]()]
    _check_round_trip(client, source, results)


@pytest.mark.parametrize("source", list(RECORDED))
async def test_a_recorded_tool_call_runs_through_the_async_sdk(
    hashing_server, workspace_name, source
):
    async with hashing_server.async_client(workspace_name) as aio:
        results = [await aio.run_tool(n, a, user_id="alice") for n, a in RECORDED[source]()]
    with hashing_server.client(workspace_name) as client:
        _check_round_trip(client, source, results)


def test_store_then_recall_finds_it_and_list_returns_one_page(client):
    for user, text in [
        ("Alice", "Alice's sister lives in Lyon."),
        ("Alice", "Alice drinks oat milk."),
        ("Bob", "Bob's sister lives in Lyon too."),
    ]:
        client.run_tool("brain.remember", {"text": text}, user_id=user)
    hits = client.run_tool(
        "brain_recall", '{"query": "Where does the sister live?"}', user_id="Alice"
    )
    assert hits["memories"][0]["text"] == "Alice's sister lives in Lyon."
    assert {m["user_id"] for m in hits["memories"]} == {"Alice"}
    for bound, found in [("created_after", True), ("created_before", False)]:
        arguments = {"query": "sister", bound: "2000-01-01T00:00:00Z"}  # parsed, sent as ISO
        hits = client.run_tool("brain_recall", arguments, user_id="Alice")
        assert bool(hits["memories"]) is found
    page = client.run_tool("brain.list", {"limit": 1}, user_id="Alice")
    assert isinstance(page, dict)
    assert len(page["data"]) == 1
    assert page["has_more"] is True
    rest = client.run_tool(
        "brain.list", {"limit": 5, "cursor": page["next_cursor"]}, user_id="Alice"
    )
    assert len(rest["data"]) == 1
    assert rest["has_more"] is False
    assert client.run_tool("brain.status", None)["workspace_name"] == client.status().workspace_name
    assert client.run_tool("brain_health", "")["signals"]["total_memories"] == 3


# ---- fixed scopes cannot be widened ------------------------------------------------------


def test_a_model_cannot_pass_a_fixed_scope(client):
    bob = client.memory.store("Bob's locker code is on a note.", user_id="bob").memory_id
    before = [m.memory_id for m in client.memory.list()]
    for name, arguments in [
        ("brain_recall", '{"query": "locker code", "user_id": "bob"}'),
        ("brain_remember", {"text": "Injected.", "user_id": "bob"}),
        ("brain_list", {"user_id": "bob"}),
    ]:
        with pytest.raises(mnemexa.ToolArgumentError) as info:
            client.run_tool(name, arguments, user_id="alice")
        assert info.value.argument == "user_id"
        assert "bob" not in str(info.value)
    assert [m.memory_id for m in client.memory.list()] == before  # nothing stored
    hits = client.run_tool("brain_recall", {"query": "locker code"}, user_id="alice")
    assert bob not in [m["memory_id"] for m in hits["memories"]]
    assert client.run_tool("brain_list", {}, user_id="alice")["data"] == []
    mine = client.run_tool("brain.remember", {"text": "Alice's locker is 12."}, user_id="alice")
    assert client.memory.get(mine["memory_id"]).user_id == "alice"


def test_forget_of_a_memory_outside_the_fixed_scope_is_not_found(client):
    bob = client.memory.store("Bob parks on level 2.", user_id="bob").memory_id
    planner = client.memory.store("Alice parks on level 3.", user_id="alice", agent_id="planner")
    mine = client.run_tool("brain_remember", {"text": "Alice parks on level 4."}, user_id="alice")
    missing = mine["memory_id"] + 1000
    messages = []
    for memory_id, scopes in [
        (bob, {"user_id": "alice"}),
        (planner.memory_id, {"user_id": "alice", "agent_id": "coder"}),
        (mine["memory_id"], {"user_id": "alice", "session_id": "chat-1"}),
        (missing, {"user_id": "alice"}),
    ]:
        with pytest.raises(mnemexa.NotFoundError) as info:
            client.run_tool("brain_forget", {"memory_id": memory_id}, **scopes)
        assert info.value.status_code == 404
        assert info.value.code == "not_found"
        assert info.value.request_id
        messages.append(info.value.message)
    assert len(set(messages)) == 1  # out of scope reads the same as no such memory
    assert "bob" not in messages[0]
    assert client.memory.get(bob).text == "Bob parks on level 2."  # still there
    assert client.memory.get(planner.memory_id).agent_id == "planner"
    # inside its scope, forget forgets
    scopes = {"user_id": "alice", "agent_id": "planner"}
    assert client.run_tool("brain.forget", {"memory_id": planner.memory_id}, **scopes) is None
    with pytest.raises(mnemexa.NotFoundError):
        client.memory.get(planner.memory_id)
    assert client.run_tool("brain.forget", {"memory_id": bob}) is None  # nothing fixed


def test_summarize_is_held_to_the_fixed_scopes_too(client):
    client.memory.store("We chose Postgres for the launch.", user_id="alice", session_id="s-a")
    client.memory.store("Bob's session is private.", user_id="bob", session_id="s-b")
    own = client.run_tool("brain.summarize", {"session_id": "s-a"}, user_id="alice")
    assert own["session_id"] == "s-a"
    assert "Postgres" in own["summary"]
    with pytest.raises(mnemexa.NotFoundError):
        client.run_tool("brain.summarize", {"session_id": "s-b"}, user_id="alice")
    fixed = client.run_tool(
        "brain_summarize", {"max_sentences": 1}, session_id="s-a", user_id="alice"
    )
    assert fixed["session_id"] == "s-a"
    with pytest.raises(mnemexa.NotFoundError):  # a session fixed, but another user's
        client.run_tool("brain_summarize", {}, session_id="s-b", user_id="alice")
    with pytest.raises(mnemexa.ToolArgumentError):
        client.run_tool("brain_summarize", {"session_id": "s-b"}, session_id="s-a")


def test_summarize_of_a_shared_session_reads_only_the_fixed_scopes(client):
    """A session may hold several users' memories: with a user (or agent) fixed, the summary
    is made from that user's only; without, a model may pass the filters itself."""
    session = client.sessions.create(user_id="alice", agent_id="planner").session_id
    mine = client.memory.store(
        "Alice booked Lisbon.", user_id="alice", agent_id="planner", session_id=session
    ).memory_id
    other = client.memory.store("Bob owes Zendrik money.", user_id="bob", session_id=session)
    everyone = client.sessions.summarize(session)
    assert sorted(everyone.memory_ids) == sorted([mine, other.memory_id])
    assert client.sessions.summarize(session, user_id="bob").memory_ids == [other.memory_id]
    for fixed in (
        {"user_id": "alice"},
        {"agent_id": "planner"},
        {"agent_id": "planner", "user_id": "alice"},
    ):
        summary = client.run_tool("brain.summarize", {}, session_id=session, **fixed)
        assert (summary["memory_ids"], summary["summary"]) == ([mine], "Alice booked Lisbon.")
    by_model = client.run_tool("brain.summarize", {"session_id": session, "user_id": "bob"})
    assert by_model["memory_ids"] == [other.memory_id]
    with pytest.raises(mnemexa.ToolArgumentError, match="user_id is set by the application"):
        client.run_tool("brain.summarize", {"user_id": "bob"}, session_id=session, user_id="alice")


@pytest.mark.parametrize("session_id", ["plan?v=2", "..", "a#b", "week 4 - retro"])
def test_a_path_id_from_a_model_or_the_application_stays_one_segment(client, session_id):
    client.memory.store("The retro moved to Friday.", session_id=session_id, user_id="alice")
    by_model = client.run_tool("brain.summarize", {"session_id": session_id}, user_id="alice")
    fixed = client.run_tool("brain.summarize", {}, session_id=session_id, user_id="alice")
    assert by_model["session_id"] == fixed["session_id"] == session_id
    assert "Friday" in fixed["summary"]


# ---- run through the client's runner: auth, idempotency, retries, errors -----------------


class _FirstStoreUnavailable(httpx.HTTPTransport):
    """Answers the first store with 503 (an injected fault), then passes requests on."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: List[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # a copy as it arrives: once answered, the SDK redacts the sent Authorization header
        self.seen.append(
            httpx.Request(
                request.method, request.url, headers=request.headers.copy(), content=request.read()
            )
        )
        stores = [r for r in self.seen if r.url.path == "/v1/memory/store"]
        if request.url.path == "/v1/memory/store" and len(stores) == 1:
            return httpx.Response(503, headers={"Retry-After": "0"}, json={"code": "busy"})
        return super().handle_request(request)


def test_run_tool_goes_through_the_runner(hashing_server, workspace_name):
    transport = _FirstStoreUnavailable()
    with hashing_server.client(
        workspace_name, http_client=httpx.Client(transport=transport)
    ) as client:
        stored = client.run_tool("brain_remember", {"text": "Retried once."}, agent_id="a1")
        client.run_tool("brain_recall", {"query": "retried"}, agent_id="a1")
    stores = [r for r in transport.seen if r.url.path == "/v1/memory/store"]
    assert len(stores) == 2  # retried after the 503
    keys = {r.headers.get("idempotency-key") for r in stores}
    assert len(keys) == 1  # one key for the logical call, the same on the retry
    assert None not in keys
    assert all(r.headers["authorization"].startswith("Bearer mnx_ws_") for r in transport.seen)
    recall = next(r for r in transport.seen if r.url.path == "/v1/memory/retrieve")
    assert "idempotency-key" not in recall.headers
    assert json.loads(stores[0].content) == {"text": "Retried once.", "agent_id": "a1"}
    assert stored["status"] == "ok"


def test_api_errors_are_the_sdk_s_own(client):
    with pytest.raises(mnemexa.NotFoundError) as info:
        client.run_tool("brain.summarize", {"session_id": "no-such-session"})
    assert info.value.request_id
    assert "no-such-session" in info.value.message  # the server's own message
    with pytest.raises(mnemexa.NotFoundError):
        client.run_tool("brain.forget", {"memory_id": 987654})


# ---- the examples, offline ---------------------------------------------------------------


EXAMPLES = ["agent_openai_tools.py", "agent_anthropic_tools.py"]


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_example_runs_offline_with_canned_replies(hashing_server, workspace_name, example):
    key = hashing_server.new_key(workspace_name)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY")},
        "MNEMEXA_API_KEY": key,
        "MNEMEXA_BASE_URL": hashing_server.url,
    }
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / example)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "model: canned replies" in out
    assert "tool brain_remember(" in out
    assert "tool brain_recall(" in out
    assert "\nassistant: " in out
    assert key not in out + done.stderr
    with mnemexa.Client(api_key=key, base_url=hashing_server.url) as client:
        memories = list(client.memory.list())
    assert len(memories) == 1
    assert memories[0].user_id == "alice"
    assert memories[0].text in out  # recalled, and printed from the recall's result


def _example(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name[:-3], ROOT / "examples" / name)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_openai_example_sends_what_the_chat_api_takes(client):
    from openai.types.chat import ChatCompletionFunctionToolParam, ChatCompletionMessageParam
    from pydantic import TypeAdapter

    example = _example("agent_openai_tools.py")
    canned = example.canned_model()
    messages_type = TypeAdapter(List[ChatCompletionMessageParam])
    tools_type = TypeAdapter(List[ChatCompletionFunctionToolParam])
    turns = []

    def ask(messages: List[Dict[str, Any]], tools: List[Dict[str, Any]]) -> Dict[str, Any]:
        messages_type.validate_python(messages)
        tools_type.validate_python(tools)
        turns.append([m["role"] for m in messages])
        return canned(messages, tools)  # type: ignore[no-any-return]

    answer = example.converse(client, ask)
    assert "peanuts" in answer
    assert turns[-1] == ["system", "user", "assistant", "tool", "assistant", "tool"]


def test_the_anthropic_example_sends_what_the_messages_api_takes(client):
    from anthropic.types import MessageParam, ToolParam
    from pydantic import TypeAdapter

    example = _example("agent_anthropic_tools.py")
    canned = example.canned_model()
    messages_type = TypeAdapter(List[MessageParam])
    tools_type = TypeAdapter(List[ToolParam])
    turns = []

    def ask(system: str, messages: List[Dict[str, Any]], tools: List[Dict[str, Any]]) -> Any:
        assert system.startswith("You have a long-term memory.\nMemory tools")
        messages_type.validate_python(messages)
        tools_type.validate_python(tools)
        turns.append([m["role"] for m in messages])
        return canned(system, messages, tools)

    answer = example.converse(client, ask)
    assert "Tuesdays" in answer
    assert turns[-1] == ["user", "assistant", "user", "assistant", "user"]
