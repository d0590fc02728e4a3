"""``run_tool`` refuses a tool call it cannot run before sending anything, and its manifest
agrees with the generated endpoints it runs through.

The client here points at a loopback port nothing listens on: a call that got as far as
sending would fail with ``APIConnectionError``, so each ``ToolArgumentError`` below was
raised before any request. (Calls that do reach a server are in
``tests/server/test_agent_tools.py``.) Only the ``test`` extra is needed: this file also runs
on the Python matrix, 3.9 included.
"""

from __future__ import annotations

import inspect
import json
import traceback
from typing import Any, Dict, List, Tuple

import attrs
import mnemexa
import pytest
from mnemexa._tools import PROVIDER_NAME, manifest, provider_name

from tests.loopback import refused_port

# values a model might send that hold personal data: no message may show them
EMAIL = "alice.smith@example.com"
PHONE = "+1-555-0100-7788"


@pytest.fixture(scope="module")
def base_url() -> str:
    return f"http://127.0.0.1:{refused_port()}"


# (tool, arguments, fixed scopes) -> the argument the error names, and words of its message
CASES: Dict[str, Tuple[str, Any, Dict[str, str], Any, List[str]]] = {
    "unknown tool": ("brain.delete_everything", {}, {}, None, ["unknown tool", "brain.forget"]),
    "unknown tool, provider form": ("brain_nope", "{}", {}, None, ["unknown tool"]),
    "tool name not a str": (42, {}, {}, None, ["unknown tool", "int"]),  # type: ignore[dict-item]
    "unknown argument": (
        "brain.remember",
        {"text": EMAIL, "email": EMAIL},
        {},
        "email",
        ["unknown argument 'email'", "text, meta"],
    ),
    "fixed scope passed": (
        "brain.recall",
        {"query": EMAIL, "user_id": PHONE},
        {"user_id": "alice"},
        "user_id",
        ["user_id is set by the application"],
    ),
    "fixed session passed to summarize": (
        "brain_summarize",
        '{"session_id": "chat-2"}',
        {"session_id": "chat-1"},
        "session_id",
        ["session_id is set by the application"],
    ),
    "a scope this tool does not take": (
        "brain.forget",
        {"memory_id": 1, "user_id": PHONE},
        {},
        "user_id",
        ["unknown argument 'user_id'", "it takes memory_id"],
    ),
    "bad JSON": ("brain_remember", '{"text": "' + EMAIL, {}, None, ["not valid JSON"]),
    "JSON that is not an object": ("brain_recall", json.dumps([EMAIL]), {}, None, ["JSON object"]),
    "NaN in JSON text": ("brain_recall", '{"query": "x", "min_score": NaN}', {}, None, ["NaN"]),
    "not UTF-8": ("brain_recall", b'{"query": "\xff"}', {}, None, ["UTF-8"]),
    "missing required": (
        "brain.remember",
        {"meta": {"e": EMAIL}},
        {},
        "text",
        ["text is required"],
    ),
    "required given as null": (
        "brain.recall",
        '{"query": null}',
        {},
        "query",
        ["query is required"],
    ),
    "wrong type": ("brain.remember", {"text": ["x"]}, {}, "text", ["must be a string", "array"]),
    "bool for an int": ("brain.forget", {"memory_id": True}, {}, "memory_id", ["an integer"]),
    "a fraction for an int": ("brain.forget", {"memory_id": 1.5}, {}, "memory_id", ["an integer"]),
    "below the minimum": ("brain.forget", {"memory_id": 0}, {}, "memory_id", ["at least 1"]),
    "above the maximum": ("brain.recall", {"query": "x", "top_k": 500}, {}, "top_k", ["at most"]),
    "too long": ("brain.remember", {"text": EMAIL * 500}, {}, "text", ["at most 10000"]),
    "only whitespace": ("brain.remember", {"text": " \n\t "}, {}, "text", ["pattern"]),
    "scope with a slash": (
        "brain.remember",
        {"text": "x", "agent_id": "a/" + PHONE},
        {},
        "agent_id",
        ["pattern"],
    ),
    "not a date-time": (
        "brain.recall",
        {"query": "x", "created_after": "last Tuesday " + PHONE},
        {},
        "created_after",
        ["ISO 8601"],
    ),
    "a date without a time": (
        "brain.remember",
        {"text": "x", "observed_at": "2026-11-01"},
        {},
        "observed_at",
        ["ISO 8601"],
    ),
    "meta not an object": ("brain.remember", {"text": "x", "meta": EMAIL}, {}, "meta", ["object"]),
    "meta key too long": (
        "brain.remember",
        {"text": "x", "meta": {EMAIL * 10: 1}},
        {},
        "meta",
        ["key longer than 128"],
    ),
    "meta value JSON cannot hold": (
        "brain.remember",
        {"text": "x", "meta": {"score": float("inf")}},
        {},
        None,
        ["not finite", "nothing was sent"],
    ),
}


def _check(exc: BaseException, tool: Any, argument: Any, words: List[str]) -> None:
    assert isinstance(exc, mnemexa.ToolArgumentError), repr(exc)
    assert exc.argument == argument
    text = f"{exc} {exc!r} {exc.message}"
    for word in words:
        assert word in text, text
    if isinstance(tool, str) and "unknown tool" not in words:
        assert text.startswith(manifest().find(tool).name + ":"), text  # names the tool
    for value in (EMAIL, PHONE, EMAIL[:12], PHONE[:8]):
        assert value not in text, text
    assert exc.status_code is None
    assert exc.request_id is None
    # raised from run_tool's own frame, with no chained error (a JSON error holds the text)
    assert len(traceback.extract_tb(exc.__traceback__)) <= 2
    assert exc.__cause__ is None


@pytest.mark.parametrize("case", list(CASES))
def test_sync_run_tool_refuses_before_sending(base_url, case):
    tool, arguments, fixed, argument, words = CASES[case]
    client = mnemexa.Client(api_key="mnx_ws_unit", base_url=base_url, max_retries=0)
    with client, pytest.raises(mnemexa.MnemexaError) as info:
        client.run_tool(tool, arguments, **fixed)
    _check(info.value, tool, argument, words)


@pytest.mark.parametrize("case", list(CASES))
async def test_async_run_tool_refuses_before_sending(base_url, case):
    tool, arguments, fixed, argument, words = CASES[case]
    async with mnemexa.AsyncClient(api_key="mnx_ws_unit", base_url=base_url, max_retries=0) as c:
        with pytest.raises(mnemexa.MnemexaError) as info:
            await c.run_tool(tool, arguments, **fixed)
    _check(info.value, tool, argument, words)


def test_control_a_valid_call_does_try_to_send(base_url):
    """The cases above would have reached the network had the arguments been accepted."""
    with mnemexa.Client(api_key="mnx_ws_unit", base_url=base_url, max_retries=0) as client:
        with pytest.raises(mnemexa.APIConnectionError):
            client.run_tool("brain_recall", '{"query": "food", "top_k": 3.0}')
        with pytest.raises(mnemexa.APIConnectionError):  # null is "left out"
            client.run_tool("brain.remember", {"text": "x", "meta": None}, user_id="alice")


def test_a_fixed_scope_must_be_a_non_empty_str(base_url):
    with mnemexa.Client(api_key="mnx_ws_unit", base_url=base_url) as client:
        for bad in ("", 7):
            with pytest.raises(mnemexa.InvalidArgumentError) as info:
                client.run_tool("brain.status", {}, user_id=bad)  # type: ignore[arg-type]
            assert not isinstance(info.value, mnemexa.ToolArgumentError)
            assert "user_id must be a non-empty str" in str(info.value)
            with pytest.raises(mnemexa.InvalidArgumentError):
                client.describe(agent_id=bad)  # type: ignore[arg-type]


def test_tool_argument_error_is_an_invalid_argument_error_named_from_the_package():
    assert issubclass(mnemexa.ToolArgumentError, mnemexa.InvalidArgumentError)
    assert issubclass(mnemexa.ToolArgumentError, mnemexa.MnemexaError)
    assert mnemexa.ToolArgumentError.__module__ == "mnemexa"


# ---- the manifest against the generated code it runs through -----------------------------


def test_every_tool_name_maps_to_one_name_both_providers_accept():
    names = [tool.name for tool in manifest().tools]
    mapped = [provider_name(name) for name in names]
    assert all(PROVIDER_NAME.fullmatch(name) for name in mapped), mapped
    assert len(set(mapped)) == len(names)
    assert provider_name("brain.remember") == "brain_remember"
    for name in names:  # either form finds the tool
        assert manifest().find(name) is manifest().find(provider_name(name))


def test_the_scope_fields_are_the_three_an_application_fixes():
    assert manifest().scope_fields == ("agent_id", "user_id", "session_id")


@pytest.mark.parametrize("tool", manifest().tools, ids=lambda t: t.name)
def test_each_argument_has_its_place_in_the_generated_request(tool):
    endpoint = tool.endpoint()
    params = inspect.signature(endpoint._get_kwargs).parameters
    where = tool.where
    assert set(where) == set(tool.schema()["properties"])
    for name, place in where.items():
        if place in ("path", "query"):
            assert name in params, (tool.name, name)
    required_path = {
        n for n, p in params.items() if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is p.empty
    }
    assert required_path == {n for n, place in where.items() if place == "path"}
    assert ("body" in params) == tool.has_body
    if tool.has_body:
        from mnemexa._tools import _hints, _options

        model = next(t for t in _options(_hints(endpoint)["body"]) if attrs.has(t))
        fields = {f.name for f in attrs.fields(model)}
        assert {n for n, place in where.items() if place == "body"} <= fields
    if tool.check_module is not None:  # the record is read by the tool's own path ids
        check = inspect.signature(_module(tool.check_module)._get_kwargs)
        ids = {n for n, p in check.parameters.items() if p.kind is p.POSITIONAL_OR_KEYWORD}
        assert ids
        assert ids <= required_path
        assert tool.method != "GET"


def _module(name: str) -> Any:
    from mnemexa._tools import _endpoint

    return _endpoint(name)


def test_the_result_names_come_from_the_response_parsers():
    returns = {tool.name: tool.returns() for tool in manifest().tools}
    assert returns["brain.remember"] == "MemoryStoreResponse"
    assert returns["brain.recall"] == "MemoryRetrieveResponse"
    assert returns["brain.list"] == "MemoryList"
    assert returns["brain.forget"] == "None"  # 204
