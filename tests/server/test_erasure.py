"""Deleted means gone: after a delete (or a workspace purge) and a checkpoint, no byte of any
file in the data dir holds the deleted memory's words."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import httpx
import mnemexa
import pytest

# Words no other text in the test uses; FTS5 would store them lower-cased (porter leaves them).
CANARY_WORDS = ("Zyrtalbex", "Quomprivet", "Frandolique")
CANARY = "Zyrtalbex renewal: the Quomprivet lease ends next Friday, ask Frandolique first."


THINGS = [
    "towel",
    "racket",
    "helmet",
    "gloves",
    "shoes",
    "goggles",
    "rope",
    "chalk",
    "mat",
    "band",
    "ball",
    "cap",
    "bottle",
]
THINGS += [
    "whistle",
    "timer",
    "scarf",
    "jacket",
    "socks",
    "belt",
    "strap",
    "tape",
    "pump",
    "net",
    "cone",
]


def _hits(data_dir: Path, words: tuple[str, ...]) -> dict[str, list[str]]:
    """For each file in the data dir, the canary words found in its bytes (any case)."""
    found: dict[str, list[str]] = {}
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            raw = path.read_bytes().lower()
            hits = [w for w in words if w.lower().encode() in raw]
            if hits:
                found[path.name] = hits
    return found


def _checkpoint(data_dir: Path) -> None:
    with sqlite3.connect(data_dir / "mnemexa.db") as db:
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0


def _canary_lifecycle(client: mnemexa.Client) -> int:
    stored = client.memory.store(CANARY, meta={"contact": "Frandolique", "tag": "Zyrtalbex"})
    assert stored.temporal.raw_text  # an excerpt of the text sits in the response too
    hits = client.memory.retrieve("Zyrtalbex Quomprivet lease", top_k=3)
    assert [m.memory_id for m in hits.memories][:1] == [stored.memory_id]
    updated = client.memory.update(stored.memory_id, text=CANARY + " Quomprivet keys in box 2.")
    assert updated.history  # the old text is in the history until the delete
    return stored.memory_id


@pytest.mark.sqlite_only(
    "the canary scan reads SQLite's files (PostgreSQL keeps dead rows until VACUUM: docs/server.md)"
)
def test_a_deleted_memory_leaves_no_trace_on_disk(fresh_server):
    fresh_server.start()
    client = fresh_server.client("erasure")
    keep = client.memory.store("The boiler service is booked with Hartwell Heating.")
    memory_id = _canary_lifecycle(client)
    _checkpoint(fresh_server.data_dir)
    assert _hits(fresh_server.data_dir, CANARY_WORDS)  # the scan finds the words while stored
    client.memory.delete(memory_id)
    _checkpoint(fresh_server.data_dir)
    assert _hits(fresh_server.data_dir, CANARY_WORDS) == {}
    # The rest is intact and still found by both retrievers.
    assert [m.memory_id for m in client.memory.list()] == [keep.memory_id]
    assert client.memory.retrieve("Hartwell boiler").memories[0].memory_id == keep.memory_id
    assert client.memory.retrieve("Zyrtalbex Quomprivet").memories[0].memory_id != memory_id


@pytest.mark.sqlite_only("the canary scan reads SQLite's files")
def test_workspace_delete_purges_after_confirmation(fresh_server):
    fresh_server.start()
    client = fresh_server.client("doomed")
    other = fresh_server.client("survivor")
    _canary_lifecycle(client)
    kept = other.memory.store("The survivor workspace keeps its notes about Hartwell.")

    refused = fresh_server.cli("workspaces", "delete", "doomed")
    assert refused.returncode == 2
    assert "--yes" in refused.stderr
    assert client.status().workspace_name == "doomed"

    done = fresh_server.cli("workspaces", "delete", "doomed", "--yes")
    assert done.returncode == 0, done.stderr
    with pytest.raises(mnemexa.AuthenticationError):
        client.status()
    _checkpoint(fresh_server.data_dir)
    assert _hits(fresh_server.data_dir, CANARY_WORDS) == {}
    assert [m.memory_id for m in other.memory.list()] == [kept.memory_id]
    listed = fresh_server.cli("workspaces", "list")
    assert "doomed" not in listed.stdout
    assert "survivor" in listed.stdout
    assert fresh_server.cli("workspaces", "delete", "doomed", "--yes").returncode == 1


@pytest.mark.sqlite_only("SQLite's VACUUM and WAL")
def test_vacuum_compacts_and_keeps_data(fresh_server):
    fresh_server.start()
    client = fresh_server.client("vacuumed")
    texts = [f"Locker {i} at the gym holds the spare {thing}." for i, thing in enumerate(THINGS)]
    ids = [r.result.memory_id for r in client.memory.store_batch(texts).results]
    assert len(set(ids)) == len(THINGS)
    for memory_id in ids[:12]:
        client.memory.delete(memory_id)
    fresh_server.stop()
    result = fresh_server.cli("vacuum")
    assert result.returncode == 0, result.stderr
    assert "WAL truncated" in result.stdout
    fresh_server.start()
    assert sorted(m.memory_id for m in client.memory.list()) == sorted(ids[12:])


@pytest.mark.sqlite_only("the data dir's file modes")
def test_data_files_are_private(fresh_server):
    fresh_server.start()
    fresh_server.client("private").memory.store("Private by default.")
    assert stat.S_IMODE(fresh_server.data_dir.stat().st_mode) == 0o700
    files = [p for p in fresh_server.data_dir.iterdir() if p.name.startswith("mnemexa.db")]
    assert {p.name for p in files} >= {"mnemexa.db", "mnemexa.db-wal"}
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: 0o600 for p in files}


def test_replayed_store_of_a_purged_workspace_is_refused(fresh_server):
    fresh_server.start()
    key = fresh_server.new_key("replayed")
    headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": "idem-purge"}
    body = {"text": CANARY}
    assert httpx.post(fresh_server.url + "/v1/memory/store", json=body, headers=headers).is_success
    assert fresh_server.cli("workspaces", "delete", "replayed", "--yes").returncode == 0
    again = httpx.post(fresh_server.url + "/v1/memory/store", json=body, headers=headers)
    assert again.status_code == 401
    assert "Zyrtalbex" not in again.text
