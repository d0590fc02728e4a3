"""Store latency through the whole pipeline, with the real embedder, and what each stage costs.

A real ``MemoryService`` on a throwaway SQLite database stores memories one at a time (PII,
embedding, dedup, importance, temporal, categories, a durable write). Each stage is then timed
on its own over the same texts. These are figures for ``make eval``; no test times anything.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from mnemexa_server.registry import open_database
from mnemexa_server.resource import Core
from mnemexa_server.resources.memory import build_service
from mnemexa_server.resources.workspace.sql_store import SqlWorkspaceStore
from mnemexa_server.settings import Settings

from .data import jsonl
from .metrics import percentile
from .models import embed, embedder
from .report import Bar, StageReport

STORES = 300


def _timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _each(stage: Callable[[int], Any], count: int) -> list[float]:
    """Milliseconds that ``stage(i)`` takes, for each i below ``count``."""
    return [_timed(lambda i=i: stage(i)) for i in range(count)]


def texts() -> list[str]:
    pool = [i["text"] for i in jsonl("categories.jsonl")] + [
        i["text"] for i in jsonl("importance.jsonl")
    ]
    return pool[:STORES]


def evaluate(verbose: bool = False) -> StageReport:
    sample = texts()
    report = StageReport("performance", f"{len(sample)} stores, one at a time, real embedder")
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp))
        service = build_service(Core(Settings(data_dir=Path(tmp)), db, embedder()))
        service.start()
        workspace, _ = SqlWorkspaceStore(db).create_key("perf")
        preparer = service.preparer

        def store(text: str) -> None:
            prepared = preparer.prepare(workspace, text)
            with db.transaction() as tx:
                service.store(tx, workspace, prepared)

        totals = [_timed(lambda t=t: store(t)) for t in sample]
        vectors = embed(sample)
        now = datetime.now(timezone.utc)
        stages: dict[str, Callable[[int], Any]] = {
            "pii": lambda i: preparer.pii.detect(sample[i]),
            "embed": lambda i: service.embedder.embed([sample[i]]),
            "nearest neighbour": lambda i: service.vectors.search(workspace.id, vectors[i], 1),
            "importance": lambda i: preparer.importance.score(sample[i], 0.5, vectors[i]),
            "temporal": lambda i: preparer.temporal.classify(sample[i], now),
            "categories": lambda i: preparer.categories.tag(sample[i], vectors[i]),
        }
        costs = {name: _each(fn, len(sample)) for name, fn in stages.items()}
    report.add("store p50", percentile(totals, 50), unit="ms")
    report.add("store p95", percentile(totals, 95), unit="ms")
    for name, values in costs.items():
        bar = None if name == "embed" else Bar("<=", 3.0)
        report.add(f"{name} p95", percentile(values, 95), bar, unit="ms")
    report.details.append(
        "stage p50 (ms): " + ", ".join(f"{n} {percentile(v, 50):.2f}" for n, v in costs.items())
    )
    report.details.append("mem0's add() calls an LLM and takes 1-20 s per memory.")
    return report
