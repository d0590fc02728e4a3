"""The same two requests (retrieve top_k=10, store) sent three ways: SDK, raw httpx, generated.

Every way sends the headers the SDK sends: ``Authorization``, ``Accept``, ``User-Agent``,
``Content-Type`` and a fresh ``Idempotency-Key`` per call (so the server looks up and records
an idempotency entry for each of them alike), and every way reads the whole JSON answer.
"""

from __future__ import annotations

import os
from typing import Any, Protocol

import httpx
import mnemexa
from mnemexa_api.api.memory import retrieve_memories, store_memory
from mnemexa_api.client import AuthenticatedClient
from mnemexa_api.models import MemoryRetrieveRequest, MemoryStoreRequest

TOP_K = 10


def sdk_headers(api_key: str) -> dict[str, str]:
    return {
        "Accept": "application/json",
        "User-Agent": f"mnemexa-python/{mnemexa.__version__}",
        "Authorization": f"Bearer {api_key}",
    }


def new_key() -> str:
    return os.urandom(16).hex()


class Caller(Protocol):
    name: str

    def retrieve(self, query: str) -> Any: ...
    def store(self, text: str) -> str: ...  # the dedup action, to check fairness
    def close(self) -> None: ...


class SdkCaller:
    """``mnemexa.Client`` with its defaults (retries on, 30 s timeout)."""

    name = "sdk"

    def __init__(self, base_url: str, api_key: str) -> None:
        self.client = mnemexa.Client(api_key=api_key, base_url=base_url)

    def retrieve(self, query: str) -> Any:
        return self.client.memory.retrieve(query, top_k=TOP_K)

    def store(self, text: str) -> str:
        return str(self.client.memory.store(text).dedup.action)

    def close(self) -> None:
        self.client.close()


class HttpxCaller:
    """A raw ``httpx.Client``: post the JSON, raise on an error status, decode the JSON."""

    name = "httpx"

    def __init__(self, base_url: str, api_key: str) -> None:
        self.http = httpx.Client(base_url=base_url, headers=sdk_headers(api_key))

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        response = self.http.post(path, json=body, headers={"Idempotency-Key": new_key()})
        response.raise_for_status()
        return response.json()

    def retrieve(self, query: str) -> Any:
        return self._post("/v1/memory/retrieve", {"query": query, "top_k": TOP_K})

    def store(self, text: str) -> str:
        return str(self._post("/v1/memory/store", {"text": text})["dedup"]["action"])

    def close(self) -> None:
        self.http.close()


class GeneratedCaller:
    """The generated low-level client (``mnemexa_api``), ``sync_detailed`` per call."""

    name = "generated"

    def __init__(self, base_url: str, api_key: str) -> None:
        headers = sdk_headers(api_key)
        del headers["Authorization"]  # the generated client adds it from the token
        self.client = AuthenticatedClient(base_url=base_url, token=api_key, headers=headers)

    @staticmethod
    def _check(response: Any) -> Any:
        if response.status_code != 200:
            raise RuntimeError(f"unexpected status {response.status_code}")
        return response.parsed

    def retrieve(self, query: str) -> Any:
        body = MemoryRetrieveRequest(query=query, top_k=TOP_K)
        response = retrieve_memories.sync_detailed(client=self.client, body=body)
        return self._check(response)

    def store(self, text: str) -> str:
        body = MemoryStoreRequest(text=text)
        parsed = self._check(
            store_memory.sync_detailed(client=self.client, body=body, idempotency_key=new_key())
        )
        return str(parsed.dedup.action)

    def close(self) -> None:
        self.client.get_httpx_client().close()
