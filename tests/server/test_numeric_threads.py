"""A server process runs BLAS on one thread (``numeric_threads.py``): its spinning threads
would take the cores the embedder and the event loop need."""

from __future__ import annotations

from pathlib import Path

from mnemexa_server.app import create_app
from mnemexa_server.settings import Settings
from threadpoolctl import threadpool_info, threadpool_limits


def _blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_the_app_runs_blas_on_one_thread(tmp_path: Path) -> None:
    with threadpool_limits(limits=2, user_api="blas"):  # as on a machine with 2+ cores
        assert _blas_threads()
        assert all(n == 2 for n in _blas_threads())
        app = create_app(Settings(data_dir=tmp_path, embedder="hashing"))
        try:
            assert all(n == 1 for n in _blas_threads())
        finally:
            app.state.api.stop()
