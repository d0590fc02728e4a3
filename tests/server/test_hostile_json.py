"""Hypothesis sends hostile requests to a live server: never a 5xx, every error Error-shaped.

Each case picks an operation of ``openapi.yaml`` (from ``mnemexa_server.spec.operations()``),
fills its parameters and body from the spec's own schemas, and then spoils some of it: NaN
and Infinity tokens in the raw JSON text, lone surrogates, deep nesting, huge integers, odd
or out-of-range dates, wrong types, huge strings, duplicate keys, empty bodies, invalid UTF-8,
forged cursors, doubled or missing credentials. Afterwards every list page, get and retrieve
of the workspace must still answer 200.

``make test`` runs ``MNEMEXA_HOSTILE_EXAMPLES`` cases (2,000 by default) with a fixed
derandomised seed; ``make fuzz`` runs 20,000 or more, and ``MNEMEXA_HOSTILE_SEED`` picks a
random seed of its own.
"""

from __future__ import annotations

import base64
import collections
import json
import os
import string
import time
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any, Counter, Dict, Iterator, List, Optional, Tuple
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from mnemexa_server.spec import Operation, Parameter, load_spec, operations

from tests.server.conftest import ServerProcess
from tests.server.test_hostile_inputs import ERROR_FIELDS, assert_workspace_readable

EXAMPLES = int(os.environ.get("MNEMEXA_HOSTILE_EXAMPLES", "2000"))
SEED = os.environ.get("MNEMEXA_HOSTILE_SEED")  # unset: derandomised, the same cases every run


# --- raw JSON text ------------------------------------------------------------------------


class Raw(str):
    """A token written into the JSON text as it is (``NaN``, ``1e400``, ``[[[[``)."""


class Obj(list):  # type: ignore[type-arg]
    """A JSON object as (key, value) pairs, so that a key can appear twice."""


@dataclass(frozen=True)
class Deep:
    """``leaf`` inside ``depth`` arrays (or objects), written without recursion."""

    depth: int
    leaf: Any
    as_list: bool

    def __repr__(self) -> str:
        return f"Deep({self.depth}, {'list' if self.as_list else 'object'})"


def dump(value: Any, ascii_only: bool) -> str:
    """JSON text of ``value``; lone surrogates come out as ``\\udXXX`` escapes if
    ``ascii_only``, else as themselves (and encode to invalid UTF-8)."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Deep):
        start, end = ("[", "]") if value.as_list else ('{"k":', "}")
        return start * value.depth + dump(value.leaf, ascii_only) + end * value.depth
    if isinstance(value, Obj):
        return (
            "{" + ",".join(f"{dump(k, ascii_only)}:{dump(v, ascii_only)}" for k, v in value) + "}"
        )
    if isinstance(value, list):
        return "[" + ",".join(dump(v, ascii_only) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)  # float nan/inf come out as NaN tokens


def encode(value: Any, ascii_only: bool) -> bytes:
    return dump(value, ascii_only).encode("utf-8", "surrogatepass")


# --- hostile values -------------------------------------------------------------------------

SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)
ANY_CHAR = st.one_of(st.characters(), st.characters(max_codepoint=0x7F), SURROGATE)
WHITESPACE = (
    " \t\n\r\x0b\x0c\x1c\x1f\x85\ufeff\u00a0\u1680\u2000\u2003\u2028\u2029\u202f\u205f\u3000"
)
NUMBER_TOKENS = [
    "NaN", "Infinity", "-Infinity", "nan", "inf", "1e400", "-1e400", "1e-400", "-0", "-0.0",
    "1E+2", "01", "+1", "1.", ".5", "0x10", "1_000", str(2**63), str(2**63 - 1), str(-(2**63)),
    str(-(2**63) - 1), str(2**64), "9" * 25, "9" * 5000, "-" + "9" * 4301, "1" + "0" * 400 + ".0",
    "123456789012345678901234567890.5", "true", "null",
]  # fmt: skip
HOSTILE_STRINGS = st.one_of(
    st.lists(ANY_CHAR, max_size=40).map("".join),
    st.text(alphabet=WHITESPACE, min_size=1, max_size=20),
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "\u202e\u200b\ufeff",
            "\U0001f600" * 50,
            "e\u0301" * 100,
            "\ud800",
            "\udfff\ud800",
            "%00",
            "' OR 1=1 --",
            '" OR "1"="1',
            "NEAR(a b)",
            "*",
            "a AND",
            '"',
        ]
    ),
    st.sampled_from([9_999, 10_000, 10_001, 100_000]).flatmap(
        lambda n: st.sampled_from(["a", "é", "\U0001f600", " ", "a "]).map(lambda c: c * n)
    ),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),  # NaN, Infinity and -0.0 included: dumped as NaN / Infinity tokens
    st.sampled_from(NUMBER_TOKENS).map(Raw),
    HOSTILE_STRINGS,
)
KEYS = st.one_of(
    st.lists(ANY_CHAR, max_size=12).map("".join),
    st.sampled_from(["", "k" * 128, "k" * 129, "a", "\ud800", "__proto__", "meta", "text"]),
)


def _objects(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    pairs = st.lists(st.tuples(KEYS, children), max_size=5).map(Obj)
    duplicated = pairs.filter(bool).map(lambda o: Obj([*o, o[0]]))  # a key twice
    return st.one_of(pairs, duplicated, st.lists(children, max_size=5))


TREES = st.one_of(
    st.recursive(SCALARS, _objects, max_leaves=25),
    st.builds(
        Deep,
        st.sampled_from([6, 7, 8, 9, 30, 31, 32, 33, 100, 960, 5_000]),
        SCALARS,
        st.booleans(),
    ),
    st.sampled_from([16_375, 16_376, 16_377, 40_000]).map(lambda n: Obj([("k", "x" * n)])),
    st.sampled_from([100_000, 20_000]).map(lambda n: Raw("[" * n)),
    st.sampled_from([1_000, 50]).map(lambda n: Raw("[" * n + "]" * n)),
)
HOSTILE_VALUES = st.one_of(SCALARS, TREES)


# --- values from the spec's schemas --------------------------------------------------------


def resolve(schema: Dict[str, Any]) -> Dict[str, Any]:
    spec = load_spec()
    while "$ref" in schema:
        target: Any = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def typed(schema: Dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values the schema allows (roughly: the server has the last word)."""
    schema = resolve(schema)
    kind = schema.get("type")
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if kind == "string":
        low, high = schema.get("minLength", 0), min(schema.get("maxLength", 60), 60)
        return st.text(min_size=low, max_size=high)
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        return st.floats(schema.get("minimum"), schema.get("maximum"))
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        high = min(schema.get("maxItems", 4), 4)
        return st.lists(value(schema["items"]), min_size=schema.get("minItems", 0), max_size=high)
    if kind == "object" and "properties" in schema:
        return body_object(schema)
    return TREES  # free-form (meta): anything at all


def value(schema: Dict[str, Any]) -> st.SearchStrategy[Any]:
    """Mostly what the schema allows, sometimes anything hostile."""
    shaped = typed(schema)
    return st.one_of(shaped, shaped, shaped, shaped, HOSTILE_VALUES)


@st.composite
def body_object(draw: st.DrawFn, schema: Dict[str, Any]) -> Obj:
    props: Dict[str, Any] = schema["properties"]
    required = set(schema.get("required", []))
    chosen = [name for name in props if name in required or draw(st.booleans())]
    if chosen and draw(st.integers(0, 9)) == 0:
        chosen.remove(draw(st.sampled_from(chosen)))  # a required field missing, sometimes
    pairs = Obj((name, draw(value(props[name]))) for name in chosen)
    extra = draw(st.integers(0, 14))
    if extra == 0:
        pairs.append((draw(KEYS), draw(HOSTILE_VALUES)))  # an unknown field
    elif extra == 1 and pairs:
        pairs.append((pairs[0][0], draw(value(props[pairs[0][0]]))))  # a field twice
    return pairs


def body_schema(op: Operation) -> Optional[Dict[str, Any]]:
    node = load_spec()["paths"][op.path][op.method].get("requestBody")
    return resolve(node["content"]["application/json"]["schema"]) if node else None


@st.composite
def body(draw: st.DrawFn, op: Operation) -> Optional[bytes]:
    schema = body_schema(op)
    if schema is None and draw(st.integers(0, 4)):
        return None  # no body, as the spec says, mostly
    shaped = typed(schema) if schema is not None else HOSTILE_VALUES
    tree = draw(st.one_of(shaped, shaped, shaped, HOSTILE_VALUES))
    raw = encode(tree, ascii_only=draw(st.booleans()))
    spoil = draw(st.sampled_from(["none"] * 14 + ["cut", "bytes", "utf16", "bom", "tiny", "bad"]))
    if spoil == "cut":
        return raw[: draw(st.integers(0, max(0, len(raw) - 1)))]  # truncated
    if spoil == "bytes":
        return draw(st.binary(max_size=200))  # random bytes
    if spoil == "utf16":
        return raw.decode("utf-8", "surrogatepass").encode("utf-16", "surrogatepass")
    if spoil == "bom":
        return b"\xef\xbb\xbf" + raw  # a UTF-8 byte order mark
    if spoil == "tiny":
        return draw(st.sampled_from([b"", b" ", b"null", b"[]", b"{}", b"0", b'"x"', b"\x00"]))
    if spoil == "bad" and raw:
        cut = draw(st.integers(0, len(raw)))
        return raw[:cut] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + raw[cut:]
    return raw


# --- parameters -----------------------------------------------------------------------------

OFFSETS = st.integers(-1439, 1439).map(lambda m: timezone(timedelta(minutes=m)))
DATES = st.one_of(
    st.datetimes(timezones=st.one_of(st.none(), OFFSETS)).map(lambda d: d.isoformat()),
    st.sampled_from(
        [
            "0001-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59-01:00",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z",
            "0999-06-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "10000-01-01T00:00:00Z",
            "2024-02-30T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00+24:00",
            "2024-01-01T00:00:00.9999999Z",
            "2024-W01-1",
            "20240101T000000Z",
            "2024-01-01",
            "Z",
            "now",
            "",
        ]
    ),
)


def _cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8", "surrogatepass")).decode().rstrip("=")


CURSORS = st.one_of(
    st.integers(-(2**70), 2**70).map(lambda n: _cursor(f"m:{n}")),
    st.sampled_from(["m:" + "9" * 19, "m:" + "9" * 5000, "m:\u0663", "m:\u00b2", "m:", "x:1"]).map(
        _cursor
    ),
    st.text(max_size=30),
)
PARAM_NOISE = st.one_of(
    st.sampled_from(
        ["", "NaN", "inf", "-1", "0", "1.5", "9" * 25, "9" * 5000, " 5 ", "1_0", "\u0663"]
    ),
    st.text(max_size=30),
)


def param_value(p: Parameter, ids: List[int]) -> st.SearchStrategy[str]:
    schema = p.schema
    if p.name == "cursor":
        options = CURSORS
    elif schema.get("format") == "date-time":
        options = DATES
    elif p.location == "path":
        options = st.one_of(
            st.sampled_from(ids).map(str),
            st.integers(0, 2**64).map(str),
            st.text(string.digits, min_size=1, max_size=5000),
        )
    else:
        options = typed(schema).map(lambda v: str(v).lower() if isinstance(v, bool) else str(v))
    return st.one_of(options, options, PARAM_NOISE)


@dataclass
class Case:
    operation: str
    method: str
    path: str
    params: List[Tuple[str, str]] = field(default_factory=list)
    headers: List[Tuple[bytes, bytes]] = field(default_factory=list)
    content: Optional[bytes] = None


def header_safe(raw: bytes) -> bytes:
    """What HTTP/1.1 lets a header value hold (h11 refuses the rest before sending)."""
    return bytes(c for c in raw if c >= 0x20 and c != 0x7F).strip()


HEADER_BYTES = st.binary(max_size=300).map(header_safe)


@st.composite
def cases(draw: st.DrawFn, key: str, ids: List[int]) -> Case:
    op: Operation = draw(st.sampled_from(operations()))
    path = op.path
    params: List[Tuple[str, str]] = []
    headers: List[Tuple[bytes, bytes]] = []
    for p in op.parameters:
        if p.location == "path":
            raw = draw(param_value(p, ids))
            path = path.replace("{" + p.name + "}", quote(raw, safe=""))
        elif draw(st.booleans()):
            value_ = draw(param_value(p, ids))
            if p.location == "query":
                params.append((p.name, value_))
            else:
                encoded = header_safe(value_.encode("utf-8", "surrogatepass"))
                headers.append((p.name.encode(), draw(st.one_of(st.just(encoded), HEADER_BYTES))))
    auth = draw(st.sampled_from(["key"] * 17 + ["none", "twice", "junk"]))
    bearer = f"Bearer {key}".encode()
    if auth == "key":
        headers.append((b"Authorization", bearer))
    elif auth == "twice":
        headers += [(b"Authorization", bearer), (b"Authorization", draw(HEADER_BYTES))]
    elif auth == "junk":
        headers.append((b"Authorization", draw(HEADER_BYTES)))
    content = draw(body(op))
    if content is not None:
        kind = draw(st.sampled_from([b"application/json", b"application/json", b"text/plain"]))
        headers.append((b"Content-Type", kind))
    return Case(op.operation_id, op.method.upper(), path, params, headers, content)


# --- the run --------------------------------------------------------------------------------


@dataclass
class Target:
    server: ServerProcess
    key: str
    http: httpx.Client
    ids: List[int]


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    data = Path(tmp_path_factory.mktemp("hostile-json"))
    server = ServerProcess(data, {"MNEMEXA_EMBEDDER": "hashing"})
    server.start()
    key = server.new_key("hostile-json")
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            auth = {"Authorization": f"Bearer {key}"}
            texts = ["Ana owns billing.", "Standup is at 9am.", "The VPN rotates keys monthly."]
            stored = http.post(
                "/v1/memory/store_batch",
                json={"items": [{"text": t, "meta": {"n": i}} for i, t in enumerate(texts)]},
                headers=auth,
            )
            assert stored.status_code == 200, stored.text
            ids = [r["result"]["memory_id"] for r in stored.json()["results"]]
            yield Target(server, key, http, ids)
    finally:
        server.stop()


def check(case: Case, response: httpx.Response) -> None:
    assert response.status_code < 500, (case, response.text[:1000])
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body, dict), (case, body)
        assert set(body) >= ERROR_FIELDS, (case, body)
        assert all(isinstance(body[f], str) for f in ERROR_FIELDS), (case, body)
        assert response.headers["x-request-id"] == body["request_id"], case
    elif response.status_code != 204:
        response.json()  # a 2xx body is JSON


def test_hostile_requests_never_get_a_5xx_and_the_workspace_stays_readable(target: Target):
    statuses: Counter[int] = collections.Counter()
    by_operation: Counter[str] = collections.Counter()
    started = time.monotonic()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=SEED is None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(case=cases(target.key, target.ids))
    def send(case: Case) -> None:
        response = target.http.request(
            case.method, case.path, params=case.params, headers=case.headers, content=case.content
        )
        statuses[response.status_code] += 1
        by_operation[case.operation] += 1
        check(case, response)

    if SEED is not None:
        send = seed(int(SEED))(send)
    send()
    elapsed = time.monotonic() - started
    tried = sum(statuses.values())
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    print(
        f"\nhostile JSON: {tried} cases in {elapsed:.1f} s, {server_errors} responses >= 500; "
        f"statuses {dict(sorted(statuses.items()))}; operations {dict(sorted(by_operation.items()))}"
    )
    assert server_errors == 0
    assert set(by_operation) == {op.operation_id for op in operations()}
    auth = {"Authorization": f"Bearer {target.key}"}
    with httpx.Client(base_url=target.server.url, headers=auth, timeout=60) as http:
        assert_workspace_readable(http)
