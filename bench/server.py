"""A real ``mnemexa serve`` process for the benchmarks, and what its OS process costs.

The server is started by the same ``ServerProcess`` the server tests use: a subprocess on a
free loopback port with its own data dir and the rate limit off.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import psutil

from tests.server.conftest import ServerProcess

DB_FILE = "mnemexa.db"


@contextmanager
def running_server(
    data_dir: Path,
    *,
    embedder: str,
    workers: int = 1,
    env: Optional[dict[str, str]] = None,
) -> Iterator[ServerProcess]:
    """A started server on ``data_dir``; stopped (SIGTERM) on exit."""
    data_dir.mkdir(parents=True, exist_ok=True)
    server = ServerProcess(
        data_dir,
        env_overrides={"MNEMEXA_EMBEDDER": embedder, **(env or {})},
        serve_args=["--workers", str(workers)],
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _tree(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of the process and its children, summed, in MiB."""
    total_kb = 0
    for proc in _tree(pid):
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
        except OSError:  # not Linux, or gone: fall back to the current RSS
            total_kb += proc.memory_info().rss // 1024
            continue
        total_kb += next(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")
        )
    return total_kb / 1024


def _cpu_seconds(procs: list[psutil.Process]) -> float:
    return sum(sum(p.cpu_times()[:2]) for p in procs)


def wait_until_idle(
    pid: int, *, below: float = 0.15, settle: float = 1.5, timeout: float = 900.0
) -> float:
    """Wait until the process tree uses under ``below`` of a core for ``settle`` seconds.

    This is how the benchmark knows a background HNSW build (or a worker's start-up) has
    finished. Returns the seconds waited.
    """
    started = time.perf_counter()
    quiet_since: Optional[float] = None
    procs = _tree(pid)
    last_cpu, last_wall = _cpu_seconds(procs), time.perf_counter()
    while last_wall - started < timeout:
        time.sleep(0.5)
        cpu, wall = _cpu_seconds(procs), time.perf_counter()
        busy = (cpu - last_cpu) / (wall - last_wall)
        last_cpu, last_wall = cpu, wall
        if busy < below:
            quiet_since = quiet_since or time.perf_counter()
            if time.perf_counter() - quiet_since >= settle:
                return time.perf_counter() - started
        else:
            quiet_since = None
    raise TimeoutError(f"server still busy after {timeout:.0f} s")


def snapshot(data_dir: Path, target: Path) -> None:
    """Copy a stopped server's database to ``target`` (SQLite's backup, WAL included)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    source = sqlite3.connect(data_dir / DB_FILE)
    copy = sqlite3.connect(target / DB_FILE)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
