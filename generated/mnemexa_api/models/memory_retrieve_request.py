import datetime
from collections.abc import Mapping
from typing import Any, Optional, TypeVar, Union

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..types import UNSET, ResponseInfo, Unset

T = TypeVar("T", bound="MemoryRetrieveRequest")

_ATTRIBUTES: dict[str, str] = {
    "query": "query",
    "top_k": "top_k",
    "min_score": "min_score",
    "include_expired": "include_expired",
    "include_source_events": "include_source_events",
    "agent_id": "agent_id",
    "user_id": "user_id",
    "session_id": "session_id",
    "role_id": "role_id",
    "team_id": "team_id",
    "category": "category",
    "min_importance": "min_importance",
    "created_after": "created_after",
    "created_before": "created_before",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class MemoryRetrieveRequest:
    """
    Attributes:
        query (str): What to look for, in natural language; not only whitespace.
        top_k (Union[Unset, int]): The most memories to return. Default: 5.
        min_score (Union[Unset, float]): Leave out memories scoring below this. Default: 0.0.
        include_expired (Union[Unset, bool]): Also return temporal memories whose `valid_until` has passed. Default:
            False.
        include_source_events (Union[Unset, bool]): Attach each memory's source events (`source_events`). Default:
            False.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field never
            matches a filter on it; scope fields have no hierarchy between them.
        user_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field never
            matches a filter on it; scope fields have no hierarchy between them.
        session_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field never
            matches a filter on it; scope fields have no hierarchy between them.
        role_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field never
            matches a filter on it; scope fields have no hierarchy between them.
        team_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field never
            matches a filter on it; scope fields have no hierarchy between them.
        category (Union[Unset, str]): Only memories tagged with this category.
        min_importance (Union[Unset, int]): Only memories with at least this importance.
        created_after (Union[Unset, datetime.datetime]): Only memories created at or after this instant (years 1-9999 in
            UTC).
        created_before (Union[Unset, datetime.datetime]): Only memories created before this instant (years 1-9999 in
            UTC).
    """

    query: str
    top_k: Union[Unset, int] = 5
    min_score: Union[Unset, float] = 0.0
    include_expired: Union[Unset, bool] = False
    include_source_events: Union[Unset, bool] = False
    agent_id: Union[Unset, str] = UNSET
    user_id: Union[Unset, str] = UNSET
    session_id: Union[Unset, str] = UNSET
    role_id: Union[Unset, str] = UNSET
    team_id: Union[Unset, str] = UNSET
    category: Union[Unset, str] = UNSET
    min_importance: Union[Unset, int] = UNSET
    created_after: Union[Unset, datetime.datetime] = UNSET
    created_before: Union[Unset, datetime.datetime] = UNSET
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        query = self.query

        top_k = self.top_k

        min_score = self.min_score

        include_expired = self.include_expired

        include_source_events = self.include_source_events

        agent_id = self.agent_id

        user_id = self.user_id

        session_id = self.session_id

        role_id = self.role_id

        team_id = self.team_id

        category = self.category

        min_importance = self.min_importance

        created_after: Union[Unset, str] = UNSET
        if not isinstance(self.created_after, Unset):
            created_after = self.created_after.isoformat()

        created_before: Union[Unset, str] = UNSET
        if not isinstance(self.created_before, Unset):
            created_before = self.created_before.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "query": query,
            }
        )
        if top_k is not UNSET:
            field_dict["top_k"] = top_k
        if min_score is not UNSET:
            field_dict["min_score"] = min_score
        if include_expired is not UNSET:
            field_dict["include_expired"] = include_expired
        if include_source_events is not UNSET:
            field_dict["include_source_events"] = include_source_events
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if role_id is not UNSET:
            field_dict["role_id"] = role_id
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if category is not UNSET:
            field_dict["category"] = category
        if min_importance is not UNSET:
            field_dict["min_importance"] = min_importance
        if created_after is not UNSET:
            field_dict["created_after"] = created_after
        if created_before is not UNSET:
            field_dict["created_before"] = created_before

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        query = d.pop("query")

        top_k = d.pop("top_k", UNSET)

        min_score = d.pop("min_score", UNSET)

        include_expired = d.pop("include_expired", UNSET)

        include_source_events = d.pop("include_source_events", UNSET)

        agent_id = d.pop("agent_id", UNSET)

        user_id = d.pop("user_id", UNSET)

        session_id = d.pop("session_id", UNSET)

        role_id = d.pop("role_id", UNSET)

        team_id = d.pop("team_id", UNSET)

        category = d.pop("category", UNSET)

        min_importance = d.pop("min_importance", UNSET)

        _created_after = d.pop("created_after", UNSET)
        created_after: Union[Unset, datetime.datetime]
        if isinstance(_created_after, Unset):
            created_after = UNSET
        else:
            created_after = isoparse(_created_after)

        _created_before = d.pop("created_before", UNSET)
        created_before: Union[Unset, datetime.datetime]
        if isinstance(_created_before, Unset):
            created_before = UNSET
        else:
            created_before = isoparse(_created_before)

        memory_retrieve_request = cls(
            query=query,
            top_k=top_k,
            min_score=min_score,
            include_expired=include_expired,
            include_source_events=include_source_events,
            agent_id=agent_id,
            user_id=user_id,
            session_id=session_id,
            role_id=role_id,
            team_id=team_id,
            category=category,
            min_importance=min_importance,
            created_after=created_after,
            created_before=created_before,
        )

        return memory_retrieve_request

    def __getitem__(self, key: str) -> Any:
        """The field ``key`` by its JSON name, declared or not; ``KeyError`` if the body has none."""
        attribute = _ATTRIBUTES.get(key)
        if attribute is None:
            raise KeyError(key)
        value = getattr(self, attribute)
        if isinstance(value, Unset):
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        attribute = _ATTRIBUTES.get(key) if isinstance(key, str) else None
        if attribute is None:
            return False
        return not isinstance(getattr(self, attribute), Unset)

    __iter__ = None  # a model is not a sequence: read its fields by name

    @property
    def response_info(self) -> Optional[ResponseInfo]:
        """The HTTP response this result was parsed from (None for a nested object)."""
        return self._response_info

    @property
    def request_id(self) -> Optional[str]:
        """The ``x-request-id`` of the response this result came from (None when nested)."""
        return None if self._response_info is None else self._response_info.request_id
