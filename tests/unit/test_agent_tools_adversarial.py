"""``run_tool`` and ``describe()`` against a hostile model and a careless application.

As in ``test_tool_arguments.py``, the client points at a loopback port nothing listens on:
an argument that got past the checks would fail with ``APIConnectionError`` (or, before the
fixes these tests came with, ``UnicodeEncodeError``), so a ``ToolArgumentError`` here was
raised before anything was sent. Runs on the Python matrix, 3.9 included.
"""

from __future__ import annotations

from typing import Any, Dict, Tuple

import mnemexa
import pytest
from mnemexa import _describe
from mnemexa._describe import DescribeCache, Description

from tests.loopback import refused_port


@pytest.fixture(scope="module")
def client() -> Any:
    url = f"http://127.0.0.1:{refused_port()}"
    with mnemexa.Client(api_key="mnx_ws_unit", base_url=url, max_retries=0) as c:
        yield c


# (tool, arguments as the model sent them, fixed scopes, the argument the error names)
REFUSED: Dict[str, Tuple[str, Any, Dict[str, str], str]] = {
    # A fixed scope smuggled in: a repeated key (JSON keeps the last), null, another case.
    "fixed scope as a repeated key": (
        "brain_remember",
        '{"text": "x", "user_id": "alice", "user_id": "bob"}',
        {"user_id": "alice"},
        "user_id",
    ),
    "fixed scope as null": (
        "brain_recall",
        '{"query": "x", "user_id": null}',
        {"user_id": "alice"},
        "user_id",
    ),
    "fixed scope in another case": ("brain_list", {"User_Id": "bob"}, {"user_id": "a"}, "User_Id"),
    # A string that UTF-8 cannot encode, in a path or a query value: nothing else checks it
    # there, and it used to escape as UnicodeEncodeError (an MCP "internal_error").
    "lone surrogate in a path id": (
        "brain_summarize",
        '{"session_id": "chat\\ud800"}',
        {},
        "session_id",
    ),
    "lone surrogate in a query value": ("brain_list", '{"category": "\\udfff"}', {}, "category"),
    "lone surrogate in a cursor": ("brain_list", {"cursor": "\ud800"}, {"user_id": "a"}, "cursor"),
    "lone surrogate in a body string": ("brain_recall", {"query": "\ud800"}, {}, "query"),
    # Python's `$` also matches before a final newline; the spec's pattern (ECMA-262) does not,
    # so the server refused these only after they were sent.
    "scope id with a final newline": (
        "brain_remember",
        {"text": "x", "agent_id": "a1\n"},
        {},
        "agent_id",
    ),
    "path id with a final newline": (
        "brain_summarize",
        {"session_id": "chat-1\n"},
        {},
        "session_id",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_hostile_argument_is_refused_before_sending(client, case):
    tool, arguments, fixed, argument = REFUSED[case]
    with pytest.raises(mnemexa.ToolArgumentError) as info:
        client.run_tool(tool, arguments, **fixed)
    assert info.value.argument == argument
    assert "bob" not in str(info.value)


@pytest.mark.parametrize("case", list(REFUSED))
async def test_the_async_client_refuses_them_too(client, case):
    tool, arguments, fixed, argument = REFUSED[case]
    async with mnemexa.AsyncClient(
        api_key="mnx_ws_unit", base_url=client.base_url, max_retries=0
    ) as aio:
        with pytest.raises(mnemexa.ToolArgumentError) as info:
            await aio.run_tool(tool, arguments, **fixed)
    assert info.value.argument == argument


@pytest.mark.parametrize(
    "name",
    ["brain_remember ", "delete_memories", "store_memory", "brain.delete_many", "BRAIN_LIST"],
)
def test_no_name_reaches_an_operation_that_is_not_an_agent_tool(client, name):
    with pytest.raises(mnemexa.ToolArgumentError, match="unknown tool"):
        client.run_tool(name, {"text": "x", "memory_ids": [1]})


def test_control_ids_the_spec_allows_do_go_out(client):
    """The checks above refuse only what the spec refuses: a newline inside an id's text is
    not a final one, and an astral character is a valid surrogate pair in Python's str."""
    for arguments in ({"session_id": "chat-\U0001f600"}, {"session_id": "chat$1"}):
        with pytest.raises(mnemexa.APIConnectionError):
            client.run_tool("brain_summarize", arguments)


def test_describe_keeps_a_bounded_number_of_scopes(monkeypatch):
    """A backend that describes the tools for each of its users (``describe(user_id=...)``)
    must not keep every user's description for the life of the process: an entry is dropped
    once expired, and the cache never holds more than its bound."""
    cache = DescribeCache()
    description = Description(tools=(), workspace_name="w", api_version="0")
    now = [1000.0]
    monkeypatch.setattr(_describe.time, "monotonic", lambda: now[0])
    for i in range(5000):
        cache.put((None, f"user-{i}", None), description)
    assert len(cache._entries) <= _describe.DESCRIBE_CACHE_SIZE
    assert cache.get((None, "user-4999", None)) is description  # the newest are kept
    now[0] += _describe.DESCRIBE_TTL
    cache.put((None, "late", None), description)
    assert list(cache._entries) == [(None, "late", None)]  # the expired ones are gone
