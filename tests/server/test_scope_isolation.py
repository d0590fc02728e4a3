"""A randomised run of 1,000 operations across users, agents and sessions in one workspace
(and a second workspace beside it), checked against a model after every step: no operation
ever shows a memory outside the scope it asked for, or another workspace's."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

import mnemexa
import pytest

SEED = 20261205
OPERATIONS = 1_000
FIELDS = ("agent_id", "user_id", "session_id", "role_id", "team_id")
VALUES = {
    "agent_id": ("planner", "coder"),
    "user_id": ("alice", "bob", "carol"),
    "session_id": ("s1", "s2", "s3"),
    "role_id": ("admin",),
    "team_id": ("core",),
}
SUBJECTS = ("invoice", "flight", "meeting", "allergy", "laptop", "budget")

Scope = Tuple[Optional[str], ...]


@dataclass
class Model:
    """What the workspace holds: memory id -> its scope."""

    memories: Dict[int, Scope]

    def matching(self, where: Dict[str, str]) -> set[int]:
        return {
            memory_id
            for memory_id, scope in self.memories.items()
            if all(scope[FIELDS.index(name)] == value for name, value in where.items())
        }


def _scope(rng: random.Random, share: float) -> Dict[str, str]:
    return {name: rng.choice(VALUES[name]) for name in FIELDS if rng.random() < share}


def _text(rng: random.Random, scope: Dict[str, str]) -> str:
    # A small vocabulary, so that dedup often meets candidates in other scopes too.
    subject, number = rng.choice(SUBJECTS), rng.randint(1, 40)
    return f"The {subject} number {number} is handled on day {rng.randint(1, 5)}."


def _as_scope(fields: Dict[str, Any]) -> Scope:
    return tuple(fields.get(name) for name in FIELDS)


def _memory_scope(memory: Any) -> Scope:
    return tuple(getattr(memory, name) for name in FIELDS)


class Run:
    def __init__(self, client: mnemexa.Client, other_ids: set[int], seed: int) -> None:
        self.client = client
        self.model = Model({})
        self.other_ids = other_ids  # the other workspace's memories: never seen here
        self.rng = random.Random(seed)
        self.checks = 0

    def seen(self, ids: set[int]) -> None:
        assert not ids & self.other_ids, "another workspace's memory showed up"

    def store(self) -> None:
        scope = _scope(self.rng, 0.5)
        result = self.client.memory.store(_text(self.rng, scope), **scope)
        self.seen({result.memory_id})
        if result.dedup.existing_id is not None:
            # Dedup only ever folds into a memory of exactly the same scope.
            assert self.model.memories[result.dedup.existing_id] == _as_scope(scope)
        self.model.memories[result.memory_id] = _as_scope(scope)

    def batch(self) -> None:
        scope = _scope(self.rng, 0.5)
        items = [_text(self.rng, scope) for _ in range(self.rng.randint(2, 6))]
        for item in self.client.memory.store_batch(items, **scope).results:
            assert item.status == "ok"
            if item.result.dedup.existing_id is not None:
                assert self.model.memories[item.result.dedup.existing_id] == _as_scope(scope)
            self.model.memories[item.result.memory_id] = _as_scope(scope)

    def retrieve(self) -> None:
        where = _scope(self.rng, 0.35)
        hits = self.client.memory.retrieve(
            f"{self.rng.choice(SUBJECTS)} handled", top_k=20, **where
        ).memories
        found = {m.memory_id for m in hits}
        self.seen(found)
        assert found <= self.model.matching(where)
        for hit in hits:
            assert _memory_scope(hit) == self.model.memories[hit.memory_id]
        if self.model.matching(where):
            assert hits, "a scope with memories retrieved nothing"

    def list(self) -> None:
        where = _scope(self.rng, 0.35)
        listed = list(self.client.memory.list(limit=100, **where))
        assert {m.memory_id for m in listed} == self.model.matching(where)
        for memory in listed:
            assert _memory_scope(memory) == self.model.memories[memory.memory_id]

    def get(self) -> None:
        if self.rng.random() < 0.2 and self.other_ids:
            with pytest.raises(mnemexa.NotFoundError):
                self.client.memory.get(self.rng.choice(sorted(self.other_ids)))
            return
        if not self.model.memories:
            return
        memory_id = self.rng.choice(sorted(self.model.memories))
        memory = self.client.memory.get(memory_id)
        assert _memory_scope(memory) == self.model.memories[memory_id]

    def stats(self) -> None:
        where = _scope(self.rng, 0.35)
        assert self.client.memory.stats(**where).total == len(self.model.matching(where))

    def session_and_agent(self) -> None:
        session_id = self.rng.choice(VALUES["session_id"])
        expected = len(self.model.matching({"session_id": session_id}))
        if expected:
            assert self.client.sessions.get(session_id).memory_count == expected
        agent_id = self.rng.choice(VALUES["agent_id"])
        stats = self.client.agents.stats(agent_id)
        assert stats.memory_count == len(self.model.matching({"agent_id": agent_id}))

    def delete(self) -> None:
        if not self.model.memories:
            return
        memory_id = self.rng.choice(sorted(self.model.memories))
        self.client.memory.delete(memory_id)
        del self.model.memories[memory_id]

    def delete_many(self) -> None:
        where = _scope(self.rng, 0.5) or {"user_id": self.rng.choice(VALUES["user_id"])}
        gone = self.model.matching(where)
        assert self.client.memory.delete_many(**where).memories_deleted == len(gone)
        for memory_id in gone:
            del self.model.memories[memory_id]

    def step(self) -> str:
        name = self.rng.choices(
            (
                "store",
                "batch",
                "retrieve",
                "list",
                "get",
                "stats",
                "session_and_agent",
                "delete",
                "delete_many",
            ),
            weights=(30, 8, 20, 12, 10, 8, 6, 4, 2),
        )[0]
        getattr(self, name)()
        return name


def test_a_thousand_random_operations_never_cross_a_scope_or_a_workspace(
    hashing_server, workspace_name
):
    other = hashing_server.client(workspace_name + "-other")
    other_ids = {
        other.memory.store(
            f"The invoice number {i} is handled on day 2.", user_id="alice"
        ).memory_id
        for i in range(20)
    }
    run = Run(hashing_server.client(workspace_name), other_ids, SEED)
    done: Dict[str, int] = {}
    for index in range(OPERATIONS):
        try:
            name = run.step()
        except AssertionError as failure:
            raise AssertionError(f"operation {index} (seed {SEED}): {failure}") from failure
        done[name] = done.get(name, 0) + 1
    assert sum(done.values()) == OPERATIONS
    assert min(done.values()) > 0, done
    assert len(run.model.memories) > 50
    # The other workspace is untouched.
    assert {m.memory_id for m in other.memory.list(limit=100)} == other_ids
