"""The memory operations, one method per spec operation, on top of storage and the pipeline.

Writers take the connection of an open transaction so that the caller (the HTTP layer) can
commit the idempotency record in the same transaction as the memory itself.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Iterator, Optional, Union

import numpy as np

from . import erasure, health, idempotency
from .clock import now, to_iso
from .embedding.base import Embedder
from .errors import ApiError, invalid, not_found
from .index_sync import IndexSync
from .pipeline import (
    CategoryTagger,
    Decision,
    ImportanceScorer,
    LocalMergePolicy,
    MergePolicy,
    PiiDetector,
    TemporalClassifier,
)
from .pipeline.dedup import MERGE_FROM, decide, merge_texts, text_hash
from .pipeline.meta_pii import screen_meta
from .pipeline.pii import redact
from .retrieval import HybridRetriever
from .storage.database import Database
from .storage.memories import (
    MemoryStore,
    NewMemory,
    decode_cursor,
    encode_cursor,
    iso_param,
    memory_to_api,
)
from .storage.workspaces import Workspace
from .vector_index import VectorIndex

log = logging.getLogger("mnemexa.server")
API_VERSION = "0.2.0"


@dataclass
class Prepared:
    """A memory after PII handling, embedding and analysis, before it touches the database.

    All of this runs outside the write lock; inside it only dedup and the writes remain.
    """

    text: str
    vector: np.ndarray
    pii: dict[str, list[str]]
    meta: Optional[dict[str, Any]]  # screened; None when the request sent none
    analysis: NewMemory  # importance, temporal and categories of ``text``


class MemoryService:
    def __init__(
        self,
        db: Database,
        embedder: Embedder,
        *,
        hnsw_threshold: int,
        merge_policy: Optional[MergePolicy] = None,
    ) -> None:
        self.db = db
        self.embedder = embedder
        self.memories = MemoryStore()
        self.index = VectorIndex(embedder.dim, hnsw_threshold)
        self.sync = IndexSync(db, self.memories, self.index)
        self.retriever = HybridRetriever(self.memories, self.index)
        self.pii = PiiDetector()
        self.merge_policy: MergePolicy = merge_policy or LocalMergePolicy()
        self.importance = ImportanceScorer(embedder)
        self.temporal = TemporalClassifier()
        self.categories = CategoryTagger(embedder)

    # -- start-up -----------------------------------------------------------------------

    def start(self) -> None:
        """Re-embed if the embedder changed, drop expired idempotency records, build the index."""
        conn = self.db.conn
        row = conn.execute("SELECT value FROM settings WHERE name='embedder'").fetchone()
        current = json.dumps({"name": self.embedder.name, "dim": self.embedder.dim})
        if row is not None and row["value"] != current:
            self._reembed_all(json.loads(row["value"]))
        with self.db.transaction() as tx:
            purged = idempotency.purge_expired(tx)
            tx.execute(
                "INSERT OR REPLACE INTO settings (name, value) VALUES ('embedder', ?)", (current,)
            )
        self.sync.rebuild()
        self.pii.prepare()
        self.importance.prepare()
        self.categories.prepare()
        if purged:
            log.info("dropped %d idempotency records older than 24 h", purged)

    def _reembed_all(self, previous: dict[str, Any]) -> None:
        rows = self.db.conn.execute("SELECT id, text FROM memories ORDER BY id").fetchall()
        log.warning(
            "embedder changed from %s to %s: re-embedding %d memories",
            previous.get("name"),
            self.embedder.name,
            len(rows),
        )
        started = time.monotonic()
        for offset in range(0, len(rows), 256):
            chunk = rows[offset : offset + 256]
            vectors = self.embedder.embed([r["text"] for r in chunk])
            with self.db.transaction() as tx:
                for r, vector in zip(chunk, vectors):
                    tx.execute(
                        "UPDATE memories SET embedding=? WHERE id=?", (vector.tobytes(), r["id"])
                    )
            log.info(
                "re-embedded %d/%d (%.0f s)",
                offset + len(chunk),
                len(rows),
                time.monotonic() - started,
            )

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction whose changes reach this process's index once committed.

        The index is brought up to date at the start (we hold the write lock, so it then
        matches the database) and again after the commit; never in between, so a rollback
        can never leave a vector behind.
        """
        with self.db.transaction() as conn:
            self.sync.catch_up()
            yield conn
        self.sync.catch_up()

    # -- store --------------------------------------------------------------------------

    def _screen(
        self, workspace: Workspace, text: str, meta: Optional[dict[str, Any]]
    ) -> tuple[str, Optional[dict[str, Any]], dict[str, list[str]]]:
        """Apply the workspace's PII policy to the text and to every key and value of
        ``meta``: raise 422 ``pii_rejected`` naming the types (never the values), or redact."""
        findings = self.pii.detect(text)
        meta_screen = screen_meta(self.pii, meta) if meta else None
        in_meta = meta_screen.blocking if meta_screen else set()
        blocking = sorted({f.type for f in findings if f.blocking} | in_meta)
        if blocking and workspace.pii_policy == "reject":
            where = [
                part
                for part, found in (
                    ("text", any(f.blocking for f in findings)),
                    ("meta", bool(in_meta)),
                )
                if found
            ]
            raise ApiError(
                422,
                "pii_rejected",
                f"The {' and '.join(where)} contains sensitive data that cannot be stored: "
                + ", ".join(blocking)
                + ".",
                {"types": blocking, "fields": where},
            )
        if any(f.blocking for f in findings):
            text = redact(text, [f for f in findings if f.blocking])
        if meta_screen is not None:
            meta = meta_screen.redacted
        detected = {f.type for f in findings} | (meta_screen.detected if meta_screen else set())
        return text, meta, {"detected": sorted(detected), "redacted": blocking}

    def prepare_many(
        self,
        workspace: Workspace,
        items: list[tuple[str, Optional[dict[str, Any]]]],
    ) -> list[Union[Prepared, ApiError]]:
        """Screen each (text, meta) for PII, embed the accepted texts in one call, and run
        the analysis stages (importance, temporal, categories) on each."""
        screened: list[Union[tuple[str, Optional[dict[str, Any]], dict[str, list[str]]], ApiError]]
        screened = []
        for text, meta in items:
            try:
                screened.append(self._screen(workspace, text, meta))
            except ApiError as error:
                screened.append(error)
        accepted = [s for s in screened if not isinstance(s, ApiError)]
        vectors = iter(self.embedder.embed([text for text, _, _ in accepted]))
        out: list[Union[Prepared, ApiError]] = []
        for s in screened:
            if isinstance(s, ApiError):
                out.append(s)
                continue
            text, meta, pii = s
            vector = next(vectors)
            nearest = self.index.search(workspace.id, vector, 1)
            similarity = nearest[0][1] if nearest else None
            analysis = self._analyse(text, vector, meta or {}, similarity, [])
            out.append(Prepared(text, vector, pii, meta, analysis))
        return out

    def prepare(
        self, workspace: Workspace, text: str, meta: Optional[dict[str, Any]] = None
    ) -> Prepared:
        """PII policy, embedding and analysis, for one text."""
        (result,) = self.prepare_many(workspace, [(text, meta)])
        if isinstance(result, ApiError):
            raise result
        return result

    def screen_meta_only(self, workspace: Workspace, meta: dict[str, Any]) -> dict[str, Any]:
        """The PII policy applied to ``meta`` alone (an update that changes only meta)."""
        _, screened, _ = self._screen(workspace, "", meta)
        return screened or {}

    def store(
        self,
        conn: sqlite3.Connection,
        workspace: Workspace,
        prepared: Prepared,
        dedup_mode: Optional[str] = None,
        pending: Optional[list[tuple[int, np.ndarray]]] = None,
    ) -> dict[str, Any]:
        """Dedup and write one prepared memory (inside ``writing()``).

        ``dedup_mode`` is ``auto``, ``exact`` or ``off`` (None: the workspace's default).
        ``pending`` holds (id, vector) of memories written earlier in the same transaction,
        which the index does not have yet; new writes are appended to it.
        """
        pending = pending if pending is not None else []
        mode = dedup_mode or workspace.dedup_mode
        decision = self._dedup(conn, workspace.id, prepared, mode, pending)
        if decision.action in ("duplicate_exact", "duplicate"):
            conn.execute(
                "UPDATE workspaces SET duplicates_prevented = duplicates_prevented + 1 WHERE id=?",
                (workspace.id,),
            )
            existing = self.memories.get(conn, workspace.id, decision.existing_id or 0)
            assert existing is not None
            return self._store_response(workspace, decision, memory_to_api(existing), prepared.pii)

        meta = prepared.meta or {}
        memory = prepared.analysis
        if decision.action in ("updated_existing", "merged"):
            old = self.memories.get(conn, workspace.id, decision.existing_id or 0)
            assert old is not None
            history = [
                *json.loads(old["history"]),
                {"text": old["text"], "replaced_at": to_iso(now())},
            ]
            meta = {**json.loads(old["meta"]), **meta}
            if decision.action == "merged":
                text = merge_texts(old["text"], prepared.text)
                vector = self.embedder.embed([text])[0]
                memory = self._analyse(text, vector, meta, decision.similarity, history)
            else:
                memory = replace(memory, meta=meta, history=history)
        if decision.existing_id is not None:
            self.memories.replace(conn, workspace.id, decision.existing_id, memory)
            memory_id = decision.existing_id
        else:
            memory_id = self.memories.insert(conn, workspace.id, memory)
        pending.append((memory_id, memory.embedding))
        row = self.memories.get(conn, workspace.id, memory_id)
        assert row is not None
        return self._store_response(workspace, decision, memory_to_api(row), prepared.pii)

    def _dedup(
        self,
        conn: sqlite3.Connection,
        workspace_id: int,
        prepared: Prepared,
        mode: str,
        pending: list[tuple[int, np.ndarray]],
    ) -> Decision:
        """The dedup decision against the memories dedup may compare with.

        Candidates are the memories of the workspace; a scope filter (agent, user,
        session, ...) narrows exactly these two lookups, so dedup never crosses a scope.
        """
        if mode == "off":
            return Decision("stored_new")
        same = self.memories.find_by_hash(conn, workspace_id, text_hash(prepared.text))
        if same is not None:
            return Decision("duplicate_exact", same["id"], 1.0)
        if mode == "exact":
            return Decision("stored_new")
        nearest = self.index.search(workspace_id, prepared.vector, 1)
        nearest += [(memory_id, float(vector @ prepared.vector)) for memory_id, vector in pending]
        if not nearest:
            return Decision("stored_new")
        existing_id, similarity = max(nearest, key=lambda pair: pair[1])
        if similarity < MERGE_FROM:
            return Decision("stored_new", similarity=similarity)
        existing = self.memories.get(conn, workspace_id, existing_id)
        if existing is None:
            return Decision("stored_new", similarity=similarity)
        decision = decide(prepared.text, existing["text"], similarity, self.merge_policy)
        if decision.action == "stored_new":
            return decision
        return Decision(decision.action, existing_id, similarity)

    def _analyse(
        self,
        text: str,
        vector: np.ndarray,
        meta: dict[str, Any],
        nearest: Optional[float],
        history: list[dict[str, Any]],
    ) -> NewMemory:
        temporal = self.temporal.classify(text, now())
        return NewMemory(
            text=text,
            text_hash=text_hash(text),
            meta=meta,
            importance=self.importance.score(text, nearest, vector).value,
            categories=self.categories.tag(text, vector),
            temporal_type=temporal.type,
            temporal_raw=temporal.raw_text,
            valid_until=to_iso(temporal.valid_until) if temporal.valid_until else None,
            embedding=vector,
            history=history,
        )

    @staticmethod
    def _store_response(
        workspace: Workspace, decision: Decision, memory: dict[str, Any], pii: dict[str, list[str]]
    ) -> dict[str, Any]:
        return {
            "status": "ok",
            "memory_id": memory["memory_id"],
            "workspace_id": workspace.id,
            "dedup": {"action": decision.action, "existing_id": decision.existing_id},
            "importance": memory["importance"],
            "categories": memory["categories"],
            "temporal": memory["temporal"],
            "pii": pii,
        }

    # -- read ---------------------------------------------------------------------------

    def retrieve(self, workspace: Workspace, body: dict[str, Any]) -> dict[str, Any]:
        self.sync.catch_up()  # changes committed by other processes
        vector = self.embedder.embed([body["query"]])[0]
        memories = self.retriever.search(
            self.db.conn,
            workspace.id,
            body["query"],
            vector,
            top_k=int(body.get("top_k", 5)),  # JSON Schema counts 7.0 as an integer
            min_score=body.get("min_score", 0.0),
            include_expired=body.get("include_expired", False),
        )
        return {"memories": memories}

    def list(self, workspace: Workspace, params: dict[str, Any]) -> dict[str, Any]:
        cursor = params.get("cursor")
        try:
            after_id = decode_cursor(cursor) if cursor is not None else None
        except ValueError:
            raise invalid("cursor is not a cursor this server issued", parameter="cursor") from None
        rows, more = self.memories.page(
            self.db.conn,
            workspace.id,
            limit=params.get("limit", 20),
            after_id=after_id,
            category=params.get("category"),
            temporal_type=params.get("temporal_type"),
            min_importance=params.get("min_importance"),
            created_after=iso_param(params.get("created_after")),
            created_before=iso_param(params.get("created_before")),
            include_expired=params.get("include_expired", True),
        )
        return {
            "data": [memory_to_api(r) for r in rows],
            "has_more": more,
            "next_cursor": encode_cursor(rows[-1]["id"]) if more and rows else None,
        }

    def get(self, workspace: Workspace, memory_id: int) -> dict[str, Any]:
        row = self.memories.get(self.db.conn, workspace.id, memory_id)
        if row is None:
            raise not_found(memory_id)
        return memory_to_api(row)

    # -- update / delete ----------------------------------------------------------------

    def update(
        self,
        conn: sqlite3.Connection,
        workspace: Workspace,
        memory_id: int,
        body: dict[str, Any],
        prepared: Optional[Prepared],
    ) -> dict[str, Any]:
        """New text (``prepared``, screened and analysed) and/or new meta (screened here)."""
        row = self.memories.get(conn, workspace.id, memory_id)
        if row is None:
            raise not_found(memory_id)
        if "meta" in body:
            meta = prepared.meta if prepared is not None else None
            if meta is None:
                meta = self.screen_meta_only(workspace, body["meta"])
        else:
            meta = json.loads(row["meta"])
        if prepared is None:
            self.memories.update_meta(conn, workspace.id, memory_id, meta)
        else:
            history = [
                *json.loads(row["history"]),
                {"text": row["text"], "replaced_at": to_iso(now())},
            ]
            memory = replace(prepared.analysis, meta=meta, history=history)
            self.memories.replace(conn, workspace.id, memory_id, memory)
        updated = self.memories.get(conn, workspace.id, memory_id)
        assert updated is not None
        return memory_to_api(updated)

    def delete(self, conn: sqlite3.Connection, workspace: Workspace, memory_id: int) -> None:
        """Delete a memory and everything derived from it (see ``erasure``)."""
        if not self.memories.delete(conn, workspace.id, memory_id):
            raise not_found(memory_id)
        erasure.forget_memories(self.db, conn, workspace.id, [memory_id])

    # -- workspace ----------------------------------------------------------------------

    def health(self, workspace: Workspace) -> dict[str, Any]:
        conn = self.db.conn
        stats = self.memories.stats(conn, workspace.id)
        prevented = conn.execute(
            "SELECT duplicates_prevented FROM workspaces WHERE id=?", (workspace.id,)
        ).fetchone()[0]
        signals = health.signals(stats, int(prevented))
        return {"quality_score": health.quality_score(signals), "signals": signals}

    @staticmethod
    def status(workspace: Workspace) -> dict[str, Any]:
        return {
            "workspace_id": workspace.id,
            "workspace_name": workspace.name,
            "workspace_status": workspace.status,
            "api_version": API_VERSION,
        }
