"""``Client`` and ``AsyncClient`` expose the same resources, methods and signatures."""

from __future__ import annotations

import inspect

import mnemexa


def _public(obj: object) -> dict:
    return {n: getattr(obj, n) for n in dir(obj) if not n.startswith("_")}


def _normalise(sig: inspect.Signature) -> str:
    return str(sig).replace("AsyncPager", "Pager").replace("SyncPager", "Pager")


def test_same_constructor():
    assert inspect.signature(mnemexa.Client) == inspect.signature(mnemexa.AsyncClient)


def test_same_resources_methods_and_signatures():
    sync, aio = mnemexa.Client(api_key="k"), mnemexa.AsyncClient(api_key="k")
    sync_names, async_names = set(_public(sync)), set(_public(aio))
    assert sync_names == async_names
    assert {"memory", "optimize", "status", "close", "with_options"} <= sync_names

    pairs = [(sync, aio), (sync.memory, aio.memory), (sync.optimize, aio.optimize)]
    checked = 0
    for s_obj, a_obj in pairs:
        s_members, a_members = _public(s_obj), _public(a_obj)
        assert set(s_members) == set(a_members), type(s_obj).__name__
        for name, s_member in s_members.items():
            a_member = a_members[name]
            if not callable(s_member):
                continue
            assert _normalise(inspect.signature(s_member)) == _normalise(
                inspect.signature(a_member)
            ), name
            assert (
                inspect.iscoroutinefunction(a_member)
                or name in {"list"}
                or not (inspect.iscoroutinefunction(s_member))
            )
            checked += 1
    assert checked >= 10
    expected_memory = {"store", "store_batch", "retrieve", "list", "get", "update", "delete"}
    assert expected_memory <= set(_public(sync.memory))


async def test_async_methods_are_awaitable_and_sync_ones_are_not():
    sync, aio = mnemexa.Client(api_key="k"), mnemexa.AsyncClient(api_key="k")
    for name in ("store", "retrieve", "get", "update", "delete", "store_batch"):
        assert not inspect.iscoroutinefunction(getattr(sync.memory, name))
    coro = aio.memory.get(1)
    assert inspect.isawaitable(coro)
    coro.close()
    await aio.close()
    sync.close()


def test_methods_have_docstrings():
    client = mnemexa.Client(api_key="k")
    for resource in (client, client.memory, client.optimize):
        for name, member in _public(resource).items():
            if callable(member):
                assert (member.__doc__ or "").strip(), name
