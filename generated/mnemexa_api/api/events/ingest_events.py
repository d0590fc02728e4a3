from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event_ingest_request import EventIngestRequest
from ...models.event_ingest_response import EventIngestResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: EventIngestRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/events",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[Error, EventIngestResponse]]:
    if response.status_code == 202:
        response_202 = EventIngestResponse.from_dict(response.json())

        return response_202

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
) -> Response[Union[Error, EventIngestResponse]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    body: EventIngestRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Response[Union[Error, EventIngestResponse]]:
    """Ingest events

     Accepts up to 100 events and answers 202 once they are durably written; a worker
    inside the server then turns each into a memory through the pipeline. The
    workspace's PII policy applies before anything is written. An event naming an
    unknown `session_id` starts that session; one naming an ended session gets 409
    `session_ended` (nothing is written).

    Args:
        idempotency_key (Union[Unset, str]):
        body (EventIngestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, EventIngestResponse]]
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
    body: EventIngestRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Optional[Union[Error, EventIngestResponse]]:
    """Ingest events

     Accepts up to 100 events and answers 202 once they are durably written; a worker
    inside the server then turns each into a memory through the pipeline. The
    workspace's PII policy applies before anything is written. An event naming an
    unknown `session_id` starts that session; one naming an ended session gets 409
    `session_ended` (nothing is written).

    Args:
        idempotency_key (Union[Unset, str]):
        body (EventIngestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, EventIngestResponse]
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: Union[AuthenticatedClient, Client],
    body: EventIngestRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Response[Union[Error, EventIngestResponse]]:
    """Ingest events

     Accepts up to 100 events and answers 202 once they are durably written; a worker
    inside the server then turns each into a memory through the pipeline. The
    workspace's PII policy applies before anything is written. An event naming an
    unknown `session_id` starts that session; one naming an ended session gets 409
    `session_ended` (nothing is written).

    Args:
        idempotency_key (Union[Unset, str]):
        body (EventIngestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, EventIngestResponse]]
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
    body: EventIngestRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Optional[Union[Error, EventIngestResponse]]:
    """Ingest events

     Accepts up to 100 events and answers 202 once they are durably written; a worker
    inside the server then turns each into a memory through the pipeline. The
    workspace's PII policy applies before anything is written. An event naming an
    unknown `session_id` starts that session; one naming an ended session gets 409
    `session_ended` (nothing is written).

    Args:
        idempotency_key (Union[Unset, str]):
        body (EventIngestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, EventIngestResponse]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
