"""``Client`` and ``AsyncClient``: one constructor, one set of resources, two I/O modes."""

from __future__ import annotations

import dataclasses
import os
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Mapping, Optional, Type, TypeVar, Union

import httpx
from typing_extensions import Self, Unpack

from ._auth import BearerAuth
from ._base_client import AsyncRawRunner, AsyncRunner, BaseRunner, RawRunner, SyncRunner
from ._config import (
    BASE_URL_ENV,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    NotGiven,
    TimeoutArg,
    resolve_api_key,
    resolve_base_url,
    resolve_max_retries,
)
from ._describe import DescribeCache, Description, build, scope_key
from ._exceptions import InvalidArgumentError, MnemexaError
from ._logging import Secret, logger
from ._operation import (
    AsyncMode,
    Call,
    ModeT,
    RawAsyncMode,
    RawSyncMode,
    RequestOptions,
    Resource,
    Runner,
    SyncMode,
    operation,
)
from ._retry import RetryPolicy
from ._tools import Arguments, fixed_scopes, plan, run, run_async
from .resources import (
    AgentsResource,
    EventsResource,
    MemoryResource,
    OptimizeResource,
    SessionsResource,
)

if TYPE_CHECKING:
    from mnemexa_api.models import StatusResponse

HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)

_API_VERSION_PREFIX = "/v1"  # every path in the spec starts with it


def _base_url(explicit: Optional[str]) -> str:
    """The base URL to send to, without a trailing slash or the API version.

    A URL ending in ``/v1`` (the prefix of every path, easy to copy from the API reference)
    has it removed, so that requests do not go to ``/v1/v1/...`` and meet a bare 404. A URL
    that is not absolute http(s) raises ``InvalidArgumentError`` naming where it came from.
    """
    try:
        url = resolve_base_url(explicit)
    except (ValueError, TypeError, httpx.InvalidURL):
        raise InvalidArgumentError(_bad_base_url(explicit)) from None
    if url.endswith(_API_VERSION_PREFIX) and httpx.URL(url).path.endswith(_API_VERSION_PREFIX):
        url = url[: -len(_API_VERSION_PREFIX)]
        logger.debug("base_url: dropped the trailing %s; each request adds it", _API_VERSION_PREFIX)
    return url


def _bad_base_url(explicit: Optional[str]) -> str:
    """Why a base URL was refused, and where it came from. Of the value it shows at most the
    scheme: a value set in the wrong variable (an API key, say) must not reach a traceback."""
    source = "base_url"
    value: object = explicit
    if not explicit:
        source, value = next(
            ((name, os.environ[name]) for name in BASE_URL_ENV if os.environ.get(name, "").strip()),
            (source, explicit),
        )
    if not isinstance(value, str):
        return f"{source} must be a str holding an http(s) URL, got {type(value).__name__}"
    example = "such as https://api.mnemexa.com or http://127.0.0.1:8080"
    if "://" not in value:
        return f"{source} must be an absolute http(s) URL {example}; the value has no scheme"
    try:
        parsed = httpx.URL(value)
    except (ValueError, TypeError, httpx.InvalidURL):
        return f"{source} must be an absolute http(s) URL {example}; the value does not parse"
    if parsed.scheme not in ("http", "https"):
        return f"{source} must be an http(s) URL {example}, not a {parsed.scheme!r} URL"
    return f"{source} must be an absolute http(s) URL {example}; the value has no host"


class Resources(Resource[ModeT]):
    """Every resource and operation of the API, on one runner."""

    memory: MemoryResource[ModeT]
    """Store, retrieve and manage memories."""
    agents: AgentsResource[ModeT]
    """Register agents, and see what each one remembers."""
    sessions: SessionsResource[ModeT]
    """Conversations, their activity and their summaries."""
    events: EventsResource[ModeT]
    """Asynchronous ingestion of conversation events into memories."""
    optimize: OptimizeResource[ModeT]
    """Workspace quality signals."""

    def __init__(self, runner: Runner) -> None:
        super().__init__(runner)
        self.memory = MemoryResource(runner)
        self.agents = AgentsResource(runner)
        self.sessions = SessionsResource(runner)
        self.events = EventsResource(runner)
        self.optimize = OptimizeResource(runner)

    @operation
    def status(self, **options: Unpack[RequestOptions]) -> Call[StatusResponse]:
        """Verify the API key and describe the workspace behind it."""
        from mnemexa_api.api.workspace import get_status

        return Call(get_status, options)


class _ClientBase(Resources[ModeT], Generic[ModeT, HttpT]):
    _runner: BaseRunner
    _runner_class: Type[BaseRunner]
    _http_class: Type[HttpT]

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: TimeoutArg = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: Optional[HttpT] = None,
        default_headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        """Create a client.

        Args:
            api_key: Workspace API key. Defaults to ``MNEMEXA_API_KEY``, then ``BIZX_API_KEY``;
                if none is found, ``AuthenticationError`` is raised here.
            base_url: Defaults to ``MNEMEXA_BASE_URL``, then ``BIZX_BASE_URL``, then
                ``https://api.mnemexa.com``.
            timeout: Seconds (or an ``httpx.Timeout``) per request attempt; 30 by default,
                or the timeout of ``http_client`` when one is given. ``None`` disables it.
            max_retries: Retries after the first attempt for 502/503/504 and network errors.
            http_client: An ``httpx`` client to send requests with (proxies, transports,
                limits). The SDK does not close a client it did not create.
            default_headers: Extra headers sent with every request.
        """
        key = Secret(resolve_api_key(api_key))
        # From here on only the Secret holds the key, so that no local of this frame shows it
        # in a traceback printed with locals (say, for a bad max_retries or base_url below).
        del api_key
        auth = BearerAuth(key)
        if isinstance(timeout, NotGiven):
            timeout = http_client.timeout if http_client is not None else DEFAULT_TIMEOUT
        http = http_client if http_client is not None else self._http_class(timeout=timeout)
        runner = self._runner_class(
            http,
            base_url=_base_url(base_url),
            auth=auth,
            timeout=timeout,
            retry=RetryPolicy(max_retries=resolve_max_retries(max_retries)),
            default_headers=dict(default_headers or {}),
        )
        self._attach(runner, owns_http=http_client is None)

    def _attach(self, runner: BaseRunner, *, owns_http: bool) -> None:
        self.__dict__.clear()  # drops methods bound to a previous runner
        super().__init__(runner)
        self._owns_http = owns_http
        self._describe_cache = DescribeCache()

    def clear_describe_cache(self) -> None:
        """Forget what ``describe()`` returned, so that its next call asks the server again."""
        self._describe_cache.clear()

    @property
    def base_url(self) -> str:
        return self._runner.base_url

    @property
    def timeout(self) -> Union[float, httpx.Timeout, None]:
        return self._runner.timeout

    @property
    def max_retries(self) -> int:
        return self._runner.retry.max_retries

    def with_options(
        self,
        *,
        timeout: TimeoutArg = NOT_GIVEN,
        max_retries: Union[int, NotGiven] = NOT_GIVEN,
    ) -> Self:
        """A client sharing this one's connection pool, with a different timeout or retries.

        ``client.with_options(max_retries=0).memory.store(...)``
        """
        runner = type(self._runner).__new__(type(self._runner))
        runner.__dict__.update(self._runner.__dict__)
        if not isinstance(timeout, NotGiven):
            runner.timeout = timeout
        if not isinstance(max_retries, NotGiven):
            retries = resolve_max_retries(max_retries)
            runner.retry = dataclasses.replace(runner.retry, max_retries=retries)
        clone = type(self).__new__(type(self))
        clone._attach(runner, owns_http=False)
        return clone

    def __repr__(self) -> str:
        if "_runner" not in self.__dict__:  # a constructor that raised: its frame shows ``self``
            return f"{type(self).__name__}(<not initialised>)"
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, timeout={self.timeout!r}, "
            f"max_retries={self.max_retries!r})"
        )


class Client(_ClientBase[SyncMode, httpx.Client]):
    """The synchronous Mnemexa client.

    ``with mnemexa.Client() as client: client.memory.store("...")``
    """

    _runner: SyncRunner
    _runner_class = SyncRunner
    _http_class = httpx.Client

    @property
    def with_raw_response(self) -> Resources[RawSyncMode]:
        """The same methods, returning the HTTP response: ``.headers``, ``.status_code``,
        ``.request_id``, ``.http_request``, and ``.parse()`` for the usual result.

        ``client.with_raw_response.memory.store("...").headers["Idempotency-Replayed"]``
        """
        return Resources(RawRunner(self._runner))

    def describe(
        self,
        *,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Description:
        """The agent tools, as text, OpenAI or Anthropic tool definitions.

        The tools are the operations ``openapi.yaml`` offers to agents (``brain.remember``,
        ``brain.recall``, ...). A scope given here is fixed: no tool takes it as an argument;
        pass the same scopes to ``run_tool``. The first call verifies the key (``status``);
        the result is kept for 5 minutes per scopes, or until ``clear_describe_cache()``.
        """
        key = scope_key(agent_id, user_id, session_id)
        cached = self._describe_cache.get(key)
        if cached is not None:
            return cached
        return self._describe_cache.put(key, build(self.status(timeout=timeout), key))

    def run_tool(
        self,
        name: str,
        arguments: Arguments,
        *,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
    ) -> Any:
        """Run a model's tool call and return its result as JSON-able data.

        ``name`` is ``brain.remember`` or, as providers send it, ``brain_remember``;
        ``arguments`` is the JSON object as text (OpenAI) or as a dict (Anthropic). The
        scopes given here are set on the call, and a model cannot pass them
        (``ToolArgumentError``, as for any argument the tool's schema refuses; nothing is
        sent). A tool that acts on one record by id answers ``NotFoundError`` for a record
        outside these scopes. Other failures raise the SDK's usual errors.
        """
        fixed = fixed_scopes(agent_id=agent_id, user_id=user_id, session_id=session_id)
        try:
            return run(plan(name, arguments, fixed), self._runner.execute)
        except MnemexaError as exc:  # a short traceback, as every method gives
            raise exc.with_traceback(None) from exc.__cause__

    def close(self) -> None:
        """Close the connection pool (unless it belongs to an ``http_client`` you passed in)."""
        if self._owns_http:
            self._runner.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncClient(_ClientBase[AsyncMode, httpx.AsyncClient]):
    """The asynchronous Mnemexa client: the same constructor and methods as ``Client``, awaited.

    ``async with mnemexa.AsyncClient() as client: await client.memory.store("...")``
    """

    _runner: AsyncRunner
    _runner_class = AsyncRunner
    _http_class = httpx.AsyncClient

    @property
    def with_raw_response(self) -> Resources[RawAsyncMode]:
        """The same methods, awaiting to the HTTP response: ``.headers``, ``.status_code``,
        ``.request_id``, ``.http_request``, and ``.parse()`` for the usual result."""
        return Resources(AsyncRawRunner(self._runner))

    async def describe(
        self,
        *,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Description:
        """The agent tools, as text, OpenAI or Anthropic tool definitions.

        The tools are the operations ``openapi.yaml`` offers to agents (``brain.remember``,
        ``brain.recall``, ...). A scope given here is fixed: no tool takes it as an argument;
        pass the same scopes to ``run_tool``. The first call verifies the key (``status``);
        the result is kept for 5 minutes per scopes, or until ``clear_describe_cache()``.
        """
        key = scope_key(agent_id, user_id, session_id)
        cached = self._describe_cache.get(key)
        if cached is not None:
            return cached
        return self._describe_cache.put(key, build(await self.status(timeout=timeout), key))

    async def run_tool(
        self,
        name: str,
        arguments: Arguments,
        *,
        agent_id: Optional[str] = None,
        user_id: Optional[str] = None,
        session_id: Optional[str] = None,
    ) -> Any:
        """Run a model's tool call and return its result as JSON-able data.

        ``name`` is ``brain.remember`` or, as providers send it, ``brain_remember``;
        ``arguments`` is the JSON object as text (OpenAI) or as a dict (Anthropic). The
        scopes given here are set on the call, and a model cannot pass them
        (``ToolArgumentError``, as for any argument the tool's schema refuses; nothing is
        sent). A tool that acts on one record by id answers ``NotFoundError`` for a record
        outside these scopes. Other failures raise the SDK's usual errors.
        """
        fixed = fixed_scopes(agent_id=agent_id, user_id=user_id, session_id=session_id)
        try:
            return await run_async(plan(name, arguments, fixed), self._runner.execute)
        except MnemexaError as exc:  # a short traceback, as every method gives
            raise exc.with_traceback(None) from exc.__cause__

    async def close(self) -> None:
        """Close the connection pool (unless it belongs to an ``http_client`` you passed in)."""
        if self._owns_http:
            await self._runner.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.close()
