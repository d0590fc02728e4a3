"""The session operations: create, get or create, list, get, end, summarize and delete.

Writers run inside the caller's transaction, which also holds the idempotency record. A
summary is drafted before the transaction (a model may take seconds) and kept inside it;
if a memory it used was deleted meanwhile, the extractive summary of what is left is kept
instead, so a summary never holds a deleted memory's text.
"""

from __future__ import annotations

import secrets
import time
from typing import Any, Optional

from ...clock import utc_iso
from ...errors import ConflictError, NotFoundError
from ...storage.database import Transaction
from ..memory.service import MemoryService
from ..memory.store import Scope
from ..workspace.store import Workspace
from .store import NewSession, Session, SessionQuery, SessionStore
from .summarize import ExtractiveSummarizer, Summarizer, Summary

# How long a session delete waits for the writes and events queued before it that name the
# session (a worker applies them); a queue stalled longer than this does not block it.
SETTLE_SECONDS = 5.0
SETTLE_POLL_SECONDS = 0.05

ID_PREFIX = "ses_"


def new_session_id() -> str:
    """An opaque id for a session the client did not name."""
    return ID_PREFIX + secrets.token_hex(12)


class SessionService:
    def __init__(
        self, sessions: SessionStore, memory: MemoryService, summarizer: Summarizer
    ) -> None:
        self.sessions = sessions
        self.memory = memory
        self.summarizer = summarizer

    def screen_meta(self, workspace: Workspace, meta: Optional[dict[str, Any]]) -> dict[str, Any]:
        """``meta`` under the workspace's PII policy (as a memory's meta is)."""
        return self.memory.preparer.screen_meta(workspace, meta) if meta else {}

    def create(self, workspace: Workspace, new: NewSession) -> Session:
        """Start a session; 409 ``session_exists`` if its id is taken."""
        if not self.sessions.create(workspace.id, new, utc_iso()):
            raise ConflictError(
                f"Session {new.session_id} exists already.",
                code="session_exists",
                details={"session_id": new.session_id},
            )
        return self.get(workspace, new.session_id)

    def get_or_create(self, workspace: Workspace, new: NewSession) -> Session:
        """The session, started if there is none; 409 ``session_conflict`` if it belongs to
        another agent or user than ``new`` names."""
        session = self.sessions.get_or_create(workspace.id, new, utc_iso())
        clashes = [
            name
            for name, given, held in (
                ("agent_id", new.agent_id, session.agent_id),
                ("user_id", new.user_id, session.user_id),
            )
            if given is not None and held is not None and given != held
        ]
        if clashes:
            raise ConflictError(
                f"Session {new.session_id} belongs to another {' and '.join(clashes)}.",
                code="session_conflict",
                details={"fields": clashes},
            )
        return session

    def get(self, workspace: Workspace, session_id: str) -> Session:
        session = self.sessions.get(workspace.id, session_id)
        if session is None:
            raise NotFoundError("session", session_id)
        return session

    def page(self, workspace: Workspace, query: SessionQuery) -> tuple[list[Session], bool]:
        return self.sessions.page(workspace.id, query)

    def end(self, workspace: Workspace, session_id: str) -> Session:
        """End the session (again: no change); stores naming it get ``session_ended``."""
        self.get(workspace, session_id)
        self.sessions.end(workspace.id, session_id, utc_iso())
        return self.get(workspace, session_id)

    def settle(self, workspace: Workspace, session_id: str) -> None:
        """Wait, up to ``SETTLE_SECONDS``, for the queued writes and events naming the session
        to be applied (outside any transaction): a delete comes after the writes accepted
        before it, so none of them starts the session again."""
        deadline = time.monotonic() + SETTLE_SECONDS
        while self.sessions.queued_writes(workspace.id, session_id):
            if time.monotonic() >= deadline:
                return
            time.sleep(SETTLE_POLL_SECONDS)

    def delete(self, tx: Transaction, workspace: Workspace, session_id: str) -> None:
        """Delete the record and scrub it from recorded responses; memories stay."""
        if not self.sessions.delete(workspace.id, session_id):
            raise NotFoundError("session", session_id)
        self.memory.eraser.forget_subject(tx, workspace.id, "session_id", session_id)

    def draft_summary(
        self, workspace: Workspace, session_id: str, max_sentences: int, where: Scope
    ) -> Summary:
        """A summary of the session's memories that ``where`` (its agent and user) lets
        through (outside any transaction)."""
        self.get(workspace, session_id)
        memories = self.sessions.memories(workspace.id, session_id, where)
        return self.summarizer.summarize(memories, max_sentences)

    def keep_summary(
        self,
        workspace: Workspace,
        session_id: str,
        draft: Summary,
        max_sentences: int,
        where: Scope,
    ) -> Summary:
        """Keep ``draft`` on the session, or the extractive summary of the memories
        ``where`` lets through if one that ``draft`` used is gone."""
        self.get(workspace, session_id)
        memories = self.sessions.memories(workspace.id, session_id, where)
        if not set(draft.memory_ids) <= {m.memory_id for m in memories}:
            draft = ExtractiveSummarizer().summarize(memories, max_sentences)
        self.sessions.save_summary(workspace.id, session_id, draft.text, draft.memory_ids)
        return draft
