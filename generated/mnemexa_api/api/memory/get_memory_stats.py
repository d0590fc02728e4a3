from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.memory_stats import MemoryStats
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    agent_id: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    role_id: Union[Unset, str] = UNSET,
    team_id: Union[Unset, str] = UNSET,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    params["agent_id"] = agent_id

    params["user_id"] = user_id

    params["session_id"] = session_id

    params["role_id"] = role_id

    params["team_id"] = team_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/memory/stats",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[Error, MemoryStats]]:
    if response.status_code == 200:
        response_200 = MemoryStats.from_dict(response.json())

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
) -> Response[Union[Error, MemoryStats]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    agent_id: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    role_id: Union[Unset, str] = UNSET,
    team_id: Union[Unset, str] = UNSET,
) -> Response[Union[Error, MemoryStats]]:
    """Memory statistics

     Totals of the memories matching the scope filters (all of the workspace's without
    any): by category, by scope value, and their average importance.

    Args:
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
        Response[Union[Error, MemoryStats]]
    """

    kwargs = _get_kwargs(
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
    agent_id: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    role_id: Union[Unset, str] = UNSET,
    team_id: Union[Unset, str] = UNSET,
) -> Optional[Union[Error, MemoryStats]]:
    """Memory statistics

     Totals of the memories matching the scope filters (all of the workspace's without
    any): by category, by scope value, and their average importance.

    Args:
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
        Union[Error, MemoryStats]
    """

    return sync_detailed(
        client=client,
        agent_id=agent_id,
        user_id=user_id,
        session_id=session_id,
        role_id=role_id,
        team_id=team_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    agent_id: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    role_id: Union[Unset, str] = UNSET,
    team_id: Union[Unset, str] = UNSET,
) -> Response[Union[Error, MemoryStats]]:
    """Memory statistics

     Totals of the memories matching the scope filters (all of the workspace's without
    any): by category, by scope value, and their average importance.

    Args:
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
        Response[Union[Error, MemoryStats]]
    """

    kwargs = _get_kwargs(
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
    agent_id: Union[Unset, str] = UNSET,
    user_id: Union[Unset, str] = UNSET,
    session_id: Union[Unset, str] = UNSET,
    role_id: Union[Unset, str] = UNSET,
    team_id: Union[Unset, str] = UNSET,
) -> Optional[Union[Error, MemoryStats]]:
    """Memory statistics

     Totals of the memories matching the scope filters (all of the workspace's without
    any): by category, by scope value, and their average importance.

    Args:
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
        Union[Error, MemoryStats]
    """

    return (
        await asyncio_detailed(
            client=client,
            agent_id=agent_id,
            user_id=user_id,
            session_id=session_id,
            role_id=role_id,
            team_id=team_id,
        )
    ).parsed
