"""Retrieval: recall@5, recall@10 and MRR of hybrid, dense-only and lexical-only search.

The memories go into a real server database and index (no dedup, so every labelled memory is
stored as written). The fusion weight is tuned on the ``tune`` half of the queries; the bars
apply to the ``test`` half, which the tuning never saw.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from mnemexa_server.pipeline.dedup import text_hash
from mnemexa_server.registry import open_database
from mnemexa_server.resource import Core
from mnemexa_server.resources.memory import build_service
from mnemexa_server.resources.memory.store import NewMemory
from mnemexa_server.resources.workspace.sql_store import SqlWorkspaceStore
from mnemexa_server.search.hybrid import DENSE_WEIGHT, HybridRetriever
from mnemexa_server.settings import Settings

from .data import document, split_of
from .metrics import recall_at, reciprocal_rank
from .models import embed, embedder
from .report import Bar, StageReport

WEIGHTS = [round(0.05 * i, 2) for i in range(21)]


@dataclass(frozen=True)
class Scores:
    recall5: float
    recall10: float
    mrr: float


class Workspace:
    """The labelled memories stored in a throwaway server database."""

    def __init__(self, memories: list[dict[str, Any]], data_dir: Path) -> None:
        self.db = open_database(data_dir)
        self.service = build_service(Core(Settings(data_dir=data_dir), self.db, embedder()))
        self.service.start()
        workspace, _ = SqlWorkspaceStore(self.db).create_key("eval")
        self.workspace_id = workspace.id
        vectors = embed([m["text"] for m in memories])
        self.label_of: dict[int, str] = {}
        with self.db.transaction() as tx:
            self.service.writing(tx)
            for memory, vector in zip(memories, vectors):
                row_id = self.service.memories.insert(workspace.id, _memory(memory, vector))
                self.label_of[row_id] = memory["id"]

    def ranked(self, query: str, vector: np.ndarray, dense_weight: float) -> list[str]:
        service = self.service
        retriever = HybridRetriever(
            service.memories, service.vectors, service.retriever.lexical, dense_weight
        )
        hits = retriever.search(
            self.workspace_id,
            query,
            vector,
            top_k=10,
            min_score=1e-9,  # lexical-only: memories sharing no word with the query are no hit
            include_expired=True,
        )
        return [self.label_of[h.memory.memory_id] for h in hits]


def _memory(memory: dict[str, Any], vector: np.ndarray) -> NewMemory:
    return NewMemory(
        text=memory["text"],
        text_hash=text_hash(memory["text"]),
        meta={},
        importance=5,
        categories=[],
        temporal_type="persistent",
        temporal_raw=None,
        valid_until=None,
        embedding=vector,
    )


def score(
    store: Workspace, queries: list[dict[str, Any]], vectors: np.ndarray, weight: float
) -> Scores:
    r5 = r10 = mrr = 0.0
    for query, vector in zip(queries, vectors):
        ranked = store.ranked(query["query"], vector, weight)
        relevant = set(query["relevant"])
        r5 += recall_at(ranked, relevant, 5)
        r10 += recall_at(ranked, relevant, 10)
        mrr += reciprocal_rank(ranked, relevant)
    n = len(queries)
    return Scores(r5 / n, r10 / n, mrr / n)


def evaluate(verbose: bool = False) -> StageReport:
    data = document("retrieval.json")
    queries = data["queries"]
    tune = [q for q in queries if split_of(q["id"]) == "tune"]
    test = [q for q in queries if split_of(q["id"]) == "test"]
    report = StageReport(
        "retrieval",
        f"tests/data/retrieval.json, {len(data['memories'])} memories, {len(queries)} queries "
        f"({len(tune)} tune, {len(test)} test)",
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = Workspace(data["memories"], Path(tmp))
        tune_vectors, test_vectors = (
            embed([q["query"] for q in tune]),
            embed([q["query"] for q in test]),
        )
        sweep = {w: score(store, tune, tune_vectors, w) for w in WEIGHTS}
        tuned = max(WEIGHTS, key=lambda w: (sweep[w].recall10, sweep[w].mrr))
        results = {
            "hybrid": score(store, test, test_vectors, DENSE_WEIGHT),
            "dense": score(store, test, test_vectors, 1.0),
            "lexical": score(store, test, test_vectors, 0.0),
        }
    report.add("tuned dense weight (tune half)", tuned)
    report.add("server DENSE_WEIGHT", DENSE_WEIGHT)
    for name, s in results.items():
        report.add(f"{name}: recall@5 (test half)", s.recall5)
        report.add(f"{name}: recall@10 (test half)", s.recall10)
        report.add(f"{name}: MRR (test half)", s.mrr)
    hybrid = results["hybrid"].recall10
    report.add("hybrid - dense, recall@10", hybrid - results["dense"].recall10, Bar(">", 0))
    report.add("hybrid - lexical, recall@10", hybrid - results["lexical"].recall10, Bar(">", 0))
    report.details.append(
        "dense weight sweep on the tune half (recall@10 / MRR): "
        + ", ".join(f"{w}: {sweep[w].recall10:.3f}/{sweep[w].mrr:.3f}" for w in WEIGHTS)
    )
    return report
