from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_delete_response import AgentDeleteResponse
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agent_id: str,
    *,
    idempotency_key: Union[Unset, str] = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/agents/{agent_id}".format(
            agent_id=agent_id,
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[AgentDeleteResponse, Error]]:
    if response.status_code == 200:
        response_200 = AgentDeleteResponse.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

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
) -> Response[Union[AgentDeleteResponse, Error]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
    idempotency_key: Union[Unset, str] = UNSET,
) -> Response[Union[AgentDeleteResponse, Error]]:
    """Delete an agent and its data

     Deletes the agent's registration, its sessions, and every memory with its
    `agent_id`, erased as completely as `delete_memories` erases them (events and
    writes included).

    Args:
        agent_id (str): A scope value: 1-128 characters, matched exactly, without `/`, `%` or
            control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        idempotency_key (Union[Unset, str]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[AgentDeleteResponse, Error]]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
    idempotency_key: Union[Unset, str] = UNSET,
) -> Optional[Union[AgentDeleteResponse, Error]]:
    """Delete an agent and its data

     Deletes the agent's registration, its sessions, and every memory with its
    `agent_id`, erased as completely as `delete_memories` erases them (events and
    writes included).

    Args:
        agent_id (str): A scope value: 1-128 characters, matched exactly, without `/`, `%` or
            control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        idempotency_key (Union[Unset, str]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[AgentDeleteResponse, Error]
    """

    return sync_detailed(
        agent_id=agent_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
    idempotency_key: Union[Unset, str] = UNSET,
) -> Response[Union[AgentDeleteResponse, Error]]:
    """Delete an agent and its data

     Deletes the agent's registration, its sessions, and every memory with its
    `agent_id`, erased as completely as `delete_memories` erases them (events and
    writes included).

    Args:
        agent_id (str): A scope value: 1-128 characters, matched exactly, without `/`, `%` or
            control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        idempotency_key (Union[Unset, str]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[AgentDeleteResponse, Error]]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
    idempotency_key: Union[Unset, str] = UNSET,
) -> Optional[Union[AgentDeleteResponse, Error]]:
    """Delete an agent and its data

     Deletes the agent's registration, its sessions, and every memory with its
    `agent_id`, erased as completely as `delete_memories` erases them (events and
    writes included).

    Args:
        agent_id (str): A scope value: 1-128 characters, matched exactly, without `/`, `%` or
            control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        idempotency_key (Union[Unset, str]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[AgentDeleteResponse, Error]
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
