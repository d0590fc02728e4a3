"""Agent and session ids are path segments: any id the spec allows reaches its own record
through the SDK (``?``, ``#``, dots, spaces, quotes, non-ASCII); ``/`` and ``%`` are refused."""

from __future__ import annotations

import mnemexa
import pytest

ODD_IDS = ("a?b=c", "#frag", "..", ".", "two words", "Zürich-東京", "a;b", "~x+y&z", "a'b\"c")


@pytest.mark.parametrize("odd", ODD_IDS)
def test_an_odd_id_addresses_its_own_session_and_agent(hashing_server, workspace_name, odd):
    client = hashing_server.client(workspace_name)
    assert client.sessions.get_or_create(odd, user_id="alice").session_id == odd
    client.memory.store("Prefers window seats.", session_id=odd, user_id="alice")
    assert client.sessions.get(odd).memory_count == 1
    assert client.sessions.end(odd).status == "ended"
    assert client.agents.create("odd", agent_id=odd).agent_id == odd
    assert client.agents.get(odd).agent_id == odd
    assert client.agents.stats(odd).registered is True
    client.sessions.delete(odd)
    with pytest.raises(mnemexa.NotFoundError):
        client.sessions.get(odd)
    assert client.agents.delete(odd).agent_id == odd


def test_a_slash_a_percent_or_a_control_character_is_not_an_id(hashing_server, workspace_name):
    client = hashing_server.client(workspace_name)
    for bad in ("a/b", "100%", "%F1%A8", "line\nbreak", "tab\there", "alice\n"):
        with pytest.raises(mnemexa.ValidationError):
            client.memory.store("Prefers window seats.", user_id=bad)
        with pytest.raises(mnemexa.ValidationError):
            client.sessions.create(session_id=bad)
    assert list(client.memory.list()) == []
