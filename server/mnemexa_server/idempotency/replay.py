"""What a recorded response is, how a request is fingerprinted, and how content is scrubbed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

TTL_SECONDS = 24 * 3600
# What a memory's content is, wherever a response holds it (``temporal.raw_text`` too): its
# scope values are content as well (a user id can be an email address).
_SCRUBBED: dict[str, Any] = {
    "text": "",
    "meta": {},
    "history": [],
    **dict.fromkeys(("agent_id", "user_id", "session_id", "role_id", "team_id")),
}


@dataclass(frozen=True)
class Recorded:
    status: int
    body: Any


def fingerprint(method: str, path: str, body: bytes) -> str:
    """The request's identity: method, path and canonical JSON body."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, UnicodeDecodeError, RecursionError):
        canonical = body
    return hashlib.sha256(
        method.upper().encode() + b" " + path.encode() + b"\n" + canonical
    ).hexdigest()


def memory_ids(body: Any) -> Iterator[int]:
    """Every memory id a response body mentions (``memory_id`` and ``existing_id``)."""
    if isinstance(body, dict):
        for name in ("memory_id", "existing_id"):
            value = body.get(name)
            if isinstance(value, int) and not isinstance(value, bool):
                yield value
        for value in body.values():
            yield from memory_ids(value)
    elif isinstance(body, list):
        for value in body:
            yield from memory_ids(value)


def scrub(body: Any, gone: Collection[int]) -> Any:
    """``body`` with the content of every memory in ``gone`` removed; ids and shape stay."""
    if isinstance(body, list):
        return [scrub(value, gone) for value in body]
    if not isinstance(body, dict):
        return body
    out = {name: scrub(value, gone) for name, value in body.items()}
    if out.get("memory_id") in gone:
        out.update({name: empty for name, empty in _SCRUBBED.items() if name in out})
        temporal = out.get("temporal")
        if isinstance(temporal, dict) and "raw_text" in temporal:
            out["temporal"] = {**temporal, "raw_text": None}
    return out
