"""Two workspaces never see each other's memories, through any operation."""

from __future__ import annotations

import mnemexa
import pytest


def test_workspaces_are_isolated_everywhere(server):
    alice = server.client("isolation-alice")
    bob = server.client("isolation-bob")
    secret = alice.memory.store("Alice's launch codename is Bluebird.", meta={"owner": "alice"})
    alice.memory.store("Alice's team ships on Fridays.")

    assert bob.memory.retrieve("launch codename Bluebird", top_k=100).memories == []
    assert bob.memory.retrieve("launch codename Bluebird", include_expired=True).memories == []
    assert list(bob.memory.list()) == []
    with pytest.raises(mnemexa.NotFoundError):
        bob.memory.get(secret.memory_id)
    with pytest.raises(mnemexa.NotFoundError):
        bob.memory.update(secret.memory_id, text="hijacked")
    with pytest.raises(mnemexa.NotFoundError):
        bob.memory.delete(secret.memory_id)
    assert bob.optimize.health().signals.total_memories == 0

    same = bob.memory.store("Alice's launch codename is Bluebird.")
    assert same.dedup.action == "stored_new"  # no dedup across workspaces
    assert same.memory_id != secret.memory_id
    assert same.workspace_id != secret.workspace_id

    assert alice.memory.get(secret.memory_id).text == "Alice's launch codename is Bluebird."
    assert alice.optimize.health().signals.total_memories == 2
    alice_hits = alice.memory.retrieve("launch codename Bluebird", top_k=100)
    assert same.memory_id not in {m.memory_id for m in alice_hits.memories}
    assert {m.memory_id for m in bob.memory.retrieve("Bluebird", top_k=100).memories} == {
        same.memory_id
    }
