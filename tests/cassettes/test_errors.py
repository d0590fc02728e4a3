"""Error statuses through the SDK, sync and async: 401, 404, 422, 429 and 503, from cassettes."""

from __future__ import annotations

import mnemexa
import pytest

from tests.cassettes.calls import call

pytestmark = [
    pytest.mark.vcr,
    pytest.mark.block_network,
    # The recording server: a small rate limit, and a short wait for a locked database.
    pytest.mark.server_settings(
        MNEMEXA_RATE_LIMIT="0.5", MNEMEXA_RATE_BURST="3", MNEMEXA_BUSY_TIMEOUT="0.3"
    ),
]


def _assert_typed(error: mnemexa.MnemexaError, status: int, code: str) -> None:
    assert error.status_code == status
    assert error.code == code
    assert error.request_id is not None
    assert error.request_id.startswith("req_")
    assert error.body["request_id"] == error.request_id


async def test_invalid_key_raises_authentication_error(connect):
    client = connect.client(api_key="mnx_ws_this-key-was-never-issued")
    with pytest.raises(mnemexa.AuthenticationError) as info:
        await call(client.status())
    _assert_typed(info.value, 401, "unauthorized")


async def test_unknown_memory_raises_not_found(connect):
    client = connect.client()
    for attempt in (
        lambda: client.memory.get(424242),
        lambda: client.memory.update(424242, meta={"a": 1}),
        lambda: client.memory.delete(424242),
    ):
        with pytest.raises(mnemexa.NotFoundError) as info:
            await call(attempt())
        _assert_typed(info.value, 404, "not_found")


async def test_invalid_request_raises_validation_error(connect):
    client = connect.client()
    with pytest.raises(mnemexa.ValidationError) as info:
        await call(client.memory.retrieve("anything", top_k=1000))
    _assert_typed(info.value, 422, "invalid_request")
    assert info.value.body["details"]["errors"][0]["location"] == "body.top_k"


async def test_pii_raises_validation_error_naming_types_only(connect):
    client = connect.client()
    with pytest.raises(mnemexa.ValidationError) as info:
        await call(client.memory.store("My SSN is 123-45-6789 and my password is hunter22!"))
    _assert_typed(info.value, 422, "pii_rejected")
    assert info.value.body["details"]["types"] == ["password", "ssn"]
    assert "123-45-6789" not in str(info.value.body)
    assert "hunter22" not in str(info.value.body)


async def test_rate_limit_raises_with_retry_after(connect):
    client = connect.client()

    async def burst() -> None:
        for _ in range(10):
            await call(client.status())

    with pytest.raises(mnemexa.RateLimitError) as info:
        await burst()
    _assert_typed(info.value, 429, "rate_limited")
    assert info.value.retry_after is not None
    assert info.value.retry_after >= 1


async def test_busy_backend_raises_service_unavailable(connect):
    client = connect.client()
    with connect.database_locked(), pytest.raises(mnemexa.ServiceUnavailableError) as info:
        await call(client.memory.store("The nightly export runs at 02:00 UTC."))
    _assert_typed(info.value, 503, "service_unavailable")
    assert info.value.retry_after == 1
