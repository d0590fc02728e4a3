"""Configuration precedence: explicit argument, MNEMEXA_*, BIZX_*, default."""

from __future__ import annotations

import httpx
import mnemexa
import pytest

from .conftest import STATUS_OK, Recorder, reply


def _sent_auth(recorder: Recorder) -> str:
    return recorder.requests[-1].headers["authorization"]


def _client_with(monkeypatch: pytest.MonkeyPatch, env: dict, **kwargs: object):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    recorder = Recorder(reply(200, STATUS_OK))
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = mnemexa.Client(http_client=http, **kwargs)
    client.status()
    return client, recorder


@pytest.mark.parametrize(
    ("env", "kwargs", "expected"),
    [
        (
            {"MNEMEXA_API_KEY": "mnx_env", "BIZX_API_KEY": "bizx_env"},
            {"api_key": "mnx_kw"},
            "mnx_kw",
        ),
        ({"MNEMEXA_API_KEY": "mnx_env", "BIZX_API_KEY": "bizx_env"}, {}, "mnx_env"),
        ({"BIZX_API_KEY": "bizx_env"}, {}, "bizx_env"),
        ({"MNEMEXA_API_KEY": "", "BIZX_API_KEY": "bizx_env"}, {}, "bizx_env"),
    ],
)
def test_api_key_precedence(monkeypatch, env, kwargs, expected):
    _, recorder = _client_with(monkeypatch, env, **kwargs)
    assert _sent_auth(recorder) == f"Bearer {expected}"


@pytest.mark.parametrize(
    ("env", "kwargs", "expected"),
    [
        (
            {"MNEMEXA_BASE_URL": "http://127.0.0.1:2", "BIZX_BASE_URL": "http://127.0.0.1:3"},
            {"base_url": "http://127.0.0.1:1/"},
            "http://127.0.0.1:1",
        ),
        (
            {"MNEMEXA_BASE_URL": "http://127.0.0.1:2", "BIZX_BASE_URL": "http://127.0.0.1:3"},
            {},
            "http://127.0.0.1:2",
        ),
        ({"BIZX_BASE_URL": "http://127.0.0.1:3"}, {}, "http://127.0.0.1:3"),
        ({}, {}, "https://api.mnemexa.com"),
    ],
)
def test_base_url_precedence(monkeypatch, env, kwargs, expected):
    client, recorder = _client_with(monkeypatch, {"MNEMEXA_API_KEY": "k", **env}, **kwargs)
    assert client.base_url == expected
    assert str(recorder.requests[-1].url) == f"{expected}/v1/status"


def test_missing_key_raises_authentication_error_at_construction():
    with pytest.raises(mnemexa.AuthenticationError, match="MNEMEXA_API_KEY"):
        mnemexa.Client()
    with pytest.raises(mnemexa.AuthenticationError):
        mnemexa.AsyncClient(api_key="   ")


def test_defaults_are_a_real_30s_timeout_and_two_retries():
    with mnemexa.Client(api_key="k") as client:
        assert client.timeout == 30.0
        assert client.max_retries == 2
        assert client._runner.http.timeout == httpx.Timeout(30.0)


def test_default_timeout_reaches_the_transport(make_client):
    recorder = Recorder(reply(200, STATUS_OK))
    client = make_client(recorder, timeout=30.0)
    client.status()
    assert recorder.requests[0].extensions["timeout"] == httpx.Timeout(30.0).as_dict()


def test_per_call_timeout_overrides_the_client_timeout(make_client):
    recorder = Recorder(reply(200, STATUS_OK))
    client = make_client(recorder, timeout=30.0)
    client.status(timeout=1.5)
    client.status(timeout=None)
    assert recorder.requests[0].extensions["timeout"] == httpx.Timeout(1.5).as_dict()
    assert recorder.requests[1].extensions["timeout"] == httpx.Timeout(None).as_dict()


def test_custom_http_client_keeps_its_own_timeout_and_is_not_closed():
    recorder = Recorder(reply(200, STATUS_OK))
    http = httpx.Client(transport=httpx.MockTransport(recorder), timeout=7.0)
    with mnemexa.Client(api_key="k", base_url="http://127.0.0.1:1", http_client=http) as client:
        client.status()
    assert client.timeout == httpx.Timeout(7.0)
    assert not http.is_closed
    http.close()


def test_owned_http_client_is_closed_by_the_context_manager():
    with mnemexa.Client(api_key="k") as client:
        http = client._runner.http
    assert http.is_closed


async def test_async_context_manager_closes_the_pool():
    async with mnemexa.AsyncClient(api_key="k") as client:
        http = client._runner.http
    assert http.is_closed


@pytest.mark.parametrize("value", [-1, 1.5, "2", True])
def test_invalid_max_retries_is_rejected(value):
    with pytest.raises(ValueError, match="max_retries"):
        mnemexa.Client(api_key="k", max_retries=value)


@pytest.mark.parametrize("url", ["ftp://example.com", "not a url", "/relative"])
def test_invalid_base_url_is_rejected(url):
    with pytest.raises(mnemexa.InvalidArgumentError, match="base_url"):
        mnemexa.Client(api_key="k", base_url=url)


def test_with_options_shares_the_pool_and_changes_only_what_was_asked(make_client):
    recorder = Recorder(reply(200, STATUS_OK))
    client = make_client(recorder, timeout=30.0)
    fast = client.with_options(timeout=2.0, max_retries=0)
    assert (fast.timeout, fast.max_retries) == (2.0, 0)
    assert (client.timeout, client.max_retries) == (30.0, 2)
    assert fast._runner.http is client._runner.http
    fast.status()
    assert recorder.requests[0].extensions["timeout"] == httpx.Timeout(2.0).as_dict()
    fast.close()
    assert not client._runner.http.is_closed


def test_default_headers_and_user_agent_are_sent(make_client):
    recorder = Recorder(reply(200, STATUS_OK))
    make_client(recorder, default_headers={"X-Team": "agents"}).status()
    headers = recorder.requests[0].headers
    assert headers["x-team"] == "agents"
    assert headers["user-agent"] == f"mnemexa-python/{mnemexa.__version__}"
