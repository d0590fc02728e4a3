"""Server nodes for ``make bench-postgres``: ``mnemexa serve`` processes on SQLite or on one
PostgreSQL database, whose start may take as long as an HNSW index build; and what the
PostgreSQL cluster's own processes hold in memory."""

from __future__ import annotations

import re
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

import httpx
import psutil

from tests.server.conftest import ServerProcess

# PostgreSQL builds a missing index in the background after start; its log line ends a build
_BUILD = re.compile(r"pgvector HNSW index built \(\d+ dimensions\) in ([\d.]+) s")
_READY = ("pgvector HNSW index built", "pgvector HNSW index ready", "pgvector index build stopped")
_REBUILD = re.compile(r"vector index rebuilt: .* in (\d+) ms")


@dataclass
class Node(ServerProcess):
    """A ``ServerProcess`` that waits up to ``start_timeout`` s (at least 60) for its first
    answer (its start builds pgvector's index when it is missing), and knows how long it took.
    Killed (SIGKILL) when it times out: SIGTERM would wait for the build to finish."""

    start_timeout: float = 1800.0
    start_seconds: float = 0.0
    index_ready_seconds: float = 0.0

    def start(self) -> None:
        started = time.perf_counter()
        try:
            super().start()
        except RuntimeError:  # not up after ServerProcess's 60 s: wait on if it still runs
            if self.process is None or self.process.poll() is not None:
                raise
            try:
                self._wait_until_up(started + self.start_timeout)
            except RuntimeError:  # SIGTERM would wait for the index build: kill it now
                self.stop(signal.SIGKILL)
                raise
        self.start_seconds = time.perf_counter() - started
        if self.database_url:  # measure on the built index, as a long-running node would
            deadline = started + self.start_timeout
            while not any(line in self.log_path.read_text() for line in _READY):
                if time.perf_counter() > deadline:
                    self.stop(signal.SIGKILL)
                    raise RuntimeError("the pgvector index was not built in time")
                time.sleep(0.5)
            self.index_ready_seconds = time.perf_counter() - started

    def _wait_until_up(self, deadline: float) -> None:
        assert self.process is not None
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                httpx.get(self.url + "/openapi.json", timeout=1.0)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start in {self.start_timeout:.0f} s")

    def index_ms(self) -> Optional[float]:
        """The index (re)build this start logged: pgvector's CREATE INDEX, or SQLite's load."""
        log = self.log_path.read_text()
        built = _BUILD.findall(log)
        if built:
            return float(built[-1]) * 1000
        found = _REBUILD.findall(log)
        return float(found[-1]) if found else None


@contextmanager
def node(
    data_dir: Path, embedder: str, url: Optional[str], start_timeout: float = 1800.0
) -> Iterator[Node]:
    """A started node (``url``: on PostgreSQL, else SQLite in ``data_dir``); stopped on exit."""
    data_dir.mkdir(parents=True, exist_ok=True)
    server = Node(
        data_dir,
        env_overrides={"MNEMEXA_EMBEDDER": embedder},
        database_url=url,
        start_timeout=start_timeout,
    )
    try:
        server.start()
        yield server
    finally:
        server.stop()


def cluster_pss_mb(pgdata: str) -> float:
    """Proportional memory (PSS: shared buffers counted once) of every process of the
    PostgreSQL cluster in ``pgdata``, in MiB."""
    pid = int(Path(pgdata, "postmaster.pid").read_text().split()[0])
    root = psutil.Process(pid)
    total = 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total / 2**20
