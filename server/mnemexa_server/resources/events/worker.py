"""The ingestion worker: one thread per queue in each server process turns queued items
(events, queued writes) into memories through the normal pipeline, each exactly once.

1. **Claim**, in one short transaction: up to ``worker_batch`` of the oldest claimable items
   (queued, or processing under a lease that has run out) become ``processing`` under a
   random token, leased until ``now + worker_lease_seconds``, one attempt more each.
2. **Prepare**, outside any transaction: PII screening, embedding and analysis, as a store
   does (the text was screened when it was accepted, so this changes nothing more).
3. **Commit**, in one transaction for the batch: for each item whose claim still holds (the
   same token, still processing: not claimed again after its lease ran out, not erased),
   store the memory, link it to its source and record the outcome.

The memory, the link and the outcome commit together or not at all, so a ``kill -9`` at any
point leaves each item either done once or claimable again once its lease runs out. Several
processes claim under the database's write lock, so no two hold one item at once; a worker
whose lease ran out finds out at commit (its token is gone) and drops its work.

An item refused by the domain (``InvalidError``, ``ConflictError``, ``NotFoundError``) fails
at once with that error's code. An item whose session ended after it was accepted is still
stored: it was admitted before the end. Any other error puts the item back for a retry
after a back-off; after ``worker_max_attempts`` claims it fails with ``internal_error``.
Counting claims, not errors, also ends an item that crashes its process each time. Logs carry
counts and ids, never content.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Callable, Optional, Union, cast

from ...errors import ConflictError, DomainError, InvalidError, NotFoundError
from ...settings import Settings
from ...storage.database import Transaction
from ..memory.prepare import Prepared
from ..memory.routes import StoreBody, _scoped
from ..memory.service import MemoryService, Pending
from ..workspace.store import Workspace
from .queue import Job, Outcome, QueueStore

log = logging.getLogger("mnemexa.worker")

PERMANENT = (InvalidError, ConflictError, NotFoundError)
PROGRESS_SECONDS = 10.0  # at most one progress line per worker this often
Staged = Union[Prepared, Exception]  # a job's prepared memory, or why it has none


class ProcessingError(DomainError):
    """An item that failed (or crashed its process) on every attempt."""

    code = "internal_error"

    def __init__(self, attempts: int) -> None:
        super().__init__(f"Processing failed {attempts} times; it will not be retried.")


class Worker:
    def __init__(
        self,
        name: str,
        queue: QueueStore,
        outcome: Outcome,
        service: MemoryService,
        workspaces: Callable[[int], Optional[Workspace]],
        settings: Settings,
    ) -> None:
        self.name = name
        self.queue = queue
        self.outcome = outcome
        self.service = service
        self.workspaces = workspaces
        self.batch = settings.worker_batch
        self.lease = settings.worker_lease_seconds
        self.poll = settings.worker_poll_seconds
        self.max_attempts = settings.worker_max_attempts
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._tally: Counter[str] = Counter()
        self._logged = time.monotonic()

    # -- the thread ---------------------------------------------------------------------

    def start(self) -> None:
        """Start the thread (none when ``worker_batch`` is 0: an ingest-only process)."""
        if self.batch <= 0 or self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"mnemexa-worker-{self.name}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish (or give back) the current batch and end the thread."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._progress(force=True)

    def wake(self) -> None:
        """New items were queued in this process: look now rather than at the next poll."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                busy = self.step()
            except Exception:
                log.exception(
                    "%s worker: a step failed; its claims wait for their lease", self.name
                )
                busy = False
                self._stopping.wait(1.0)
            self._progress()
            if not busy:
                self._wake.wait(self.poll)

    def _progress(self, force: bool = False) -> None:
        if self._tally and (force or time.monotonic() - self._logged >= PROGRESS_SECONDS):
            counts = ", ".join(f"{n} {what}" for what, n in sorted(self._tally.items()))
            log.info("%s worker: %s", self.name, counts)
            self._tally.clear()
            self._logged = time.monotonic()

    # -- one batch ----------------------------------------------------------------------

    def step(self) -> bool:
        """Claim, prepare and commit one batch; False when there was nothing to claim."""
        if not self.queue.ready(time.time()):
            return False
        token = secrets.token_hex(16)
        with self.service.db.transaction():
            now = time.time()
            jobs = self.queue.claim(token, self.batch, now, now + self.lease)
            for job in jobs:
                if job.attempts > self.max_attempts:
                    self.outcome.failed(job, token, ProcessingError(job.attempts - 1))
        live = [job for job in jobs if job.attempts <= self.max_attempts]
        if live:
            workspaces, staged = self._prepare(live)
            if self._stopping.is_set():
                with self.service.db.transaction():
                    for job in live:
                        self.queue.release(job.seq, token, 0.0)
            else:
                self._commit(live, token, workspaces, staged)
        if len(jobs) > len(live):
            self._tally["failed"] += len(jobs) - len(live)
        return bool(jobs)

    def _prepare(self, jobs: list[Job]) -> tuple[dict[int, Workspace], dict[int, Staged]]:
        """Each job's prepared memory (by seq), or the error that stopped it."""
        by_workspace: dict[int, list[Job]] = defaultdict(list)
        for job in jobs:
            by_workspace[job.workspace_id].append(job)
        workspaces: dict[int, Workspace] = {}
        staged: dict[int, Staged] = {}
        for workspace_id, group in by_workspace.items():
            workspace = self.workspaces(workspace_id)
            if workspace is None:
                staged.update((job.seq, NotFoundError("workspace", workspace_id)) for job in group)
                continue
            workspaces[workspace_id] = workspace
            try:
                items = [(job.text, job.meta, job.fields.get("user_id")) for job in group]
                prepared = self.service.preparer.prepare_many(workspace, items)
                for job, item in zip(group, prepared):
                    staged[job.seq] = (
                        item if isinstance(item, InvalidError) else self._scope(job, item)
                    )
            except Exception as error:  # the embedder, say: retried
                staged.update((job.seq, error) for job in group)
        return workspaces, staged

    @staticmethod
    def _scope(job: Job, prepared: Prepared) -> Staged:
        """The job's scope and observed_at on ``prepared``, and its screening's report."""
        try:
            return replace(_scoped(prepared, cast(StoreBody, job.fields)), pii=job.pii)
        except DomainError as error:
            return error

    def _commit(
        self,
        jobs: list[Job],
        token: str,
        workspaces: dict[int, Workspace],
        staged: dict[int, Staged],
    ) -> None:
        """The batch in one transaction; if anything breaks it (and so nothing of it
        commits), each item in its own, so that the one to blame fails or retries alone."""
        tally: Counter[str] = Counter()
        try:
            with self.service.db.transaction() as tx:
                self.service.writing(tx)
                pending: dict[int, list[Pending]] = defaultdict(list)
                for job in jobs:
                    result = staged[job.seq]
                    if isinstance(result, Prepared):
                        workspace = workspaces[job.workspace_id]
                        done = self._complete(
                            tx, job, token, workspace, result, pending[workspace.id]
                        )
                        tally[done] += 1
                    else:
                        tally[self._settle(job, token, result)] += 1
        except Exception:
            for job in jobs:
                self._commit_one(job, token, workspaces, staged[job.seq])
            return
        self._tally.update(tally)

    def _commit_one(
        self, job: Job, token: str, workspaces: dict[int, Workspace], result: Staged
    ) -> None:
        """One job in a transaction of its own: stored, else failed or retried."""
        if isinstance(result, Prepared):
            try:
                with self.service.db.transaction() as tx:
                    workspace = workspaces[job.workspace_id]
                    done = self._complete(tx, job, token, workspace, result)
                self._tally[done] += 1
                return
            except Exception as error:
                result = error
        with self.service.db.transaction():
            settled = self._settle(job, token, result)
        self._tally[settled] += 1

    def _complete(
        self,
        tx: Transaction,
        job: Job,
        token: str,
        workspace: Workspace,
        prepared: Prepared,
        pending: Optional[list[Pending]] = None,
    ) -> str:
        """Store the job's memory and record it, if the claim still holds; say which."""
        if not self.queue.holds(job.seq, token):
            return "dropped"  # claimed again after its lease ran out, or erased
        # Accepted before any end of its session: an ended session does not refuse it now.
        stored = self.service.store(tx, workspace, prepared, job.dedup_mode, pending, admitted=True)
        self.outcome.completed(job, token, stored)
        return "completed"

    def _settle(self, job: Job, token: str, error: Exception) -> str:
        """Fail the job, or put it back for a retry after a back-off, if the claim still
        holds; say which."""
        if not self.queue.holds(job.seq, token):
            return "dropped"
        if isinstance(error, PERMANENT) or job.attempts >= self.max_attempts:
            failure = error if isinstance(error, PERMANENT) else ProcessingError(job.attempts)
            log.warning(
                "%s worker: %s failed (%s, attempt %d)",
                self.name,
                job.item_id,
                failure.code,
                job.attempts,
            )
            self.outcome.failed(job, token, failure)
            return "failed"
        log.warning(
            "%s worker: %s will be retried (%s, attempt %d)",
            self.name,
            job.item_id,
            type(error).__name__,
            job.attempts,
        )
        self.queue.release(job.seq, token, time.time() + min(self.lease, 2.0**job.attempts))
        return "retried"
