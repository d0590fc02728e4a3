"""Events: ingested (202 once durable), listed, polled for status, turned into memories by the
worker with their ids recorded, screened for PII at ingest, erased with their memories."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import httpx
import pytest
from mnemexa_server.embedding.hashing import HashingEmbedder
from mnemexa_server.registry import all_migrations
from mnemexa_server.resource import Core
from mnemexa_server.resources.events.outcome import EventOutcome
from mnemexa_server.resources.events.sql_store import SqlEventStore, find_workspace
from mnemexa_server.resources.events.store import NewEvent
from mnemexa_server.resources.events.worker import Worker
from mnemexa_server.resources.memory import memory_service
from mnemexa_server.resources.memory.store import Scope
from mnemexa_server.resources.workspace.sql_store import SqlWorkspaceStore
from mnemexa_server.settings import Settings
from mnemexa_server.storage.database import Database

from .conftest import ServerProcess

CARD = "4242 4242 4242 4242"


def api(server: ServerProcess, workspace: str) -> httpx.Client:
    key = server.new_key(workspace)
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {key}"}, timeout=30)


def event(content: str, **fields: Any) -> Dict[str, Any]:
    return {
        "user_id": "alice",
        "session_id": "s1",
        "kind": "user_message",
        "content": content,
        **fields,
    }


def ingest(client: httpx.Client, events: List[Dict[str, Any]], **headers: str) -> List[str]:
    response = client.post("/v1/events", json={"events": events}, headers=headers)
    assert response.status_code == 202, response.text
    ids: List[str] = response.json()["event_ids"]
    assert response.json()["accepted"] == len(ids) == len(events)
    return ids


def settle(client: httpx.Client, ids: List[str], timeout: float = 30) -> Dict[str, Any]:
    """The status of ``ids`` once none is pending."""
    deadline = time.monotonic() + timeout
    while True:
        status: Dict[str, Any] = client.post("/v1/events/status", json={"event_ids": ids}).json()
        if not status["pending_ids"] or time.monotonic() > deadline:
            return status
        time.sleep(0.05)


def memories(client: httpx.Client, **params: Any) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    cursor: Optional[str] = None
    while True:
        query = {"limit": 100, **params, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/memory", params=query).json()
        out += page["data"]
        if not page["has_more"]:
            return out
        cursor = page["next_cursor"]


def test_events_become_memories_that_name_them(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    sent = [
        event("Alice moved her standup to Tuesdays at 10am.", ts="2025-03-01T09:30:00+01:00"),
        event(
            "Renewal for Globex is due on 12 June.",
            kind="assistant_message",
            agent_id="planner",
            role_id="sales",
            team_id="core",
            meta={"channel": "chat"},
        ),
    ]
    ids = ingest(client, sent)
    assert all(i.startswith("evt_") for i in ids)
    assert len(set(ids)) == 2
    status = settle(client, ids)
    assert status == {"completed_ids": ids, "pending_ids": [], "failed": []}

    listed = client.get("/v1/events").json()
    assert [e["event_id"] for e in listed["data"]] == ids[::-1]  # newest first
    first, second = listed["data"][1], listed["data"][0]
    assert first["ts"] == "2025-03-01T08:30:00.000000Z"  # ts, in UTC
    assert (second["kind"], second["agent_id"], second["role_id"], second["team_id"]) == (
        "assistant_message",
        "planner",
        "sales",
        "core",
    )
    assert second["meta"] == {"channel": "chat"}
    assert {e["status"] for e in listed["data"]} == {"completed"}

    for item in (first, second):
        memory = client.get(f"/v1/memory/{item['memory_id']}").json()
        assert memory["source_event_ids"] == [item["event_id"]]
        assert memory["text"] == item["content"]
        assert memory["observed_at"] == item["ts"]
        for name in ("user_id", "session_id", "agent_id", "role_id", "team_id"):
            assert memory[name] == item[name]
    assert client.get(f"/v1/memory/{second['memory_id']}").json()["meta"] == {"channel": "chat"}


def test_retrieve_attaches_source_events_only_when_asked(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    ids = ingest(client, [event("The Zephyr launch slipped to the third week of May.")])
    settle(client, ids)
    direct = client.post("/v1/memory/store", json={"text": "Zephyr retro is on Friday."}).json()
    query = {"query": "Zephyr launch", "top_k": 5}
    plain = client.post("/v1/memory/retrieve", json=query).json()["memories"]
    assert plain
    assert all("source_events" not in m for m in plain)
    off = client.post("/v1/memory/retrieve", json={**query, "include_source_events": False})
    assert all("source_events" not in m for m in off.json()["memories"])
    hits = client.post("/v1/memory/retrieve", json={**query, "include_source_events": True})
    by_id = {m["memory_id"]: m for m in hits.json()["memories"]}
    assert by_id[direct["memory_id"]]["source_events"] == []
    (from_event,) = [m for m in by_id.values() if m["source_event_ids"]]
    (source,) = from_event["source_events"]
    assert source["event_id"] == ids[0]
    assert source["content"] == "The Zephyr launch slipped to the third week of May."
    assert source["status"] == "completed"


def test_list_filters_and_pages_with_opaque_cursors(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    rows = [
        ("alice", "s1", "user_message", "planner", "2025-01-01T00:00:00Z"),
        ("alice", "s2", "tool_result", None, "2025-02-01T00:00:00Z"),
        ("bob", "s3", "user_message", "planner", "2025-03-01T00:00:00Z"),
        ("bob", "s3", "app_event", "coder", "2025-04-01T00:00:00Z"),
    ]
    sent = [
        {
            "user_id": user,
            "session_id": session,
            "kind": kind,
            "content": f"Fact number {i} about ticket {1000 + i}.",
            "ts": ts,
            **({"agent_id": agent} if agent else {}),
        }
        for i, (user, session, kind, agent, ts) in enumerate(rows)
    ]
    ids = ingest(client, sent)
    cases = [
        ({"user_id": "alice"}, {0, 1}),
        ({"session_id": "s3"}, {2, 3}),
        ({"agent_id": "planner"}, {0, 2}),
        ({"kind": "user_message"}, {0, 2}),
        ({"after": "2025-02-01T00:00:00Z"}, {1, 2, 3}),
        ({"before": "2025-02-01T00:00:00Z"}, {0}),
        ({"user_id": "bob", "kind": "app_event"}, {3}),
        ({"user_id": "carol"}, set()),
    ]
    for params, expected in cases:
        listed = client.get("/v1/events", params=params).json()["data"]
        assert {e["event_id"] for e in listed} == {ids[i] for i in expected}, params

    seen: List[str] = []
    cursor = None
    while True:
        page = client.get(
            "/v1/events", params={"limit": 3, **({"cursor": cursor} if cursor else {})}
        )
        body = page.json()
        seen += [e["event_id"] for e in body["data"]]
        if not body["has_more"]:
            assert body["next_cursor"] is None
            break
        cursor = body["next_cursor"]
    assert seen == ids[::-1]

    memory_cursor = client.get("/v1/memory", params={"limit": 1}).json()["next_cursor"]
    for forged in ("nope", "ZTow", "ZTotMQ", "ZTo5OTk5OTk5OTk5OTk5OTk5OTk5OQ", memory_cursor):
        if forged is None:
            continue
        refused = client.get("/v1/events", params={"cursor": forged})
        assert refused.status_code == 422, forged
        assert refused.json()["details"]["parameter"] == "cursor"


def test_status_of_unknown_and_foreign_ids_is_not_found(hashing_server, workspace_name):
    alice = api(hashing_server, workspace_name + "-a")
    bob = api(hashing_server, workspace_name + "-b")
    ids = ingest(alice, [event("Alice's account number ends in 7781.")])
    settle(alice, ids)
    asked = [ids[0], "evt_0000", ids[0]]
    assert bob.post("/v1/events/status", json={"event_ids": asked}).json() == {
        "completed_ids": [],
        "pending_ids": [],
        "failed": [
            {"event_id": ids[0], "reason": "not_found"},
            {"event_id": "evt_0000", "reason": "not_found"},
        ],
    }
    assert alice.post("/v1/events/status", json={"event_ids": asked}).json()["completed_ids"] == [
        ids[0]
    ]
    assert bob.get("/v1/events").json()["data"] == []
    assert memories(bob) == []
    hits = bob.post(
        "/v1/memory/retrieve", json={"query": "account number", "include_source_events": True}
    )
    assert hits.json()["memories"] == []


def test_pii_policy_applies_at_ingest(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    refused = client.post(
        "/v1/events",
        json={"events": [event("Fine text."), event(f"My card is {CARD}, keep it.")]},
    )
    assert refused.status_code == 422
    error = refused.json()
    assert error["code"] == "pii_rejected"
    assert error["details"]["types"] == ["credit_card"]
    assert error["details"]["index"] == 1
    assert error["details"]["fields"] == ["content"]
    assert CARD not in refused.text
    in_meta = client.post("/v1/events", json={"events": [event("ok", meta={"card": CARD})]})
    assert in_meta.status_code == 422
    assert in_meta.json()["details"]["fields"] == ["meta"]
    assert client.get("/v1/events").json()["data"] == []  # nothing of either was written

    done = hashing_server.cli("workspaces", "pii-policy", workspace_name, "redact")
    assert done.returncode == 0, done.stderr
    ids = ingest(client, [event(f"My card is {CARD}, keep it.", meta={"note": f"card {CARD}"})])
    assert settle(client, ids)["completed_ids"] == ids
    (stored,) = client.get("/v1/events").json()["data"]
    assert CARD not in str(stored)
    assert "[REDACTED:credit_card]" in stored["content"]
    memory = client.get(f"/v1/memory/{stored['memory_id']}").json()
    assert CARD not in str(memory)


def test_ingest_honours_idempotency_keys(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    sent = [event("Invoice 5531 was paid on time.")]
    first = client.post("/v1/events", json={"events": sent}, headers={"Idempotency-Key": "k1"})
    again = client.post("/v1/events", json={"events": sent}, headers={"Idempotency-Key": "k1"})
    assert first.status_code == again.status_code == 202
    assert again.headers["Idempotency-Replayed"] == "true"
    assert again.json() == first.json()
    assert len(client.get("/v1/events").json()["data"]) == 1
    reused = client.post(
        "/v1/events", json={"events": [event("other")]}, headers={"Idempotency-Key": "k1"}
    )
    assert reused.status_code == 422
    assert reused.json()["code"] == "idempotency_key_reused"


def test_erasing_memories_erases_their_events(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    ids = ingest(
        client,
        [
            event("Carol's allergy: peanuts.", user_id="carol", session_id="c1"),
            event("Dave's allergy: shellfish.", user_id="dave", session_id="d1"),
            event("Dave prefers aisle seats.", user_id="dave", session_id="d2"),
        ],
    )
    settle(client, ids)
    listed = {e["event_id"]: e for e in client.get("/v1/events").json()["data"]}
    assert client.delete(f"/v1/memory/{listed[ids[0]]['memory_id']}").status_code == 204
    erased = client.post("/v1/memory/delete_many", json={"user_id": "dave"}).json()
    assert (erased["memories_deleted"], erased["events_deleted"]) == (2, 2)
    assert client.get("/v1/events").json()["data"] == []
    status = client.post("/v1/events/status", json={"event_ids": ids}).json()
    assert [f["reason"] for f in status["failed"]] == ["not_found"] * 3


def test_sessions_gate_ingest(hashing_server, workspace_name):
    client = api(hashing_server, workspace_name)
    ids = ingest(
        client, [event("Kickoff notes for the Q3 plan.", session_id="fresh", agent_id="a1")]
    )
    session = client.get("/v1/sessions/fresh")
    assert session.status_code == 200  # an unknown session_id starts its session
    assert (session.json()["user_id"], session.json()["agent_id"]) == ("alice", "a1")
    settle(client, ids)
    assert client.post("/v1/sessions/fresh/end").status_code == 200
    refused = client.post(
        "/v1/events",
        json={"events": [event("ok", session_id="other"), event("late", session_id="fresh")]},
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "session_ended"
    assert len(client.get("/v1/events").json()["data"]) == 1  # nothing of it was written
    assert client.get("/v1/sessions/other").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"events": []},
        {"events": [event(f"fact {i}") for i in range(101)]},
        {"events": [event("   ")]},
        {"events": [event("x", kind="shout")]},
        {"events": [event("x", ts="yesterday")]},
        {"events": [event("x", ts="0001-01-01T00:00:00+01:00")]},
        {"events": [event("x", user_id="")]},
        {"events": [event("x", user_id="u" * 129)]},
        {"events": [event("x", extra=1)]},
        {"events": [{"user_id": "u", "kind": "user_message", "content": "no session"}]},
        {"events": [event("x", meta=[1])]},
        {"events": "all of them"},
    ],
)
def test_hostile_ingest_bodies_get_422(hashing_server, body):
    client = api(hashing_server, "hostile-events")
    response = client.post("/v1/events", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid_request"


def test_hostile_status_and_list_requests_get_4xx(hashing_server):
    client = api(hashing_server, "hostile-status")
    for body in ({"event_ids": []}, {"event_ids": ["x"] * 101}, {"event_ids": [""]}, {}):
        assert client.post("/v1/events/status", json=body).status_code == 422, body
    for params in ({"limit": 0}, {"limit": 101}, {"kind": "shout"}, {"after": "soon"}):
        assert client.get("/v1/events", params=params).status_code == 422, params
    assert client.post("/v1/events/status", content=b"{").status_code == 422


# -- the worker, in process: claims, leases, retries -------------------------------------


class Flaky(HashingEmbedder):
    """Fails to embed a text containing FLAKY, ``failures`` times (-1: always)."""

    def __init__(self, failures: int) -> None:
        super().__init__()
        self.failures = failures

    def embed(self, texts: Sequence[str]) -> Any:
        if self.failures and any("FLAKY" in t for t in texts):
            self.failures -= 1
            raise RuntimeError("embedder down")
        return super().embed(texts)


@dataclass
class Rig:
    """An events worker on a database of its own, stepped by hand."""

    db: Database
    events: SqlEventStore
    worker: Worker
    workspace_id: int

    def queue(self, *texts: str) -> List[str]:
        scope = Scope(user_id="u", session_id="s")
        new = [NewEvent("user_message", t, {}, scope, "2025-01-01T00:00:00.000000Z") for t in texts]
        with self.db.transaction():
            return self.events.add(self.workspace_id, new, "req_test")

    def status(self, ids: List[str]) -> Dict[str, Tuple[str, Optional[str]]]:
        found = self.events.get_many(self.workspace_id, ids)
        return {i: (found[i].status, found[i].reason) for i in ids}

    def links(self) -> List[Tuple[int, str]]:
        rows = self.db.conn.execute("SELECT memory_id, event_id FROM memory_sources").fetchall()
        return sorted((row[0], row[1]) for row in rows)

    def run(self, until: float = 10.0) -> None:
        """Step until nothing is claimable now or later (retries wait for their back-off)."""
        deadline = time.monotonic() + until
        while time.monotonic() < deadline:
            if not self.worker.step():
                pending = self.db.conn.execute(
                    "SELECT COUNT(*) FROM events WHERE status IN ('queued','processing')"
                ).fetchone()[0]
                if not pending:
                    return
                time.sleep(0.02)


def rig(tmp_path: Path, embedder: Any = None, worker: type = Worker, **settings: Any) -> Rig:
    options = {"worker_batch": 8, "worker_lease_seconds": 0.2, **settings}
    config = Settings(data_dir=tmp_path, embedder="hashing", **options)
    db = Database(tmp_path, 10.0, all_migrations())
    core = Core(config, db, embedder or HashingEmbedder())
    service = memory_service(core)
    workspace, _ = SqlWorkspaceStore(db).create_key("w")
    events = SqlEventStore(db)
    outcome = EventOutcome(events, service.memories)
    found = partial(find_workspace, db)
    return Rig(db, events, worker("events", events, outcome, service, found, config), workspace.id)


def test_a_claim_taken_over_after_its_lease_commits_nothing(tmp_path):
    rivals: List[Worker] = []

    class Slow(Worker):
        def _prepare(self, jobs: Any) -> Any:
            prepared = super()._prepare(jobs)
            time.sleep(0.05)  # past the lease (0 s): a rival claims the same items
            for rival in rivals:
                while rival.step():
                    pass
            return prepared

    setup = rig(tmp_path, worker=Slow, worker_lease_seconds=0.0)
    rivals.append(rig(tmp_path, worker_lease_seconds=30.0).worker)
    ids = setup.queue(*(f"Order {n} ships from dock {n % 7}." for n in range(20)))
    assert setup.worker.step()  # claims 8, loses them to the rival, drops its own work
    assert setup.worker._tally["dropped"] == 8
    setup.run()
    assert set(setup.status(ids).values()) == {("completed", None)}
    links = setup.links()
    assert sorted(event_id for _, event_id in links) == sorted(ids)  # each event once
    memories = setup.db.conn.execute("SELECT COUNT(*) FROM memories").fetchone()[0]
    assert memories == len({memory_id for memory_id, _ in links}) == 20


def test_failures_are_retried_then_fail_with_internal_error(tmp_path):
    setup = rig(tmp_path / "flaky", Flaky(failures=2), worker_max_attempts=3)
    ids = setup.queue("FLAKY note: the dock closes at 6pm.", "Plain note: dock 4 is open.")
    setup.run()
    assert setup.status(ids) == {ids[0]: ("completed", None), ids[1]: ("completed", None)}
    down = rig(tmp_path / "down", Flaky(failures=-1), worker_max_attempts=3)
    ids = down.queue("FLAKY forever: nothing embeds this.")
    down.run()
    assert down.status(ids) == {ids[0]: ("failed", "internal_error")}
    attempts = down.db.conn.execute("SELECT attempts FROM events").fetchone()[0]
    assert attempts == 3


def test_an_item_that_keeps_crashing_its_worker_fails(tmp_path):
    setup = rig(tmp_path, worker_max_attempts=2)
    ids = setup.queue("Poison pill that kills every worker.")
    for crash in range(2):  # claimed, then the process dies before it commits
        with setup.db.transaction():
            assert len(setup.events.claim(f"dead{crash}", 8, time.time(), 0.0)) == 1
    setup.run()
    assert setup.status(ids) == {ids[0]: ("failed", "internal_error")}
    assert setup.links() == []


def test_a_stopped_worker_gives_its_claims_back(tmp_path):
    setup = rig(tmp_path, worker_lease_seconds=60.0)

    class Stopping(Worker):
        def _prepare(self, jobs: Any) -> Any:
            self._stopping.set()
            return super()._prepare(jobs)

    setup.worker.__class__ = Stopping
    ids = setup.queue("Handover: the keys are at reception.")
    assert setup.worker.step()
    assert setup.status(ids) == {ids[0]: ("queued", None)}  # claimable now, not in 60 s
    setup.worker.__class__ = Worker
    setup.worker._stopping.clear()
    setup.run()
    assert setup.status(ids)[ids[0]][0] == "completed"
