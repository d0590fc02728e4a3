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
    """Every memory id a response body mentions (``memory_id``, ``existing_id`` and the
    ``memory_ids`` a summary was made from)."""
    if isinstance(body, dict):
        listed = body.get("memory_ids")
        named = [body.get("memory_id"), body.get("existing_id")]
        for value in [*named, *(listed if isinstance(listed, list) else ())]:
            if isinstance(value, int) and not isinstance(value, bool):
                yield value
        for value in body.values():
            yield from memory_ids(value)
    elif isinstance(body, list):
        for value in body:
            yield from memory_ids(value)


SUBJECT_FIELDS = ("agent_id", "session_id")
"""The ids of records (agents, sessions) whose content a recorded response may hold."""
# What such a record's content is: everything but its own id.
_SUBJECT_SCRUBBED: dict[str, Any] = {
    "text": "",
    "name": "",
    "description": None,
    "summary": "",
    "meta": {},
    "history": [],
}


def subjects(body: Any) -> Iterator[tuple[str, str]]:
    """Every (field, value) of ``SUBJECT_FIELDS`` that a response body mentions."""
    if isinstance(body, dict):
        for name in SUBJECT_FIELDS:
            value = body.get(name)
            if isinstance(value, str):
                yield name, value
        for value in body.values():
            yield from subjects(value)
    elif isinstance(body, list):
        for value in body:
            yield from subjects(value)


def scrub_subject(body: Any, field: str, value: str) -> Any:
    """``body`` with the content of every object whose ``field`` is ``value`` removed (its
    other scope values too); the object's own id and the shape stay."""
    if isinstance(body, list):
        return [scrub_subject(item, field, value) for item in body]
    if not isinstance(body, dict):
        return body
    out = {name: scrub_subject(item, field, value) for name, item in body.items()}
    if out.get(field) == value and "memory_id" not in out:  # a memory is not the record
        out.update({name: empty for name, empty in _SUBJECT_SCRUBBED.items() if name in out})
        out.update({name: None for name in _SCRUBBED if name in out and name.endswith("_id")})
        out[field] = value
    return out


def scrub(body: Any, gone: Collection[int]) -> Any:
    """``body`` with the content of every memory in ``gone`` removed; ids and shape stay."""
    if isinstance(body, list):
        return [scrub(value, gone) for value in body]
    if not isinstance(body, dict):
        return body
    out = {name: scrub(value, gone) for name, value in body.items()}
    listed = out.get("memory_ids")
    if isinstance(out.get("summary"), str) and isinstance(listed, list) and set(listed) & set(gone):
        out["summary"] = ""  # a summary made from a deleted memory
    if out.get("memory_id") in gone:
        out.update({name: empty for name, empty in _SCRUBBED.items() if name in out})
        temporal = out.get("temporal")
        if isinstance(temporal, dict) and "raw_text" in temporal:
            out["temporal"] = {**temporal, "raw_text": None}
    return out
