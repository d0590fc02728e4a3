"""Fixtures for the fault suite: a fault server per test, and clients with short waits."""

from __future__ import annotations

import dataclasses
import socket
import ssl
from typing import Any, Iterator, Type, TypeVar

import mnemexa
import pytest

from .fault_server import FaultServer

API_KEY = "mnx_ws_fault_suite_secret_7d2e"
TLS = ssl.create_default_context()
"""Built once: a new httpx client would load the CA bundle again (about 40 ms), and every
test here speaks plain HTTP on loopback anyway."""
C = TypeVar("C", mnemexa.Client, mnemexa.AsyncClient)


def fast_retries(client: C, **policy: Any) -> C:
    """Shrink the backoff (not the retry count) so that retried cases take milliseconds.

    The client's policy is replaced the way the unit tests do it; ``max_retries`` stays as
    the constructor set it.
    """
    runner = client._runner
    defaults = {"initial_backoff": 0.001, "jitter": 0.001, "max_backoff": 0.002}
    runner.retry = dataclasses.replace(runner.retry, **{**defaults, **policy})
    return client


def make_client(cls: Type[C], base_url: str, **options: Any) -> C:
    return cls(api_key=API_KEY, base_url=base_url, **options)


def dead_port() -> int:
    """A loopback port with nothing listening: connecting to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    server = FaultServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MNEMEXA_API_KEY", "BIZX_API_KEY", "MNEMEXA_BASE_URL", "BIZX_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
