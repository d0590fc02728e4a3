"""``client.memory.list()`` walks every page; ``fetch_page()`` gets one."""

from __future__ import annotations

import datetime

import httpx
import mnemexa
import pytest

from .conftest import Recorder, memory, reply


def _pages(total: int, size: int):
    """A handler serving ``total`` memories ``size`` at a time, keyed by cursor."""

    def handler(request: httpx.Request) -> httpx.Response:
        start = int(request.url.params.get("cursor", "0"))
        ids = list(range(start, min(start + size, total)))
        more = start + size < total
        return reply(
            200,
            {
                "data": [memory(i + 1) for i in ids],
                "has_more": more,
                "next_cursor": str(start + size) if more else None,
            },
        )

    return handler


def test_list_iterates_every_page_lazily(make_client):
    recorder = Recorder(_pages(total=7, size=3))
    pager = make_client(recorder).memory.list(limit=3)
    assert recorder.requests == []  # nothing is sent until iteration
    ids = [m.memory_id for m in pager]
    assert ids == [1, 2, 3, 4, 5, 6, 7]
    assert [r.url.params.get("cursor") for r in recorder.requests] == [None, "3", "6"]
    assert all(r.url.params["limit"] == "3" for r in recorder.requests)


def test_fetch_page_gets_one_page_and_its_cursor(make_client):
    recorder = Recorder(_pages(total=7, size=3))
    client = make_client(recorder)
    page = client.memory.list(limit=3).fetch_page()
    assert [m.memory_id for m in page.data] == [1, 2, 3]
    assert page.has_more
    assert page.next_cursor == "3"
    page2 = client.memory.list(limit=3, cursor=page.next_cursor).fetch_page()
    assert [m.memory_id for m in page2.data] == [4, 5, 6]
    assert len(recorder.requests) == 2


def test_pages_stop_when_has_more_is_false_even_with_a_cursor(make_client):
    body = {"data": [memory(1)], "has_more": False, "next_cursor": "ignored"}
    recorder = Recorder(reply(200, body))
    assert len(list(make_client(recorder).memory.list().pages())) == 1
    assert len(recorder.requests) == 1


def test_filters_are_sent_as_query_parameters(make_client):
    recorder = Recorder(reply(200, {"data": [], "has_more": False, "next_cursor": None}))
    after = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
    list(
        make_client(recorder).memory.list(
            category="preferences",
            temporal_type="temporal",
            min_importance=6,
            created_after=after,
            include_expired=False,
        )
    )
    params = recorder.requests[0].url.params
    assert params["category"] == "preferences"
    assert params["temporal_type"] == "temporal"
    assert params["min_importance"] == "6"
    assert params["created_after"] == "2026-11-01T00:00:00+00:00"
    assert params["include_expired"] == "false"
    assert "created_before" not in params


async def test_async_list_iterates_every_page(make_async_client):
    recorder = Recorder(_pages(total=5, size=2))
    client = make_async_client(recorder)
    ids = [m.memory_id async for m in client.memory.list(limit=2)]
    assert ids == [1, 2, 3, 4, 5]
    page = await client.memory.list(limit=2).fetch_page()
    assert page.next_cursor == "2"
    pages = [p async for p in client.memory.list(limit=2).pages()]
    assert [len(p.data) for p in pages] == [2, 2, 1]


def test_a_cursor_handed_out_twice_stops_with_a_typed_error(make_client):
    def same_cursor_forever(request: httpx.Request) -> httpx.Response:
        return reply(200, {"data": [memory(1)], "has_more": True, "next_cursor": "c1"})

    recorder = Recorder(same_cursor_forever)
    with pytest.raises(mnemexa.APIResponseValidationError, match="already returned"):
        list(make_client(recorder).memory.list())
    assert [r.url.params.get("cursor") for r in recorder.requests] == [None, "c1"]
