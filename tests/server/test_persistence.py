"""Acknowledged memories survive restarts and kill -9; the index is rebuilt on start."""

from __future__ import annotations

import signal
import sqlite3

import mnemexa
import pytest


def test_kill_9_right_after_an_acknowledged_store(fresh_server):
    fresh_server.start()
    key = fresh_server.new_key("durable")
    client = mnemexa.Client(api_key=key, base_url=fresh_server.url)
    stored = client.memory.store("The failover runbook lives in the ops wiki.")
    fresh_server.stop(signal.SIGKILL)  # no shutdown, no checkpoint

    fresh_server.start()
    client = mnemexa.Client(api_key=key, base_url=fresh_server.url)
    assert client.memory.get(stored.memory_id).text == "The failover runbook lives in the ops wiki."
    hits = client.memory.retrieve("where is the failover runbook", top_k=1)
    assert hits.memories[0].memory_id == stored.memory_id  # the vector index was rebuilt


def test_restart_keeps_everything_and_deletes_stay_deleted(fresh_server):
    fresh_server.start()
    key = fresh_server.new_key("restart")
    client = mnemexa.Client(api_key=key, base_url=fresh_server.url)
    ids = [
        r.result.memory_id
        for r in client.memory.store_batch(
            [
                "Sales kickoff is in Lisbon.",
                "The VPN uses WireGuard.",
                "Omar manages vendor contracts.",
                "Backups are tested monthly.",
            ]
        ).results
    ]
    client.memory.delete(ids[1])
    fresh_server.stop()

    fresh_server.start()
    client = mnemexa.Client(api_key=key, base_url=fresh_server.url)
    assert sorted(m.memory_id for m in client.memory.list()) == sorted(ids[:1] + ids[2:])
    assert ids[1] not in {
        m.memory_id for m in client.memory.retrieve("VPN WireGuard", top_k=10).memories
    }


@pytest.mark.sqlite_only("SQLite's journal mode")
def test_data_dir_is_wal_and_records_every_named_migration(fresh_server):
    fresh_server.start()
    fresh_server.new_key("schema")
    conn = sqlite3.connect(fresh_server.data_dir / "mnemexa.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    from mnemexa_server.registry import all_migrations

    applied = [row[0] for row in conn.execute("SELECT name FROM schema_migrations ORDER BY rowid")]
    assert applied == [m.name for m in all_migrations()]


@pytest.mark.sqlite_only("reads SQLite's FTS5 index")
def test_delete_really_deletes(server, workspace_name):
    client = server.client(workspace_name)
    text = "The vendor contract with Initech ends in June."
    doomed = client.memory.store(text)
    client.memory.store("Unrelated: the cafeteria serves tacos on Tuesdays.")
    client.memory.delete(doomed.memory_id)
    assert doomed.memory_id not in {m.memory_id for m in client.memory.list()}
    assert doomed.memory_id not in {
        m.memory_id for m in client.memory.retrieve(text, top_k=100, include_expired=True).memories
    }
    again = client.memory.store(text)
    assert again.dedup.action == "stored_new"
    assert again.memory_id != doomed.memory_id
    row = (
        sqlite3.connect(server.data_dir / "mnemexa.db")
        .execute("SELECT COUNT(*) FROM memories WHERE id = ?", (doomed.memory_id,))
        .fetchone()
    )
    assert row == (0,)


def test_two_worker_processes_share_one_data_dir(fresh_server):
    """Each worker keeps its own vector index; the change log keeps them equal."""
    import json
    from concurrent.futures import ThreadPoolExecutor

    fresh_server.serve_args = ["--workers", "2"]
    fresh_server.start()
    key = fresh_server.new_key("workers")
    words = [
        "amber",
        "birch",
        "cedar",
        "delta",
        "ember",
        "fjord",
        "grove",
        "heath",
        "inlet",
        "juniper",
        "kelp",
        "larch",
        "maple",
        "nectar",
        "onyx",
        "pine",
    ]
    texts = [
        f"The {w} service listens on port {8000 + i} and is owned by team {w}."
        for i, w in enumerate(words)
    ]

    def store_then_find(text: str) -> tuple:
        # separate clients, so separate connections that either worker may accept
        stored = mnemexa.Client(api_key=key, base_url=fresh_server.url).memory.store(text)
        hits = mnemexa.Client(api_key=key, base_url=fresh_server.url).memory.retrieve(text, top_k=1)
        return stored.memory_id, hits.memories[0].memory_id

    def retrieving_pids() -> set:
        entries = [
            json.loads(line.split("mnemexa.access INFO ", 1)[1])
            for line in fresh_server.log_path.read_text().splitlines()
            if "mnemexa.access INFO " in line
        ]
        return {e["pid"] for e in entries if e["path"] == "/v1/memory/retrieve"}

    # The kernel picks the worker that accepts each connection: on a busy machine one worker
    # can win several rounds in a row, so go on (bounded) until both have answered.
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(12):
            for stored_id, found_id in pool.map(store_then_find, texts):
                assert found_id == stored_id
            if len(retrieving_pids()) == 2:
                break
    assert len(retrieving_pids()) == 2

    client = mnemexa.Client(api_key=key, base_url=fresh_server.url)
    victim = client.memory.retrieve(texts[0], top_k=1).memories[0].memory_id
    client.memory.delete(victim)

    def still_there(_: int) -> bool:
        hits = mnemexa.Client(api_key=key, base_url=fresh_server.url).memory.retrieve(
            texts[0], top_k=5
        )
        return victim in {m.memory_id for m in hits.memories}

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert not any(pool.map(still_there, range(16)))
