import datetime
from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_memories_temporal_type import ListMemoriesTemporalType
from ...models.memory_list import MemoryList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: Union[Unset, int] = 20,
    cursor: Union[Unset, str] = UNSET,
    category: Union[Unset, str] = UNSET,
    temporal_type: Union[Unset, ListMemoriesTemporalType] = UNSET,
    min_importance: Union[Unset, int] = UNSET,
    created_after: Union[Unset, datetime.datetime] = UNSET,
    created_before: Union[Unset, datetime.datetime] = UNSET,
    include_expired: Union[Unset, bool] = True,
    agent_id: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    role_id: Union[Unset, str] = UNSET,
    team_id: Union[Unset, str] = UNSET,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["category"] = category

    json_temporal_type: Union[Unset, str] = UNSET
    if not isinstance(temporal_type, Unset):
        json_temporal_type = temporal_type.value

    params["temporal_type"] = json_temporal_type

    params["min_importance"] = min_importance

    json_created_after: Union[Unset, str] = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: Union[Unset, str] = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    params["include_expired"] = include_expired

    params["agent_id"] = agent_id

    params["user_id"] = user_id

    params["session_id"] = session_id

    params["role_id"] = role_id

    params["team_id"] = team_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/memory",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[Error, MemoryList]]:
    if response.status_code == 200:
        response_200 = MemoryList.from_dict(response.json())

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
) -> Response[Union[Error, MemoryList]]:
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
    category: Union[Unset, str] = UNSET,
    temporal_type: Union[Unset, ListMemoriesTemporalType] = UNSET,
    min_importance: Union[Unset, int] = UNSET,
    created_after: Union[Unset, datetime.datetime] = UNSET,
    created_before: Union[Unset, datetime.datetime] = UNSET,
    include_expired: Union[Unset, bool] = True,
    agent_id: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    role_id: Union[Unset, str] = UNSET,
    team_id: Union[Unset, str] = UNSET,
) -> Response[Union[Error, MemoryList]]:
    """List memories

     Lists the caller's memories, newest first, one page at a time. Pass the
    `next_cursor` of a page as `cursor` to fetch the next one; `has_more` is false on
    the last page.

    Args:
        limit (Union[Unset, int]):  Default: 20.
        cursor (Union[Unset, str]):
        category (Union[Unset, str]):
        temporal_type (Union[Unset, ListMemoriesTemporalType]):
        min_importance (Union[Unset, int]):
        created_after (Union[Unset, datetime.datetime]):
        created_before (Union[Unset, datetime.datetime]):
        include_expired (Union[Unset, bool]):  Default: True.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
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
        role_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        team_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, MemoryList]]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        category=category,
        temporal_type=temporal_type,
        min_importance=min_importance,
        created_after=created_after,
        created_before=created_before,
        include_expired=include_expired,
        agent_id=agent_id,
        user_id=user_id,
        session_id=session_id,
        role_id=role_id,
        team_id=team_id,
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
    category: Union[Unset, str] = UNSET,
    temporal_type: Union[Unset, ListMemoriesTemporalType] = UNSET,
    min_importance: Union[Unset, int] = UNSET,
    created_after: Union[Unset, datetime.datetime] = UNSET,
    created_before: Union[Unset, datetime.datetime] = UNSET,
    include_expired: Union[Unset, bool] = True,
    agent_id: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    role_id: Union[Unset, str] = UNSET,
    team_id: Union[Unset, str] = UNSET,
) -> Optional[Union[Error, MemoryList]]:
    """List memories

     Lists the caller's memories, newest first, one page at a time. Pass the
    `next_cursor` of a page as `cursor` to fetch the next one; `has_more` is false on
    the last page.

    Args:
        limit (Union[Unset, int]):  Default: 20.
        cursor (Union[Unset, str]):
        category (Union[Unset, str]):
        temporal_type (Union[Unset, ListMemoriesTemporalType]):
        min_importance (Union[Unset, int]):
        created_after (Union[Unset, datetime.datetime]):
        created_before (Union[Unset, datetime.datetime]):
        include_expired (Union[Unset, bool]):  Default: True.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
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
        role_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        team_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, MemoryList]
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        category=category,
        temporal_type=temporal_type,
        min_importance=min_importance,
        created_after=created_after,
        created_before=created_before,
        include_expired=include_expired,
        agent_id=agent_id,
        user_id=user_id,
        session_id=session_id,
        role_id=role_id,
        team_id=team_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    limit: Union[Unset, int] = 20,
    cursor: Union[Unset, str] = UNSET,
    category: Union[Unset, str] = UNSET,
    temporal_type: Union[Unset, ListMemoriesTemporalType] = UNSET,
    min_importance: Union[Unset, int] = UNSET,
    created_after: Union[Unset, datetime.datetime] = UNSET,
    created_before: Union[Unset, datetime.datetime] = UNSET,
    include_expired: Union[Unset, bool] = True,
    agent_id: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    role_id: Union[Unset, str] = UNSET,
    team_id: Union[Unset, str] = UNSET,
) -> Response[Union[Error, MemoryList]]:
    """List memories

     Lists the caller's memories, newest first, one page at a time. Pass the
    `next_cursor` of a page as `cursor` to fetch the next one; `has_more` is false on
    the last page.

    Args:
        limit (Union[Unset, int]):  Default: 20.
        cursor (Union[Unset, str]):
        category (Union[Unset, str]):
        temporal_type (Union[Unset, ListMemoriesTemporalType]):
        min_importance (Union[Unset, int]):
        created_after (Union[Unset, datetime.datetime]):
        created_before (Union[Unset, datetime.datetime]):
        include_expired (Union[Unset, bool]):  Default: True.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
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
        role_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        team_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, MemoryList]]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        category=category,
        temporal_type=temporal_type,
        min_importance=min_importance,
        created_after=created_after,
        created_before=created_before,
        include_expired=include_expired,
        agent_id=agent_id,
        user_id=user_id,
        session_id=session_id,
        role_id=role_id,
        team_id=team_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: Union[AuthenticatedClient, Client],
    limit: Union[Unset, int] = 20,
    cursor: Union[Unset, str] = UNSET,
    category: Union[Unset, str] = UNSET,
    temporal_type: Union[Unset, ListMemoriesTemporalType] = UNSET,
    min_importance: Union[Unset, int] = UNSET,
    created_after: Union[Unset, datetime.datetime] = UNSET,
    created_before: Union[Unset, datetime.datetime] = UNSET,
    include_expired: Union[Unset, bool] = True,
    agent_id: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    role_id: Union[Unset, str] = UNSET,
    team_id: Union[Unset, str] = UNSET,
) -> Optional[Union[Error, MemoryList]]:
    """List memories

     Lists the caller's memories, newest first, one page at a time. Pass the
    `next_cursor` of a page as `cursor` to fetch the next one; `has_more` is false on
    the last page.

    Args:
        limit (Union[Unset, int]):  Default: 20.
        cursor (Union[Unset, str]):
        category (Union[Unset, str]):
        temporal_type (Union[Unset, ListMemoriesTemporalType]):
        min_importance (Union[Unset, int]):
        created_after (Union[Unset, datetime.datetime]):
        created_before (Union[Unset, datetime.datetime]):
        include_expired (Union[Unset, bool]):  Default: True.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
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
        role_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        team_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without
            `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, MemoryList]
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            category=category,
            temporal_type=temporal_type,
            min_importance=min_importance,
            created_after=created_after,
            created_before=created_before,
            include_expired=include_expired,
            agent_id=agent_id,
            user_id=user_id,
            session_id=session_id,
            role_id=role_id,
            team_id=team_id,
        )
    ).parsed
