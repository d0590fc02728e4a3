"""What a resource declares, and what its handlers receive.

A resource (``resources/<name>/``) declares its migrations and a ``build`` function. Given
the process's shared parts (``Core``), ``build`` returns the resource's handlers by spec
``operationId``. The app checks on start that every spec operation has exactly one handler.

A handler has up to two steps. ``prepare`` runs outside any transaction (PII screening and
embedding, the slow part); ``run`` does the reads and writes. A writing handler's ``run``
happens inside a transaction (``Context.tx``) that also holds its idempotency record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Generic, Optional, TypeVar, cast

from .clock import now
from .embedding.base import Embedder
from .settings import Settings
from .storage.backend import Db
from .storage.database import Transaction
from .storage.migrations import Migration

if TYPE_CHECKING:  # the workspace resource itself declares its handlers with this module
    from .resources.workspace.store import Workspace

B = TypeVar("B")
P = TypeVar("P")
T = TypeVar("T")

Reply = tuple[int, Any]
"""An HTTP status and the JSON payload (None for 204)."""


@dataclass(frozen=True)
class Context:
    """Who is calling, and the request's surroundings."""

    workspace: Workspace
    request_id: str
    clock: Callable[[], datetime] = now
    tx: Optional[Transaction] = None  # set while a writing handler runs

    @property
    def transaction(self) -> Transaction:
        """The open write transaction; only a writing handler's ``run`` has one."""
        if self.tx is None:
            raise RuntimeError("no transaction: only a writing handler's run has one")
        return self.tx


@dataclass(frozen=True)
class Request(Generic[B]):
    """A request's parameters (path and query, parsed per the spec) and its JSON body."""

    params: Mapping[str, Any]
    body: B


@dataclass(frozen=True)
class Handler:
    """How one operation is served; build it with ``read`` or ``write``."""

    run: Callable[[Context, Request[Any], Any], Reply]
    prepare: Callable[[Context, Request[Any]], Any]
    writes: bool


def _nothing(ctx: Context, req: Request[Any]) -> None:
    return None


def read(run: Callable[[Context, Request[B]], Reply]) -> Handler:
    """A read-only operation: no transaction, no idempotency record."""
    return Handler(lambda ctx, req, _prepared: run(ctx, req), _nothing, writes=False)


def write(
    run: Callable[[Context, Request[B], P], Reply],
    prepare: Optional[Callable[[Context, Request[B]], P]] = None,
) -> Handler:
    """A state-changing operation: ``prepare`` (if any) outside the transaction, ``run``
    inside it with what ``prepare`` returned (else None)."""
    return Handler(run, prepare or _nothing, writes=True)


@dataclass(frozen=True)
class Core:
    """What every resource may use: settings, the database, the embedder, and the services
    resources share (one instance each per process, see ``shared``)."""

    settings: Settings
    db: Db
    embedder: Embedder
    _shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def shared(self, name: str, build: Callable[[], T]) -> T:
        """The process's one ``name`` service, built by ``build`` on first use."""
        if name not in self._shared:
            self._shared[name] = build()
        return cast(T, self._shared[name])


@dataclass
class Built:
    """A resource ready to serve: its handlers, what to run once at start-up, and what to
    run at shutdown (stopping background threads)."""

    handlers: Mapping[str, Handler]
    start: Sequence[Callable[[], None]] = field(default_factory=tuple)
    stop: Sequence[Callable[[], None]] = field(default_factory=tuple)


@dataclass(frozen=True)
class Resource:
    name: str
    migrations: Sequence[Migration]
    build: Callable[[Core], Built]
