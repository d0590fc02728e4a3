"""Recall@10 of the served vector index against exact search, measured through the API.

The served index is the one inside the running server, so it is queried through
``memory.retrieve``. Retrieval fuses dense and lexical scores; for queries that share no word
with any memory (checked against the FTS5 index first) the lexical side is empty, and the
ranking is the cosine ranking of the index's candidates alone. The exact answer is the top 10
by cosine over every stored vector of the workspace, read from the database, for the query
vector computed by the same embedder in this process.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import mnemexa
import numpy as np
from mnemexa_server.clock import utc_iso
from mnemexa_server.embedding import make_embedder
from mnemexa_server.search.fts5 import fts_query, query_words

K = 10

# About the corpus's topics, in words the corpus does not use; any that match are dropped.
PHRASES = [
    "vendor agreement extension pricing",
    "customer wishes regarding communication frequency",
    "food intolerance among colleagues",
    "cloud hosting provider switch",
    "outage paging duties",
    "meeting cadence engineering group",
    "quarterly presentation plans",
    "invoice processing ownership",
    "handset application deadline",
    "identity provider integration request",
    "compliance trail demand",
    "freeze window policy",
    "response time regression",
    "telephone contact preference",
    "nut allergy catering",
    "licence renewal headcount",
    "infrastructure relocation decision",
    "product direction briefing",
    "reporting console performance",
    "search engine cluster capacity",
    "payment gateway migration timeline",
    "continuous integration flakiness",
    "preproduction environment access",
    "message delivery subsystem owner",
    "sales tooling synchronisation",
    "toggle rollout ownership",
    "authentication proxy maintenance",
    "warehousing queries slowness",
    "monthly revenue forecast",
    "holiday schedule coverage",
    "onboarding checklist newcomers",
    "security questionnaire answers",
    "budget approval thresholds",
    "hiring plan engineers",
    "office relocation logistics",
    "translation vendor selection",
    "customer churn signals",
    "latency budget mobile clients",
    "database backup retention",
    "incident postmortem template",
    "documentation style guide",
    "data privacy request handling",
    "partner referral commissions",
    "conference sponsorship decision",
    "laptop refresh cycle",
    "vacation approval workflow",
]


def lexically_unmatched(conn: sqlite3.Connection) -> list[str]:
    """The phrases whose words match no memory (of any workspace) in FTS5."""
    return [
        phrase
        for phrase in PHRASES
        if conn.execute(
            "SELECT 1 FROM memories_fts WHERE memories_fts MATCH ? LIMIT 1",
            (fts_query(query_words(phrase)),),
        ).fetchone()
        is None
    ]


def _stored(conn: sqlite3.Connection, workspace_id: int) -> tuple[np.ndarray, np.ndarray]:
    """Ids and vectors of the workspace's memories that retrieval may return (not expired)."""
    rows = conn.execute(
        "SELECT id, embedding FROM memories WHERE workspace_id=? "
        "AND (valid_until IS NULL OR valid_until > ?) ORDER BY id",
        (workspace_id, utc_iso()),
    ).fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    return ids, np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])


def served_recall(
    client: mnemexa.Client, db_path: Path, workspace_id: int, embedder: str
) -> tuple[float, int]:
    """(mean recall@10 of ``retrieve`` against exact search, number of queries)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        queries = lexically_unmatched(conn)
        ids, vectors = _stored(conn, workspace_id)
    finally:
        conn.close()
    if not queries:
        raise RuntimeError("every recall query matches some memory lexically")
    query_vectors = make_embedder(embedder).embed(queries)
    recalls = []
    for query, vector in zip(queries, query_vectors):
        exact = set(ids[np.argsort(-(vectors @ vector))[:K]].tolist())
        served = {m.memory_id for m in client.memory.retrieve(query, top_k=K).memories}
        recalls.append(len(exact & served) / K)
    return float(np.mean(recalls)), len(queries)
