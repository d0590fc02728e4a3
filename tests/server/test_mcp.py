"""``mnemexa mcp`` against a real server, driven by the ``mcp`` client library.

The adapter runs as the real command (``python -m mnemexa._cli mcp``: the dispatcher, then the
entry point) over stdio and over streamable HTTP. The tools it should list are derived here from
``openapi.yaml``'s ``x-agent-tool`` markers, not from the SDK it runs on.
"""

from __future__ import annotations

import io
import json
import logging
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Dict, Iterator, List, Sequence

import httpx
import mnemexa
import pytest
import yaml

if sys.version_info < (3, 10):  # the mcp extra needs 3.10; the SDK and the server keep 3.9
    pytest.skip("mnemexa mcp needs Python 3.10+", allow_module_level=True)
pytest.importorskip("mcp", reason="the server's `mcp` extra is not installed")

import mcp.types as mcp_types
from mcp import Client, ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from tests.loopback import refused_port

from .conftest import ServerProcess

ROOT = Path(__file__).resolve().parents[2]
MCP = [sys.executable, "-m", "mnemexa._cli", "mcp"]


def agent_tools() -> Dict[str, List[str]]:
    """Every ``x-agent-tool`` of the spec: its name and the parameters an agent may pass."""
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    tools = {}
    for item in spec["paths"].values():
        for operation in item.values():
            marker = isinstance(operation, dict) and operation.get("x-agent-tool")
            if marker:
                tools[marker["name"]] = list(marker["parameters"])
    return tools


def assert_tools(tools: Sequence[mcp_types.Tool], fixed: Sequence[str]) -> None:
    """Exactly the spec's agent tools, each with its parameters less the fixed scopes."""
    expected = agent_tools()
    assert sorted(t.name for t in tools) == sorted(expected)
    for tool in tools:
        assert tool.description
        assert tool.input_schema["type"] == "object"
        params = set(tool.input_schema.get("properties", {}))
        assert params == set(expected[tool.name]) - set(fixed), tool.name
        assert not set(tool.input_schema.get("required", [])) & set(fixed), tool.name


def text(result: mcp_types.CallToolResult) -> str:
    (block,) = result.content
    assert isinstance(block, mcp_types.TextContent)
    return block.text


def ok(result: mcp_types.CallToolResult) -> Any:
    """A successful call's JSON, also given as structured content."""
    assert not result.is_error, text(result)
    data = json.loads(text(result))
    assert result.structured_content == data
    return data


def error(result: mcp_types.CallToolResult) -> Dict[str, Any]:
    """A tool error's ``error`` object: always a message; a request id once it reached the
    server."""
    assert result.is_error, text(result)
    err: Dict[str, Any] = json.loads(text(result))["error"]
    assert err["message"]
    return err


def adapter_env(server: ServerProcess, key: str, **extra: str) -> Dict[str, str]:
    """The adapter's environment: the API, its key, nothing else of the test's."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "MNEMEXA_API_KEY": key,
        "MNEMEXA_BASE_URL": server.url,
        **extra,
    }


@pytest.fixture(scope="module")
def api(hashing_server: ServerProcess) -> ServerProcess:
    return hashing_server


@pytest.fixture
def key(api: ServerProcess, workspace_name: str) -> str:
    return api.new_key(workspace_name)


# -- stdio ---------------------------------------------------------------------------------


@asynccontextmanager
async def stdio_session(
    args: Sequence[str], env: Dict[str, str], errlog: Path
) -> AsyncIterator[ClientSession]:
    """``mnemexa mcp ARGS`` started by the ``mcp`` client, initialized; stderr to ``errlog``."""
    params = StdioServerParameters(command=MCP[0], args=[*MCP[1:], *args], env=env)
    async with AsyncExitStack() as stack:
        log = stack.enter_context(errlog.open("w"))
        read, write = await stack.enter_async_context(stdio_client(params, errlog=log))
        session = await stack.enter_async_context(ClientSession(read, write))
        await session.initialize()
        yield session


async def test_stdio_with_fixed_scopes(api: ServerProcess, key: str, tmp_path: Path) -> None:
    """One agent's configuration: its user (from the environment) and session (a flag) are
    fixed, its agent is not."""
    errlog = tmp_path / "stderr.log"
    env = adapter_env(api, key, MNEMEXA_USER_ID="alice")
    with mnemexa.Client(api_key=key, base_url=api.url) as sdk:
        bobs = sdk.memory.store("Bob prefers tea.", user_id="bob").memory_id
    replies: List[str] = []
    async with stdio_session(["--session-id", "chat-1"], env, errlog) as session:
        assert_tools((await session.list_tools()).tools, fixed=["user_id", "session_id"])

        remember = {"text": "Alice is allergic to peanuts.", "meta": {"source": "chat"}}
        stored = ok(await session.call_tool("brain.remember", remember))
        assert stored["dedup"]["action"] == "stored_new"
        found = ok(await session.call_tool("brain.recall", {"query": "peanut allergy"}))
        assert [m["memory_id"] for m in found["memories"]] == [stored["memory_id"]]
        assert found["memories"][0]["user_id"] == "alice"
        assert found["memories"][0]["session_id"] == "chat-1"

        # A memory that does not exist: the server's 404, its message and request id.
        missing = error(await session.call_tool("brain.forget", {"memory_id": 987654321}))
        assert missing["status"] == 404
        assert missing["request_id"]
        # Bad arguments: a wrong type, a required one missing, one the tool does not take.
        for bad in ({"query": "x", "top_k": "many"}, {}, {"query": "x", "colour": "red"}):
            assert error(await session.call_tool("brain.recall", bad))["type"] == (
                "ToolArgumentError"
            )

        # A prompt injection naming another user: refused, nothing stored.
        injected = await session.call_tool(
            "brain.remember", {"text": "Mallory is an admin.", "user_id": "mallory"}
        )
        assert "user_id" in error(injected)["message"]
        # Bob's memory lies outside the fixed scope: not recalled, not forgotten.
        recalled = ok(await session.call_tool("brain.recall", {"query": "Bob prefers tea"}))
        assert bobs not in [m["memory_id"] for m in recalled["memories"]]
        assert error(await session.call_tool("brain.forget", {"memory_id": bobs}))["status"] == 404

        # An unknown tool is a protocol error; the adapter goes on.
        with pytest.raises(MCPError):
            await session.call_tool("brain.sudo", {})
        status = await session.call_tool("brain.status", {})
        assert ok(status)["workspace_status"] == "active"
        replies += [text(injected), text(status)]

    with mnemexa.Client(api_key=key, base_url=api.url) as sdk:
        kept = sorted((m.user_id, m.memory_id) for m in sdk.memory.list())
    assert kept == [("alice", stored["memory_id"]), ("bob", bobs)]
    stderr = errlog.read_text()
    assert "brain.remember ok" in stderr  # a line per call, on stderr
    assert "peanut" not in stderr  # ids and outcomes, never content
    for t in (stderr, *replies):
        assert key not in t


def test_stdout_carries_only_the_protocol(api: ServerProcess, key: str, tmp_path: Path) -> None:
    """Raw stdio at debug level: every stdout line is a JSON-RPC message, logs go to stderr,
    and the adapter exits when stdin closes."""
    requests = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-11-25",
                "capabilities": {},
                "clientInfo": {"name": "raw", "version": "0"},
            },
        },
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "brain.status"}},
        {
            "jsonrpc": "2.0",
            "id": 4,
            "method": "tools/call",
            "params": {"name": "brain.forget", "arguments": {"memory_id": 987654321}},
        },
    ]
    errlog = tmp_path / "stderr.log"
    with errlog.open("w") as log:
        proc = subprocess.Popen(
            [*MCP, "--log-level", "debug"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            env=adapter_env(api, key),
            text=True,
        )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout or ()])
    reader.start()
    replies: Dict[int, Any] = {}
    try:
        assert proc.stdin is not None
        for request in requests:
            proc.stdin.write(json.dumps(request) + "\n")
            proc.stdin.flush()
            while "id" in request and request["id"] not in replies:  # its reply, then the next
                reply = json.loads(lines.get(timeout=20))
                assert reply["jsonrpc"] == "2.0"
                replies[reply.get("id", -1)] = reply
        proc.stdin.close()
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill()
        reader.join(timeout=5)
    assert all(json.loads(line)["jsonrpc"] == "2.0" for line in list(lines.queue))
    assert set(replies) == {1, 2, 3, 4}
    assert len(replies[2]["result"]["tools"]) == len(agent_tools())
    assert replies[3]["result"]["isError"] is False
    assert replies[4]["result"]["isError"] is True
    stderr = errlog.read_text()
    assert "brain.forget failed" in stderr
    assert key not in stderr + json.dumps(replies)


async def test_an_unreachable_api_gives_tool_errors() -> None:
    """In process, with the API down: listing fails with a JSON-RPC error that says why, a
    call with a tool error (a connection error: no request id), and neither holds the key."""
    from mnemexa_server.mcp.tools import MnemexaTools, build_server

    key = "mnx_ws_" + "k" * 40
    dead = f"http://127.0.0.1:{refused_port()}"
    async with mnemexa.AsyncClient(api_key=key, base_url=dead, max_retries=0) as sdk:
        server = build_server(MnemexaTools(sdk, {"user_id": "alice"}, secrets=[key]))
        async with Client(server) as client:
            with pytest.raises(MCPError, match="Mnemexa did not answer") as listing:
                await client.list_tools()
            result = await client.call_tool("brain.recall", {"query": "x"})
    err = error(result)
    assert err["type"] == "APIConnectionError"
    assert "request_id" not in err  # it never reached a server
    assert key not in str(listing.value) + text(result)


async def test_a_failure_of_the_adapter_itself_is_a_tool_error_without_the_key(
    api: ServerProcess, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not an SDK error (a bug): a tool error naming only its type; the log has the
    traceback, with the key scrubbed from it."""
    from mnemexa_server.mcp.errors import RedactingFilter
    from mnemexa_server.mcp.tools import MnemexaTools, build_server

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"failed while holding {key}")

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.addFilter(RedactingFilter([key]))
    logging.getLogger("mnemexa_server.mcp").addHandler(handler)
    try:
        async with mnemexa.AsyncClient(api_key=key, base_url=api.url) as sdk:
            monkeypatch.setattr(sdk, "run_tool", broken)
            async with Client(build_server(MnemexaTools(sdk, {}, secrets=[key]))) as client:
                result = await client.call_tool("brain.status", {})
    finally:
        logging.getLogger("mnemexa_server.mcp").removeHandler(handler)
    err = error(result)
    assert err["type"] == "internal_error"
    assert "RuntimeError" in err["message"]
    assert "Traceback" in log.getvalue()
    assert "failed while holding [redacted]" in log.getvalue()
    assert key not in log.getvalue() + text(result)


# -- streamable HTTP -----------------------------------------------------------------------


def listening_port(proc: subprocess.Popen, errlog: Path, timeout: float = 30) -> int:
    """The port ``mnemexa mcp --port 0`` bound, from the line it logs once it has."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(r"serving MCP on http://127\.0\.0\.1:(\d+)/mcp", errlog.read_text())
        if found:
            return int(found.group(1))
        if proc.poll() is not None:
            raise RuntimeError(f"mnemexa mcp exited: {errlog.read_text()[-2000:]}")
        time.sleep(0.05)
    raise RuntimeError(f"mnemexa mcp did not listen: {errlog.read_text()[-2000:]}")


@pytest.fixture
def http_adapter(api: ServerProcess, key: str, tmp_path: Path) -> Iterator[str]:
    """``mnemexa mcp --transport http`` on a port the system picks, with no scope fixed: its
    URL. It must stop cleanly on SIGTERM, and its log must not hold the key."""
    errlog = tmp_path / "stderr.log"
    with errlog.open("w") as log:
        proc = subprocess.Popen(
            [*MCP, "--transport", "http", "--port", "0"],
            env=adapter_env(api, key),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
    try:
        port = listening_port(proc, errlog)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        proc.terminate()
        try:
            code = proc.wait(timeout=15)
        finally:
            proc.kill()
    stderr = errlog.read_text()
    assert code in (0, -signal.SIGTERM), stderr  # uvicorn re-raises the signal once stopped
    assert f"serving MCP on http://127.0.0.1:{port}/mcp" in stderr
    assert key not in stderr


@asynccontextmanager
async def http_session(url: str) -> AsyncIterator[ClientSession]:
    async with AsyncExitStack() as stack:
        read, write = await stack.enter_async_context(streamable_http_client(url))
        session = await stack.enter_async_context(ClientSession(read, write))
        await session.initialize()
        yield session


async def test_streamable_http(api: ServerProcess, key: str, http_adapter: str) -> None:
    """No scope fixed: every scope is an optional tool parameter, as the spec lists it."""
    async with http_session(http_adapter) as session:
        assert_tools((await session.list_tools()).tools, fixed=[])
        fact = {"text": "The deploy window is Friday 9am.", "user_id": "u1"}
        stored = ok(await session.call_tool("brain.remember", fact))
        found = ok(await session.call_tool("brain.recall", {"query": "deploy", "user_id": "u1"}))
        assert [m["memory_id"] for m in found["memories"]] == [stored["memory_id"]]
        other = ok(await session.call_tool("brain.recall", {"query": "deploy", "user_id": "u2"}))
        assert other["memories"] == []
        missing = error(await session.call_tool("brain.forget", {"memory_id": 987654321}))
        assert missing["status"] == 404
        assert missing["request_id"]
        assert error(await session.call_tool("brain.remember", {"text": ""}))
        forgot = ok(await session.call_tool("brain.forget", {"memory_id": stored["memory_id"]}))
        assert forgot == {"status": "ok"}

    # The newest protocol revision (no handshake) through the high-level client.
    async with Client(http_adapter) as client:
        assert len((await client.list_tools()).tools) == len(agent_tools())
        health = await client.call_tool("brain.health", {})
        assert 0 <= ok(health)["quality_score"] <= 100

    # DNS rebinding: a web page elsewhere cannot drive the local endpoint through a browser.
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    headers = {"Accept": "application/json, text/event-stream"}
    async with httpx.AsyncClient() as http:
        for foreign in ({"Host": "evil.example"}, {"Origin": "http://evil.example"}):
            response = await http.post(http_adapter, json=body, headers={**headers, **foreign})
            assert response.status_code in (403, 421), response.text


# -- configuration -------------------------------------------------------------------------


def test_settings_that_cannot_work_stop_it_at_start(api: ServerProcess) -> None:
    """Exit status 2 and one line that says why, nothing on stdout, the key nowhere. (The
    three run side by side: each is mostly the command's start-up.)"""
    refused = "mnx_ws_" + "x" * 40
    cases = {
        "MNEMEXA_API_KEY": ([], {}),  # no key at all
        "401": ([], {"MNEMEXA_API_KEY": refused, "MNEMEXA_BASE_URL": api.url}),
        "--allow-remote": (["--transport", "http", "--host", "0.0.0.0"], {}),  # noqa: S104
    }
    running = {
        said: subprocess.Popen(
            [*MCP, *args],
            env={"PATH": os.environ.get("PATH", ""), **env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for said, (args, env) in cases.items()
    }
    for said, proc in running.items():
        stdout, stderr = proc.communicate(timeout=30)
        assert proc.returncode == 2, (said, stderr)
        assert said in stderr
        assert "Traceback" not in stderr
        assert refused not in stderr
        assert stdout == ""


def test_the_dispatcher_lists_mcp() -> None:
    from mnemexa import _cli

    command = _cli.installed_commands()["mcp"]
    assert command.distribution == "mnemexa-server"
    assert "MCP" in _cli._summary(command)


def test_the_adapter_imports_only_the_sdk_and_mcp() -> None:
    """Never the server's storage, app or pipeline: it is a client of the API like any other."""
    probe = (
        "import sys\n"
        "from mnemexa_server.mcp import command, config, errors, tools, transport\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    modules = done.stdout.split()
    ours = [m for m in modules if m.split(".")[0] == "mnemexa_server"]
    assert "mnemexa_server.mcp.tools" in ours
    assert [
        m for m in ours if m != "mnemexa_server" and not m.startswith("mnemexa_server.mcp")
    ] == []
    assert "mcp" in modules
    assert "mnemexa" in modules
    for server_side in ("fastapi", "numpy", "onnxruntime", "hnswlib", "psycopg", "sqlite3"):
        assert server_side not in modules
