"""Everything a memory goes through before the write lock: PII policy, embedding, analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Union

import numpy as np

from ...clock import now, to_iso
from ...embedding.base import Embedder
from ...errors import InvalidError
from ...pipeline import CategoryTagger, ImportanceScorer, PiiDetector, TemporalClassifier
from ...pipeline.dedup import text_hash
from ...pipeline.meta_pii import screen_meta
from ...pipeline.pii import redact
from ...search import VectorSearch
from ...search.context import search_text
from ..workspace.store import Workspace
from .store import NewMemory

Screened = tuple[str, Optional[dict[str, Any]], dict[str, list[str]]]
Item = tuple[str, Optional[dict[str, Any]], Optional[str]]  # text, meta, user_id


@dataclass
class Prepared:
    """A memory after PII handling, embedding and analysis, before it touches the database."""

    text: str
    vector: np.ndarray  # the text's own vector: dedup compares these
    pii: dict[str, list[str]]
    meta: Optional[dict[str, Any]]  # screened; None when the request sent none
    analysis: NewMemory  # importance, temporal and categories of ``text``; its search vector

    @property
    def search_vector(self) -> np.ndarray:
        """The vector stored and indexed for retrieval (``search.context``)."""
        return self.analysis.embedding


class Preparer:
    def __init__(self, embedder: Embedder, vectors: VectorSearch) -> None:
        self.embedder = embedder
        self.vectors = vectors
        self.pii = PiiDetector()
        self.importance = ImportanceScorer(embedder)
        self.temporal = TemporalClassifier()
        self.categories = CategoryTagger(embedder)

    def warm_up(self) -> None:
        """Load the stages' models and tables now rather than on the first request."""
        self.pii.prepare()
        self.importance.prepare()
        self.categories.prepare()

    def screen(self, workspace: Workspace, text: str, meta: Optional[dict[str, Any]]) -> Screened:
        """Apply the workspace's PII policy to the text and to every key and value of
        ``meta``: raise ``pii_rejected`` naming the types (never the values), or redact."""
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
            raise InvalidError(
                f"The {' and '.join(where)} contains sensitive data that cannot be stored: "
                + ", ".join(blocking)
                + ".",
                code="pii_rejected",
                details={"types": blocking, "fields": where},
            )
        if any(f.blocking for f in findings):
            text = redact(text, [f for f in findings if f.blocking])
        if meta_screen is not None:
            meta = meta_screen.redacted
        detected = {f.type for f in findings} | (meta_screen.detected if meta_screen else set())
        return text, meta, {"detected": sorted(detected), "redacted": blocking}

    def embed(self, items: list[tuple[str, Optional[str]]]) -> list[tuple[np.ndarray, np.ndarray]]:
        """(own vector, search vector) of each (text, user_id), from one embedder call."""
        contexts = [search_text(text, user_id) for text, user_id in items]
        extra = [context for context in contexts if context is not None]
        embedded = self.embedder.embed([text for text, _ in items] + extra)
        searched = iter(embedded[len(items) :])
        return [
            (own, own if context is None else next(searched))
            for own, context in zip(embedded[: len(items)], contexts)
        ]

    def prepare_many(
        self, workspace: Workspace, items: list[Item]
    ) -> list[Union[Prepared, InvalidError]]:
        """Screen each (text, meta, user_id) for PII, embed the accepted texts in one call,
        and run the analysis stages (importance, temporal, categories) on each."""
        screened: list[Union[tuple[Screened, Optional[str]], InvalidError]] = []
        for text, meta, user_id in items:
            try:
                screened.append((self.screen(workspace, text, meta), user_id))
            except InvalidError as error:
                screened.append(error)
        accepted = [s for s in screened if not isinstance(s, InvalidError)]
        vectors = iter(self.embed([(text, user_id) for (text, _, _), user_id in accepted]))
        out: list[Union[Prepared, InvalidError]] = []
        for s in screened:
            if isinstance(s, InvalidError):
                out.append(s)
                continue
            (text, meta, pii), _ = s
            vector, search = next(vectors)
            nearest = self._nearest(workspace.id, search)
            analysis = self.analyse(text, vector, meta or {}, nearest, [], search)
            out.append(Prepared(text, vector, pii, meta, analysis))
        return out

    def _nearest(self, workspace_id: int, search: np.ndarray) -> Optional[float]:
        """The similarity of the nearest stored memory (importance's novelty signal)."""
        nearest = self.vectors.search(workspace_id, search, 1)
        return nearest[0][1] if nearest else None

    def prepare(
        self,
        workspace: Workspace,
        text: str,
        meta: Optional[dict[str, Any]] = None,
        user_id: Optional[str] = None,
    ) -> Prepared:
        """PII policy, embedding and analysis, for one text (about ``user_id``, if given)."""
        (result,) = self.prepare_many(workspace, [(text, meta, user_id)])
        if isinstance(result, InvalidError):
            raise result
        return result

    def screen_meta(self, workspace: Workspace, meta: dict[str, Any]) -> dict[str, Any]:
        """The PII policy applied to ``meta`` alone (an update that changes only meta)."""
        _, screened, _ = self.screen(workspace, "", meta)
        return screened or {}

    def analyse(
        self,
        text: str,
        vector: np.ndarray,
        meta: dict[str, Any],
        nearest: Optional[float],
        history: list[dict[str, Any]],
        search: Optional[np.ndarray] = None,
    ) -> NewMemory:
        """Importance, temporal type and categories of ``text`` (``vector``: its own vector),
        as a memory to store with ``search`` (default: ``vector``) as its search vector."""
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
            embedding=vector if search is None else search,
            history=history,
        )
