"""Which failures are retried, how often, how long the waits are, and idempotency."""

from __future__ import annotations

import httpx
import mnemexa
import pytest

from .conftest import STATUS_OK, STORE_OK, Recorder, memory, reply

ERR = {"code": "x", "message": "m", "request_id": "r"}


@pytest.mark.parametrize("status", [502, 503, 504])
@pytest.mark.parametrize("max_retries", [0, 1, 2, 4])
def test_retryable_statuses_are_retried_max_retries_times(make_client, status, max_retries):
    recorder = Recorder(reply(status, ERR))
    client = make_client(recorder, max_retries=max_retries)
    with pytest.raises(mnemexa.ServiceUnavailableError):
        client.memory.store("x")
    assert len(recorder.requests) == max_retries + 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 500])
def test_other_statuses_are_never_retried(make_client, sleeps, status):
    recorder = Recorder(reply(status, ERR))
    client = make_client(recorder, max_retries=5)
    with pytest.raises(mnemexa.MnemexaError):
        client.memory.store("x")
    assert len(recorder.requests) == 1
    assert sleeps.waits == []


@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (httpx.ConnectError("refused"), mnemexa.APIConnectionError),
        (httpx.ReadError("reset by peer"), mnemexa.APIConnectionError),
        (httpx.RemoteProtocolError("server disconnected"), mnemexa.APIConnectionError),
        (httpx.ReadTimeout("timed out"), mnemexa.APITimeoutError),
        (httpx.ConnectTimeout("timed out"), mnemexa.APITimeoutError),
        (httpx.PoolTimeout("timed out"), mnemexa.APITimeoutError),
    ],
)
def test_network_errors_are_retried_then_raised_as_typed_errors(make_client, exc, cls):
    recorder = Recorder(exc)
    client = make_client(recorder, max_retries=2)
    with pytest.raises(cls) as info:
        client.status()
    assert type(info.value) is cls
    assert isinstance(info.value.__cause__, type(exc))
    assert info.value.status_code is None
    assert len(recorder.requests) == 3


def test_timeout_error_is_a_connection_error():
    assert issubclass(mnemexa.APITimeoutError, mnemexa.APIConnectionError)


def test_success_after_transient_failures(make_client, sleeps):
    recorder = Recorder(httpx.ConnectError("refused"), reply(503, ERR), reply(200, STORE_OK))
    client = make_client(recorder)
    result = client.memory.store("Client prefers async standups.")
    assert result.memory_id == 8421
    assert len(recorder.requests) == 3
    assert len(sleeps.waits) == 2


def test_one_idempotency_key_per_logical_post_reused_on_every_attempt(make_client):
    recorder = Recorder(reply(502, ERR), reply(504, ERR), reply(200, STORE_OK))
    client = make_client(recorder)
    client.memory.store("first")
    keys = {r.headers["idempotency-key"] for r in recorder.requests}
    assert len(keys) == 1
    bodies = {r.content for r in recorder.requests}
    assert len(bodies) == 1

    recorder.outcomes = [reply(200, STORE_OK)]
    client.memory.store("second")
    assert recorder.requests[-1].headers["idempotency-key"] not in keys


def test_every_state_changing_post_gets_an_idempotency_key_and_reads_do_not(make_client):
    ok_batch = {"results": []}
    recorder = Recorder(
        lambda req: reply(
            200,
            {
                "/v1/memory/store": STORE_OK,
                "/v1/memory/store_batch": ok_batch,
                "/v1/memory/retrieve": {"memories": []},
                "/v1/status": STATUS_OK,
                "/v1/memory/3": memory(3),
            }[req.url.path],
        )
    )
    client = make_client(recorder)
    client.memory.store("a")
    client.memory.store_batch(["a", {"text": "b", "meta": {"k": 1}}])
    client.memory.retrieve("a")
    client.status()
    client.memory.get(3)
    with_key = {r.url.path for r in recorder.requests if "idempotency-key" in r.headers}
    assert with_key == {"/v1/memory/store", "/v1/memory/store_batch"}  # not retrieve: read-only
    assert all(r.method == "POST" for r in recorder.requests if r.url.path in with_key)


def test_backoff_grows_exponentially_and_is_capped(make_client, sleeps):
    recorder = Recorder(reply(503, ERR))
    client = make_client(recorder, max_retries=8)
    with pytest.raises(mnemexa.ServiceUnavailableError):
        client.status()
    policy = client._runner.retry
    assert len(sleeps.waits) == 8
    for n, wait in enumerate(sleeps.waits, start=1):
        floor = min(policy.initial_backoff * 2 ** (n - 1), policy.max_backoff)
        assert floor <= wait <= min(floor + policy.jitter, policy.max_backoff)
    assert max(sleeps.waits) <= policy.max_backoff
    assert sleeps.waits[-1] == policy.max_backoff


def test_total_wait_with_default_retries_is_bounded(make_client, sleeps):
    client = make_client(Recorder(httpx.ConnectError("refused")))
    with pytest.raises(mnemexa.APIConnectionError):
        client.status()
    policy = client._runner.retry
    assert len(sleeps.waits) == 2
    assert sum(sleeps.waits) <= policy.initial_backoff * 3 + 2 * policy.jitter


def test_retry_after_on_503_is_honoured(make_client, sleeps):
    recorder = Recorder(reply(503, ERR, headers={"Retry-After": "3"}), reply(200, STATUS_OK))
    make_client(recorder).status()
    assert sleeps.waits == [3.0]


def test_retry_after_on_503_is_capped(make_client, sleeps):
    recorder = Recorder(reply(503, ERR, headers={"Retry-After": "3600"}), reply(200, STATUS_OK))
    client = make_client(recorder)
    client.status()
    assert sleeps.waits == [client._runner.retry.max_retry_after]


def test_retry_after_on_429_is_reported_not_waited(make_client, sleeps):
    recorder = Recorder(reply(429, ERR, headers={"Retry-After": "2"}))
    with pytest.raises(mnemexa.RateLimitError) as info:
        make_client(recorder).status()
    assert info.value.retry_after == 2.0
    assert sleeps.waits == []
    assert len(recorder.requests) == 1


def test_retries_are_logged(make_client, caplog):
    recorder = Recorder(reply(503, ERR), reply(200, STATUS_OK))
    with caplog.at_level("INFO", logger="mnemexa"):
        make_client(recorder).status()
    assert any("retrying in" in r.getMessage() for r in caplog.records)


async def test_async_retries_share_the_policy(make_async_client, sleeps):
    recorder = Recorder(reply(502, ERR), httpx.ReadTimeout("slow"), reply(200, STORE_OK))
    client = make_async_client(recorder)
    result = await client.memory.store("x")
    assert result.memory_id == 8421
    assert len(recorder.requests) == 3
    assert len({r.headers["idempotency-key"] for r in recorder.requests}) == 1
    assert len(sleeps.waits) == 2


async def test_async_gives_up_after_max_retries(make_async_client):
    recorder = Recorder(httpx.ConnectTimeout("slow"))
    client = make_async_client(recorder, max_retries=3)
    with pytest.raises(mnemexa.APITimeoutError):
        await client.status()
    assert len(recorder.requests) == 4
