"""An Anthropic agent with Mnemexa memory: tool use through ``describe()`` and ``run_tool()``.

With ANTHROPIC_API_KEY set (and `pip install anthropic`), Claude is asked (ANTHROPIC_MODEL,
default claude-sonnet-4-5). Without it, or with --canned, the model's answers are replayed
from examples/data/anthropic_canned.json, so that it runs offline against a local server:

    MNEMEXA_API_KEY=... MNEMEXA_BASE_URL=http://127.0.0.1:8080 python examples/agent_anthropic_tools.py
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import mnemexa

USER_ID = "alice"  # fixed by the application: the model can neither see nor change it
CANNED = Path(__file__).resolve().parent / "data" / "anthropic_canned.json"
PROMPT = "Remember that I prefer async standups on Tuesdays at 9am IST. When are my standups?"

Model = Callable[[str, List[Dict[str, Any]], List[Dict[str, Any]]], Dict[str, Any]]


def anthropic_model() -> Model:
    """The Messages API; each reply as the API's JSON (a dict)."""
    from anthropic import Anthropic  # imported only when a key is set

    client, model = Anthropic(), os.environ.get("ANTHROPIC_MODEL", "claude-sonnet-4-5")

    def ask(
        system: str, messages: List[Dict[str, Any]], tools: List[Dict[str, Any]]
    ) -> Dict[str, Any]:
        reply = client.messages.create(
            model=model, max_tokens=1024, system=system, messages=messages, tools=tools
        )
        return reply.model_dump(exclude_none=True)

    return ask


def canned_model() -> Model:
    """The recorded replies, in order: messages as the API returned them."""
    replies: Iterator[Dict[str, Any]] = iter(json.loads(CANNED.read_text(encoding="utf-8")))

    def ask(
        system: str, messages: List[Dict[str, Any]], tools: List[Dict[str, Any]]
    ) -> Dict[str, Any]:
        return next(replies)

    return ask


def _sent(block: Dict[str, Any]) -> Dict[str, Any]:
    """A reply's content block as the next request takes it back."""
    keys = ("type", "text") if block["type"] == "text" else ("type", "id", "name", "input")
    return {key: block[key] for key in keys if key in block}


def converse(memory: mnemexa.Client, ask: Model) -> str:
    """Run the conversation: the model calls memory tools until it answers; its answer."""
    tools = memory.describe(user_id=USER_ID)
    system = "You have a long-term memory.\n" + tools.as_text()
    messages: List[Dict[str, Any]] = [{"role": "user", "content": PROMPT}]
    for _turn in range(8):
        reply = ask(system, messages, tools.as_anthropic_tools())
        messages.append({"role": "assistant", "content": [_sent(b) for b in reply["content"]]})
        if reply["stop_reason"] != "tool_use":
            return " ".join(b["text"] for b in reply["content"] if b["type"] == "text")
        results = []
        for block in reply["content"]:
            if block["type"] != "tool_use":
                continue
            try:
                result = memory.run_tool(block["name"], block["input"], user_id=USER_ID)
                is_error = False
            except mnemexa.MnemexaError as exc:  # the model reads the error and adapts
                result, is_error = {"error": exc.message, "request_id": exc.request_id}, True
            print(
                f"tool {block['name']}({json.dumps(block['input'])}) -> {json.dumps(result)[:160]}"
            )
            results.append(
                {
                    "type": "tool_result",
                    "tool_use_id": block["id"],
                    "content": json.dumps(result),
                    "is_error": is_error,
                }
            )
        messages.append({"role": "user", "content": results})
    raise SystemExit("the model did not finish in 8 turns")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--canned", action="store_true", help="replay canned model replies")
    args = parser.parse_args()
    live = bool(os.environ.get("ANTHROPIC_API_KEY")) and not args.canned
    print(f"model: {'Anthropic' if live else 'canned replies from ' + CANNED.name}")
    with mnemexa.Client() as memory:
        print(f"assistant: {converse(memory, anthropic_model() if live else canned_model())}")


if __name__ == "__main__":
    main()
