from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.write_status import WriteStatus
from ...types import Response


def _get_kwargs(
    write_id: str,
) -> dict[str, Any]:
    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/memory/writes/{write_id}".format(
            write_id=write_id,
        ),
    }

    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[Error, WriteStatus]]:
    if response.status_code == 200:
        response_200 = WriteStatus.from_dict(response.json())

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
) -> Response[Union[Error, WriteStatus]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    write_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
) -> Response[Union[Error, WriteStatus]]:
    """Status of a queued write

     `queued`, `processing`, `completed` (with the store result), `failed` (with the
    error) or `not_found` (no such write in this workspace, or its memory was deleted
    with `delete_many`).

    Args:
        write_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, WriteStatus]]
    """

    kwargs = _get_kwargs(
        write_id=write_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    write_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
) -> Optional[Union[Error, WriteStatus]]:
    """Status of a queued write

     `queued`, `processing`, `completed` (with the store result), `failed` (with the
    error) or `not_found` (no such write in this workspace, or its memory was deleted
    with `delete_many`).

    Args:
        write_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, WriteStatus]
    """

    return sync_detailed(
        write_id=write_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    write_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
) -> Response[Union[Error, WriteStatus]]:
    """Status of a queued write

     `queued`, `processing`, `completed` (with the store result), `failed` (with the
    error) or `not_found` (no such write in this workspace, or its memory was deleted
    with `delete_many`).

    Args:
        write_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, WriteStatus]]
    """

    kwargs = _get_kwargs(
        write_id=write_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    write_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
) -> Optional[Union[Error, WriteStatus]]:
    """Status of a queued write

     `queued`, `processing`, `completed` (with the store result), `failed` (with the
    error) or `not_found` (no such write in this workspace, or its memory was deleted
    with `delete_many`).

    Args:
        write_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, WriteStatus]
    """

    return (
        await asyncio_detailed(
            write_id=write_id,
            client=client,
        )
    ).parsed
