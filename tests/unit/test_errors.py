"""Every non-2xx status and malformed body arrives as the documented MnemexaError subclass."""

from __future__ import annotations

import gzip
import json

import httpx
import mnemexa
import pytest

from .conftest import STORE_OK, Recorder, reply
from .test_error_tree import STATUSES

ERROR_BODY = {
    "code": "pii_rejected",
    "message": "The text contains a credit card number.",
    "details": {"types": ["credit_card"]},
    "request_id": "req_body_id",
}


@pytest.mark.parametrize(
    ("status", "cls"),
    STATUSES,
)
def test_status_maps_to_error_class(make_client, status, cls):
    client = make_client(Recorder(reply(status, ERROR_BODY, request_id="req_hdr_7")))
    with pytest.raises(cls) as info:
        client.memory.store("Client prefers async standups.")
    err = info.value
    assert type(err) is cls
    assert err.status_code == status
    assert err.request_id == "req_hdr_7"
    assert err.body == ERROR_BODY
    assert err.code == "pii_rejected"
    assert err.message == ERROR_BODY["message"]
    text = str(err)
    assert str(status) in text
    assert "pii_rejected" in text
    assert "req_hdr_7" in text


def test_unexpected_3xx_is_a_status_error(make_client):
    client = make_client(Recorder(httpx.Response(302, headers={"location": "/elsewhere"})))
    with pytest.raises(mnemexa.APIStatusError) as info:
        client.status()
    assert type(info.value) is mnemexa.APIStatusError
    assert info.value.status_code == 302


def test_request_id_falls_back_to_the_body(make_client):
    client = make_client(Recorder(httpx.Response(404, json={**ERROR_BODY, "code": "not_found"})))
    with pytest.raises(mnemexa.NotFoundError) as info:
        client.memory.get(5)
    assert info.value.request_id == "req_body_id"


def test_non_json_error_body_is_kept_as_text(make_client):
    html = "<html><body>Bad gateway</body></html>"
    client = make_client(Recorder(httpx.Response(502, text=html)), max_retries=0)
    with pytest.raises(mnemexa.ServiceUnavailableError) as info:
        client.status()
    assert info.value.body == html
    assert info.value.code is None
    assert info.value.request_id is None
    assert "502" in str(info.value)


@pytest.mark.parametrize(("header", "expected"), [("7", 7.0), ("0", 0.0), ("soon", None)])
def test_rate_limit_error_carries_retry_after(make_client, header, expected):
    client = make_client(
        Recorder(
            reply(429, {**ERROR_BODY, "code": "rate_limited"}, headers={"Retry-After": header})
        )
    )
    with pytest.raises(mnemexa.RateLimitError) as info:
        client.memory.retrieve("anything")
    assert info.value.retry_after == expected


def test_rate_limit_without_retry_after(make_client):
    client = make_client(Recorder(reply(429, {**ERROR_BODY, "code": "rate_limited"})))
    with pytest.raises(mnemexa.RateLimitError) as info:
        client.status()
    assert info.value.retry_after is None


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="{not json"),
        httpx.Response(200, text=""),
        httpx.Response(200, json=[1, 2, 3]),
        httpx.Response(200, json=None),
        httpx.Response(200, json={"status": "ok"}),  # required fields missing
        httpx.Response(200, json={**STORE_OK, "dedup": "not-an-object"}),
        httpx.Response(201, json=STORE_OK),  # a 2xx the spec does not declare
        httpx.Response(200, content=b"\xff\xfe\xfa", headers={"content-type": "application/json"}),
    ],
)
def test_malformed_success_body_is_a_mnemexa_error(make_client, response):
    client = make_client(Recorder(response))
    with pytest.raises(mnemexa.APIResponseValidationError) as info:
        client.memory.store("x")
    assert info.value.status_code == response.status_code
    assert isinstance(info.value, mnemexa.MnemexaError)


async def test_async_maps_errors_the_same_way(make_async_client):
    client = make_async_client(Recorder(reply(403, {**ERROR_BODY, "code": "workspace_suspended"})))
    with pytest.raises(mnemexa.PermissionError) as info:
        await client.status()
    assert info.value.code == "workspace_suspended"


def test_errors_are_catchable_as_mnemexa_error_only():
    assert not issubclass(mnemexa.PermissionError, PermissionError)
    for name in mnemexa.__all__:
        obj = getattr(mnemexa, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, mnemexa.MnemexaError)


def _encoded(status: int, body: bytes, encoding: str = "gzip") -> httpx.Response:
    """A response whose body is read from the transport, as on a real connection."""
    headers = {"content-encoding": encoding, "x-request-id": "req_gz"}
    return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_an_undecodable_success_body_is_a_response_validation_error(make_client, encoding):
    client = make_client(Recorder(_encoded(200, b"not compressed at all", encoding)))
    with pytest.raises(mnemexa.APIResponseValidationError) as info:
        client.memory.store("x")
    err = info.value
    assert (err.status_code, err.request_id) == (200, "req_gz")
    assert err.body == "not compressed at all"  # the undecoded bytes, as text
    assert "DecodingError" in str(err)
    assert isinstance(err.__cause__, httpx.DecodingError)


async def test_an_undecodable_success_body_async(make_async_client):
    client = make_async_client(Recorder(_encoded(200, b"\x1f\x8b broken")))
    with pytest.raises(mnemexa.APIResponseValidationError) as info:
        await client.status()
    assert (info.value.status_code, info.value.request_id) == (200, "req_gz")


def test_an_undecodable_error_body_keeps_its_status_and_retries(make_client):
    recorder = Recorder(*(_encoded(503, b"not gzip %d" % n) for n in range(3)))
    with pytest.raises(mnemexa.ServiceUnavailableError) as info:
        make_client(recorder).status()
    assert (info.value.status_code, info.value.body) == (503, "not gzip 2")
    assert len(recorder.requests) == 3


def test_a_compressed_body_streamed_from_the_transport_is_decoded(make_client):
    response = _encoded(200, gzip.compress(json.dumps(STORE_OK).encode()))
    result = make_client(Recorder(response)).memory.store("x")
    assert result.memory_id == STORE_OK["memory_id"]
