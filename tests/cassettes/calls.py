"""Write a test once for ``Client`` and ``AsyncClient``: await a call only if it is awaitable."""

from __future__ import annotations

import inspect
from typing import Any, List


async def call(result: Any) -> Any:
    """The value of an SDK call, whichever the client."""
    return await result if inspect.isawaitable(result) else result


async def collect(pager: Any) -> List[Any]:
    """Every item of a sync or async pager."""
    if hasattr(pager, "__aiter__"):
        return [item async for item in pager]
    return list(pager)


async def pages(pager: Any) -> List[Any]:
    """Every page of a sync or async pager."""
    found = pager.pages()
    if hasattr(found, "__aiter__"):
        return [page async for page in found]
    return list(found)
