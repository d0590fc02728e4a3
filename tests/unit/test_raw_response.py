"""``with_raw_response``, the per-call extras, and the response metadata of results."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import mnemexa
import pytest

from .conftest import API_KEY, STATUS_OK, STORE_OK, Recorder, memory, reply

REPLAYED = {"Idempotency-Replayed": "true"}


def test_raw_response_has_the_http_parts_and_parses_to_the_usual_result(make_client):
    recorder = Recorder(reply(200, STORE_OK, headers=REPLAYED, request_id="req_raw_1"))
    client = make_client(recorder)
    raw = client.with_raw_response.memory.store("Client prefers async standups.")
    assert isinstance(raw, mnemexa.APIResponse)
    assert (raw.status_code, raw.request_id) == (200, "req_raw_1")
    assert raw.headers["idempotency-replayed"] == "true"
    assert raw.http_request.method == "POST"
    assert raw.http_request.url.path == "/v1/memory/store"
    assert "idempotency-key" in raw.http_request.headers
    assert API_KEY not in repr(raw) + str(raw.http_request.headers)  # redacted once sent
    result = raw.parse()
    assert result.memory_id == 8421
    assert raw.parse() is result  # parsed once
    assert result.to_dict() == client.memory.store("again").to_dict()


async def test_async_raw_response_awaits_to_the_same(make_async_client):
    recorder = Recorder(reply(200, STATUS_OK, request_id="req_raw_2"))
    client = make_async_client(recorder)
    raw = await client.with_raw_response.status()
    assert isinstance(raw, mnemexa.APIResponse)
    assert (raw.status_code, raw.request_id) == (200, "req_raw_2")
    assert raw.parse().workspace_name == "acme"
    await client.close()


def test_a_raw_list_is_its_first_page_and_a_delete_parses_to_none(make_client):
    page = {"data": [memory(2), memory(1)], "has_more": True, "next_cursor": "bToy"}
    client = make_client(Recorder(reply(200, page), reply(204)))
    raw = client.with_raw_response.memory.list(limit=2)
    assert [m.memory_id for m in raw.parse().data] == [2, 1]
    assert raw.http_request.url.params["limit"] == "2"
    deleted = client.with_raw_response.memory.delete(7)
    assert (deleted.status_code, deleted.parse()) == (204, None)


def test_a_raw_call_still_raises_for_an_error_status(make_client):
    client = make_client(Recorder(reply(404, {"code": "not_found", "message": "no"})))
    with pytest.raises(mnemexa.NotFoundError) as caught:
        client.with_raw_response.memory.get(9)
    assert caught.value.response is not None
    assert API_KEY not in str(caught.value.response.request.headers)


def test_results_carry_their_response_info(make_client):
    client = make_client(Recorder(reply(200, STORE_OK, headers=REPLAYED, request_id="req_9")))
    result = client.memory.store("Client prefers async standups.")
    assert result.request_id == "req_9"
    assert result.response_info is not None
    assert result.response_info.idempotent_replay is True
    assert result.response_info.status_code == 200
    assert "request_id" not in result.to_dict()  # metadata, not a field of the body


def test_extras_reach_the_request(make_client):
    recorder = Recorder(reply(200, STORE_OK))
    client = make_client(recorder)
    client.memory.store(
        "Client prefers async standups.",
        extra_headers={"X-Trace": "t-1"},
        extra_query={"dry_run": "1"},
        extra_body={"agent_id": "planner"},
        timeout=3.0,
    )
    sent = recorder.requests[-1]
    assert sent.headers["x-trace"] == "t-1"
    assert sent.url.params["dry_run"] == "1"
    assert recorder.json_body() == {"text": "Client prefers async standups.", "agent_id": "planner"}
    assert sent.extensions["timeout"]["read"] == 3.0


def test_extras_on_a_read_and_a_pager_keep_to_every_page(make_client):
    first = {"data": [memory(2)], "has_more": True, "next_cursor": "bToy"}
    last = {"data": [memory(1)], "has_more": False, "next_cursor": None}
    recorder = Recorder(reply(200, first), reply(200, last))
    client = make_client(recorder)
    items = list(client.memory.list(limit=1, extra_query={"agent_id": "a"}))
    assert [m.memory_id for m in items] == [2, 1]
    assert [r.url.params["agent_id"] for r in recorder.requests] == ["a", "a"]
    assert recorder.requests[1].url.params["cursor"] == "bToy"


def test_extras_cannot_replace_the_key(make_client):
    recorder = Recorder(reply(200, STATUS_OK))
    make_client(recorder).status(extra_headers={"Authorization": "Bearer other"})
    assert recorder.requests[-1].headers["authorization"] == f"Bearer {API_KEY}"


SNIPPET = """
import mnemexa

def sync(client: mnemexa.Client) -> None:
    raw = client.with_raw_response.memory.store("x", extra_headers={"X-A": "1"})
    status: int = raw.status_code
    memory_id: int = raw.parse().memory_id
    page = client.with_raw_response.memory.list(limit=2).parse()
    ids: list[int] = [m.memory_id for m in page.data]
    request_id: str | None = client.memory.retrieve("q", extra_query={"a": 1}).request_id

async def run(client: mnemexa.AsyncClient) -> None:
    raw = await client.with_raw_response.status(timeout=2.0)
    name: str = raw.parse().workspace_name
"""


def test_the_raw_and_extra_options_type_check(tmp_path: Path):
    """mypy --strict follows ``with_raw_response`` to ``APIResponse[Model]`` and accepts the
    extras; a wrong extra's type is refused."""
    root = Path(__file__).resolve().parents[2]
    good, bad = tmp_path / "good.py", tmp_path / "bad.py"
    good.write_text(textwrap.dedent(SNIPPET))
    bad.write_text("import mnemexa\nmnemexa.Client().status(extra_headers=1)\n")
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version"]
    env_paths = ["--config-file", str(root / "pyproject.toml")]
    checked = subprocess.run(
        [*command, "3.11", *env_paths, str(good)], capture_output=True, text=True, cwd=root
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    refused = subprocess.run(
        [*command, "3.11", *env_paths, str(bad)], capture_output=True, text=True, cwd=root
    )
    assert refused.returncode == 1, refused.stdout
    assert "extra_headers" in refused.stdout, refused.stdout
