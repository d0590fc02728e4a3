"""The error tree: the seed's names, a status-error base with ``.response``, a class for every
status the API documents, client-side mistakes refused before sending, and public names."""

from __future__ import annotations

import enum
import json
import logging
import math
import traceback
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, List

import httpx
import mnemexa
import pytest

from tests.loopback import refused_port

from .conftest import API_KEY, STATUS_OK, STORE_OK, Recorder, reply

ERR = {"code": "x", "message": "injected", "request_id": "req_body"}

TREE = [
    (mnemexa.APIStatusError, mnemexa.MnemexaError),
    (mnemexa.BadRequestError, mnemexa.APIStatusError),
    (mnemexa.AuthenticationError, mnemexa.APIStatusError),
    (mnemexa.PermissionError, mnemexa.APIStatusError),
    (mnemexa.NotFoundError, mnemexa.APIStatusError),
    (mnemexa.ConflictError, mnemexa.APIStatusError),
    (mnemexa.PayloadTooLargeError, mnemexa.APIStatusError),
    (mnemexa.ValidationError, mnemexa.APIStatusError),
    (mnemexa.RateLimitError, mnemexa.APIStatusError),
    (mnemexa.InternalServerError, mnemexa.APIStatusError),
    (mnemexa.ServiceUnavailableError, mnemexa.InternalServerError),
    (mnemexa.APIResponseValidationError, mnemexa.MnemexaError),
    (mnemexa.APIConnectionError, mnemexa.MnemexaError),
    (mnemexa.APITimeoutError, mnemexa.APIConnectionError),
    (mnemexa.InvalidArgumentError, mnemexa.MnemexaError),
    (mnemexa.ToolArgumentError, mnemexa.InvalidArgumentError),
]


@pytest.mark.parametrize(("cls", "parent"), TREE, ids=[cls.__name__ for cls, _ in TREE])
def test_the_tree(cls, parent):
    assert cls.__bases__[0] is parent


def test_client_side_and_server_side_validation_are_different_classes():
    assert not issubclass(mnemexa.InvalidArgumentError, mnemexa.ValidationError)
    assert not issubclass(mnemexa.InvalidArgumentError, mnemexa.APIStatusError)
    assert issubclass(mnemexa.InvalidArgumentError, ValueError)  # as a bad base_url was


def _exported_errors() -> List[type]:
    return [
        obj
        for obj in (getattr(mnemexa, name) for name in mnemexa.__all__)
        if isinstance(obj, type) and issubclass(obj, BaseException)
    ]


def test_every_error_is_exported_and_named_from_the_package():
    from mnemexa import _exceptions

    assert {cls for cls, _ in TREE} | {mnemexa.MnemexaError} == set(_exported_errors())
    assert set(_exceptions.__all__) == {cls.__name__ for cls in _exported_errors()}
    for cls in _exported_errors():
        assert cls.__module__ == "mnemexa", cls
        assert getattr(mnemexa, cls.__name__) is cls


def test_a_traceback_names_the_class_by_its_import_path(make_client):
    client = make_client(Recorder(reply(429, {**ERR, "code": "rate_limited"})))
    with pytest.raises(mnemexa.RateLimitError) as info:
        client.status()
    last = traceback.format_exception_only(type(info.value), info.value)[-1]
    assert last.startswith("mnemexa.RateLimitError: 429 rate_limited: injected")


# ---- statuses -----------------------------------------------------------------------------

STATUSES = [
    (400, mnemexa.BadRequestError),
    (401, mnemexa.AuthenticationError),
    (403, mnemexa.PermissionError),
    (404, mnemexa.NotFoundError),
    (409, mnemexa.ConflictError),
    (413, mnemexa.PayloadTooLargeError),
    (422, mnemexa.ValidationError),
    (429, mnemexa.RateLimitError),
    (500, mnemexa.InternalServerError),
    (501, mnemexa.InternalServerError),
    (502, mnemexa.ServiceUnavailableError),
    (503, mnemexa.ServiceUnavailableError),
    (504, mnemexa.ServiceUnavailableError),
    (505, mnemexa.InternalServerError),
    (599, mnemexa.InternalServerError),
    (302, mnemexa.APIStatusError),
    (405, mnemexa.APIStatusError),
    (418, mnemexa.APIStatusError),
    (999, mnemexa.APIStatusError),
]


@pytest.mark.parametrize(("status", "cls"), STATUSES)
def test_every_status_error_carries_the_response(make_client, status, cls):
    recorder = Recorder(reply(status, ERR, request_id="req_hdr"))
    with pytest.raises(mnemexa.APIStatusError) as info:
        make_client(recorder, max_retries=0).memory.store("x")
    err = info.value
    assert type(err) is cls
    assert isinstance(err.response, httpx.Response)
    assert err.response.status_code == err.status_code == status
    assert err.response.json() == err.body == ERR  # the body is read, and still readable
    assert err.response.request.url.path == "/v1/memory/store"
    assert err.request_id == "req_hdr"


def test_only_502_503_504_are_retried_among_server_errors(make_client):
    for status, attempts in [(500, 1), (501, 1), (502, 3), (503, 3), (504, 3), (505, 1)]:
        recorder = Recorder(reply(status, ERR))
        with pytest.raises(mnemexa.InternalServerError):
            make_client(recorder).status()
        assert len(recorder.requests) == attempts, status


def test_server_errors_carry_retry_after(make_client):
    recorder = Recorder(reply(500, ERR, headers={"Retry-After": "4"}))
    with pytest.raises(mnemexa.InternalServerError) as info:
        make_client(recorder).status()
    assert info.value.retry_after == 4.0


def test_a_missing_key_is_an_authentication_error_without_a_response():
    with pytest.raises(mnemexa.AuthenticationError) as info:
        mnemexa.Client()
    assert isinstance(info.value, mnemexa.APIStatusError)
    assert info.value.response is None
    assert info.value.status_code is None


def _seed_handler(call: Any) -> str:
    """The seed's own ``except`` clauses, in the seed's order."""
    try:
        call()
    except mnemexa.AuthenticationError:
        return "auth"
    except mnemexa.PermissionError:
        return "permission"
    except mnemexa.NotFoundError:
        return "not_found"
    except mnemexa.ValidationError:
        return "validation"
    except mnemexa.RateLimitError:
        return "rate_limit"
    except mnemexa.ServiceUnavailableError:
        return "unavailable"
    except mnemexa.MnemexaError:
        return "other"
    return "ok"


@pytest.mark.parametrize(
    ("status", "branch"),
    [
        (401, "auth"),
        (403, "permission"),
        (404, "not_found"),
        (422, "validation"),
        (429, "rate_limit"),
        (502, "unavailable"),
        (503, "unavailable"),
        (504, "unavailable"),
        (400, "other"),
        (409, "other"),
        (413, "other"),
        (500, "other"),
    ],
)
def test_the_seeds_except_clauses_still_pick_the_same_branch(make_client, status, branch):
    client = make_client(Recorder(reply(status, ERR)), max_retries=0)
    assert _seed_handler(lambda: client.memory.store("x")) == branch


def test_a_malformed_success_carries_its_response(make_client):
    client = make_client(Recorder(reply(200, {"status": "broken"})))
    with pytest.raises(mnemexa.APIResponseValidationError) as info:
        client.memory.store("x")
    assert info.value.response is not None
    assert info.value.response.status_code == 200


# ---- client-side mistakes: refused before anything is sent --------------------------------


class Opaque:
    """A value whose repr is a secret: no message may show it."""

    def __repr__(self) -> str:
        return API_KEY

    __str__ = __repr__


def _loop() -> Any:
    inner: Any = {"b": 1}
    inner["me"] = inner
    return {"a": [inner]}


UNSENDABLE = [
    ({"when": datetime(2026, 11, 1, tzinfo=timezone.utc)}, "meta['when']", "datetime.datetime"),
    ({"day": date(2026, 11, 1)}, "meta['day']", "datetime.date"),
    ({"tags": {"a", "b"}}, "meta['tags']", "set"),
    ({"tags": frozenset({"a"})}, "meta['tags']", "frozenset"),
    ({"raw": b"\x00"}, "meta['raw']", "bytes"),
    ({"price": Decimal("19.99")}, "meta['price']", "decimal.Decimal"),
    ({"a": {"b": [1, 2, {"c": Opaque()}]}}, "meta['a']['b'][2]['c']", "Opaque"),
    ({"score": math.nan}, "meta['score']", "not finite"),
    ({"score": -math.inf}, "meta['score']", "not finite"),
    ({"s": "\ud800"}, "meta['s']", "lone surrogate"),
    ({("a", 1): "tuple key"}, "meta", "key of type tuple"),
    ({"\udfff": 1}, "meta", "lone surrogate"),
    (_loop(), "meta['a'][0]['me']", "circular"),
]


@pytest.mark.parametrize(("meta", "where", "what"), UNSENDABLE)
def test_unsendable_meta_names_the_key_path_and_type(make_client, sleeps, meta, where, what):
    recorder = Recorder(reply(200, STORE_OK))
    with pytest.raises(mnemexa.InvalidArgumentError) as info:
        make_client(recorder).memory.store("x", meta=meta)
    message = str(info.value)
    assert message.startswith(where + " "), message
    assert what in message
    assert API_KEY not in message + repr(info.value)
    assert "19.99" not in message
    assert info.value.status_code is None
    assert recorder.requests == []  # nothing was sent
    assert sleeps.waits == []  # refused before the retry loop, not retried


async def test_unsendable_meta_async(make_async_client):
    recorder = Recorder(reply(200, STORE_OK))
    client = make_async_client(recorder)
    with pytest.raises(mnemexa.InvalidArgumentError, match=r"^meta\['when'\] has type datetime"):
        await client.memory.update(5, meta={"when": datetime(2026, 1, 1)})
    assert recorder.requests == []


def test_an_unsendable_batch_item_is_named_by_its_index(make_client):
    recorder = Recorder(reply(200, STORE_OK))
    items = ["fine", {"text": "fine", "meta": {"ok": [1, 2]}}, {"text": "x", "meta": {"k": {1}}}]
    with pytest.raises(mnemexa.InvalidArgumentError) as info:
        make_client(recorder).memory.store_batch(items)
    assert str(info.value).startswith("items[2]['meta']['k'] has type set")
    assert recorder.requests == []


def test_everything_json_can_encode_is_sent(make_client):
    recorder = Recorder(reply(200, STORE_OK))
    shared = [1, 2]
    meta = {
        "s": "naïve ✓",
        "n": 10**30,
        "f": 1.5,
        "b": True,
        "none": None,
        "list": [shared, shared],  # the same list twice is not a cycle
        "tuple": (1, "two"),
        1: "an int key",
        "nested": {"a": {"b": {"c": [{}]}}},
    }
    make_client(recorder).memory.store("x", meta=meta)
    sent = recorder.json_body()["meta"]
    assert sent["list"] == [[1, 2], [1, 2]]
    assert sent["tuple"] == [1, "two"]
    assert sent["1"] == "an int key"


def test_a_body_too_deep_for_json_is_refused_not_a_recursion_error(make_client):
    deep: List[Any] = []
    inner = deep
    for _ in range(5000):
        inner.append([])
        inner = inner[0]
    recorder = Recorder(reply(200, STORE_OK))
    with pytest.raises(
        mnemexa.InvalidArgumentError, match=r"^meta\['deep'\]\[0\]\[0\].*levels deep"
    ):
        make_client(recorder).memory.store("x", meta={"deep": deep})
    assert recorder.requests == []


class Level(enum.IntEnum):
    LOW = 1


class Name(str):
    pass


def _cyclic_list() -> Any:
    items: List[Any] = [1]
    items.append(items)
    return items


JSON_SAMPLES = [
    "plain",
    "naïve ✓",
    "\ud800",
    Name("a str subclass"),
    10**40,
    True,
    None,
    1.5,
    math.inf,
    Level.LOW,
    (1, 2),
    [1, [2, [3]]],
    {"a": 1},
    {1: "int key", None: "None key", 2.5: "float key", False: "bool key"},
    {math.nan: "nan key"},
    {(1,): "tuple key"},
    {"\udc00": "surrogate key"},
    _cyclic_list(),
    {1, 2},
    b"bytes",
    datetime(2026, 1, 1),
    Decimal("1.5"),
    object(),
]


@pytest.mark.parametrize("value", JSON_SAMPLES, ids=[type(v).__name__ for v in JSON_SAMPLES])
def test_the_check_refuses_exactly_what_httpx_cannot_encode(value):
    from mnemexa._exceptions import check_json

    body = {"meta": {"v": value}}
    try:
        json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8")  # as httpx does
    except (TypeError, ValueError, UnicodeEncodeError):
        with pytest.raises(mnemexa.InvalidArgumentError, match=r"^meta\['v'\]"):
            check_json(body)
    else:
        check_json(body)


def test_the_check_covers_every_body_field(make_client):
    recorder = Recorder(reply(200, STORE_OK))
    with pytest.raises(mnemexa.InvalidArgumentError, match=r"^text is a str with a lone surrogate"):
        make_client(recorder).memory.store("bad \udc80 text")
    assert recorder.requests == []


# ---- base_url -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://127.0.0.1:8765/v1", "http://127.0.0.1:8765"),
        ("http://127.0.0.1:8765/v1/", "http://127.0.0.1:8765"),
        ("https://gateway.example/mnemexa/v1", "https://gateway.example/mnemexa"),
        ("https://gateway.example/mnemexa", "https://gateway.example/mnemexa"),
        ("https://v1.example", "https://v1.example"),
    ],
)
def test_a_base_url_ending_in_v1_is_normalised(caplog, given, expected):
    recorder = Recorder(reply(200, STATUS_OK))
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    with caplog.at_level(logging.DEBUG, logger="mnemexa"):
        client = mnemexa.Client(api_key=API_KEY, base_url=given, http_client=http)
    assert client.base_url == expected
    client.status()
    assert str(recorder.requests[-1].url) == f"{expected}/v1/status"
    dropped = [r for r in caplog.records if "dropped the trailing /v1" in r.getMessage()]
    assert len(dropped) == (expected != given.rstrip("/"))


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://example.com", "not a 'ftp' URL"),
        ("api.mnemexa.com", "no scheme"),
        ("/relative", "no scheme"),
        ("http://", "no host"),
    ],
)
def test_a_bad_base_url_is_an_invalid_argument(url, why):
    with pytest.raises(mnemexa.InvalidArgumentError) as info:
        mnemexa.Client(api_key=API_KEY, base_url=url)
    assert str(info.value).startswith("base_url must be")
    assert why in str(info.value)
    assert "https://api.mnemexa.com" in str(info.value)  # an example of a good one


def test_a_bad_base_url_from_the_environment_names_the_variable_not_the_value(monkeypatch):
    monkeypatch.setenv("MNEMEXA_BASE_URL", API_KEY)  # a key pasted into the wrong variable
    with pytest.raises(mnemexa.InvalidArgumentError) as info:
        mnemexa.Client(api_key=API_KEY)
    assert str(info.value).startswith("MNEMEXA_BASE_URL must be")
    assert API_KEY not in str(info.value)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_a_base_url_of_the_wrong_type_is_an_invalid_argument():
    with pytest.raises(mnemexa.InvalidArgumentError, match=r"must be a str.*got bytes"):
        mnemexa.Client(api_key=API_KEY, base_url=b"http://127.0.0.1:1")  # type: ignore[arg-type]


# ---- network errors name the host and port -------------------------------------------------


def test_a_refused_connection_names_host_and_port(sleeps):
    from .conftest import _no_sleep

    port = refused_port()
    client = mnemexa.Client(api_key=API_KEY, base_url=f"http://127.0.0.1:{port}", max_retries=1)
    _no_sleep(client, sleeps)
    with client, pytest.raises(mnemexa.APIConnectionError) as info:
        client.status()
    assert f"127.0.0.1:{port}" in str(info.value)
    assert "GET /v1/status" in str(info.value)


@pytest.mark.parametrize(
    ("base_url", "where"),
    [
        ("https://api.mnemexa.com", "api.mnemexa.com:443"),
        ("http://memory.internal", "memory.internal:80"),
        ("http://[::1]:8080", "[::1]:8080"),
    ],
)
@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (httpx.ConnectError("refused"), mnemexa.APIConnectionError),
        (httpx.ReadTimeout("timed out"), mnemexa.APITimeoutError),
    ],
)
def test_network_errors_name_host_and_port(make_client, base_url, where, exc, cls):
    client = make_client(Recorder(exc), base_url=base_url, max_retries=0)
    with pytest.raises(cls) as info:
        client.status()
    assert type(info.value) is cls
    assert where in str(info.value)


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda c: c.memory.store("x", meta="not a mapping"), "meta must be a mapping, got str"),
        (lambda c: c.memory.store("x", dedup_mode="sometimes"), "dedup_mode must be one of"),
        (
            lambda c: c.memory.list(created_after="2026-01-01").fetch_page(),
            "cannot build the list_memories request",
        ),
    ],
    ids=["meta-not-a-mapping", "unknown-dedup-mode", "str-for-a-datetime"],
)
def test_arguments_of_the_wrong_kind_raise_invalid_argument_error_and_send_nothing(
    make_client, call, says
):
    recorder = Recorder(reply(200, {}))
    with pytest.raises(mnemexa.InvalidArgumentError, match=says):
        call(make_client(recorder))
    assert recorder.requests == []
