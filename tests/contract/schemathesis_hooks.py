"""schemathesis hooks: seven rules of the API that a schema cannot express.

``schemathesis.toml`` at the repository root loads them for any ``schemathesis run`` started
there, ``fuzz.py``'s included.

1. An ``Idempotency-Key`` names one logical request: the same key with another body is
   rightly refused with 422 ``idempotency_key_reused``. Generated keys repeat (``"0"``), so
   every schema-valid key gets a unique suffix. Invalid keys (empty, too long) are left as
   they are, so the server's rejection of them is still tested. schemathesis still re-sends
   a few cases with a changed body and the same key; that refusal is not counted as "a
   schema-valid request rejected".
2. A ``cursor`` is opaque: only cursors the server issued are valid, and any other string is
   rightly refused with 422 naming the ``cursor`` parameter. That refusal is not counted
   either.
3. ``meta`` limits that JSON Schema cannot state (nesting depth, serialised size, nested key
   length) are in the spec as ``x-max-*`` keywords, which schemathesis does not know. A 422
   whose every failing rule is one of them is not counted either.
4. The PII policy: generated text or ``meta`` can hold what looks like a card number or
   an SSN (meta integers of nine digits or more are screened), rightly refused with 422
   ``pii_rejected`` under the default ``reject`` policy. Not counted either.

5. Strings may not hold the NUL character (U+0000), which PostgreSQL's text cannot store:
   a 422 with the ``no-nul`` rule. Not counted either.
6. An agent's statistics answer for any ``agent_id``, registered or not, all zero for an id
   with no data (the spec says so), so after ``DELETE /v1/agents/{agent_id}`` they answer 200
   with ``registered: false`` and nothing counted. schemathesis reads that as a deleted
   resource still available; a response that still counts a memory, a session or a write
   is kept as the failure it is.
7. A date-time must name an instant between years 1 and 9999 in UTC (the spec says so):
   ``0001-01-01T00:00:00+03:00`` is in year 0 in UTC, a 422 with the ``instant-range`` rule.
   Not counted either.
Every other check still applies to these responses (status, schema, headers).
"""

from __future__ import annotations

import atexit
import collections
import itertools
import json
import sys
from typing import Any

import schemathesis

KEY_HEADER = "Idempotency-Key"
KEY_MAX_LENGTH = 255
OWN_KEYWORDS = {"x-max-depth", "x-max-json-bytes", "x-max-key-length"}  # see mnemexa_server.spec
_serial = itertools.count(1)
_refusals: collections.Counter[str] = collections.Counter()


def _unique_key(headers: Any) -> Any:
    key = (headers or {}).get(KEY_HEADER)
    if isinstance(key, str) and 1 <= len(key) <= KEY_MAX_LENGTH:
        suffix = f"~{next(_serial)}"
        headers[KEY_HEADER] = key[: KEY_MAX_LENGTH - len(suffix)] + suffix
    return headers


@schemathesis.hook
def map_headers(context: Any, headers: Any) -> Any:
    """Generated headers (the fuzzing phase)."""
    return _unique_key(headers)


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    """Whole cases (the coverage and examples phases)."""
    _unique_key(case.headers)
    return case


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keep every failure except the documented refusals of a schema-valid request and the
    documented statistics of an agent id with no data."""
    if failure.code == "ST301" and _stats_of_nothing(case, response):
        _refusals["the statistics of a deleted agent, all zero"] += 1
        return False
    body = _json_body(response)
    if failure.code != "ST202" or response.status_code != 422 or body is None:
        return True
    code = body.get("code")
    parameter = (body.get("details") or {}).get("parameter")
    if code in ("idempotency_key_reused", "pii_rejected"):
        _refusals[code] += 1
        return False
    rule = (body.get("details") or {}).get("rule")
    if code == "invalid_request" and rule == "no-nul":
        _refusals["a NUL character in a string"] += 1
        return False
    if code == "invalid_request" and rule == "instant-range":
        _refusals["an instant outside years 1 to 9999 in UTC"] += 1
        return False
    if code == "invalid_request" and parameter == "cursor":
        _refusals["cursor not issued by the server"] += 1
        return False
    rules = {e.get("rule") for e in (body.get("details") or {}).get("errors") or [{}]}
    if code == "invalid_request" and rules <= OWN_KEYWORDS:
        _refusals["a limit stated by an x-max-* keyword"] += 1
        return False
    return True


def _stats_of_nothing(case: Any, response: Any) -> bool:
    """Whether ``response`` is the statistics of an unregistered agent id with no data."""
    body = _json_body(response)
    if case.path != "/v1/agents/{agent_id}/stats" or response.status_code != 200 or body is None:
        return False
    return (
        body.get("registered") is False
        and body.get("memory_count") == 0
        and body.get("session_count") == 0
        and not body.get("by_category")
        and body.get("last_write_at") is None
    )


def _json_body(response: Any) -> dict[str, Any] | None:
    """The response's JSON object, or None."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


@atexit.register
def _report() -> None:
    for reason, count in sorted(_refusals.items()):
        print(f"documented refusal not counted as a failure: {reason}: {count}", file=sys.stderr)
