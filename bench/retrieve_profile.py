"""Where a SQLite retrieve's time goes: each stage of ``MemoryService.retrieve`` timed.

The server's own objects run in this process on a stopped server's data dir (the memory
service as ``mnemexa serve`` builds it, its index loaded as on a start). Each call of the
stages ``HybridRetriever`` makes is timed by wrapping the object it calls, so the stages are
whatever the retriever does today:

- ``catch_up``: the vector index applying changes logged by other processes;
- ``embed``: the query's embedding;
- ``vector``: the vector index's candidates (with a filter: the matching ids, then the exact
  search among them);
- ``lexical``: the FTS5 query;
- ``candidates``: reading what ranking needs of each candidate (expiry, session, vector);
- ``get_many``: reading the whole rows of the memories returned;
- ``rest``: everything else (fusion, sorting), the total minus the stages.

This is the profile behind "before/after" in ``docs/evaluation.md``:

    python -m bench.retrieve_profile DATA_DIR [--embedder minilm] [--queries 100]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable

from mnemexa_server.registry import open_database
from mnemexa_server.resource import Core
from mnemexa_server.resources.memory import build_service
from mnemexa_server.resources.memory.service import MemoryService, Retrieval
from mnemexa_server.resources.memory.store import Filter, Scope
from mnemexa_server.resources.workspace.sql_store import SqlWorkspaceStore
from mnemexa_server.settings import Settings

from .corpus import sentences
from .stats import percentile

STAGES = ("catch_up", "embed", "vector", "lexical", "candidates", "get_many", "rest", "total")


class Profiler:
    """The memory service on a data dir, with its retrieval stages timed."""

    def __init__(self, data_dir: Path, embedder: str) -> None:
        from mnemexa_server.embedding import make_embedder

        settings = Settings(data_dir=data_dir, embedder=embedder)
        self.db = open_database(data_dir)
        started = time.perf_counter()
        self.service: MemoryService = build_service(
            Core(settings, self.db, make_embedder(embedder))
        )
        self.service.start()
        self.start_seconds = time.perf_counter() - started
        self.times: dict[str, float] = {}
        retriever = self.service.retriever
        self._wrap(self.service.vectors, "catch_up", "catch_up")
        self._wrap(self.service.embedder, "embed", "embed")
        self._wrap(retriever.vectors, "search", "vector")
        self._wrap(retriever.lexical, "search", "lexical")
        self._wrap(retriever.memories, "candidates", "candidates")
        self._wrap(retriever.memories, "get_many", "get_many")

    def _wrap(self, target: Any, method: str, stage: str) -> None:
        original: Callable[..., Any] = getattr(target, method)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                elapsed = (time.perf_counter() - started) * 1000
                self.times[stage] = self.times.get(stage, 0.0) + elapsed

        setattr(target, method, timed)

    def run(self, workspace: str, texts: Sequence[str], where: Filter) -> list[dict[str, float]]:
        """Each stage's milliseconds for each retrieve (top 10) of ``texts``."""
        found = SqlWorkspaceStore(self.db).find(workspace)
        assert found is not None, f"no workspace {workspace!r}"
        self.service.retrieve(found, Retrieval(texts[0], top_k=10, where=where))  # warm-up
        runs = []
        for text in texts:
            self.times = {}
            started = time.perf_counter()
            self.service.retrieve(found, Retrieval(text, top_k=10, where=where))
            total = (time.perf_counter() - started) * 1000
            stages = {stage: self.times.get(stage, 0.0) for stage in STAGES[:-2]}
            runs.append({**stages, "rest": total - sum(stages.values()), "total": total})
        return runs

    def stop(self) -> None:
        self.service.vectors.stop()


def p50(runs: Sequence[dict[str, float]]) -> dict[str, float]:
    return {stage: round(percentile([r[stage] for r in runs], 0.5), 2) for stage in STAGES}


def profile(
    data_dir: Path, embedder: str, workspace: str, user: str, queries: int
) -> dict[str, Any]:
    """p50 of each stage, for the whole workspace and for ``user``'s memories; and the
    in-process start (index load included)."""
    profiler = Profiler(data_dir, embedder)
    texts = [s[:40] for s in sentences(queries, seed=99)]  # as server_latency's queries
    try:
        return {
            "start_s": round(profiler.start_seconds, 2),
            "all": p50(profiler.run(workspace, texts, Filter(include_expired=False))),
            "user": p50(
                profiler.run(
                    workspace, texts, Filter(scope=Scope(user_id=user), include_expired=False)
                )
            ),
        }
    finally:
        profiler.stop()


def show(result: dict[str, Any]) -> str:
    lines = [f"{'p50 ms':<10}" + "".join(f"{s:>11}" for s in STAGES)]
    for name in ("all", "user"):
        lines.append(f"{name:<10}" + "".join(f"{result[name][s]:>11.2f}" for s in STAGES))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--workspace", default="bench")
    parser.add_argument("--user", default="bench-user")
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    result = profile(args.data_dir, args.embedder, args.workspace, args.user, args.queries)
    print(f"start (index load included): {result['start_s']} s")
    print(show(result))


if __name__ == "__main__":
    main()
