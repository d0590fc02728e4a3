"""Fixtures for the fault suite: a fault server per test, and clients with short waits."""

from __future__ import annotations

import asyncio
import dataclasses
import ssl
import time
from typing import Any, Awaitable, Callable, Dict, Iterator, Optional, Tuple, Type, TypeVar, Union

import mnemexa
import pytest

from .fault_server import FaultServer

API_KEY = "mnx_ws_fault_suite_secret_7d2e"
TLS = ssl.create_default_context()
"""Built once: a new httpx client would load the CA bundle again (about 40 ms), and every
test here speaks plain HTTP on loopback anyway."""
C = TypeVar("C", mnemexa.Client, mnemexa.AsyncClient)


def with_policy(client: C, **fields: Any) -> C:
    """Replace retry-policy fields (backoff, caps) the way the unit tests do; ``max_retries``
    is left as the constructor set it."""
    client._runner.retry = dataclasses.replace(client._runner.retry, **fields)
    return client


def fast_retries(client: C) -> C:
    """Shrink the backoff (not the retry count) so that retried cases take milliseconds."""
    return with_policy(client, initial_backoff=0.001, jitter=0.001, max_backoff=0.002)


def make_client(cls: Type[C], base_url: str, **options: Any) -> C:
    options.setdefault("api_key", API_KEY)
    return cls(base_url=base_url, **options)


def run_call(
    mode: str,
    base_url: str,
    call: Callable[[Any], Union[Any, Awaitable[Any]]],
    policy: Optional[Dict[str, Any]] = None,
    **options: Any,
) -> Tuple[Any, float]:
    """Call the SDK once with a fresh ``Client`` or ``AsyncClient`` built with ``options``.

    Returns the result, or the ``MnemexaError`` raised, and the seconds the call took.
    ``policy`` overrides retry-policy fields (backoff, caps); by default the policy is the
    SDK's own. Any other exception propagates.
    """

    def tune(client: C) -> C:
        return with_policy(client, **(policy or {}))

    started = time.monotonic()
    try:
        if mode == "sync":
            with tune(make_client(mnemexa.Client, base_url, **options)) as client:
                outcome = call(client)
        else:

            async def main() -> Any:
                async with tune(make_client(mnemexa.AsyncClient, base_url, **options)) as client:
                    return await call(client)

            outcome = asyncio.run(main())
    except mnemexa.MnemexaError as exc:
        outcome = exc
    return outcome, time.monotonic() - started


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    server = FaultServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MNEMEXA_API_KEY", "BIZX_API_KEY", "MNEMEXA_BASE_URL", "BIZX_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
