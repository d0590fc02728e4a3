"""The API key never appears in a log line, an exception, a repr or a str."""

from __future__ import annotations

import logging

import httpx
import mnemexa
import pytest

from .conftest import API_KEY, STORE_OK, Recorder, reply

ERR = {"code": "x", "message": "m", "request_id": "r"}


def _exercise(client: mnemexa.Client) -> list:
    """Run successes, retried failures and errors; return every exception raised."""
    errors = []
    client.memory.store("Client prefers async standups.", meta={"source": "kickoff"})
    for _ in range(4):
        try:
            client.memory.store("again")
        except mnemexa.MnemexaError as exc:
            errors.append(exc)
    return errors


def test_key_never_in_debug_logs_reprs_or_errors(make_client, caplog):
    recorder = Recorder(
        reply(200, STORE_OK),
        reply(503, ERR),
        reply(503, ERR),
        reply(503, ERR),
        reply(401, ERR),
        httpx.ConnectError("refused"),
        httpx.ConnectError("refused"),
        httpx.ConnectError("refused"),
        reply(200, {"status": "broken"}),
    )
    client = make_client(recorder)
    with caplog.at_level(logging.DEBUG):  # every logger, httpx's and httpcore's included
        errors = _exercise(client)
    assert len(errors) == 4
    assert recorder.requests[0].headers["authorization"] == f"Bearer {API_KEY}"

    texts = [caplog.text, repr(client), str(client), repr(client.memory.list())]
    texts += [str(e) for e in errors] + [repr(e) for e in errors]
    texts += [repr(client._runner.__dict__)]
    for text in texts:
        assert API_KEY not in text
        assert API_KEY[8:] not in text


def test_debug_log_line_has_method_path_status_attempt_elapsed_and_request_id(make_client, caplog):
    recorder = Recorder(
        reply(503, ERR, request_id="req_a"), reply(200, STORE_OK, request_id="req_b")
    )
    with caplog.at_level(logging.DEBUG, logger="mnemexa"):
        make_client(recorder).memory.store("x")
    lines = [
        r.getMessage() for r in caplog.records if r.name == "mnemexa" and "->" in r.getMessage()
    ]
    assert len(lines) == 2
    assert lines[0].startswith("POST /v1/memory/store -> 503 in ")
    assert "ms (attempt 1/3, request_id=req_a)" in lines[0]
    assert "(attempt 2/3, request_id=req_b)" in lines[1]


def test_no_debug_formatting_when_debug_is_off(make_client, caplog):
    with caplog.at_level(logging.WARNING, logger="mnemexa"):
        make_client(Recorder(reply(200, STORE_OK))).memory.store("x")
    assert caplog.records == []


def test_missing_key_error_does_not_echo_env(monkeypatch):
    monkeypatch.setenv("MNEMEXA_API_KEY", "")
    with pytest.raises(mnemexa.AuthenticationError) as info:
        mnemexa.Client()
    assert "Bearer" not in str(info.value)
