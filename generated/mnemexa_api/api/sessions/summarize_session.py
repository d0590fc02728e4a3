from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.session_summarize_request import SessionSummarizeRequest
from ...models.session_summary import SessionSummary
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    *,
    body: SessionSummarizeRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sessions/{session_id}/summarize".format(
            session_id=session_id,
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[Error, SessionSummary]]:
    if response.status_code == 200:
        response_200 = SessionSummary.from_dict(response.json())

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
) -> Response[Union[Error, SessionSummary]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
    body: SessionSummarizeRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Response[Union[Error, SessionSummary]]:
    """Summarize a session

     Summarizes the session's memories that the filters (`agent_id`, `user_id`) let
    through, all of them without filters, and keeps the summary on the session as its
    latest summary. A session can hold memories of several agents and users (each
    memory keeps its own); a summary with filters reads no memory outside them. The
    default summarizer is extractive (local and deterministic); an OpenAI-compatible
    chat endpoint can replace it by configuration.

    Args:
        session_id (str): A scope value: 1-128 characters, matched exactly, without `/`, `%` or
            control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        idempotency_key (Union[Unset, str]):
        body (SessionSummarizeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, SessionSummary]]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
    body: SessionSummarizeRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Optional[Union[Error, SessionSummary]]:
    """Summarize a session

     Summarizes the session's memories that the filters (`agent_id`, `user_id`) let
    through, all of them without filters, and keeps the summary on the session as its
    latest summary. A session can hold memories of several agents and users (each
    memory keeps its own); a summary with filters reads no memory outside them. The
    default summarizer is extractive (local and deterministic); an OpenAI-compatible
    chat endpoint can replace it by configuration.

    Args:
        session_id (str): A scope value: 1-128 characters, matched exactly, without `/`, `%` or
            control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        idempotency_key (Union[Unset, str]):
        body (SessionSummarizeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, SessionSummary]
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
    body: SessionSummarizeRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Response[Union[Error, SessionSummary]]:
    """Summarize a session

     Summarizes the session's memories that the filters (`agent_id`, `user_id`) let
    through, all of them without filters, and keeps the summary on the session as its
    latest summary. A session can hold memories of several agents and users (each
    memory keeps its own); a summary with filters reads no memory outside them. The
    default summarizer is extractive (local and deterministic); an OpenAI-compatible
    chat endpoint can replace it by configuration.

    Args:
        session_id (str): A scope value: 1-128 characters, matched exactly, without `/`, `%` or
            control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        idempotency_key (Union[Unset, str]):
        body (SessionSummarizeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[Error, SessionSummary]]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: Union[AuthenticatedClient, Client],
    body: SessionSummarizeRequest,
    idempotency_key: Union[Unset, str] = UNSET,
) -> Optional[Union[Error, SessionSummary]]:
    """Summarize a session

     Summarizes the session's memories that the filters (`agent_id`, `user_id`) let
    through, all of them without filters, and keeps the summary on the session as its
    latest summary. A session can hold memories of several agents and users (each
    memory keeps its own); a summary with filters reads no memory outside them. The
    default summarizer is extractive (local and deterministic); an OpenAI-compatible
    chat endpoint can replace it by configuration.

    Args:
        session_id (str): A scope value: 1-128 characters, matched exactly, without `/`, `%` or
            control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field
            never
            matches a filter on it; scope fields have no hierarchy between them.
        idempotency_key (Union[Unset, str]):
        body (SessionSummarizeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[Error, SessionSummary]
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
