"""Sessions: addressed by ``session_id``, started by a call or by the first store naming them,
ended (no more stores), summarized, and deleted as records while their memories stay.

Every response is checked against ``openapi.yaml`` (``spec_client``).
"""

from __future__ import annotations

import base64
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List

import httpx
import pytest

from tests.server.fake_chat import ChatServer
from tests.server.spec_client import assert_error, spec_client, store_memory


def _all_pages(http: httpx.Client, **params: Any) -> List[Dict[str, Any]]:
    sessions: List[Dict[str, Any]] = []
    while True:
        page = http.get("/v1/sessions", params=params).json()
        sessions += page["data"]
        if not page["has_more"]:
            assert page["next_cursor"] is None
            return sessions
        params["cursor"] = page["next_cursor"]


def test_create_get_and_session_exists(http):
    body = {"session_id": "chat-1", "agent_id": "planner", "user_id": "alice", "meta": {"k": 1}}
    created = http.post("/v1/sessions", json=body)
    assert created.status_code == 201
    session = created.json()
    assert {k: session[k] for k in body} == body
    assert (session["status"], session["memory_count"], session["summary"]) == ("open", 0, None)
    assert (session["first_activity_at"], session["last_activity_at"]) == (None, None)
    assert http.get("/v1/sessions/chat-1").json() == session
    again = assert_error(http.post("/v1/sessions", json=body), 409, "session_exists")
    assert "chat-1" in again["message"]
    generated = http.post("/v1/sessions", json={}).json()
    assert generated["session_id"].startswith("ses_")
    assert (generated["agent_id"], generated["user_id"], generated["meta"]) == (None, None, {})


def test_list_pages_newest_first_and_filters(http):
    rows = [
        ("s1", "planner", "alice"),
        ("s2", "planner", "bob"),
        ("s3", "coder", "alice"),
        ("s4", None, None),
        ("s5", "planner", "alice"),
    ]
    for session_id, agent_id, user_id in rows:
        scope = {k: v for k, v in (("agent_id", agent_id), ("user_id", user_id)) if v}
        assert http.post("/v1/sessions", json={"session_id": session_id, **scope}).is_success
    http.post("/v1/sessions/s2/end")
    assert [s["session_id"] for s in _all_pages(http, limit=2)] == ["s5", "s4", "s3", "s2", "s1"]
    cases = [
        ({"agent_id": "planner"}, ["s5", "s2", "s1"]),
        ({"user_id": "alice"}, ["s5", "s3", "s1"]),
        ({"agent_id": "planner", "user_id": "alice"}, ["s5", "s1"]),
        ({"status": "ended"}, ["s2"]),
        ({"status": "open", "agent_id": "planner"}, ["s5", "s1"]),
        ({"user_id": "nobody"}, []),
    ]
    for where, expected in cases:
        assert [s["session_id"] for s in _all_pages(http, limit=1, **where)] == expected, where


def test_get_or_create_gives_one_session_under_concurrency(http):
    def put(_: int) -> httpx.Response:
        return http.put("/v1/sessions/race", json={"agent_id": "planner", "meta": {"n": 1}})

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(put, range(20)))
    assert [r.status_code for r in answers] == [200] * 20
    assert len({(r.json()["session_id"], r.json()["created_at"]) for r in answers}) == 1
    assert [s["session_id"] for s in _all_pages(http)] == ["race"]
    # An existing session keeps its meta; a caller naming no agent or user agrees with it.
    kept = http.put("/v1/sessions/race", json={"user_id": "alice", "meta": {"n": 2}}).json()
    assert (kept["agent_id"], kept["user_id"], kept["meta"]) == ("planner", None, {"n": 1})
    clash = assert_error(
        http.put("/v1/sessions/race", json={"agent_id": "coder"}), 409, "session_conflict"
    )
    assert clash["details"] == {"fields": ["agent_id"]}
    http.put("/v1/sessions/users", json={"user_id": "alice"})
    assert_error(http.put("/v1/sessions/users", json={"user_id": "bob"}), 409, "session_conflict")


def test_a_store_naming_an_unknown_session_starts_it(http):
    first = store_memory(
        http, "The demo is on Thursday.", session_id="auto", agent_id="a", user_id="u"
    )
    started = http.get("/v1/sessions/auto").json()
    assert (started["agent_id"], started["user_id"], started["status"]) == ("a", "u", "open")
    assert started["memory_count"] == 1
    assert started["first_activity_at"] == started["last_activity_at"] is not None
    second = store_memory(http, "Bring the printed agenda.", session_id="auto")
    later = http.get("/v1/sessions/auto").json()
    assert later["memory_count"] == 2
    assert later["first_activity_at"] == started["first_activity_at"]
    assert later["last_activity_at"] > started["last_activity_at"]
    batch = http.post(
        "/v1/memory/store_batch", json={"items": [{"text": "Third note.", "session_id": "auto"}]}
    )
    assert batch.json()["results"][0]["status"] == "ok"
    assert http.get("/v1/sessions/auto").json()["memory_count"] == 3
    assert first != second


def test_an_ended_session_refuses_new_stores(http):
    kept = store_memory(http, "Kickoff notes are in the wiki.", session_id="closing")
    ended = http.post("/v1/sessions/closing/end")
    assert ended.status_code == 200
    assert (ended.json()["status"], ended.json()["memory_count"]) == ("ended", 1)
    assert ended.json()["ended_at"] is not None
    assert http.post("/v1/sessions/closing/end").json() == ended.json()  # idempotent
    refused = assert_error(
        http.post("/v1/memory/store", json={"text": "Late note.", "session_id": "closing"}),
        409,
        "session_ended",
    )
    assert "ended" in refused["message"]
    assert "closing" in refused["message"]
    batch = http.post(
        "/v1/memory/store_batch",
        json={"items": [{"text": "Late note.", "session_id": "closing"}, {"text": "Other note."}]},
    ).json()["results"]
    assert [item["status"] for item in batch] == ["error", "ok"]
    assert batch[0]["error"]["code"] == "session_ended"
    after = http.get("/v1/sessions/closing").json()
    assert after["memory_count"] == 1
    assert after["last_activity_at"] == ended.json()["last_activity_at"]
    assert [m["memory_id"] for m in http.get("/v1/memory?session_id=closing").json()["data"]] == [
        kept
    ]
    assert_error(http.post("/v1/sessions/never/end"), 404, "not_found")


def test_summarize_keeps_the_summary_on_the_session(http):
    texts = [
        "The client budget is 40k EUR. Payment is due in 30 days.",
        "Lunch was pasta.",
        "The launch date moved to March 3.",
    ]
    ids = [store_memory(http, text, session_id="talk") for text in texts]
    answer = http.post("/v1/sessions/talk/summarize", json={"max_sentences": 2})
    assert answer.status_code == 200
    summary = answer.json()
    assert summary["session_id"] == "talk"
    assert summary["summary"]
    assert set(summary["memory_ids"]) <= set(ids)
    every = " ".join(texts)
    assert all(part.strip() + "." in every for part in summary["summary"].split(".")[:-1])
    assert http.get("/v1/sessions/talk").json()["summary"] == summary["summary"]
    again = http.post("/v1/sessions/talk/summarize", json={})  # the default max_sentences
    assert again.json()["summary"].startswith(texts[0].split(".")[0])
    empty = http.post("/v1/sessions", json={"session_id": "quiet"})
    assert empty.is_success
    nothing = http.post("/v1/sessions/quiet/summarize", json={}).json()
    assert (nothing["summary"], nothing["memory_ids"]) == ("", [])
    assert_error(http.post("/v1/sessions/nope/summarize", json={}), 404, "not_found")


def test_summarize_filters_by_agent_and_user(http):
    """A session holds several speakers' memories, each with its own agent and user; the
    filters pick whose a summary reads, and the summary kept is the latest one."""
    session = "shared"
    ids = {
        who: store_memory(http, text, session_id=session, **scope)
        for who, text, scope in (
            ("alice", "Alice booked the Lisbon flights.", {"user_id": "alice"}),
            ("bob", "Bob will bring the Quendrix samples.", {"user_id": "bob"}),
            (
                "alice-planner",
                "The planner moved the offsite to June.",
                {"user_id": "alice", "agent_id": "planner"},
            ),
            ("nobody", "The room has a projector.", {}),
        )
    }
    store_memory(http, "Alice likes the Quendrix brand.", session_id="elsewhere", user_id="alice")

    def summarize(**body: Any) -> Dict[str, Any]:
        answer = http.post(f"/v1/sessions/{session}/summarize", json={"max_sentences": 20, **body})
        assert answer.status_code == 200, answer.text
        summary: Dict[str, Any] = answer.json()
        kept = http.get(f"/v1/sessions/{session}").json()
        assert kept["summary"] == summary["summary"]  # the latest summary, filtered or not
        assert kept["memory_count"] == 4  # the filters narrow the summary, not the session
        return summary

    everyone = summarize()
    assert sorted(everyone["memory_ids"]) == sorted(ids.values())
    alice = summarize(user_id="alice")
    assert sorted(alice["memory_ids"]) == sorted([ids["alice"], ids["alice-planner"]])
    assert "Quendrix" not in alice["summary"]  # neither Bob's memory nor another session's
    assert "projector" not in alice["summary"]  # no user_id never matches a user filter
    bob = summarize(user_id="bob")
    assert (bob["memory_ids"], bob["summary"]) == (
        [ids["bob"]],
        "Bob will bring the Quendrix samples.",
    )
    planner = summarize(agent_id="planner")
    assert planner["memory_ids"] == [ids["alice-planner"]]
    both = summarize(agent_id="planner", user_id="alice")
    assert both["memory_ids"] == [ids["alice-planner"]]
    assert summarize(agent_id="planner", user_id="bob") == {
        "session_id": session,
        "summary": "",
        "memory_ids": [],
    }
    assert summarize(user_id="carol")["memory_ids"] == []
    for bad in ({"user_id": ""}, {"agent_id": "a" * 129}, {"user_id": "a/b"}, {"user_id": 7}):
        assert_error(
            http.post(f"/v1/sessions/{session}/summarize", json=bad), 422, "invalid_request"
        )
    assert_error(
        http.post("/v1/sessions/nope/summarize", json={"user_id": "alice"}), 404, "not_found"
    )


def test_deleting_a_memory_clears_the_summary_made_from_it(http):
    first = store_memory(http, "The vendor is Hartwell Heating.", session_id="erase-one")
    store_memory(http, "The boiler is serviced yearly.", session_id="erase-one")
    summary = http.post("/v1/sessions/erase-one/summarize", json={}).json()
    assert first in summary["memory_ids"]
    assert http.delete(f"/v1/memory/{first}").status_code == 204
    session = http.get("/v1/sessions/erase-one").json()
    assert (session["summary"], session["memory_count"]) == (None, 1)


def test_delete_many_of_a_session_erases_its_summary_and_keeps_the_record(http):
    for text in ("Sprint goal: ship billing export.", "Retro is on Friday."):
        store_memory(http, text, session_id="wipe")
    http.post("/v1/sessions/wipe/summarize", json={})
    erased = http.post("/v1/memory/delete_many", json={"session_id": "wipe"}).json()
    assert (erased["memories_deleted"], erased["summaries_deleted"]) == (2, 1)
    assert erased["sessions_deleted"] == 0
    session = http.get("/v1/sessions/wipe").json()
    assert (session["summary"], session["memory_count"], session["status"]) == (None, 0, "open")


def test_delete_removes_the_record_only(http):
    memory_id = store_memory(http, "Notes from the design review.", session_id="gone", user_id="u1")
    assert http.delete("/v1/sessions/gone").status_code == 204
    assert_error(http.get("/v1/sessions/gone"), 404, "not_found")
    assert_error(http.delete("/v1/sessions/gone"), 404, "not_found")
    assert http.get(f"/v1/memory/{memory_id}").json()["session_id"] == "gone"
    store_memory(http, "A later note reopens it.", session_id="gone")
    reopened = http.get("/v1/sessions/gone").json()
    assert (reopened["status"], reopened["memory_count"], reopened["user_id"]) == ("open", 2, None)


def test_a_replay_after_delete_returns_no_deleted_content(http):
    body = {"session_id": "replayed", "user_id": "alice", "meta": {"topic": "Zyrtalbex plans"}}
    headers = {"Idempotency-Key": "create-replayed"}
    first = http.post("/v1/sessions", json=body, headers=headers)
    assert first.json()["meta"] == {"topic": "Zyrtalbex plans"}
    assert http.delete("/v1/sessions/replayed").status_code == 204
    replay = http.post("/v1/sessions", json=body, headers=headers)
    assert (replay.status_code, replay.headers["idempotency-replayed"]) == (201, "true")
    assert replay.json()["session_id"] == "replayed"
    assert replay.json()["meta"] == {}
    assert "Zyrtalbex" not in replay.text
    assert "alice" not in replay.text


def test_a_summary_replay_after_its_session_is_deleted_conforms(hashing_server, http):
    store_memory(http, "Zyrtalbex launch is in May.", session_id="summary-gone")
    headers = {"Idempotency-Key": "summarize-gone"}
    summarized = http.post("/v1/sessions/summary-gone/summarize", json={}, headers=headers)
    assert "Zyrtalbex" in summarized.json()["summary"]
    assert http.delete("/v1/sessions/summary-gone").status_code == 204
    replay = httpx.post(  # unchecked: the spec check is the point of this test
        hashing_server.url + "/v1/sessions/summary-gone/summarize",
        json={},
        headers={**headers, "Authorization": http.headers["Authorization"]},
    )
    assert replay.headers["idempotency-replayed"] == "true"
    assert "Zyrtalbex" not in replay.text
    assert isinstance(replay.json()["summary"], str)


def test_a_summary_replay_after_its_memory_is_deleted_returns_no_text(http):
    memory_id = store_memory(http, "Quomprivet lease ends in June.", session_id="summary-replay")
    headers = {"Idempotency-Key": "summary-replay"}
    first = http.post("/v1/sessions/summary-replay/summarize", json={}, headers=headers)
    assert "Quomprivet" in first.json()["summary"]
    assert http.delete(f"/v1/memory/{memory_id}").status_code == 204
    replay = http.post("/v1/sessions/summary-replay/summarize", json={}, headers=headers)
    assert replay.headers["idempotency-replayed"] == "true"
    assert "Quomprivet" not in replay.text


def test_another_workspace_sees_none_of_it(hashing_server, http):
    http.post("/v1/sessions", json={"session_id": "private", "agent_id": "planner"})
    store_memory(http, "Private fact.", session_id="private")
    with spec_client(hashing_server, hashing_server.new_key("sessions-other")) as other:
        assert_error(other.get("/v1/sessions/private"), 404, "not_found")
        assert_error(other.post("/v1/sessions/private/end"), 404, "not_found")
        assert_error(other.post("/v1/sessions/private/summarize", json={}), 404, "not_found")
        assert_error(other.delete("/v1/sessions/private"), 404, "not_found")
        assert other.get("/v1/sessions").json()["data"] == []
        own = other.put("/v1/sessions/private", json={"agent_id": "coder"})
        assert (own.status_code, own.json()["memory_count"]) == (200, 0)
    assert http.get("/v1/sessions/private").json()["agent_id"] == "planner"
    assert http.get("/v1/sessions/private").json()["status"] == "open"


def _b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    ["zzz", "!!", _b64("s:0"), _b64("s:-1"), _b64("s:99999999999999999999"), _b64("a:5"), "e"],
)
def test_a_forged_cursor_gets_422_naming_it(http, cursor):
    error = assert_error(
        http.get("/v1/sessions", params={"cursor": cursor}), 422, "invalid_request"
    )
    assert error["details"] == {"parameter": "cursor"}


def test_hostile_ids_and_parameters_get_clean_4xx(http):
    long_id = "x" * 129
    for method, path in [
        ("GET", f"/v1/sessions/{long_id}"),
        ("PUT", f"/v1/sessions/{long_id}"),
        ("POST", f"/v1/sessions/{long_id}/end"),
        ("DELETE", f"/v1/sessions/{long_id}"),
    ]:
        body = {} if method == "PUT" else None
        assert_error(http.request(method, path, json=body), 422, "invalid_request")
    assert_error(http.post("/v1/sessions", json={"session_id": long_id}), 422, "invalid_request")
    assert_error(http.get("/v1/sessions", params={"status": "paused"}), 422, "invalid_request")
    assert_error(http.get("/v1/sessions", params={"limit": 0}), 422, "invalid_request")
    assert_error(
        http.post("/v1/sessions/x/summarize", json={"max_sentences": 21}), 422, "invalid_request"
    )
    odd = "séance 🎧 'quoted' \"double\" ; -- DROP"
    assert http.put(f"/v1/sessions/{odd}", json={}).json()["session_id"] == odd
    assert_error(http.post("/v1/sessions", json={"session_id": "50% off"}), 422, "invalid_request")
    assert http.get(f"/v1/sessions/{odd}").json()["session_id"] == odd
    assert_error(http.get("/v1/sessions/unknown-id"), 404, "not_found")


def test_a_purged_workspace_leaves_no_sessions_or_agents(fresh_server):
    fresh_server.start()
    with spec_client(fresh_server, fresh_server.new_key("purged")) as http:
        http.post("/v1/agents", json={"name": "Planner", "agent_id": "planner"})
        http.post("/v1/sessions", json={"session_id": "s", "agent_id": "planner"})
        store_memory(http, "A memory in the session.", session_id="s")
        http.post("/v1/sessions/s/summarize", json={})
    assert fresh_server.cli("workspaces", "delete", "purged", "--yes").returncode == 0
    counts = [
        fresh_server.sql(f"SELECT COUNT(*) FROM {table}")[0][0]  # noqa: S608
        for table in ("agents", "sessions", "session_summary_sources")
    ]
    assert counts == [0, 0, 0]


def test_the_llm_summarizer_is_used_by_config_and_falls_back(fresh_server):
    chat = ChatServer()
    key = "sk-llm-secret-for-summaries-91c2"
    fresh_server.env_overrides.update(
        {
            "MNEMEXA_EMBEDDER": "hashing",
            "MNEMEXA_SUMMARIZER": "llm",
            "MNEMEXA_LLM_URL": chat.url,
            "MNEMEXA_SUMMARIZE_LLM_MODEL": "tiny-summarizer",
            "MNEMEXA_LLM_API_KEY": key,
        }
    )
    try:
        fresh_server.start()
        with spec_client(fresh_server, fresh_server.new_key("llm")) as http:
            ids = [
                store_memory(http, text, session_id="llm")
                for text in ("Frandolique signs the contract.", "The fee is 12k EUR.")
            ]
            chat.reply = (200, "Frandolique signs; the fee is 12k EUR.")
            asked = http.post("/v1/sessions/llm/summarize", json={"max_sentences": 3}).json()
            assert asked == {
                "session_id": "llm",
                "summary": "Frandolique signs; the fee is 12k EUR.",
                "memory_ids": ids,
            }
            request = chat.requests[-1]
            assert (request["model"], request["auth"]) == ("tiny-summarizer", f"Bearer {key}")
            chat.reply = (503, "overloaded")
            fallback = http.post("/v1/sessions/llm/summarize", json={"max_sentences": 3}).json()
            assert fallback["summary"] == "Frandolique signs the contract. The fee is 12k EUR."
        log = fresh_server.log_when(lambda text: "using the extractive summary" in text)
        assert "summarize model unavailable (HTTPStatusError)" in log
        assert key not in log
        assert "Frandolique" not in log
    finally:
        chat.close()


def test_a_filtered_summary_sends_and_falls_back_to_the_filtered_memories_only(fresh_server):
    """With the llm summarizer, the model is sent only the memories the filters let through;
    and when a memory the model's summary used is deleted while the model answers, the
    extractive summary kept instead reads the same filtered memories, not the whole session."""
    own: Dict[str, Any] = {}

    class DeletingChat(ChatServer):
        @property  # read by the chat endpoint as it answers: the delete races the summary
        def reply(self) -> Any:
            if "deleted" not in own:
                own["deleted"] = own["http"].delete(f"/v1/memory/{own['doomed']}").status_code
            return (200, "Alice picked Verbena and booked Orlin.")

        @reply.setter
        def reply(self, value: Any) -> None:
            pass

    chat = DeletingChat()
    fresh_server.env_overrides.update(
        {"MNEMEXA_EMBEDDER": "hashing", "MNEMEXA_SUMMARIZER": "llm", "MNEMEXA_LLM_URL": chat.url}
    )
    try:
        fresh_server.start()
        with spec_client(fresh_server, fresh_server.new_key("race")) as http:
            own["http"] = http
            own["doomed"] = store_memory(
                http, "Alice picked the Verbena venue.", session_id="race", user_id="alice"
            )
            kept = store_memory(
                http, "Alice booked the Orlin caterer.", session_id="race", user_id="alice"
            )
            store_memory(http, "Bob prefers the Tamsin venue.", session_id="race", user_id="bob")
            summary = http.post("/v1/sessions/race/summarize", json={"user_id": "alice"}).json()
            assert own["deleted"] == 204
            sent = chat.requests[-1]["messages"][-1]["content"]
            assert "Verbena" in sent
            assert "Orlin" in sent
            assert "Tamsin" not in sent
            assert summary == {
                "session_id": "race",
                "summary": "Alice booked the Orlin caterer.",
                "memory_ids": [kept],
            }
            assert http.get("/v1/sessions/race").json()["summary"] == summary["summary"]
    finally:
        chat.close()


def test_a_delete_comes_after_the_writes_queued_before_it(http):
    """Writes queued for a session before its delete are applied first: none of them starts
    it again once the delete has answered."""
    body = {"session_id": "busy", "dedup_mode": "off"}

    def queue(n: int) -> int:
        text = f"Orvik note {n}."
        return http.post("/v1/memory/store_async", json={**body, "text": text}).status_code

    with ThreadPoolExecutor(8) as pool:  # accepted faster than the worker applies them
        assert set(pool.map(queue, range(QUEUED))) == {202}
    assert http.delete("/v1/sessions/busy").status_code == 204
    assert _count_memories(http, session_id="busy") == QUEUED  # applied; the memories stay
    assert_error(http.get("/v1/sessions/busy"), 404, "not_found")


QUEUED = 100


def _count_memories(http: httpx.Client, **params: Any) -> int:
    count, params = 0, {**params, "limit": 100}
    while True:
        page = http.get("/v1/memory", params=params).json()
        count += len(page["data"])
        if not page["has_more"]:
            return count
        params["cursor"] = page["next_cursor"]
