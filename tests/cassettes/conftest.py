"""Cassette tests: replayed offline by default, re-recorded from a live server by ``make record``.

In replay (record mode ``none``, the default) no server runs and the network is blocked, so a
test whose cassette is missing fails. With ``--record-mode=rewrite`` each test module gets a
reference server on 127.0.0.1 with a fresh data dir and a fixed clock, and every test its own
workspace, so a re-recording without API changes reproduces the same cassettes.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Dict, Iterator, List, Optional, Union

import mnemexa
import pytest

from tests.cassettes.calls import call
from tests.cassettes.files import RECORDED
from tests.cassettes.normalise import CANONICAL_URL, MATCH_ON, Normaliser, json_body
from tests.server.conftest import ServerProcess

FIXED_NOW = "2026-03-02T09:00:00Z"  # a Monday
REPLAY_KEY = "mnx_ws_replay"  # not a real key: replays send no request anywhere
AnyClient = Union[mnemexa.Client, mnemexa.AsyncClient]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "server_settings(**env): MNEMEXA_* settings of the module's recording server"
    )


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_matcher("json_body", json_body)


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(RECORDED / Path(str(request.node.fspath)).stem)


@pytest.fixture
def vcr_config() -> Dict[str, Any]:
    normaliser = Normaliser()
    return {
        "match_on": MATCH_ON,
        "before_record_request": normaliser.request,
        "before_record_response": normaliser.response,
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def recording(record_mode: str) -> bool:
    return record_mode != "none"


def _server_settings(request: pytest.FixtureRequest) -> Dict[str, str]:
    marker = request.node.get_closest_marker("server_settings")
    return dict(marker.kwargs) if marker else {}


@pytest.fixture(scope="module")
def live(
    recording: bool, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Optional[ServerProcess]]:
    """The module's reference server while recording; None in replay."""
    if not recording:
        yield None
        return
    overrides = {"MNEMEXA_FIXED_NOW": FIXED_NOW, **_server_settings(request)}
    server = ServerProcess(tmp_path_factory.mktemp("record"), env_overrides=overrides)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class Connector:
    """Makes SDK clients for a test: against the live server, or for replay."""

    def __init__(self, live: Optional[ServerProcess], mode: str, workspace: str) -> None:
        self.live = live
        self.mode = mode
        self.workspace = workspace
        self._clients: List[AnyClient] = []

    def client(self, *, api_key: Optional[str] = None, **options: Any) -> Any:
        """A client of this test's workspace (or with ``api_key``), sync or async per ``mode``."""
        if api_key is None:
            api_key = self.live.new_key(self.workspace) if self.live else REPLAY_KEY
        base_url = self.live.url if self.live else CANONICAL_URL
        options.setdefault("max_retries", 0)
        cls = mnemexa.AsyncClient if self.mode == "async" else mnemexa.Client
        client = cls(api_key=api_key, base_url=base_url, **options)
        self._clients.append(client)
        return client

    @contextmanager
    def database_locked(self) -> Iterator[None]:
        """While recording, hold the server's write lock (its writes answer 503)."""
        if self.live is None:
            yield
            return
        with self.live.write_lock_held():
            yield

    async def close(self) -> None:
        for client in self._clients:
            await call(client.close())


@pytest.fixture
async def connect(
    live: Optional[ServerProcess], mode: str, request: pytest.FixtureRequest
) -> AsyncIterator[Connector]:
    connector = Connector(live, mode, workspace=request.node.name)
    yield connector
    await connector.close()
