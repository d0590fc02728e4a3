"""The retry policy over a real socket: how many attempts, and how long they take in total.

The waits are checked twice: as the policy asked for them (a recording sleep that really
sleeps) and as the fault server saw them (the gaps between request arrivals). Lower bounds
are exact; upper bounds allow ``SLACK`` for scheduling on a busy machine.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Dict, List

import mnemexa
import pytest

from .cases import error
from .conftest import run_call
from .fault_server import FaultServer, Hangup, Reply
from .operations import STORE

MODES = ["sync", "async"]
SLACK = 0.5


class Waits:
    """Records each wait the policy asks for, then really waits."""

    def __init__(self) -> None:
        self.seconds: List[float] = []

    def sleep(self, seconds: float) -> None:
        self.seconds.append(seconds)
        time.sleep(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.seconds.append(seconds)
        await asyncio.sleep(seconds)

    def policy(self, **fields: Any) -> Dict[str, Any]:
        return {"sleep": self.sleep, "async_sleep": self.async_sleep, **fields}


def store(client: Any) -> Any:
    return client.memory.store("Retried stores must not duplicate.")


def unavailable(retry_after: str = "") -> Reply:
    headers = (("Retry-After", retry_after),) if retry_after else ()
    return error(503, "service_unavailable", headers=headers)


def within(value: float, low: float, high: float) -> bool:
    return low <= value <= high + SLACK


@pytest.mark.parametrize("mode", MODES)
def test_default_policy_makes_three_attempts_with_exponential_backoff(
    mode: str, fault_server: FaultServer
) -> None:
    """max_retries=2, waits of 0.5 s then 1 s, each plus up to 0.5 s of jitter."""
    fault_server.script(unavailable())
    waits = Waits()
    outcome, elapsed = run_call(mode, fault_server.url, store, waits.policy())
    assert type(outcome) is mnemexa.ServiceUnavailableError
    assert fault_server.connections == 3
    assert len(waits.seconds) == 2
    assert 0.5 <= waits.seconds[0] <= 1.0
    assert 1.0 <= waits.seconds[1] <= 1.5
    gaps = fault_server.gaps()
    assert all(within(gap, wait, wait) for gap, wait in zip(gaps, waits.seconds))
    assert within(elapsed, 1.5, 2.5)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("max_retries", [0, 1, 3, 5])
def test_custom_max_retries_sets_the_attempt_count(
    mode: str, max_retries: int, fault_server: FaultServer
) -> None:
    fault_server.script(unavailable())
    waits = Waits()
    policy = waits.policy(initial_backoff=0.01, jitter=0.005, max_backoff=0.04)
    outcome, elapsed = run_call(mode, fault_server.url, store, policy, max_retries=max_retries)
    assert type(outcome) is mnemexa.ServiceUnavailableError
    assert fault_server.connections == max_retries + 1
    expected = [min(0.01 * 2**n, 0.04) for n in range(max_retries)]
    assert len(waits.seconds) == max_retries
    for wait, low in zip(waits.seconds, expected):
        assert low <= wait <= min(low + 0.005, 0.04)
    assert within(elapsed, sum(expected), sum(expected) + 0.005 * max_retries)


@pytest.mark.parametrize("mode", MODES)
def test_with_options_changes_the_retry_count(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(unavailable())

    def call(client: Any) -> Any:
        return store(client.with_options(max_retries=1))

    outcome, _ = run_call(mode, fault_server.url, call, {"initial_backoff": 0.001, "jitter": 0})
    assert type(outcome) is mnemexa.ServiceUnavailableError
    assert fault_server.connections == 2


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (unavailable(), mnemexa.ServiceUnavailableError),
        (Hangup("reset"), mnemexa.APIConnectionError),
        (Hangup("reset", before_request=True), mnemexa.APIConnectionError),
    ],
    ids=["503", "reset", "reset_on_accept"],
)
def test_zero_retries_means_one_attempt_and_no_wait(
    mode: str, fault: Any, expected: type, fault_server: FaultServer
) -> None:
    fault_server.script(fault, Reply(body=STORE))
    waits = Waits()
    outcome, elapsed = run_call(mode, fault_server.url, store, waits.policy(), max_retries=0)
    assert type(outcome) is expected
    assert fault_server.connections == 1
    assert waits.seconds == []
    assert within(elapsed, 0, 0)


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_on_503_replaces_the_backoff(mode: str, fault_server: FaultServer) -> None:
    """``Retry-After: 1`` (whole seconds, as the spec declares it) is waited out, then success."""
    fault_server.script(unavailable("1"), Reply(body=STORE))
    waits = Waits()
    outcome, elapsed = run_call(mode, fault_server.url, store, waits.policy())
    assert outcome.memory_id == STORE["memory_id"]
    assert waits.seconds == [1.0]
    assert fault_server.connections == 2
    assert within(fault_server.gaps()[0], 1.0, 1.0)
    assert within(elapsed, 1.0, 1.0)


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_is_capped(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(unavailable("3600"))
    waits = Waits()
    outcome, elapsed = run_call(mode, fault_server.url, store, waits.policy(max_retry_after=0.2))
    assert type(outcome) is mnemexa.ServiceUnavailableError
    assert outcome.retry_after == 3600.0
    assert fault_server.connections == 3
    assert waits.seconds == [0.2, 0.2]
    assert all(within(gap, 0.2, 0.2) for gap in fault_server.gaps())
    assert within(elapsed, 0.4, 0.4)


@pytest.mark.parametrize("mode", MODES)
def test_429_is_never_retried_even_with_retry_after(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(
        error(429, "rate_limited", headers=(("Retry-After", "30"),)), Reply(body=STORE)
    )
    waits = Waits()
    outcome, elapsed = run_call(mode, fault_server.url, store, waits.policy())
    assert type(outcome) is mnemexa.RateLimitError
    assert outcome.retry_after == 30.0
    assert fault_server.connections == 1
    assert waits.seconds == []
    assert within(elapsed, 0, 0)


@pytest.mark.parametrize("mode", MODES)
def test_backoff_grows_exponentially_up_to_max_backoff(
    mode: str, fault_server: FaultServer
) -> None:
    """0.1, then 0.2 capped to 0.15, 0.15, 0.15: 0.55 s in all, where uncapped would be 1.5 s."""
    fault_server.script(Hangup("reset", before_request=True))
    waits = Waits()
    policy = waits.policy(initial_backoff=0.1, jitter=0, max_backoff=0.15)
    outcome, elapsed = run_call(mode, fault_server.url, store, policy, max_retries=4)
    assert type(outcome) is mnemexa.APIConnectionError
    assert fault_server.connections == 5
    assert waits.seconds == pytest.approx([0.1, 0.15, 0.15, 0.15])
    assert within(elapsed, 0.55, 0.55)


@pytest.mark.parametrize("mode", MODES)
def test_each_attempt_gets_the_full_timeout(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(Hangup("stall"))
    waits = Waits()
    policy = waits.policy(initial_backoff=0.01, jitter=0, max_backoff=0.02)
    outcome, elapsed = run_call(mode, fault_server.url, store, policy, timeout=0.2)
    assert type(outcome) is mnemexa.APITimeoutError
    assert fault_server.connections == 3
    assert waits.seconds == pytest.approx([0.01, 0.02])
    assert within(elapsed, 0.63, 0.63)
