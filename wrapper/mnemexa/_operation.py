"""One declaration per API operation, serving both ``Client`` and ``AsyncClient``.

A resource method is declared once, as a function that maps its arguments onto a generated
endpoint module and returns a ``Call`` (a request plan). ``@operation`` turns it into a
descriptor: on a sync resource the bound method runs the plan and returns the result; on an
async resource it returns an awaitable of the same result. ``@paginated`` does the same for
list operations and returns a pager. Under ``client.with_raw_response`` the same methods
return the ``APIResponse`` instead (for a list, the first page's).

Every method also takes the per-call ``RequestOptions``: ``timeout``, ``extra_headers``,
``extra_query`` and ``extra_body``.
"""

from __future__ import annotations

import functools
import inspect
import re
from types import ModuleType
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Coroutine,
    Dict,
    Generic,
    Mapping,
    Optional,
    Tuple,
    TypeVar,
    Union,
    overload,
)

from typing_extensions import Concatenate, ParamSpec, Self, TypedDict

from ._config import NOT_GIVEN, NotGiven, TimeoutTypes

if TYPE_CHECKING:
    from ._pagination import AsyncPager, SyncPager
    from ._response import APIResponse

T = TypeVar("T")
PageT = TypeVar("PageT")
ItemT = TypeVar("ItemT")
P = ParamSpec("P")


class SyncMode:
    """Marker: the resource belongs to a ``Client``."""


class AsyncMode:
    """Marker: the resource belongs to an ``AsyncClient``."""


class RawSyncMode:
    """Marker: ``Client.with_raw_response``; methods return the ``APIResponse``."""


class RawAsyncMode:
    """Marker: ``AsyncClient.with_raw_response``; methods await to the ``APIResponse``."""


ModeT = TypeVar("ModeT", SyncMode, AsyncMode, RawSyncMode, RawAsyncMode)


class RequestOptions(TypedDict, total=False):
    """What every method takes besides its own arguments, for this call only."""

    timeout: Union[TimeoutTypes, NotGiven]
    """Seconds (or an ``httpx.Timeout``) per attempt; ``None`` for none. Default: the client's."""
    extra_headers: Mapping[str, str]
    """Headers to add to the request (they win over the SDK's own, except Authorization)."""
    extra_query: Mapping[str, Any]
    """Query parameters to add to the request."""
    extra_body: Mapping[str, Any]
    """Fields to add to the JSON body (for a server newer than this SDK)."""


class Call(Generic[T]):
    """A request plan: a generated endpoint module, the arguments for its request builder,
    and the caller's ``RequestOptions``."""

    __slots__ = ("endpoint", "kwargs", "options")

    def __init__(
        self, endpoint: ModuleType, options: Optional[RequestOptions] = None, **kwargs: Any
    ) -> None:
        self.endpoint = endpoint
        self.kwargs = kwargs
        self.options: RequestOptions = options or {}

    @property
    def timeout(self) -> Union[TimeoutTypes, NotGiven]:
        return self.options.get("timeout", NOT_GIVEN)

    def replace(self, **kwargs: Any) -> Self:
        """A copy of this plan with some request-builder arguments changed."""
        clone = type(self).__new__(type(self))
        clone.endpoint, clone.options = self.endpoint, self.options
        clone.kwargs = {**self.kwargs, **kwargs}
        return clone


class Paged(Call[PageT], Generic[PageT, ItemT]):
    """A plan for one page of a list operation whose pages hold items of type ``ItemT``."""

    __slots__ = ()


class Runner:
    """Executes plans; ``SyncRunner`` and ``AsyncRunner`` in ``_base_client`` implement it."""

    def execute(self, call: Call[Any]) -> Any:
        raise NotImplementedError

    def paginate(self, call: Paged[Any, Any]) -> Any:
        raise NotImplementedError


class Resource(Generic[ModeT]):
    """A group of operations bound to one client."""

    def __init__(self, runner: Runner) -> None:
        self._runner = runner


_PLAN_ANNOTATION = re.compile(r"^(?:Call|Paged)\[(.*)\]$")


def _public_signature(
    build: Callable[..., Any], returns: Callable[[str], str]
) -> inspect.Signature:
    """The declaration's signature without ``self``, returning the result rather than a plan."""
    sig = inspect.signature(build)
    params = list(sig.parameters.values())[1:]
    annotation = sig.return_annotation
    if isinstance(annotation, str) and (match := _PLAN_ANNOTATION.match(annotation)):
        annotation = returns(match.group(1))
    return sig.replace(parameters=params, return_annotation=annotation)


class _BoundDescriptor:
    """Binds a declaration to a resource instance once, then caches the bound method on it."""

    _runner_method: str
    _returns: Callable[[str], str]

    def __init__(self, build: Callable[..., Call[Any]]) -> None:
        self._build = build
        self._name = build.__name__
        self.__doc__ = build.__doc__
        self.__wrapped__ = build
        self._signatures: Dict[Tuple[bool, bool], inspect.Signature] = {}

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def _bind(self, obj: Resource[Any]) -> Callable[..., Any]:
        build = self._build
        run = getattr(obj._runner, self._runner_method)

        @functools.wraps(build)
        def method(*args: Any, **kwargs: Any) -> Any:
            return run(build(obj, *args, **kwargs))

        kind = (getattr(obj._runner, "is_async", False), getattr(obj._runner, "is_raw", False))
        if kind not in self._signatures:
            self._signatures[kind] = _public_signature(build, self._result_annotation(*kind))
        method.__signature__ = self._signatures[kind]  # type: ignore[attr-defined]
        del method.__wrapped__  # the public signature above is the one to show
        obj.__dict__[self._name] = method  # later lookups bypass the descriptor
        return method

    def _result_annotation(self, is_async: bool, is_raw: bool) -> Callable[[str], str]:
        return lambda inner: f"APIResponse[{inner}]" if is_raw else inner


class operation(_BoundDescriptor, Generic[P, T]):  # noqa: N801 - used as a decorator
    """Declare an API operation: the sync method returns ``T``, the async one awaits to ``T``."""

    _runner_method = "execute"

    def __init__(self, build: Callable[Concatenate[Any, P], Call[T]]) -> None:
        super().__init__(build)

    @overload
    def __get__(self, obj: None, owner: Any) -> Self: ...
    @overload
    def __get__(self, obj: Resource[SyncMode], owner: Any) -> Callable[P, T]: ...
    @overload
    def __get__(
        self, obj: Resource[AsyncMode], owner: Any
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...
    @overload
    def __get__(self, obj: Resource[RawSyncMode], owner: Any) -> Callable[P, APIResponse[T]]: ...
    @overload
    def __get__(
        self, obj: Resource[RawAsyncMode], owner: Any
    ) -> Callable[P, Coroutine[Any, Any, APIResponse[T]]]: ...
    def __get__(self, obj: Optional[Resource[Any]], owner: Any) -> Any:
        return self if obj is None else self._bind(obj)


class paginated(_BoundDescriptor, Generic[P, PageT, ItemT]):  # noqa: N801 - used as a decorator
    """Declare a list operation: the method returns a pager over every item of every page."""

    _runner_method = "paginate"

    def __init__(self, build: Callable[Concatenate[Any, P], Paged[PageT, ItemT]]) -> None:
        super().__init__(build)

    def _result_annotation(self, is_async: bool, is_raw: bool) -> Callable[[str], str]:
        if is_raw:  # the first page's response
            return lambda inner: f"APIResponse[{inner.split(',')[0].strip()}]"
        pager = "AsyncPager" if is_async else "SyncPager"
        return lambda inner: f"{pager}[{inner}]"

    @overload
    def __get__(self, obj: None, owner: Any) -> Self: ...
    @overload
    def __get__(
        self, obj: Resource[SyncMode], owner: Any
    ) -> Callable[P, SyncPager[PageT, ItemT]]: ...
    @overload
    def __get__(
        self, obj: Resource[AsyncMode], owner: Any
    ) -> Callable[P, AsyncPager[PageT, ItemT]]: ...
    @overload
    def __get__(
        self, obj: Resource[RawSyncMode], owner: Any
    ) -> Callable[P, APIResponse[PageT]]: ...
    @overload
    def __get__(
        self, obj: Resource[RawAsyncMode], owner: Any
    ) -> Callable[P, Coroutine[Any, Any, APIResponse[PageT]]]: ...
    def __get__(self, obj: Optional[Resource[Any]], owner: Any) -> Any:
        return self if obj is None else self._bind(obj)
