from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.memory_store_batch_request import MemoryStoreBatchRequest
from ...models.memory_store_batch_response import MemoryStoreBatchResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: MemoryStoreBatchRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/memory/store_batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[Error, MemoryStoreBatchResponse]]:
    if response.status_code == 200:
        response_200 = MemoryStoreBatchResponse.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

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
) -> Response[Union[Error, MemoryStoreBatchResponse]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    body: MemoryStoreBatchRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Response[Union[Error, MemoryStoreBatchResponse]]:
    """Store up to 100 memories

     Runs each item through the memory pipeline in order. Each item gets its own result:
    one item failing (for example with `pii_rejected`) does not fail the others.

    Args:
        idempotency_key (Union[Unset, str]):
        body (MemoryStoreBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, MemoryStoreBatchResponse]]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: Union[AuthenticatedClient, Client],
    body: MemoryStoreBatchRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Optional[Union[Error, MemoryStoreBatchResponse]]:
    """Store up to 100 memories

     Runs each item through the memory pipeline in order. Each item gets its own result:
    one item failing (for example with `pii_rejected`) does not fail the others.

    Args:
        idempotency_key (Union[Unset, str]):
        body (MemoryStoreBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, MemoryStoreBatchResponse]
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    body: MemoryStoreBatchRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Response[Union[Error, MemoryStoreBatchResponse]]:
    """Store up to 100 memories

     Runs each item through the memory pipeline in order. Each item gets its own result:
    one item failing (for example with `pii_rejected`) does not fail the others.

    Args:
        idempotency_key (Union[Unset, str]):
        body (MemoryStoreBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, MemoryStoreBatchResponse]]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: Union[AuthenticatedClient, Client],
    body: MemoryStoreBatchRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Optional[Union[Error, MemoryStoreBatchResponse]]:
    """Store up to 100 memories

     Runs each item through the memory pipeline in order. Each item gets its own result:
    one item failing (for example with `pii_rejected`) does not fail the others.

    Args:
        idempotency_key (Union[Unset, str]):
        body (MemoryStoreBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, MemoryStoreBatchResponse]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
