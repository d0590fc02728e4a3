"""An OpenAI agent with Mnemexa memory: function calling through ``describe()`` and ``run_tool()``.

With OPENAI_API_KEY set (and `pip install openai`), the model is asked (OPENAI_MODEL, default
gpt-4o-mini). Without it, or with --canned, the model's answers are replayed from
examples/data/openai_chat_canned.json, so that it runs offline against a local server:

    MNEMEXA_API_KEY=... MNEMEXA_BASE_URL=http://127.0.0.1:8080 python examples/agent_openai_tools.py
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import mnemexa

USER_ID = "alice"  # fixed by the application: the model can neither see nor change it
CANNED = Path(__file__).resolve().parent / "data" / "openai_chat_canned.json"
PROMPT = (
    "I'm Alice. Please remember that I'm allergic to peanuts. Then: what do you know about my diet?"
)

Model = Callable[[List[Dict[str, Any]], List[Dict[str, Any]]], Dict[str, Any]]


def openai_model() -> Model:
    """Chat Completions with the real API; each reply as the API's JSON (a dict)."""
    from openai import OpenAI  # imported only when a key is set

    client, model = OpenAI(), os.environ.get("OPENAI_MODEL", "gpt-4o-mini")

    def ask(messages: List[Dict[str, Any]], tools: List[Dict[str, Any]]) -> Dict[str, Any]:
        completion = client.chat.completions.create(model=model, messages=messages, tools=tools)
        return completion.choices[0].message.model_dump(exclude_none=True)

    return ask


def canned_model() -> Model:
    """The recorded replies, in order: chat completions as the API returned them."""
    replies: Iterator[Dict[str, Any]] = iter(json.loads(CANNED.read_text(encoding="utf-8")))

    def ask(messages: List[Dict[str, Any]], tools: List[Dict[str, Any]]) -> Dict[str, Any]:
        message: Dict[str, Any] = next(replies)["choices"][0]["message"]
        return message

    return ask


def converse(memory: mnemexa.Client, ask: Model) -> str:
    """Run the conversation: the model calls memory tools until it answers; its answer."""
    tools = memory.describe(user_id=USER_ID)
    messages: List[Dict[str, Any]] = [
        {"role": "system", "content": "You have a long-term memory.\n" + tools.as_text()},
        {"role": "user", "content": PROMPT},
    ]
    for _turn in range(8):
        reply = ask(messages, tools.as_openai_tools(api="chat"))
        messages.append({k: reply[k] for k in ("role", "content", "tool_calls") if k in reply})
        calls = reply.get("tool_calls") or []
        if not calls:
            return str(reply.get("content"))
        for call in calls:
            name, arguments = call["function"]["name"], call["function"]["arguments"]
            try:
                result = memory.run_tool(name, arguments, user_id=USER_ID)
            except mnemexa.MnemexaError as exc:  # the model reads the error and adapts
                result = {"error": exc.message, "request_id": exc.request_id}
            print(f"tool {name}({arguments}) -> {json.dumps(result)[:160]}")
            messages.append(
                {"role": "tool", "tool_call_id": call["id"], "content": json.dumps(result)}
            )
    raise SystemExit("the model did not finish in 8 turns")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--canned", action="store_true", help="replay canned model replies")
    args = parser.parse_args()
    live = bool(os.environ.get("OPENAI_API_KEY")) and not args.canned
    print(f"model: {'OpenAI' if live else 'canned replies from ' + CANNED.name}")
    with mnemexa.Client() as memory:
        print(f"assistant: {converse(memory, openai_model() if live else canned_model())}")


if __name__ == "__main__":
    main()
