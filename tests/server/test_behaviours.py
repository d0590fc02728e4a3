"""Behaviours a planted bug once broke unnoticed, each checked against a live server."""

from __future__ import annotations

import threading
from datetime import timedelta

import mnemexa
import pytest
from mnemexa_server.storage import database
from mnemexa_server.storage.database import Database, PragmaError, check_pragmas

CARD = "4111 1111 1111 1111"


def test_patch_with_new_text_is_screened_for_pii(server, workspace_name):
    client = server.client(workspace_name)
    stored = client.memory.store("The spare key is with the neighbour.")
    with pytest.raises(mnemexa.ValidationError) as info:
        client.memory.update(stored.memory_id, text=f"Pay the locksmith with card {CARD}.")
    assert info.value.code == "pii_rejected"
    assert "4111" not in str(info.value.body)
    assert client.memory.get(stored.memory_id).text == "The spare key is with the neighbour."


def test_meta_obeys_the_pii_policy(server, workspace_name):
    client = server.client(workspace_name)
    with pytest.raises(mnemexa.ValidationError) as info:
        client.memory.store("Order placed for the office chairs.", meta={"card": CARD})
    assert info.value.code == "pii_rejected"
    assert info.value.body["details"] == {"types": ["credit_card"], "fields": ["meta"]}
    assert "4111" not in str(info.value.body)
    stored = client.memory.store("Order placed for the office desks.", meta={"n": 3})
    with pytest.raises(mnemexa.ValidationError):
        client.memory.update(stored.memory_id, meta={"note": f"paid with {CARD}"})
    with pytest.raises(mnemexa.ValidationError):
        client.memory.update(stored.memory_id, meta={"card": 4111111111111111})
    assert client.memory.get(stored.memory_id).meta.to_dict() == {"n": 3}
    assert list(client.memory.list()) == [client.memory.get(stored.memory_id)]

    assert server.cli("workspaces", "pii-policy", workspace_name, "redact").returncode == 0
    redacted = client.memory.store(
        "Order placed for the office lamps.",
        meta={"card": CARD, "nested": [{"number": 4111111111111111}], "ok": "fine"},
    )
    assert redacted.pii.redacted == ["credit_card"]
    meta = client.memory.get(redacted.memory_id).meta.to_dict()
    assert meta == {
        "card": "[REDACTED:credit_card]",
        "nested": [{"number": "[REDACTED:credit_card]"}],
        "ok": "fine",
    }


def test_created_after_and_before_filter_the_list(server, workspace_name):
    client = server.client(workspace_name)
    first = client.memory.store("The first note about the garden fence.")
    second = client.memory.store("The second note about the roof gutters.")
    created = {m.memory_id: m.created_at for m in client.memory.list()}
    assert created[first.memory_id] < created[second.memory_id]
    after = created[first.memory_id] + timedelta(microseconds=1)
    assert [m.memory_id for m in client.memory.list(created_after=after)] == [second.memory_id]
    assert [m.memory_id for m in client.memory.list(created_before=after)] == [first.memory_id]
    assert [m.memory_id for m in client.memory.list(created_after=created[first.memory_id])] == [
        second.memory_id,
        first.memory_id,
    ]


def test_changing_the_embedder_re_embeds_stored_memories(fresh_server):
    fresh_server.env_overrides["MNEMEXA_EMBEDDER"] = "hashing"
    fresh_server.start()
    client = fresh_server.client("re-embed")
    stored = client.memory.store("Our physician retired last spring.")
    client.memory.store("The boiler was serviced in October.")
    fresh_server.stop()
    embedding = "SELECT embedding FROM memories WHERE id=?"
    old_vector = fresh_server.sql(embedding, (stored.memory_id,))[0][0]
    fresh_server.env_overrides["MNEMEXA_EMBEDDER"] = "minilm"
    fresh_server.start()
    log = fresh_server.log_when(lambda text: "re-embedded 2/2" in text)
    assert "embedder changed from hashing-384 to all-MiniLM-L6-v2-onnx-int8: re-embedding 2" in log
    assert fresh_server.sql(embedding, (stored.memory_id,))[0][0] != old_vector
    # "doctor" shares no word with the memory: only the semantic model finds it.
    hits = client.memory.retrieve("doctor", top_k=1)
    assert [m.memory_id for m in hits.memories] == [stored.memory_id]


def test_every_connection_has_the_durability_pragmas(tmp_path):
    db = Database(tmp_path)
    connections = [db.conn]

    def other_thread() -> None:
        connections.append(db.conn)

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert connections[0] is not connections[1]
    for conn in connections:
        check_pragmas(conn)
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_a_connection_without_them_is_refused(tmp_path, monkeypatch):
    weakened = tuple(
        (name, "OFF" if name == "synchronous" else value, expected)
        for name, value, expected in database.REQUIRED_PRAGMAS
    )
    monkeypatch.setattr(database, "REQUIRED_PRAGMAS", weakened)
    with pytest.raises(PragmaError, match="synchronous"):
        Database(tmp_path)


def test_texts_differing_in_a_unit_case_are_not_exact_duplicates(server, workspace_name):
    """The exact-text lookup ignores case, but "MB/s" (bytes) and "Mb/s" (bits) differ: another
    unit is an update of the value, in auto mode, and never an exact duplicate."""
    client = server.client(workspace_name)
    bytes_ = client.memory.store("The export is throttled at 50 MB/s.")
    same = client.memory.store("the export is throttled at 50 MB/s")
    assert (same.dedup.action, same.dedup.existing_id) == ("duplicate_exact", bytes_.memory_id)
    bits = client.memory.store("The export is throttled at 50 Mb/s.", dedup_mode="auto")
    assert (bits.dedup.action, bits.dedup.existing_id) == ("updated_existing", bytes_.memory_id)
    again = client.memory.store("The export is throttled at 50 MB/s.", dedup_mode="exact")
    assert again.dedup.action == "stored_new"
    assert again.memory_id != bytes_.memory_id


def test_dedup_mode_per_store_and_per_workspace(server, workspace_name):
    client = server.client(workspace_name)
    text = "The team sync is at 3pm on Mondays."
    first = client.memory.store(text)
    assert client.memory.store(text).dedup.action == "duplicate_exact"
    again = client.memory.store(text, dedup_mode="off")
    assert (again.dedup.action, again.dedup.existing_id) == ("stored_new", None)
    assert again.memory_id != first.memory_id
    changed = "The team sync is at 4pm on Mondays."
    exact = client.memory.store(changed, dedup_mode="exact")
    assert exact.dedup.action == "stored_new"  # only identical text counts in exact mode
    batch = client.memory.store_batch(
        [text, {"text": text, "dedup_mode": "auto"}], dedup_mode="off"
    )
    assert [r.result.dedup.action for r in batch.results] == ["stored_new", "duplicate_exact"]

    assert server.cli("workspaces", "dedup-mode", workspace_name, "off").returncode == 0
    assert "dedup mode off" in server.cli("workspaces", "dedup-mode", workspace_name, "off").stdout
    assert client.memory.store(text).dedup.action == "stored_new"
    assert client.memory.store(text, dedup_mode="auto").dedup.action == "duplicate_exact"
    listed = server.cli("workspaces", "list").stdout
    assert any(workspace_name in line and " off " in line for line in listed.splitlines())
    assert len(list(client.memory.list())) == 5
