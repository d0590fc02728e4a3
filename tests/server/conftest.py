"""A real reference server on 127.0.0.1, started per test module, driven through the SDK."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence

import httpx
import mnemexa
import pytest

from ..postgres_server import backend, cluster


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServerProcess:
    """A ``mnemexa serve`` subprocess on a free loopback port with its own data dir."""

    data_dir: Path
    env_overrides: Dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    _started_before: bool = field(default=False, init=False, repr=False)
    process: Optional[subprocess.Popen] = None
    keys: List[str] = field(default_factory=list)
    serve_args: List[str] = field(default_factory=list)
    # MNEMEXA_TEST_BACKEND=postgres: a database of its own on the run's PostgreSQL
    database_url: Optional[str] = field(default_factory=lambda: _test_database())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "server.log"

    def log_when(self, ready: Callable[[str], bool], timeout: float = 10.0) -> str:
        """The server log once ``ready(log)`` holds: access lines are written after the reply."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.log_path.read_text()
            if ready(log) or time.monotonic() > deadline:
                return log
            time.sleep(0.05)

    def env(self) -> Dict[str, str]:
        database = {"MNEMEXA_DATABASE_URL": self.database_url} if self.database_url else {}
        return {
            **os.environ,
            "MNEMEXA_DATA_DIR": str(self.data_dir),
            "MNEMEXA_RATE_LIMIT": "0",
            **database,
            **self.env_overrides,
        }

    def sql(self, statement: str, params: Sequence[Any] = ()) -> List[Any]:
        """Run one statement on the server's database itself, whichever the backend (``?``
        placeholders); its rows, or ``[(rowcount,)]`` for a statement without rows."""
        if self.database_url:
            import psycopg
            from mnemexa_server.storage.postgres import translate

            with psycopg.connect(self.database_url, autocommit=True) as pg:
                cur = pg.execute(translate(statement), tuple(params))
                return cur.fetchall() if cur.description else [(cur.rowcount,)]
        with contextlib.closing(sqlite3.connect(self.data_dir / "mnemexa.db")) as db, db:
            cur = db.execute(statement, tuple(params))
            return cur.fetchall() if cur.description else [(cur.rowcount,)]

    def stored_files(self) -> List[Path]:
        """Every file that holds the server's data, written out first (SQLite's database and
        WAL; on PostgreSQL, after a CHECKPOINT, the whole cluster's directory)."""
        if self.database_url:
            self.sql("CHECKPOINT")
            root = Path(cluster().pgdata)
        else:
            root = self.data_dir
        return [p for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()]

    @contextlib.contextmanager
    def write_lock_held(self) -> Iterator[None]:
        """Hold the database's write lock from outside the server, as another writer would."""
        if self.database_url:
            import psycopg
            from mnemexa_server.storage.postgres import WRITE_LOCK

            with psycopg.connect(self.database_url, autocommit=True) as pg:
                pg.execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK,))
                try:
                    yield
                finally:
                    pg.execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK,))
            return
        blocker = sqlite3.connect(self.data_dir / "mnemexa.db", isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "mnemexa_server", *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=60,
        )

    def start(self) -> None:
        """Start the server and wait until it answers. The port was free when it was picked,
        but another test's server or client may take it before this one binds (tests run in
        two processes): the same port is tried again, then, on a first start, another one."""
        for attempt in range(6):
            offset = self.log_path.stat().st_size if self.log_path.exists() else 0
            try:
                self._start_once()
                return
            except RuntimeError:
                taken = "address already in use" in self.log_path.read_text()[offset:]
                if not taken or attempt == 5:
                    raise
            time.sleep(0.3)
            if attempt >= 1 and not self._started_before:
                self.port = free_port()

    def _start_once(self) -> None:
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = open(self.log_path, "ab")  # noqa: SIM115 - owned by the process
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mnemexa_server",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                *self.serve_args,
            ],
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() reaches every worker
        )
        # Probe only once this process has bound the port: before then the port may be
        # another test's listener, which would take the probe for a client of its own.
        bound = f"Uvicorn running on {self.url} "
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            if bound not in self.log_path.read_text()[offset:]:
                time.sleep(0.05)
                continue
            try:
                httpx.get(self.url + "/openapi.json", timeout=1.0)
                self._started_before = True
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Send ``sig`` to the server and its workers; no process of it outlives this."""
        if self.process is None:
            return
        group = self.process.pid
        if self.process.poll() is None:
            _signal_group(group, sig)
            self.process.wait(timeout=30)
        _signal_group(group, signal.SIGKILL)  # a worker the signal left behind
        self.process = None

    def new_key(self, workspace: str) -> str:
        """A new key of ``workspace`` (created if new), written to the server's database
        from this process, as ``mnemexa keys create`` does (without its start-up time)."""
        from mnemexa_server.registry import open_database
        from mnemexa_server.resources.workspace.sql_store import SqlWorkspaceStore

        db = open_database(self.data_dir, database_url=self.database_url)
        try:
            _, key = SqlWorkspaceStore(db).create_key(workspace)
        finally:
            db.close()
        self.keys.append(key)
        return key

    def client(self, workspace: str, **options: Any) -> mnemexa.Client:
        return mnemexa.Client(api_key=self.new_key(workspace), base_url=self.url, **options)

    def async_client(self, workspace: str, **options: Any) -> mnemexa.AsyncClient:
        return mnemexa.AsyncClient(api_key=self.new_key(workspace), base_url=self.url, **options)


def _test_database() -> Optional[str]:
    if backend() != "postgres":
        return None
    return cluster().new_database()


def _signal_group(group: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group has exited already
        os.killpg(group, sig)


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    """On PostgreSQL, skip the tests of SQLite's own files (marked ``sqlite_only``)."""
    if backend() != "postgres":
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else "SQLite's own files"
            item.add_marker(pytest.mark.skip(reason=f"sqlite only: {reason}"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    proc = ServerProcess(tmp_path_factory.mktemp("mnemexa-data"))
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def hashing_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server of the module's own with the fast hashing embedder (for behaviour, not
    retrieval quality)."""
    proc = ServerProcess(
        tmp_path_factory.mktemp("hashing"), env_overrides={"MNEMEXA_EMBEDDER": "hashing"}
    )
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture
def http(hashing_server: ServerProcess, workspace_name: str) -> Iterator[httpx.Client]:
    """A client of a workspace of the test's own on ``hashing_server``; a response the spec
    does not allow fails the test."""
    from .spec_client import spec_client

    with spec_client(hashing_server, hashing_server.new_key(workspace_name)) as client:
        yield client


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A server of the test's own, for tests that restart it or change its settings."""
    proc = ServerProcess(tmp_path / "data")
    proc.data_dir.mkdir()
    yield proc
    proc.stop(signal.SIGKILL)


_counter = [0]


@pytest.fixture
def workspace_name(request: pytest.FixtureRequest) -> str:
    _counter[0] += 1
    return f"{request.node.name[:40]}-{_counter[0]}"
