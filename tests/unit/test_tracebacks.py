"""Short tracebacks: an error shows a few SDK frames below the caller's, never the retry
engine's (tenacity) or ``concurrent.futures``'; a network failure is one clean chain.

Each case is measured the way a user meets it: the exception caught in the test function,
its frames counted after the test's own frame, on ``Client`` and ``AsyncClient``.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime
from typing import Any, Callable, Dict, List, Tuple

import httpx
import mnemexa
import pytest

from tests.loopback import refused_port

from .conftest import API_KEY, BASE_URL, Recorder, Sleeps, _no_sleep, reply

MAX_SDK_FRAMES = 4
MAX_REFUSED_LINES = 25
FOREIGN = (f"{os.sep}tenacity{os.sep}", f"{os.sep}concurrent{os.sep}futures{os.sep}")

ERR = {"code": "x", "message": "injected", "request_id": "req_body"}


def _client(is_async: bool, sleeps: Sleeps, outcome: Any, **options: Any) -> Tuple[Any, str]:
    """A client answered by ``outcome`` (or, for "refused", pointed at a dead port)."""
    client_class: Any = mnemexa.AsyncClient if is_async else mnemexa.Client
    if outcome == "refused":
        base_url = f"http://127.0.0.1:{refused_port()}"
        client = client_class(api_key=API_KEY, base_url=base_url, **options)
    else:
        http_class: Any = httpx.AsyncClient if is_async else httpx.Client
        http = http_class(transport=httpx.MockTransport(Recorder(outcome)))
        base_url = BASE_URL
        client = client_class(api_key=API_KEY, base_url=base_url, http_client=http, **options)
    _no_sleep(client, sleeps)
    return client, base_url.split("://", 1)[1]


CASES: Dict[str, Tuple[Callable[[], Any], type]] = {
    "429": (lambda: reply(429, ERR, headers={"Retry-After": "3"}), mnemexa.RateLimitError),
    "503_exhausted": (lambda: reply(503, ERR), mnemexa.ServiceUnavailableError),
    "401": (lambda: reply(401, ERR), mnemexa.AuthenticationError),
    "500": (lambda: reply(500, ERR), mnemexa.InternalServerError),
    "connection_refused": (lambda: "refused", mnemexa.APIConnectionError),
    "read_timeout": (lambda: httpx.ReadTimeout("timed out"), mnemexa.APITimeoutError),
}


def _frames_below(exc: BaseException, caller: str) -> List[traceback.FrameSummary]:
    """The frames of ``exc``'s traceback below the frame of the function ``caller``."""
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [i for i, frame in enumerate(frames) if frame.name == caller]
    assert mine, [frame.name for frame in frames]
    return frames[mine[-1] + 1 :]


def _chain(exc: BaseException) -> List[BaseException]:
    chain, current = [], exc
    while current is not None:
        chain.append(current)
        current = current.__cause__ or current.__context__  # type: ignore[assignment]
    return chain


def _rendered(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def _check_short(exc: BaseException, caller: str, cls: type) -> List[traceback.FrameSummary]:
    assert type(exc) is cls
    below = _frames_below(exc, caller)
    assert 1 <= len(below) <= MAX_SDK_FRAMES, traceback.format_list(below)
    for error in _chain(exc):
        for frame in traceback.extract_tb(error.__traceback__):
            assert not any(name in frame.filename for name in FOREIGN), frame
    rendered = _rendered(exc)
    assert "tenacity" not in rendered
    assert "concurrent" not in rendered
    assert f"mnemexa.{cls.__name__}: " in rendered  # named by its import path
    return below


def _check_network_chain(exc: BaseException, host_port: str) -> None:
    """One clean chain: the SDK's error, caused directly by the httpx error, and nothing else."""
    cause = exc.__cause__
    assert isinstance(cause, httpx.HTTPError)
    assert cause.__cause__ is None
    assert cause.__context__ is None
    assert cause.__traceback__ is None
    assert len(_chain(exc)) == 2
    assert host_port in str(exc)
    rendered = _rendered(exc)
    assert host_port in rendered
    assert rendered.count("Traceback (most recent call last)") == 1
    assert len(rendered.splitlines()) <= MAX_REFUSED_LINES, rendered


@pytest.mark.parametrize("case", list(CASES))
def test_sync_tracebacks_are_short(sleeps, case):
    make, cls = CASES[case]
    client, host_port = _client(False, sleeps, make(), max_retries=2)
    with client:
        try:
            client.memory.store("Client prefers async standups.")
        except mnemexa.MnemexaError as caught:
            exc = caught
        else:
            raise AssertionError("no error")
    below = _check_short(exc, sys._getframe().f_code.co_name, cls)
    assert below[-1].name == "respond"  # raised again from the runner's own frame
    if isinstance(exc, mnemexa.APIConnectionError):
        _check_network_chain(exc, host_port)
    else:
        assert exc.__cause__ is None
        assert exc.__suppress_context__


@pytest.mark.parametrize("case", list(CASES))
async def test_async_tracebacks_are_short(sleeps, case):
    make, cls = CASES[case]
    client, host_port = _client(True, sleeps, make(), max_retries=2)
    async with client:
        try:
            await client.memory.store("Client prefers async standups.")
        except mnemexa.MnemexaError as caught:
            exc = caught
        else:
            raise AssertionError("no error")
    below = _check_short(exc, sys._getframe().f_code.co_name, cls)
    assert below[-1].name == "respond"
    if isinstance(exc, mnemexa.APIConnectionError):
        _check_network_chain(exc, host_port)
    else:
        assert exc.__cause__ is None


def test_retries_did_happen_before_the_short_traceback(sleeps):
    """The 503 and refused cases above are exhausted retries, not first attempts."""
    recorder = Recorder(reply(503, ERR))
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = mnemexa.Client(api_key=API_KEY, base_url=BASE_URL, http_client=http, max_retries=2)
    _no_sleep(client, sleeps)
    with pytest.raises(mnemexa.ServiceUnavailableError):
        client.status()
    assert len(recorder.requests) == 3
    assert len(sleeps.waits) == 2


def test_a_refused_connection_renders_in_a_few_lines(sleeps):
    client, host_port = _client(False, sleeps, "refused", max_retries=2)
    with client:
        try:
            client.status()
        except mnemexa.APIConnectionError as caught:
            exc = caught
    rendered = _rendered(exc)
    assert len(rendered.splitlines()) <= MAX_REFUSED_LINES, rendered
    last = rendered.splitlines()[-1]
    assert last.startswith(f"mnemexa.APIConnectionError: connection to {host_port} failed")
    assert last.endswith("on GET /v1/status")
    assert "httpcore" not in rendered


def test_a_client_side_mistake_is_short_too(sleeps):
    client, _ = _client(False, sleeps, reply(200, {}))
    with client:
        try:
            client.memory.store("x", meta={"when": datetime(2026, 11, 1)})
        except mnemexa.InvalidArgumentError as caught:
            exc = caught
    below = _frames_below(exc, sys._getframe().f_code.co_name)
    assert len(below) <= MAX_SDK_FRAMES, traceback.format_list(below)
    assert exc.__cause__ is None
    assert exc.__context__ is None


def test_the_runner_frame_keeps_its_locals_for_debugging(make_client):
    """A traceback printed with locals (``pytest -l``, rich) still shows what was sent."""
    client = make_client(Recorder(reply(429, ERR)))
    with pytest.raises(mnemexa.RateLimitError) as info:
        client.status()
    rendered = "".join(
        traceback.TracebackException.from_exception(info.value, capture_locals=True).format()
    )
    assert "request = {" in rendered
    assert "/v1/status" in rendered
