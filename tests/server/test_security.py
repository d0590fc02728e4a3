"""Keys are stored hashed, never logged; binding beyond loopback is an explicit choice."""

from __future__ import annotations

import hashlib
import json

import mnemexa
import pytest


def test_keys_are_stored_only_as_hashes(server):
    key = server.new_key("hashing")
    hashes = {row[0] for row in server.sql("SELECT key_hash FROM api_keys")}
    assert hashlib.sha256(key.encode()).hexdigest() in hashes
    files = server.stored_files()
    assert files
    for path in files:
        raw = path.read_bytes()
        assert key.encode() not in raw, path
        assert key[len("mnx_ws_") :].encode() not in raw, path


def test_keys_have_the_documented_prefix_and_are_unique(server):
    keys = {server.new_key("prefix") for _ in range(5)}
    assert len(keys) == 5
    assert all(k.startswith("mnx_ws_") and len(k) > 40 for k in keys)


def test_access_logs_are_structured_and_never_contain_keys(server, workspace_name):
    client = server.client(workspace_name)
    client.memory.store("Logged request.")
    wrong = mnemexa.Client(
        api_key="mnx_ws_wrong_key_for_the_log_test", base_url=server.url, max_retries=0
    )
    with pytest.raises(mnemexa.AuthenticationError):
        wrong.status()
    log = server.log_when(lambda text: '"status": 401' in text)
    for key in [*server.keys, "mnx_ws_wrong_key_for_the_log_test"]:
        assert key not in log
    entries = [
        json.loads(line.split("mnemexa.access INFO ", 1)[1])
        for line in log.splitlines()
        if "mnemexa.access INFO " in line
    ]
    assert any(e["path"] == "/v1/memory/store" and e["status"] == 200 for e in entries)
    assert any(e["status"] == 401 for e in entries)
    assert all(e["request_id"].startswith("req_") for e in entries)


def test_serve_refuses_non_loopback_without_allow_remote(server):
    result = server.cli("serve", "--host", "0.0.0.0", "--port", "1")  # noqa: S104
    assert result.returncode == 2
    assert "--allow-remote" in result.stderr


def test_workspaces_list_shows_status_and_counts(server):
    server.new_key("listing-ws")
    server.cli("workspaces", "suspend", "listing-ws")
    out = server.cli("workspaces", "list").stdout
    line = next(line for line in out.splitlines() if "listing-ws" in line)
    assert "suspended" in line


def test_pii_values_never_reach_the_server_log(server, workspace_name):
    client = server.client(workspace_name)
    values = ["4111 1111 1111 1111", "078-05-1120", "Tr0ub4dor&3", "sk-ant-api03-" + "Zq8" * 10]
    for value in values:
        with pytest.raises(mnemexa.ValidationError):
            client.memory.store(f"Remember this for later, my password is {value}")
    assert server.cli("workspaces", "pii-policy", workspace_name, "redact").returncode == 0
    client.memory.store("My password is " + values[2] + " and my SSN is " + values[1])
    log = server.log_when(lambda text: text.count('"status": 422') >= len(values))
    rejected = [line for line in log.splitlines() if '"status": 422' in line]
    assert len(rejected) >= len(values)  # the requests were logged ...
    for value in values:
        assert value not in log  # ... without the values


def test_keys_create_prints_a_working_key_once(server):
    result = server.cli("keys", "create", "--workspace", "from-the-cli")
    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    assert key.startswith("mnx_ws_")
    assert "shown only once" in result.stderr
    assert key not in result.stderr
    client = mnemexa.Client(api_key=key, base_url=server.url)
    assert client.status().workspace_name == "from-the-cli"
