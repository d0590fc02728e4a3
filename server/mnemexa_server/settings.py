"""Server settings: command-line flags, else ``MNEMEXA_*`` environment variables, else defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Mapping

from .search.vector_index import HNSW_THRESHOLD


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path(".mnemexa")
    # postgresql://... selects the PostgreSQL backend (the data dir is then unused)
    database_url: str = ""
    db_pool_size: int = 10  # PostgreSQL connections per server process
    embedder: str = "minilm"
    rate_limit: float = 50.0  # requests per second per API key
    rate_burst: int = 100
    max_body_bytes: int = 5 * 1024 * 1024
    hnsw_threshold: int = HNSW_THRESHOLD
    merge_policy: str = "local"  # or "llm": see pipeline/merge_llm.py
    dedup_model: str = "pair"  # or "off": the local rules' second look, pipeline/pair_model.py
    summarizer: str = "extractive"  # or "llm": see resources/sessions/summarize.py
    busy_timeout: float = 10.0  # seconds a write waits for the database lock, then 503
    # Connection guards (see connections.py); the timeouts are in seconds, 0 disables one.
    header_timeout: float = 10.0  # a complete request head, from connect or last response
    body_timeout: float = 30.0  # the whole request body, from the end of its head
    keep_alive_timeout: float = 5.0  # an idle connection closes this long after a response
    max_connections: int = 1000  # per process; lowered to fit the file-descriptor limit
    # The ingestion worker (resources/events/worker.py): one thread per queue per process.
    worker_batch: int = 32  # items claimed at once; 0 runs no worker (an ingest-only node)
    worker_lease_seconds: float = 30.0  # a claim not finished by then may be claimed again
    worker_poll_seconds: float = 0.05  # how often an idle worker looks for new items
    worker_max_attempts: int = 5  # claims of an item before it fails with internal_error

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, **overrides: object) -> Settings:
        """Settings from ``MNEMEXA_<FIELD>`` variables, with explicit ``overrides`` on top."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(f"MNEMEXA_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _convert(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def to_env(self) -> dict[str, str]:
        """The environment that reproduces these settings (for worker processes)."""
        return {f"MNEMEXA_{f.name.upper()}": str(getattr(self, f.name)) for f in fields(self)}


def _convert(name: str, raw: str) -> object:
    default = getattr(Settings, name)
    if isinstance(default, Path):
        return Path(raw)
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw
