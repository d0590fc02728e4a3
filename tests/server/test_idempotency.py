"""Idempotency-Key: the same key and body replays the first response and stores nothing new."""

from __future__ import annotations

import httpx


def _post(server, key, path, body, idem):
    return httpx.post(
        server.url + path,
        json=body,
        headers={"Authorization": f"Bearer {key}", "Idempotency-Key": idem},
    )


def test_replay_returns_the_first_response_and_stores_once(server, workspace_name):
    key = server.new_key(workspace_name)
    body = {"text": "The quarterly review is run by Dana.", "meta": {"source": "notes"}}
    first = _post(server, key, "/v1/memory/store", body, "idem-store-1")
    second = _post(server, key, "/v1/memory/store", body, "idem-store-1")
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json()
    assert first.json()["dedup"]["action"] == "stored_new"  # not duplicate_exact: a replay
    assert second.headers["idempotency-replayed"] == "true"
    assert "idempotency-replayed" not in first.headers
    listed = httpx.get(server.url + "/v1/memory", headers={"Authorization": f"Bearer {key}"}).json()
    assert len(listed["data"]) == 1


def test_same_key_with_another_body_gets_422(server, workspace_name):
    key = server.new_key(workspace_name)
    assert _post(server, key, "/v1/memory/store", {"text": "one"}, "idem-2").status_code == 200
    reused = _post(server, key, "/v1/memory/store", {"text": "two"}, "idem-2")
    assert reused.status_code == 422
    assert reused.json()["code"] == "idempotency_key_reused"


def test_keys_are_scoped_to_the_workspace(server):
    a, b = server.new_key("idem-scope-a"), server.new_key("idem-scope-b")
    first = _post(server, a, "/v1/memory/store", {"text": "shared key"}, "idem-3").json()
    other = _post(server, b, "/v1/memory/store", {"text": "shared key"}, "idem-3").json()
    assert other["workspace_id"] != first["workspace_id"]


def test_batch_and_retrieve_replay_too(server, workspace_name):
    key = server.new_key(workspace_name)
    body = {"items": [{"text": "Batch fact one about invoices."}, {"text": "Batch fact two."}]}
    first = _post(server, key, "/v1/memory/store_batch", body, "idem-batch")
    again = _post(server, key, "/v1/memory/store_batch", body, "idem-batch")
    assert again.json() == first.json()
    query = {"query": "invoices"}
    r1 = _post(server, key, "/v1/memory/retrieve", query, "idem-retrieve")
    _post(server, key, "/v1/memory/store", {"text": "Invoices are due in 30 days."}, "idem-x")
    r2 = _post(server, key, "/v1/memory/retrieve", query, "idem-retrieve")
    assert r2.json() == r1.json()
    assert r2.headers["idempotency-replayed"] == "true"


def test_sdk_retry_after_a_lost_response_stores_once(server, workspace_name, monkeypatch):
    """The first response is dropped after the server committed; the SDK retries with the
    same Idempotency-Key and gets the recorded answer."""
    import mnemexa

    transport = httpx.HTTPTransport()
    calls = []

    class DropFirstResponse(httpx.BaseTransport):
        def handle_request(self, request):
            response = transport.handle_request(request)
            calls.append(request.headers.get("idempotency-key"))
            if len(calls) == 1:
                response.read()
                raise httpx.ReadError("connection lost after the server answered")
            return response

    client = mnemexa.Client(
        api_key=server.new_key(workspace_name),
        base_url=server.url,
        http_client=httpx.Client(transport=DropFirstResponse()),
    )
    result = client.memory.store("Exactly-once matters for the ledger.")
    assert len(calls) == 2
    assert calls[0] == calls[1]
    assert [m.memory_id for m in client.memory.list()] == [result.memory_id]
