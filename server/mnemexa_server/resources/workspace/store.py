"""Workspaces and their API keys: the data, and the interface every backend implements."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Optional, Protocol

KEY_PREFIX = "mnx_ws_"
STATUSES = ("active", "suspended")
PII_POLICIES = ("reject", "redact")
DEDUP_MODES = ("auto", "exact", "off")
# The settings an operator can change, each a field of ``Workspace``, and their values.
SETTINGS = {"status": STATUSES, "pii_policy": PII_POLICIES, "dedup_mode": DEDUP_MODES}


@dataclass(frozen=True)
class Workspace:
    id: int
    name: str
    status: str
    pii_policy: str
    dedup_mode: str = "auto"


@dataclass(frozen=True)
class WorkspaceSummary:
    workspace: Workspace
    keys: int  # active keys
    memories: int


def hash_key(key: str) -> str:
    """The stored form of a key. Keys are 256-bit random, so a plain SHA-256 is enough."""
    return hashlib.sha256(key.encode()).hexdigest()


class WorkspaceStore(Protocol):
    def create_key(self, workspace_name: str) -> tuple[Workspace, str]:
        """Create a key for the workspace (created if new). The key is returned only here."""

    def authenticate(self, key: str) -> Optional[Workspace]:
        """The workspace a key belongs to, or None for an unknown or revoked key."""

    def list(self) -> list[WorkspaceSummary]:
        """Every workspace with its number of active keys and memories."""

    def find(self, name: str) -> Optional[Workspace]: ...

    def configure(self, name: str, setting: str, value: str) -> Workspace:
        """Set one of ``SETTINGS``; ``NotFoundError`` for no such workspace, ``InvalidError`` for a
        value the setting does not take."""

    def duplicates_prevented(self, workspace_id: int) -> int: ...

    def count_duplicate(self, workspace_id: int) -> None:
        """Count one prevented duplicate (inside the caller's transaction)."""

    def delete(self, workspace_id: int) -> None:
        """Delete a workspace and its keys (inside the caller's transaction; its memories
        must be gone already)."""
