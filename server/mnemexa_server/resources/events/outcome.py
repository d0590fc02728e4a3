"""What becomes of a processed event: its memory, linked back to it, or the reason it failed."""

from __future__ import annotations

from ...errors import DomainError
from ..memory.service import Stored
from ..memory.store import MemoryStore
from .queue import Job
from .store import EventStore


class EventOutcome:
    def __init__(self, events: EventStore, memories: MemoryStore) -> None:
        self.events = events
        self.memories = memories

    def completed(self, job: Job, token: str, stored: Stored) -> None:
        memory_id = stored.memory.memory_id
        self.memories.link_sources(job.workspace_id, memory_id, [job.item_id])
        self.events.complete(job.seq, token, memory_id)

    def failed(self, job: Job, token: str, error: DomainError) -> None:
        self.events.fail(job.seq, token, error.code)
