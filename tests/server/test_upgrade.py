"""A data dir written by an earlier server (``tests/data/upgrade``) upgrades in place."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import mnemexa
import pytest
from mnemexa_server.registry import all_migrations, open_database
from mnemexa_server.storage.migrations import LEGACY_VERSIONS

pytestmark = pytest.mark.sqlite_only("a SQLite data dir written by an earlier server")

WRITTEN_AT_C1D7F43 = Path(__file__).parent.parent / "data" / "upgrade" / "c1d7f43"


def _copy(tmp_path: Path) -> Path:
    data_dir = tmp_path / "upgraded"
    shutil.copytree(WRITTEN_AT_C1D7F43, data_dir, ignore=shutil.ignore_patterns("*.md"))
    return data_dir


def test_a_legacy_data_dir_is_adopted_without_running_its_migrations_again(tmp_path):
    data_dir = _copy(tmp_path)
    with sqlite3.connect(data_dir / "mnemexa.db") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    db = open_database(data_dir)
    legacy = {name for names in LEGACY_VERSIONS.values() for name in names}
    assert legacy <= {m.name for m in all_migrations()}  # every legacy name still exists
    assert db.applied_migrations == [
        *(name for version in sorted(LEGACY_VERSIONS) for name in LEGACY_VERSIONS[version]),
        *(m.name for m in all_migrations() if m.name not in legacy),
    ]
    assert open_database(data_dir).applied_migrations == db.applied_migrations  # idempotent


def test_a_legacy_data_dir_serves_its_memories_settings_and_erasures(fresh_server, tmp_path):
    fresh_server.data_dir = _copy(tmp_path)
    fresh_server.env_overrides["MNEMEXA_EMBEDDER"] = "hashing"
    fresh_server.start()
    client = fresh_server.client("legacy")  # a new key for the existing workspace
    memories = {m.memory_id: m for m in client.memory.list()}
    assert sorted(memories) == [1, 2, 3, 4]  # memory 5 was deleted before the upgrade
    assert memories[2].text == "The team sync is at 4pm on Mondays."
    assert [h.text for h in memories[2].history] == ["The team sync is at 3pm on Mondays."]
    assert memories[1].meta["n"] == 0
    for memory in memories.values():  # scopes arrived later: none, and observed when stored
        assert (memory.user_id, memory.agent_id, memory.session_id) == (None, None, None)
        assert memory.observed_at == memory.created_at
    assert client.memory.retrieve("Berlin office", top_k=1).memories[0].memory_id == 4
    # The workspace keeps its dedup mode, exact: a copy is caught, a rewording is stored.
    assert client.memory.store("Carol manages the Berlin office.").dedup.action == (
        "duplicate_exact"
    )
    assert client.memory.store("Carol runs the Berlin office.").dedup.action == "stored_new"
    assert client.status().workspace_name == "legacy"
    other = fresh_server.client("other")
    assert [m.text for m in other.memory.list()] == ["Dave works from Lisbon."]
    with pytest.raises(mnemexa.NotFoundError):
        other.memory.get(1)
    client.memory.delete(3)
    assert 3 not in {m.memory_id for m in client.memory.list()}
