"""401, 403, 404, 413, 422, 429 and framework errors: typed in the SDK, Error-shaped on the wire."""

from __future__ import annotations

import httpx
import mnemexa
import pytest

ERROR_FIELDS = {"code", "message", "request_id"}


def _assert_error_shape(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) >= ERROR_FIELDS
    assert body["code"] == code
    assert response.headers["x-request-id"] == body["request_id"]
    return body


def test_missing_and_invalid_keys_get_401(server):
    assert httpx.get(server.url + "/v1/status").status_code == 401
    bad = mnemexa.Client(api_key="mnx_ws_not-a-real-key", base_url=server.url)
    with pytest.raises(mnemexa.AuthenticationError) as info:
        bad.status()
    assert info.value.status_code == 401
    assert info.value.code == "unauthorized"
    assert info.value.message == "Invalid API key."
    assert info.value.request_id.startswith("req_")
    _assert_error_shape(
        httpx.get(server.url + "/v1/status", headers={"Authorization": "Basic x"}),
        401,
        "unauthorized",
    )


def test_suspended_workspace_gets_403(server, workspace_name):
    client = server.client(workspace_name)
    client.memory.store("Something worth keeping.")
    assert server.cli("workspaces", "suspend", workspace_name).returncode == 0
    with pytest.raises(mnemexa.PermissionError) as info:
        client.memory.retrieve("anything")
    assert info.value.code == "workspace_suspended"
    assert server.cli("workspaces", "activate", workspace_name).returncode == 0
    assert client.status().workspace_status == "active"


def test_unknown_memory_gets_404_on_get_update_delete(server, workspace_name):
    client = server.client(workspace_name)
    for call in (
        lambda: client.memory.get(999_999),
        lambda: client.memory.update(999_999, meta={"a": 1}),
        lambda: client.memory.delete(999_999),
    ):
        with pytest.raises(mnemexa.NotFoundError) as info:
            call()
        assert info.value.code == "not_found"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/memory/store", {"text": ""}),
        ("/v1/memory/store", {"text": "x" * 10_001}),
        ("/v1/memory/store", {"meta": {}}),
        ("/v1/memory/store", {"text": "ok", "meta": None}),
        ("/v1/memory/store", {"text": "ok", "unknown": 1}),
        ("/v1/memory/store", ["not", "an", "object"]),
        ("/v1/memory/retrieve", {"query": "q", "top_k": 0}),
        ("/v1/memory/retrieve", {"query": "q", "top_k": 101}),
        ("/v1/memory/retrieve", {"query": "q", "min_score": 1.5}),
        ("/v1/memory/store_batch", {"items": []}),
        ("/v1/memory/store_batch", {"items": [{"text": "x"}] * 101}),
    ],
)
def test_invalid_bodies_get_422_invalid_request(server, path, body):
    key = server.new_key("validation")
    response = httpx.post(server.url + path, json=body, headers={"Authorization": f"Bearer {key}"})
    payload = _assert_error_shape(response, 422, "invalid_request")
    assert "x" * 50 not in response.text  # the submitted value is never echoed
    assert payload["details"]["errors"]


def test_invalid_parameters_get_422(server):
    headers = {"Authorization": f"Bearer {server.new_key('params')}"}
    for query in (
        "limit=0",
        "limit=abc",
        "cursor=bogus",
        "temporal_type=forever",
        "created_after=yesterday",
        "include_expired=maybe",
    ):
        response = httpx.get(f"{server.url}/v1/memory?{query}", headers=headers)
        _assert_error_shape(response, 422, "invalid_request")
    _assert_error_shape(
        httpx.get(server.url + "/v1/memory/0", headers=headers), 422, "invalid_request"
    )
    _assert_error_shape(
        httpx.patch(server.url + "/v1/memory/1", json={}, headers=headers), 422, "invalid_request"
    )
    too_big = 2**63  # past int64: rejected by the spec's maximum, not a database error
    _assert_error_shape(
        httpx.get(f"{server.url}/v1/memory/{too_big}", headers=headers), 422, "invalid_request"
    )


@pytest.mark.parametrize("key", ["", "k" * 256])
def test_idempotency_key_outside_its_length_limits_gets_422(server, key):
    headers = {"Authorization": f"Bearer {server.new_key('idem')}", "Idempotency-Key": key}
    response = httpx.post(server.url + "/v1/memory/store", json={"text": "x"}, headers=headers)
    body = _assert_error_shape(response, 422, "invalid_request")
    assert body["details"]["errors"][0]["location"] == "Idempotency-Key"
    auth = {"Authorization": headers["Authorization"]}
    assert httpx.get(server.url + "/v1/memory", headers=auth).json()["data"] == []


def test_integral_float_top_k_is_an_integer(server, workspace_name):
    """JSON Schema counts 2.0 as an integer, so the server must accept it as one."""
    client = server.client(workspace_name)
    for text in ("Ana owns billing.", "Ben owns search.", "Cy owns the CI."):
        client.memory.store(text)
    headers = {"Authorization": f"Bearer {server.keys[-1]}"}
    response = httpx.post(
        server.url + "/v1/memory/retrieve", json={"query": "owner", "top_k": 2.0}, headers=headers
    )
    assert response.status_code == 200
    assert len(response.json()["memories"]) == 2


def test_malformed_json_gets_422(server):
    headers = {
        "Authorization": f"Bearer {server.new_key('json')}",
        "Content-Type": "application/json",
    }
    response = httpx.post(server.url + "/v1/memory/store", content=b'{"text": ', headers=headers)
    _assert_error_shape(response, 422, "invalid_request")


def test_pii_rejected_names_types_never_values(server, workspace_name):
    client = server.client(workspace_name)
    secret = "4111 1111 1111 1111"
    with pytest.raises(mnemexa.ValidationError) as info:
        client.memory.store(f"Pay with card {secret} and my password is Tr0ub4dor&3")
    assert info.value.code == "pii_rejected"
    assert info.value.body["details"]["types"] == ["credit_card", "password"]
    assert secret not in str(info.value.body)
    assert "Tr0ub4dor" not in str(info.value.body)
    assert list(client.memory.list()) == []  # nothing stored


def test_redact_policy_stores_placeholders(server, workspace_name):
    client = server.client(workspace_name)
    assert server.cli("workspaces", "pii-policy", workspace_name, "redact").returncode == 0
    result = client.memory.store(
        "Deploy key for CI: ghp_abcdefghijklmnopqrstuvwxyz0123456789 (ask Sam)"
    )
    assert result.pii.redacted == ["api_key"]
    text = client.memory.get(result.memory_id).text
    assert "ghp_" not in text
    assert "[REDACTED:api_key]" in text


def test_unknown_route_and_wrong_method_are_error_shaped(server):
    _assert_error_shape(httpx.get(server.url + "/v2/nothing"), 404, "not_found")
    headers = {"Authorization": f"Bearer {server.new_key('routes')}"}
    _assert_error_shape(
        httpx.get(server.url + "/v1/memory/store", headers=headers), 405, "method_not_allowed"
    )
    response = httpx.request("OPTIONS", server.url + "/v1/memory/1", headers=headers)
    _assert_error_shape(response, 405, "method_not_allowed")
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "PATCH", "DELETE"}
    assert "POST" not in response.headers["Allow"]


def test_body_size_limit_gets_413(server):
    headers = {"Authorization": f"Bearer {server.new_key('big')}"}
    huge = {"text": "a" * (6 * 1024 * 1024)}
    _assert_error_shape(
        httpx.post(server.url + "/v1/memory/store", json=huge, headers=headers),
        413,
        "payload_too_large",
    )

    def chunks():  # no Content-Length: the limit applies while reading
        for _ in range(7):
            yield b"a" * (1024 * 1024)

    response = httpx.post(server.url + "/v1/memory/store", content=chunks(), headers=headers)
    _assert_error_shape(response, 413, "payload_too_large")


def test_rate_limit_answers_429_with_retry_after(fresh_server, workspace_name):
    fresh_server.env_overrides = {"MNEMEXA_RATE_LIMIT": "1", "MNEMEXA_RATE_BURST": "3"}
    fresh_server.start()
    client = fresh_server.client(workspace_name, max_retries=0)
    for _ in range(3):
        client.status()
    with pytest.raises(mnemexa.RateLimitError) as info:
        client.status()
    assert info.value.retry_after is not None
    assert info.value.retry_after >= 1
    assert info.value.code == "rate_limited"


def test_busy_database_answers_503_with_retry_after(fresh_server, workspace_name):
    """A writer holding the lock past the busy timeout: 503, nothing stored, then it works."""
    fresh_server.env_overrides = {"MNEMEXA_BUSY_TIMEOUT": "0.2"}
    fresh_server.start()
    client = fresh_server.client(workspace_name, max_retries=0)
    with fresh_server.write_lock_held(), pytest.raises(mnemexa.ServiceUnavailableError) as info:
        client.memory.store("The nightly export runs at 02:00 UTC.")
    assert info.value.status_code == 503
    assert info.value.code == "service_unavailable"
    assert info.value.retry_after == 1
    assert list(client.memory.list()) == []
    assert client.memory.store("The nightly export runs at 02:00 UTC.").dedup.action == "stored_new"
