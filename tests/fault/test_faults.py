"""Every injected fault, against every SDK method, sync and async, over a real socket.

The outcome is exactly the documented one: a success after the documented retries, or the
documented ``MnemexaError`` subclass with the server's status code and request id. Anything
else (a raw httpx error, ``KeyError``, ``RecursionError``...) escapes and fails the test.
"""

from __future__ import annotations

import time
from typing import Any, Dict, List, Tuple

import httpx
import mnemexa
import pytest

from tests.loopback import refused_port

from .cases import ALL_FAULTS, OK_STATUS, Fault, body_status
from .conftest import TLS, fast_retries, make_client
from .fault_server import FaultServer, Hangup
from .operations import OPERATIONS, Operation, call_async, call_sync, get_path, read_attr

CASES: List[Tuple[Fault, Operation]] = [
    (fault, op) for fault in ALL_FAULTS for op in OPERATIONS if fault.applies(op)
]
IDS = [f"{fault.name}-{op.name}" for fault, op in CASES]


def _target(fault: Fault, op: Operation, server: FaultServer) -> str:
    server.script(*fault.build(op))
    return f"http://127.0.0.1:{refused_port()}" if fault.refused else server.url


def _options(fault: Fault) -> Dict[str, Any]:
    return {"max_retries": fault.max_retries, "timeout": fault.timeout}


def _verify(
    fault: Fault, op: Operation, server: FaultServer, outcome: Any, attempts: int, elapsed: float
) -> None:
    if fault.expect is None:
        assert not isinstance(outcome, mnemexa.MnemexaError), f"expected success: {outcome!r}"
        if fault.check is not None:
            fault.check(op, outcome)
        elif op.has_body:
            assert read_attr(op, outcome, op.value_at) == get_path(op.ok_body, op.value_at)
        else:
            assert outcome is None
    else:
        assert type(outcome) is fault.expect, f"expected {fault.expect.__name__}: {outcome!r}"
        expected = body_status(op) if fault.status_code == OK_STATUS else fault.status_code
        assert outcome.status_code == expected
        if fault.request_id is True:
            assert outcome.request_id == server.request_ids[-1]
        else:
            assert outcome.request_id == (fault.request_id or None)
        if fault.check is not None:
            fault.check(op, outcome)
    assert attempts == fault.attempts
    assert elapsed >= fault.min_elapsed
    _verify_requests(fault, op, server)


def _verify_requests(fault: Fault, op: Operation, server: FaultServer) -> None:
    """Every attempt that got as far as sending was the same request, with one key."""
    if fault.refused:
        assert server.connections == 0
        return
    script = fault.build(op)
    sent = [script[min(i, len(script) - 1)] for i in range(fault.attempts)]
    expected = [a for a in sent if not (isinstance(a, Hangup) and a.before_request)]
    assert len(server.requests) == len(expected)
    for request in server.requests:
        assert (request.method, request.path.split("?")[0]) == (op.http_method, op.path)
    if not server.requests:
        return
    keys = {request.headers.get("idempotency-key") for request in server.requests}
    if op.idempotency_key:  # declared by the spec for this operation
        assert len(keys) == 1, keys
        assert None not in keys
    else:
        assert keys == {None}  # a read sends no key


@pytest.mark.parametrize(("fault", "op"), CASES, ids=IDS)
def test_sync(fault: Fault, op: Operation, fault_server: FaultServer) -> None:
    hooked: List[httpx.Request] = []
    http = httpx.Client(verify=TLS, event_hooks={"request": [hooked.append]})
    client = fast_retries(
        make_client(
            mnemexa.Client, _target(fault, op, fault_server), http_client=http, **_options(fault)
        )
    )
    started = time.monotonic()
    try:
        outcome: Any = call_sync(op, client)
    except mnemexa.MnemexaError as exc:
        outcome = exc
    elapsed = time.monotonic() - started
    http.close()
    attempts = len(hooked) if fault.refused else fault_server.connections
    _verify(fault, op, fault_server, outcome, attempts, elapsed)
    assert len(hooked) == fault.attempts


@pytest.mark.parametrize(("fault", "op"), CASES, ids=IDS)
async def test_async(fault: Fault, op: Operation, fault_server: FaultServer) -> None:
    hooked: List[httpx.Request] = []

    async def hook(request: httpx.Request) -> None:
        hooked.append(request)

    http = httpx.AsyncClient(verify=TLS, event_hooks={"request": [hook]})
    client = fast_retries(
        make_client(
            mnemexa.AsyncClient,
            _target(fault, op, fault_server),
            http_client=http,
            **_options(fault),
        )
    )
    started = time.monotonic()
    try:
        outcome: Any = await call_async(op, client)
    except mnemexa.MnemexaError as exc:
        outcome = exc
    elapsed = time.monotonic() - started
    await http.aclose()
    attempts = len(hooked) if fault.refused else fault_server.connections
    _verify(fault, op, fault_server, outcome, attempts, elapsed)
    assert len(hooked) == fault.attempts


def test_the_catalogue_is_large_enough() -> None:
    assert len(CASES) * 2 >= 200
