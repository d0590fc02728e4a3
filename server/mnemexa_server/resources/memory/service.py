"""The memory operations: store (with dedup), retrieve, list, get, update and delete.

Writers run inside the caller's transaction, which also holds the idempotency record. The
vector index is brought up to date when a write transaction starts (the write lock is held,
so it then matches the database) and again once it commits; never in between, so a rollback
can never leave a vector behind.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional, Protocol, Union

import numpy as np

from ...clock import now, to_iso, utc_iso
from ...embedding.base import Embedder
from ...erasure import Counts, Eraser
from ...errors import ConflictError, DomainError, InvalidError, NotFoundError
from ...pipeline import Decision, LocalMergePolicy, MergePolicy
from ...pipeline.dedup import (
    DUPLICATE_ACTIONS,
    MATCHED_FROM,
    case_alike,
    decide,
    merge_texts,
    text_hash,
)
from ...pipeline.pair_model import PairModel
from ...search import context
from ...search.hybrid import Hit, HybridRetriever
from ...search.interfaces import VectorSearch
from ...storage.backend import Db
from ...storage.database import Transaction
from ...storage.server_settings import ServerSettings
from ..workspace.store import Workspace, WorkspaceStore
from .prepare import Prepared, Preparer
from .store import Filter, Memory, MemoryStats, MemoryStore, PageQuery, Scope

log = logging.getLogger("mnemexa.server")
Pending = tuple[int, np.ndarray, Scope]  # a memory written earlier in the same transaction
REEMBED_CHUNK = 256
# Dedup reads this many nearest memories of the scope by search vector, then compares their
# texts' own vectors: within one scope every search vector embeds the same speaker, so the
# own nearest is among the first few.
DEDUP_CANDIDATES = 3


@dataclass(frozen=True)
class Stored:
    """The outcome of storing one memory."""

    decision: Decision
    memory: Memory
    pii: dict[str, list[str]]


class SessionGate(Protocol):
    """What a store into a session must pass (implemented by the sessions resource)."""

    def enter(self, workspace_id: int, scope: Scope, at: str, *, admitted: bool = False) -> None:
        """Note activity at ``at`` in ``scope.session_id``'s session, starting it (with the
        scope's agent and user) if it is unknown; ``ConflictError`` (``session_ended``) if it
        has ended, unless the store was ``admitted`` before it ended (a queued write or
        event). Runs inside the storing transaction."""


@dataclass(frozen=True)
class Retrieval:
    query: str
    top_k: int = 5
    min_score: float = 0.0
    where: Filter = field(default_factory=lambda: Filter(include_expired=False))


def _every(row: tuple[str, Optional[str]]) -> bool:
    return True


def _spoken(row: tuple[str, Optional[str]]) -> bool:
    """Whether a memory's search vector embeds more than its text."""
    return context.search_text(*row) is not None


class MemoryService:
    def __init__(
        self,
        db: Db,
        memories: MemoryStore,
        workspaces: WorkspaceStore,
        vectors: VectorSearch,
        retriever: HybridRetriever,
        eraser: Eraser,
        embedder: Embedder,
        settings: ServerSettings,
        merge_policy: Optional[MergePolicy] = None,
        sessions: Optional[SessionGate] = None,
        pair_model: Optional[PairModel] = None,
    ) -> None:
        self.db = db
        self.sessions = sessions
        self.memories = memories
        self.workspaces = workspaces
        self.vectors = vectors
        self.retriever = retriever
        self.eraser = eraser
        self.embedder = embedder
        self.settings = settings
        self.preparer = Preparer(embedder, vectors)
        self.merge_policy: MergePolicy = merge_policy or LocalMergePolicy()
        self.pair_model = pair_model

    # -- start-up -----------------------------------------------------------------------

    def start(self) -> None:
        """Re-embed if the embedder changed, build the index, load the pipeline's models."""
        current = json.dumps({"name": self.embedder.name, "dim": self.embedder.dim})
        previous = self.settings.get("embedder")
        made = self.settings.get("search_vectors")
        if previous is not None and previous != current:
            was = json.loads(previous).get("name")
            self._reembed(f"embedder changed from {was} to {self.embedder.name}", _every)
        elif previous is not None and made != context.VERSION:
            self._reembed(f"search vectors changed from {made} to {context.VERSION}", _spoken)
        if previous != current or made != context.VERSION:
            with self.db.transaction():
                self.settings.set("embedder", current)
                self.settings.set("search_vectors", context.VERSION)
        self.vectors.rebuild()
        self.preparer.warm_up()

    def _reembed(self, why: str, which: Callable[[tuple[str, Optional[str]]], bool]) -> None:
        """Embed again the memories ``which(text, user_id)`` selects, in chunks."""
        rows = [row for row in self.memories.all_texts() if which(row[1:])]
        log.warning("%s: re-embedding %d memories", why, len(rows))
        started = time.monotonic()
        for offset in range(0, len(rows), REEMBED_CHUNK):
            chunk = rows[offset : offset + REEMBED_CHUNK]
            vectors = self.preparer.embed([(text, user_id) for _, text, user_id in chunk])
            with self.db.transaction():
                self.memories.set_embeddings(
                    [(memory_id, search) for (memory_id, _, _), (_, search) in zip(chunk, vectors)]
                )
            log.info(
                "re-embedded %d/%d (%.0f s)",
                offset + len(chunk),
                len(rows),
                time.monotonic() - started,
            )

    def writing(self, tx: Transaction) -> None:
        """Bring the index up to date at the start of a write, and again after it commits."""
        self.vectors.catch_up()
        tx.on_commit(self.vectors.catch_up)

    # -- store --------------------------------------------------------------------------

    def store(
        self,
        tx: Transaction,
        workspace: Workspace,
        prepared: Prepared,
        dedup_mode: Optional[str] = None,
        pending: Optional[list[Pending]] = None,
        *,
        admitted: bool = False,
    ) -> Stored:
        """Dedup and write one prepared memory (inside ``tx``).

        ``dedup_mode`` is ``auto``, ``exact`` or ``off`` (None: the workspace's default).
        ``pending`` holds (id, vector, scope) of memories written earlier in this transaction,
        which the index does not have yet; new writes are appended to it. ``admitted``: the
        store was accepted earlier (queued), so a session that ended since does not refuse it.
        """
        if pending is None:
            self.writing(tx)
            pending = []
        scope = prepared.analysis.scope
        if scope.session_id and self.sessions is not None:
            self.sessions.enter(workspace.id, scope, utc_iso(), admitted=admitted)
        mode = dedup_mode or workspace.dedup_mode
        decision = self._dedup(workspace.id, prepared, mode, pending)
        if decision.action in DUPLICATE_ACTIONS:
            self.workspaces.count_duplicate(workspace.id)
            return Stored(decision, self._existing(workspace.id, decision), prepared.pii)

        meta = prepared.meta or {}
        memory, own = prepared.analysis, prepared.vector
        if decision.action in ("updated_existing", "merged"):
            old = self._existing(workspace.id, decision)
            history = [*old.history, {"text": old.text, "replaced_at": utc_iso()}]
            meta = {**old.meta, **meta}
            if decision.action == "merged":
                text = merge_texts(old.text, prepared.text)
                ((own, search),) = self.preparer.embed([(text, scope.user_id)])
                similarity = decision.similarity
                memory = self.preparer.analyse(text, own, meta, similarity, history, search)
            else:
                memory = replace(memory, meta=meta, history=history)
        if decision.existing_id is not None:
            self.memories.replace(workspace.id, decision.existing_id, memory)
            memory_id = decision.existing_id
        else:
            memory_id = self.memories.insert(workspace.id, memory)
        pending.append((memory_id, own, scope))
        stored = self.memories.get(workspace.id, memory_id)
        assert stored is not None
        return Stored(decision, stored, prepared.pii)

    def store_batch(
        self,
        tx: Transaction,
        workspace: Workspace,
        items: list[tuple[Union[Prepared, InvalidError], Optional[str]]],
    ) -> list[Union[Stored, DomainError]]:
        """Store each prepared item (with its dedup mode); refused items stay refused, and
        an item into an ended session is refused on its own."""
        self.writing(tx)
        pending: list[Pending] = []
        outcomes: list[Union[Stored, DomainError]] = []
        for item, mode in items:
            if isinstance(item, InvalidError):
                outcomes.append(item)
                continue
            try:
                outcomes.append(self.store(tx, workspace, item, mode, pending))
            except ConflictError as refused:
                outcomes.append(refused)
        return outcomes

    def _existing(self, workspace_id: int, decision: Decision) -> Memory:
        existing = self.memories.get(workspace_id, decision.existing_id or 0)
        assert existing is not None, "dedup chose a memory that is not there"
        return existing

    def _dedup(
        self,
        workspace_id: int,
        prepared: Prepared,
        mode: str,
        pending: list[Pending],
    ) -> Decision:
        """The dedup decision against the memories dedup may compare with.

        Candidates are the memories of the workspace with exactly the same scope (agent,
        user, session, role, team; unset fields unset): dedup never crosses a scope, so the
        same text for alice and for bob is two memories.
        """
        if mode == "off":
            return Decision("stored_new")
        scope = prepared.analysis.scope
        same = self.memories.find_by_hash(workspace_id, text_hash(prepared.text), scope)
        if same is not None and case_alike(prepared.text, same.text):
            return Decision("duplicate_exact", same.memory_id, 1.0)
        if mode == "exact":
            return Decision("stored_new")
        among = self.memories.same_scope_ids(workspace_id, scope)
        nearest = self._nearest_texts(workspace_id, prepared, among)
        nearest += [
            (memory_id, float(vector @ prepared.vector))
            for memory_id, vector, pending_scope in pending
            if pending_scope == scope
        ]
        if not nearest:
            return Decision("stored_new")
        existing_id, similarity = max(nearest, key=lambda pair: pair[1])
        if similarity < MATCHED_FROM:
            return Decision("stored_new", similarity=similarity)
        existing = self.memories.get(workspace_id, existing_id)
        if existing is None:
            return Decision("stored_new", similarity=similarity)
        decision = decide(
            prepared.text, existing.text, similarity, self.merge_policy, self.pair_model
        )
        if decision.action == "stored_new":
            return decision
        return Decision(decision.action, existing_id, similarity)

    def _nearest_texts(
        self, workspace_id: int, prepared: Prepared, among: Optional[list[int]]
    ) -> list[tuple[int, float]]:
        """Memories of ``among`` with the cosine of their texts' own vectors to the new text's.

        Stored vectors are search vectors; where those embed a speaker
        (``search.context``), the few nearest are embedded again without it."""
        found = self.vectors.search(workspace_id, prepared.search_vector, DEDUP_CANDIDATES, among)
        if context.search_text(prepared.text, prepared.analysis.scope.user_id) is None:
            return found[:1]  # the scope's search vectors are its texts' own vectors
        close = [memory_id for memory_id, similarity in found if similarity >= MATCHED_FROM - 0.1]
        candidates = self.memories.get_many(workspace_id, close)
        if not candidates:
            return []
        own = self.embedder.embed([memory.text for memory in candidates.values()])
        return [(i, float(vector @ prepared.vector)) for i, vector in zip(candidates, own)]

    # -- read ---------------------------------------------------------------------------

    def retrieve(self, workspace: Workspace, query: Retrieval) -> list[Hit]:
        self.vectors.catch_up()  # changes committed by other processes
        vector = self.embedder.embed([query.query])[0]
        return self.retriever.search(
            workspace.id,
            query.query,
            vector,
            top_k=query.top_k,
            min_score=query.min_score,
            include_expired=query.where.include_expired,
            where=query.where,
        )

    def totals(self, workspace: Workspace, where: Filter) -> MemoryStats:
        return self.memories.totals(workspace.id, where)

    def page(self, workspace: Workspace, query: PageQuery) -> tuple[list[Memory], bool]:
        return self.memories.page(workspace.id, query)

    def get(self, workspace: Workspace, memory_id: int) -> Memory:
        memory = self.memories.get(workspace.id, memory_id)
        if memory is None:
            raise NotFoundError("memory", memory_id)
        return memory

    # -- update / delete ----------------------------------------------------------------

    def update(
        self,
        tx: Transaction,
        workspace: Workspace,
        memory_id: int,
        prepared: Optional[Prepared],
        meta: Optional[dict[str, Any]],
    ) -> Memory:
        """New text (``prepared``: screened and analysed) and/or new meta (None: keep)."""
        old = self.get(workspace, memory_id)
        self.writing(tx)
        if meta is None:
            meta = old.meta
        elif prepared is not None and prepared.meta is not None:
            meta = prepared.meta  # screened with the text
        else:
            meta = self.preparer.screen_meta(workspace, meta)
        if prepared is None:
            self.memories.update_meta(workspace.id, memory_id, meta)
        else:
            history = [*old.history, {"text": old.text, "replaced_at": to_iso(now())}]
            memory = replace(prepared.analysis, meta=meta, history=history)
            self.memories.replace(workspace.id, memory_id, memory)
        return self.get(workspace, memory_id)

    def delete(self, tx: Transaction, workspace: Workspace, memory_id: int) -> None:
        """Delete a memory and everything derived from it (see ``erasure``)."""
        self.writing(tx)
        if not self.memories.delete(workspace.id, memory_id):
            raise NotFoundError("memory", memory_id)
        self.eraser.forget_memories(tx, workspace.id, [memory_id])

    def erase(self, tx: Transaction, workspace: Workspace, scope: Scope) -> Counts:
        """Erase every memory in ``scope`` and everything derived from it (``erasure``)."""
        self.writing(tx)
        return self.eraser.erase_scope(tx, workspace.id, scope)
