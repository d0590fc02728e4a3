import datetime
from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event_kind import EventKind
from ...models.event_list import EventList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: Union[Unset, int] = 20,
    cursor: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    agent_id: Union[Unset, str] = UNSET,
    kind: Union[Unset, EventKind] = UNSET,
    after: Union[Unset, datetime.datetime] = UNSET,
    before: Union[Unset, datetime.datetime] = UNSET,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["user_id"] = user_id

    params["session_id"] = session_id

    params["agent_id"] = agent_id

    json_kind: Union[Unset, str] = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    json_after: Union[Unset, str] = UNSET
    if not isinstance(after, Unset):
        json_after = after.isoformat()
    params["after"] = json_after

    json_before: Union[Unset, str] = UNSET
    if not isinstance(before, Unset):
        json_before = before.isoformat()
    params["before"] = json_before

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[Error, EventList]]:
    if response.status_code == 200:
        response_200 = EventList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Response[Union[Error, EventList]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    limit: Union[Unset, int] = 20,
    cursor: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    agent_id: Union[Unset, str] = UNSET,
    kind: Union[Unset, EventKind] = UNSET,
    after: Union[Unset, datetime.datetime] = UNSET,
    before: Union[Unset, datetime.datetime] = UNSET,
) -> Response[Union[Error, EventList]]:
    """List events

     Ingested events, newest first, one page at a time, with their processing status.

    Args:
        limit (Union[Unset, int]):  Default: 20.
        cursor (Union[Unset, str]):
        user_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        session_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        kind (Union[Unset, EventKind]):
        after (Union[Unset, datetime.datetime]):
        before (Union[Unset, datetime.datetime]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, EventList]]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        user_id=user_id,
        session_id=session_id,
        agent_id=agent_id,
        kind=kind,
        after=after,
        before=before,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: Union[AuthenticatedClient, Client],
    limit: Union[Unset, int] = 20,
    cursor: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    agent_id: Union[Unset, str] = UNSET,
    kind: Union[Unset, EventKind] = UNSET,
    after: Union[Unset, datetime.datetime] = UNSET,
    before: Union[Unset, datetime.datetime] = UNSET,
) -> Optional[Union[Error, EventList]]:
    """List events

     Ingested events, newest first, one page at a time, with their processing status.

    Args:
        limit (Union[Unset, int]):  Default: 20.
        cursor (Union[Unset, str]):
        user_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        session_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        kind (Union[Unset, EventKind]):
        after (Union[Unset, datetime.datetime]):
        before (Union[Unset, datetime.datetime]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, EventList]
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        user_id=user_id,
        session_id=session_id,
        agent_id=agent_id,
        kind=kind,
        after=after,
        before=before,
    ).parsed


async def asyncio_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    limit: Union[Unset, int] = 20,
    cursor: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    agent_id: Union[Unset, str] = UNSET,
    kind: Union[Unset, EventKind] = UNSET,
    after: Union[Unset, datetime.datetime] = UNSET,
    before: Union[Unset, datetime.datetime] = UNSET,
) -> Response[Union[Error, EventList]]:
    """List events

     Ingested events, newest first, one page at a time, with their processing status.

    Args:
        limit (Union[Unset, int]):  Default: 20.
        cursor (Union[Unset, str]):
        user_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        session_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        kind (Union[Unset, EventKind]):
        after (Union[Unset, datetime.datetime]):
        before (Union[Unset, datetime.datetime]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, EventList]]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        user_id=user_id,
        session_id=session_id,
        agent_id=agent_id,
        kind=kind,
        after=after,
        before=before,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: Union[AuthenticatedClient, Client],
    limit: Union[Unset, int] = 20,
    cursor: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    agent_id: Union[Unset, str] = UNSET,
    kind: Union[Unset, EventKind] = UNSET,
    after: Union[Unset, datetime.datetime] = UNSET,
    before: Union[Unset, datetime.datetime] = UNSET,
) -> Optional[Union[Error, EventList]]:
    """List events

     Ingested events, newest first, one page at a time, with their processing status.

    Args:
        limit (Union[Unset, int]):  Default: 20.
        cursor (Union[Unset, str]):
        user_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        session_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        kind (Union[Unset, EventKind]):
        after (Union[Unset, datetime.datetime]):
        before (Union[Unset, datetime.datetime]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, EventList]
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            user_id=user_id,
            session_id=session_id,
            agent_id=agent_id,
            kind=kind,
            after=after,
            before=before,
        )
    ).parsed
