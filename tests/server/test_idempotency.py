"""Idempotency-Key: the same key and body replays the first response and stores nothing new."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

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


def test_batch_replays(server, workspace_name):
    key = server.new_key(workspace_name)
    body = {"items": [{"text": "Batch fact one about invoices."}, {"text": "Batch fact two."}]}
    first = _post(server, key, "/v1/memory/store_batch", body, "idem-batch")
    again = _post(server, key, "/v1/memory/store_batch", body, "idem-batch")
    assert again.json() == first.json()
    assert again.headers["idempotency-replayed"] == "true"
    assert len(_list(server, key)) == 2


def test_retrieve_is_a_read_and_records_nothing(server, workspace_name):
    key = server.new_key(workspace_name)
    _post(
        server,
        key,
        "/v1/memory/store",
        {"text": "Invoices are emailed to the finance team."},
        "idem-a",
    )
    query = {"query": "invoices"}
    r1 = _post(server, key, "/v1/memory/retrieve", query, "idem-retrieve")
    _post(server, key, "/v1/memory/store", {"text": "Invoices are due in 30 days."}, "idem-b")
    r2 = _post(server, key, "/v1/memory/retrieve", query, "idem-retrieve")
    assert len(r1.json()["memories"]) == 1
    assert len(r2.json()["memories"]) == 2
    assert "idempotency-replayed" not in r2.headers
    # The same key on a write is free: the retrieve recorded nothing under it.
    stored = _post(server, key, "/v1/memory/store", {"text": "A third fact."}, "idem-retrieve")
    assert stored.status_code == 200
    assert "idempotency-replayed" not in stored.headers


def _list(server, key):
    page = httpx.get(server.url + "/v1/memory", headers={"Authorization": f"Bearer {key}"})
    assert page.status_code == 200
    return page.json()["data"]


def _texts(value):
    """Every string anywhere in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


CANARY = "Quarzlith tickets for the Vantorel gig expire tomorrow evening."


def test_a_replay_after_delete_never_returns_the_text_and_never_stores_again(
    server, workspace_name
):
    key = server.new_key(workspace_name)
    auth = {"Authorization": f"Bearer {key}"}
    body = {"text": CANARY, "meta": {"note": "Vantorel backstage"}}
    first = _post(server, key, "/v1/memory/store", body, "idem-canary")
    assert first.status_code == 200
    memory_id = first.json()["memory_id"]
    assert first.json()["temporal"]["raw_text"]  # the response held an excerpt of the text
    patched = httpx.patch(
        f"{server.url}/v1/memory/{memory_id}",
        json={"text": CANARY + " Quarzlith row C.", "meta": {"note": "Vantorel row"}},
        headers={**auth, "Idempotency-Key": "idem-canary-patch"},
    )
    assert patched.status_code == 200
    assert "Quarzlith" in patched.json()["text"]
    gone = httpx.delete(
        f"{server.url}/v1/memory/{memory_id}", headers={**auth, "Idempotency-Key": "idem-del"}
    )
    assert gone.status_code == 204

    replay = _post(server, key, "/v1/memory/store", body, "idem-canary")
    assert replay.status_code == 200
    assert replay.headers["idempotency-replayed"] == "true"
    assert replay.json()["memory_id"] == memory_id
    assert replay.json()["temporal"]["raw_text"] is None
    assert not [t for t in _texts(replay.json()) if "Quarzlith" in t or "Vantorel" in t]
    assert _list(server, key) == []  # the retried store did not store again

    patch_replay = httpx.patch(
        f"{server.url}/v1/memory/{memory_id}",
        json={"text": CANARY + " Quarzlith row C.", "meta": {"note": "Vantorel row"}},
        headers={**auth, "Idempotency-Key": "idem-canary-patch"},
    )
    assert patch_replay.headers["idempotency-replayed"] == "true"
    assert patch_replay.json()["memory_id"] == memory_id
    assert patch_replay.json()["history"] == []
    assert not [t for t in _texts(patch_replay.json()) if "Quarzlith" in t or "Vantorel" in t]
    delete_replay = httpx.delete(
        f"{server.url}/v1/memory/{memory_id}", headers={**auth, "Idempotency-Key": "idem-del"}
    )
    assert delete_replay.status_code == 204
    assert delete_replay.headers["idempotency-replayed"] == "true"


def test_a_key_is_bound_to_the_path_it_was_used_on(server, workspace_name):
    key = server.new_key(workspace_name)
    auth = {"Authorization": f"Bearer {key}", "Idempotency-Key": "idem-path"}
    ids = [
        _post(server, key, "/v1/memory/store", {"text": text}, f"idem-{text}").json()["memory_id"]
        for text in ("Fact one about the boiler.", "Fact two about the garden shed.")
    ]
    assert httpx.delete(f"{server.url}/v1/memory/{ids[0]}", headers=auth).status_code == 204
    other = httpx.delete(f"{server.url}/v1/memory/{ids[1]}", headers=auth)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert [m["memory_id"] for m in _list(server, key)] == [ids[1]]


def test_concurrent_requests_with_one_key_store_once(server, workspace_name):
    key = server.new_key(workspace_name)
    body = {"text": "The locksmith comes on the 14th at 10am."}
    barrier = threading.Barrier(8)

    def send(_: int) -> httpx.Response:
        barrier.wait()
        return _post(server, key, "/v1/memory/store", body, "idem-race")

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(send, range(8)))
    assert [r.status_code for r in responses] == [200] * 8
    assert {r.json()["memory_id"] for r in responses} == {responses[0].json()["memory_id"]}
    assert {r.json()["dedup"]["action"] for r in responses} == {"stored_new"}
    assert sum("idempotency-replayed" in r.headers for r in responses) == 7
    assert len(_list(server, key)) == 1


def test_an_expired_record_is_not_replayed(server, workspace_name):
    key = server.new_key(workspace_name)
    body = {"text": "The gym locker number is on the orange tag."}
    first = _post(server, key, "/v1/memory/store", body, "idem-old")
    aged = "UPDATE idempotency SET created_at = created_at - 86401 WHERE key = 'idem-old'"
    assert server.sql(aged) == [(1,)]
    again = _post(server, key, "/v1/memory/store", body, "idem-old")
    assert again.status_code == 200
    assert "idempotency-replayed" not in again.headers
    assert again.json()["dedup"] == {
        "action": "duplicate_exact",
        "existing_id": first.json()["memory_id"],
    }


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
