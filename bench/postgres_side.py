"""What ``make bench-postgres`` measures (its plans) and one backend's share of a run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from mnemexa_server.storage.backend import Db

from . import postgres_data
from .report import Report, Target


@dataclass(frozen=True)
class PgPlan:
    first: int = 1_000  # memories stored through the pipeline
    size: int = 100_000  # then grown to this with bulk rows
    samples: int = 200  # timed retrieves and stores per tier and backend
    index_queries: int = 200  # recall of the vector SQL alone
    profile_queries: int = 50
    embedder: str = "minilm"
    maintenance_work_mem: str = "1GB"
    load_rounds: int = 3  # per node count, backends alternating round by round
    load_round_seconds: float = 10.0
    load_clients: int = 8  # enough to keep 2 cores busy at 100k without queueing past timeouts


FULL = PgPlan()
SMOKE = PgPlan(
    first=100,
    size=3_000,
    samples=20,
    index_queries=20,
    profile_queries=5,
    embedder="hashing",
    load_rounds=1,
    load_round_seconds=3.0,
    load_clients=4,
)


@dataclass
class Side:
    """One backend's run: where its data lives, and its report section."""

    name: str
    data: Path
    url: Optional[str]  # PostgreSQL's; None: SQLite in ``data``
    plan: PgPlan
    report: Report

    def add(self, name: str, value: Any, unit: str = "", target: Optional[Target] = None) -> None:
        self.report.add(self.name, name, value, unit, target)

    def detail(self, name: str, value: Any) -> None:
        self.report.detail(self.name, name, value)

    def db(self) -> Db:
        return postgres_data.open_db(self.data, self.url)

    def node_dir(self, number: int) -> Path:
        """SQLite: its data dir (every node shares it); PostgreSQL: a log dir per node."""
        return self.data if self.url is None else self.data / f"node-{number}"
