"""Helpers for SDK unit tests: clients wired to an in-process ``httpx.MockTransport``."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Callable, Dict, List, Optional

import httpx
import mnemexa
import pytest

API_KEY = "mnx_ws_unit_test_secret_4f1c9a"
BASE_URL = "http://127.0.0.1:8765"

Handler = Callable[[httpx.Request], httpx.Response]

STORE_OK: Dict[str, Any] = {
    "status": "ok",
    "memory_id": 8421,
    "workspace_id": 42,
    "dedup": {"action": "stored_new", "existing_id": None},
    "importance": 5,
    "categories": ["project_management", "team_workflow"],
    "temporal": {"type": "persistent", "raw_text": "Client prefers", "valid_until": None},
}
STATUS_OK: Dict[str, Any] = {
    "workspace_id": 42,
    "workspace_name": "acme",
    "workspace_status": "active",
    "api_version": "0.2.0",
}


def memory(memory_id: int, **extra: Any) -> Dict[str, Any]:
    return {
        "memory_id": memory_id,
        "text": f"memory {memory_id}",
        "meta": {},
        "importance": 3,
        "categories": [],
        "temporal": {"type": "persistent", "raw_text": None, "valid_until": None},
        "created_at": "2026-11-01T10:00:00Z",
        "updated_at": "2026-11-01T10:00:00Z",
        **extra,
    }


def reply(
    status: int = 200,
    body: Any = None,
    headers: Optional[Dict[str, str]] = None,
    request_id: str = "req_test_1",
) -> httpx.Response:
    """A JSON response with an ``x-request-id`` header, like the server sends."""
    all_headers = {"x-request-id": request_id, **(headers or {})}
    if body is None:
        return httpx.Response(status, headers=all_headers)
    return httpx.Response(status, json=body, headers=all_headers)


class Recorder:
    """Serves queued responses (or raises queued exceptions) and records every request."""

    def __init__(self, *outcomes: Any) -> None:
        self.outcomes: List[Any] = list(outcomes)
        self.requests: List[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        # A copy as it arrives: once answered, the SDK redacts the sent request's Authorization.
        seen = httpx.Request(
            request.method, request.url, headers=request.headers.copy(), content=request.content
        )
        seen.extensions = dict(request.extensions)
        self.requests.append(seen)
        outcome = self.outcomes.pop(0) if len(self.outcomes) > 1 else self.outcomes[0]
        if isinstance(outcome, Exception):
            raise outcome
        if callable(outcome):
            return outcome(request)
        return outcome

    def json_body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


@dataclasses.dataclass
class Sleeps:
    """Records the waits the retry policy asks for, instead of sleeping."""

    waits: List[float] = dataclasses.field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.waits.append(seconds)


def _no_sleep(client: Any, sleeps: Sleeps) -> None:
    runner = client._runner
    runner.retry = dataclasses.replace(
        runner.retry, sleep=sleeps.sleep, async_sleep=sleeps.async_sleep
    )


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def _factory(client_class: Any, http_class: Any, sleeps: Sleeps) -> Callable[..., Any]:
    def make(handler: Handler, **options: Any) -> Any:
        options.setdefault("api_key", API_KEY)
        options.setdefault("base_url", BASE_URL)
        http = http_class(transport=httpx.MockTransport(handler))
        client = client_class(http_client=http, **options)
        _no_sleep(client, sleeps)
        return client

    return make


@pytest.fixture
def make_client(sleeps: Sleeps) -> Callable[..., mnemexa.Client]:
    return _factory(mnemexa.Client, httpx.Client, sleeps)


@pytest.fixture
def make_async_client(sleeps: Sleeps) -> Callable[..., mnemexa.AsyncClient]:
    return _factory(mnemexa.AsyncClient, httpx.AsyncClient, sleeps)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MNEMEXA_API_KEY", "BIZX_API_KEY", "MNEMEXA_BASE_URL", "BIZX_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
