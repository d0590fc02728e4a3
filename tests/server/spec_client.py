"""Plain HTTP against a test server, with every response checked against ``openapi.yaml``."""

from __future__ import annotations

from typing import Any, Dict, List

import httpx

from tests.contract import spec_responses
from tests.server.conftest import ServerProcess


def _conforms(response: httpx.Response) -> None:
    response.read()
    request = response.request
    op = spec_responses.find(request.method.lower(), request.url.path)
    assert op is not None, f"no spec operation for {request.method} {request.url.path}"
    headers: Dict[str, List[str]] = {}
    for name, value in response.headers.multi_items():
        headers.setdefault(name, []).append(value)
    body: Any = response.json() if response.content else None
    problems = spec_responses.problems(op, response.status_code, headers, body)
    assert not problems, f"{op.operation_id} {response.status_code}: {problems}"


def spec_client(server: ServerProcess, key: str) -> httpx.Client:
    """An httpx client for ``server`` with ``key``; a response the spec does not allow fails."""
    return httpx.Client(
        base_url=server.url,
        headers={"Authorization": f"Bearer {key}"},
        event_hooks={"response": [_conforms]},
        timeout=30.0,
    )


def assert_error(response: httpx.Response, status: int, code: str) -> Dict[str, Any]:
    assert response.status_code == status, response.text[:500]
    body: Dict[str, Any] = response.json()
    assert body["code"] == code, body
    return body


def store_memory(http: httpx.Client, text: str, **scope: str) -> int:
    """Store ``text`` (with scope fields) and return the memory's id."""
    response = http.post("/v1/memory/store", json={"text": text, **scope})
    assert response.status_code == 200, response.text
    memory_id: int = response.json()["memory_id"]
    return memory_id
