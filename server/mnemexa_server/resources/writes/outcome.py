"""What becomes of a queued write: the store result, or the error, in the spec's shapes."""

from __future__ import annotations

from ...errors import DomainError
from ...http_errors import from_domain
from ..events.queue import Job
from ..memory.service import Stored
from ..memory.wire import store_result_json
from .store import WriteStore


class WriteOutcome:
    def __init__(self, writes: WriteStore) -> None:
        self.writes = writes

    def completed(self, job: Job, token: str, stored: Stored) -> None:
        """Record exactly what ``store`` would have answered."""
        result = store_result_json(job.workspace_id, stored.decision, stored.memory, stored.pii)
        self.writes.complete(job.seq, token, stored.memory.memory_id, result)

    def failed(self, job: Job, token: str, error: DomainError) -> None:
        """Record the error as ``store`` would have answered it (to the queuing request)."""
        self.writes.fail(job.seq, token, from_domain(error).body(job.request_id))
