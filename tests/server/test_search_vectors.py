"""Search vectors: a memory about a named person is found by a question that names them,
while dedup keeps comparing the texts themselves."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import mnemexa_server.resources.memory  # noqa: F401 - first, as the server imports them
import pytest
from mnemexa_server.search.context import VERSION, search_text, speaker_name
from mnemexa_server.search.fts5 import Fts5Search, fts_query, query_words
from mnemexa_server.search.stopwords import content_words

from .conftest import ServerProcess

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("user_id", "name"),
    [
        ("Caroline", "Caroline"),
        ("alice", "alice"),
        ("bob_smith", "bob smith"),
        ("Mary-Jane O'Neil", None),  # an apostrophe is not a separator
        ("Jean Luc", "Jean Luc"),
        ("Zoë", "Zoë"),
        ("u_8f14e45f", None),
        ("user-42", None),
        ("alice@example.com", None),
        ("x", None),
        ("one two three four five", None),
        ("", None),
        (None, None),
    ],
)
def test_a_user_id_reads_as_a_name_only_when_it_is_made_of_words(user_id, name):
    assert speaker_name(user_id) == name


def test_the_search_text_puts_the_name_before_the_text():
    assert search_text("I finally booked it!", "Caroline") == "Caroline: I finally booked it!"
    assert search_text("I finally booked it!", "u_8f14e45f") is None


def test_stop_words_leave_the_lexical_query():
    words = query_words("What did Caroline say about the trip?")
    assert fts_query(words) == '"caroline" OR "say" OR "trip"'
    assert content_words(["who", "are", "you"]) == ["who", "are", "you"]  # nothing else left
    assert fts_query(query_words("?!")) is None


def test_a_lexical_query_keeps_its_rarest_words_within_the_match_budget(tmp_path):
    """Words are taken rarest first while their matches fit the budget (common words are
    what makes a query slow); the rarest always stays; a word in no memory is not searched."""
    from mnemexa_server.registry import open_database

    db = open_database(tmp_path)
    with db.transaction():
        for i in range(12):
            text = "team lunch" + (" budget" if i < 3 else "") + (" quarterly" if i < 8 else "")
            db.conn.execute("INSERT INTO memories_fts(rowid, text) VALUES (?, ?)", (i + 1, text))
    search = Fts5Search(db, match_budget=11)
    assert search.searched_words("team budget quarterly zebra") == ["budget", "quarterly"]
    assert search.searched_words("team lunch") == ["lunch"]  # 12 each: the first of the rarest
    assert search.searched_words("zebra") == []
    assert Fts5Search(db, match_budget=100).searched_words("team lunch") == ["lunch", "team"]


@pytest.fixture(scope="module")
def minilm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    proc = ServerProcess(
        tmp_path_factory.mktemp("search-vectors"), env_overrides={"MNEMEXA_EMBEDDER": "minilm"}
    )
    proc.start()
    yield proc
    proc.stop()


def _pairs(n: int) -> list[dict[str, str]]:
    lines = (DATA_DIR / "dedup_pairs.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[:n]]


def test_dedup_decides_the_same_with_and_without_a_speaker(minilm_server):
    """The stored vectors of alice's memories embed "alice: ...", and dedup still compares
    the texts' own vectors: every pair gets the same action as without a user_id."""
    pairs = _pairs(80)
    actions: dict[str, list[str]] = {}
    for label, user in (("plain", None), ("spoken", "alice")):
        client = minilm_server.client(f"dedup-{label}")
        assert (
            minilm_server.cli("workspaces", "pii-policy", f"dedup-{label}", "redact").returncode
            == 0
        )
        scope = {} if user is None else {"user_id": user}
        got = []
        for i, pair in enumerate(pairs):
            first = client.memory.store(pair["existing"], session_id=f"s{i}", **scope)
            second = client.memory.store(pair["new"], session_id=f"s{i}", **scope)
            assert second.dedup.existing_id in (None, first.memory_id)
            got.append(second.dedup.action)
        actions[label] = got
    assert actions["spoken"] == actions["plain"]
    assert len(set(actions["plain"])) >= 3  # the pairs exercise more than one action


def test_a_question_naming_the_speaker_finds_their_turn(minilm_server):
    client = minilm_server.client("speakers")
    said = {
        "Caroline": "I finally signed up for the pottery class downtown.",
        "Melanie": "I signed up for a swimming class at the community pool.",
    }
    ids = {who: client.memory.store(text, user_id=who).memory_id for who, text in said.items()}
    for who in said:
        hits = client.memory.retrieve(f"Which class did {who} sign up for?", top_k=2)
        assert hits.memories[0].memory_id == ids[who]


def test_a_new_text_keeps_its_speaker(minilm_server):
    """An update embeds the new text with the memory's user, as a store of it would."""
    updated = minilm_server.client("update-a")
    memory = updated.memory.store("Caroline moved to Lisbon.", user_id="Caroline")
    updated.memory.update(memory.memory_id, text="I moved to Porto last week.")
    fresh = minilm_server.client("update-b")
    stored = fresh.memory.store("I moved to Porto last week.", user_id="Caroline")
    vector = "SELECT embedding FROM memories WHERE id=?"
    assert (
        minilm_server.sql(vector, (memory.memory_id,))[0][0]
        == minilm_server.sql(vector, (stored.memory_id,))[0][0]
    )


def test_a_server_re_embeds_spoken_memories_when_search_vectors_change(fresh_server: ServerProcess):
    fresh_server.start()
    client = fresh_server.client("upgrade")
    client.memory.store("I adopted a cat.", user_id="Melanie")
    client.memory.store("The cat is called Oscar.", user_id="u_8f14e45f")
    client.memory.store("Cats sleep a lot.")
    fresh_server.stop()
    fresh_server.sql("UPDATE settings SET value='speaker-0' WHERE name='search_vectors'")
    fresh_server.start()
    log = fresh_server.log_when(lambda text: "re-embedded 1/1" in text)
    assert f"search vectors changed from speaker-0 to {VERSION}: re-embedding 1 memories" in log
    fresh_server.stop(signal.SIGTERM)
    fresh_server.start()  # now up to date: nothing to do
    assert fresh_server.log_path.read_text().count("re-embedding") == 1


def test_a_reply_is_found_through_the_turn_it_answers(minilm_server):
    client = minilm_server.client("context")
    asked = client.memory.store(
        "Are you still going to the pottery class?", user_id="Caroline", session_id="s1"
    )
    reply = client.memory.store("Yes, on the 24th of May.", user_id="Melanie", session_id="s1")
    client.memory.store("How was the trip to the coast?", user_id="Caroline", session_id="s2")
    other = client.memory.store("Yes, on the 3rd of June.", user_id="Melanie", session_id="s2")

    def scores() -> dict[int, float]:
        hits = client.memory.retrieve("When is the pottery class?", top_k=10).memories
        return {m.memory_id: m.score for m in hits}

    before = scores()
    assert before[reply.memory_id] > before[other.memory_id]
    # Without the question it answers, the reply is just a date: its context was the reason.
    client.memory.delete(asked.memory_id)
    after = scores()
    assert after[reply.memory_id] < before[reply.memory_id] - 0.05
    assert after[other.memory_id] == before[other.memory_id]


def test_context_comes_only_from_what_the_filter_lets_through(minilm_server):
    """A retrieve filtered to Melanie is ranked from Melanie's memories alone: deleting
    Caroline's turn between hers changes none of her scores."""
    client = minilm_server.client("context-filter")
    turns = [
        ("Melanie", "I bought a new kiln for the studio."),
        ("Caroline", "The pottery class starts on the 24th of May."),
        ("Melanie", "Great, I will bring my own clay."),
    ]
    ids = [client.memory.store(text, user_id=who, session_id="s1").memory_id for who, text in turns]
    caroline = ids[1]

    def melanie() -> dict[int, float]:
        hits = client.memory.retrieve("pottery class", user_id="Melanie", top_k=10).memories
        return {m.memory_id: m.score for m in hits}

    before = melanie()
    client.memory.delete(caroline)
    assert melanie() == before
    assert len(before) == 2


def test_a_wide_rewording_whose_words_all_match_is_a_duplicate(minilm_server):
    """Two texts the embedder puts far apart (cosine about 0.59) whose content words all match
    one for one are one memory; the same rewording about someone else is another."""
    client = minilm_server.client("dedup-matched")
    first = client.memory.store("I'm really afraid of heights.")
    again = client.memory.store("Being up high really scares me.")
    assert (again.dedup.action, again.dedup.existing_id) == ("duplicate", first.memory_id)
    other = client.memory.store("Being up high really scares my son.")
    assert other.dedup.action == "stored_new"
    assert len(list(client.memory.list())) == 2


def test_the_pair_model_takes_a_second_look_unless_it_is_off(minilm_server, tmp_path):
    """A rewording the rules keep apart is one memory with the pair model (the default) and
    two with ``MNEMEXA_DEDUP_MODEL=off``; a changed value stays an update either way."""
    old = "The user doesn't drive after dark."
    reworded = "Once it gets dark, the user won't get behind the wheel."
    client = minilm_server.client("pair-model-on")
    first = client.memory.store(old)
    again = client.memory.store(reworded)
    assert (again.dedup.action, again.dedup.existing_id) == ("duplicate", first.memory_id)
    changed = client.memory.store("The user doesn't drive after 10 pm.")
    assert changed.dedup.action != "duplicate"

    off = ServerProcess(
        tmp_path, env_overrides={"MNEMEXA_EMBEDDER": "minilm", "MNEMEXA_DEDUP_MODEL": "off"}
    )
    off.start()
    try:
        plain = off.client("pair-model-off")
        plain.memory.store(old)
        assert plain.memory.store(reworded).dedup.action == "stored_new"
    finally:
        off.stop()
