"""What the ingestion worker needs of a queue (events, queued writes), and what it claims.

An item is ``queued`` until a worker claims it: ``processing`` under a random token until a
lease deadline. The worker records the outcome (``completed`` or ``failed``) in the same
transaction as the memory, after checking that the claim still holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional, Protocol

from ...errors import DomainError
from ..memory.service import Stored


@dataclass(frozen=True)
class Job:
    """One claimed item: what to store, into which workspace."""

    seq: int  # the item's place in its queue (arrival order)
    item_id: str  # its event_id or write_id
    workspace_id: int
    attempts: int  # claims so far, this one included
    text: str  # screened for PII when it was accepted
    meta: Optional[dict[str, Any]]  # screened too; None when none was sent
    fields: Mapping[str, Any]  # scope fields and observed_at, named as a store body names them
    dedup_mode: Optional[str] = None  # None: the workspace's
    pii: dict[str, list[str]] = field(default_factory=dict)  # the screening's report
    request_id: str = ""  # the request that queued it


class QueueStore(Protocol):
    """A queue table's claim protocol. Every call but ``ready`` runs inside a transaction."""

    def ready(self, now: float) -> bool:
        """Whether an item is claimable: queued or processing, and its lease (a retry's
        back-off, for a queued one) has run out by ``now``, if it has one."""

    def claim(self, token: str, limit: int, now: float, until: float) -> list[Job]:
        """Claim up to ``limit`` claimable items, oldest first: each becomes ``processing``
        under ``token`` until ``until``, with one more attempt counted."""

    def holds(self, seq: int, token: str) -> bool:
        """Whether the item is still processing under ``token`` (not claimed again since,
        not erased)."""

    def release(self, seq: int, token: str, after: float) -> None:
        """Put an item claimed under ``token`` back in the queue, claimable from ``after``."""


class Outcome(Protocol):
    """How a queue records what became of a job. Both calls run in the worker's
    transaction once ``holds`` has said that the claim is still good."""

    def completed(self, job: Job, token: str, stored: Stored) -> None: ...

    def failed(self, job: Job, token: str, error: DomainError) -> None: ...
