from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.memory_retrieve_request import MemoryRetrieveRequest
from ...models.memory_retrieve_response import MemoryRetrieveResponse
from ...types import Response


def _get_kwargs(
    *,
    body: MemoryRetrieveRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/memory/retrieve",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[Error, MemoryRetrieveResponse]]:
    if response.status_code == 200:
        response_200 = MemoryRetrieveResponse.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

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
) -> Response[Union[Error, MemoryRetrieveResponse]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    body: MemoryRetrieveRequest,
) -> Response[Union[Error, MemoryRetrieveResponse]]:
    """Retrieve relevant memories

     Hybrid semantic and lexical search over the caller's workspace. Scores are in
    [0, 1], highest first. Expired temporal memories are excluded unless
    `include_expired` is true. Read-only: an `Idempotency-Key` is ignored.

    Args:
        body (MemoryRetrieveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, MemoryRetrieveResponse]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: Union[AuthenticatedClient, Client],
    body: MemoryRetrieveRequest,
) -> Optional[Union[Error, MemoryRetrieveResponse]]:
    """Retrieve relevant memories

     Hybrid semantic and lexical search over the caller's workspace. Scores are in
    [0, 1], highest first. Expired temporal memories are excluded unless
    `include_expired` is true. Read-only: an `Idempotency-Key` is ignored.

    Args:
        body (MemoryRetrieveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, MemoryRetrieveResponse]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    body: MemoryRetrieveRequest,
) -> Response[Union[Error, MemoryRetrieveResponse]]:
    """Retrieve relevant memories

     Hybrid semantic and lexical search over the caller's workspace. Scores are in
    [0, 1], highest first. Expired temporal memories are excluded unless
    `include_expired` is true. Read-only: an `Idempotency-Key` is ignored.

    Args:
        body (MemoryRetrieveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, MemoryRetrieveResponse]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: Union[AuthenticatedClient, Client],
    body: MemoryRetrieveRequest,
) -> Optional[Union[Error, MemoryRetrieveResponse]]:
    """Retrieve relevant memories

     Hybrid semantic and lexical search over the caller's workspace. Scores are in
    [0, 1], highest first. Expired temporal memories are excluded unless
    `include_expired` is true. Read-only: an `Idempotency-Key` is ignored.

    Args:
        body (MemoryRetrieveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, MemoryRetrieveResponse]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
