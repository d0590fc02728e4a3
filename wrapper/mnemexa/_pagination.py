"""Cursor pagination over list operations.

A list response has ``data`` (the items), ``has_more`` and ``next_cursor``; the next page is
the same request with ``cursor=next_cursor``. Pagers are lazy: nothing is sent until you
iterate or call ``fetch_page()``.
"""

from __future__ import annotations

from typing import (
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Generic,
    Iterator,
    List,
    Optional,
    Protocol,
    Set,
    Union,
    cast,
)

from ._exceptions import APIResponseValidationError
from ._operation import ItemT, Paged, PageT


class _PageShape(Protocol):
    @property
    def data(self) -> List[Any]: ...
    @property
    def has_more(self) -> bool: ...
    @property
    def next_cursor(self) -> Union[None, str]: ...


def _next_cursor(page: Any, seen: Set[str]) -> Optional[str]:
    """The cursor of the next page, or None after the last one.

    A server that hands out a cursor twice would make iteration endless: that raises
    ``APIResponseValidationError`` instead.
    """
    shaped = cast(_PageShape, page)
    cursor = shaped.next_cursor if shaped.has_more and shaped.next_cursor else None
    if cursor is not None:
        if cursor in seen:
            raise APIResponseValidationError(
                "the server returned a next_cursor it had already returned; stopping pagination"
            )
        seen.add(cursor)
    return cursor


class SyncPager(Generic[PageT, ItemT]):
    """Iterate for every item across pages; ``pages()`` yields whole pages."""

    def __init__(self, execute: Callable[[Paged[PageT, ItemT]], PageT], call: Paged[PageT, ItemT]):
        self._execute = execute
        self._call = call

    def fetch_page(self) -> PageT:
        """Fetch just the page this pager starts at (the first one, or the ``cursor`` given)."""
        return self._execute(self._call)

    def pages(self) -> Iterator[PageT]:
        """Yield each page in turn, fetching the next one only when it is needed."""
        call = self._call
        seen: Set[str] = set()
        while True:
            page = self._execute(call)
            yield page
            cursor = _next_cursor(page, seen)
            if cursor is None:
                return
            call = call.replace(cursor=cursor)

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.pages():
            yield from cast(_PageShape, page).data

    def __repr__(self) -> str:
        return f"<SyncPager {self._call.endpoint.__name__.rsplit('.', 1)[-1]}>"


class AsyncPager(Generic[PageT, ItemT]):
    """``async for`` every item across pages; ``pages()`` yields whole pages."""

    def __init__(
        self,
        execute: Callable[[Paged[PageT, ItemT]], Awaitable[PageT]],
        call: Paged[PageT, ItemT],
    ):
        self._execute = execute
        self._call = call

    async def fetch_page(self) -> PageT:
        """Fetch just the page this pager starts at (the first one, or the ``cursor`` given)."""
        return await self._execute(self._call)

    async def pages(self) -> AsyncIterator[PageT]:
        """Yield each page in turn, fetching the next one only when it is needed."""
        call = self._call
        seen: Set[str] = set()
        while True:
            page = await self._execute(call)
            yield page
            cursor = _next_cursor(page, seen)
            if cursor is None:
                return
            call = call.replace(cursor=cursor)

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.pages():
            for item in cast(_PageShape, page).data:
                yield item

    def __repr__(self) -> str:
        return f"<AsyncPager {self._call.endpoint.__name__.rsplit('.', 1)[-1]}>"
