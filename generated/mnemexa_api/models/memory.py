import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..types import UNSET, ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.memory_revision import MemoryRevision
    from ..models.meta import Meta
    from ..models.temporal import Temporal


T = TypeVar("T", bound="Memory")

_ATTRIBUTES: dict[str, str] = {
    "memory_id": "memory_id",
    "text": "text",
    "meta": "meta",
    "importance": "importance",
    "categories": "categories",
    "temporal": "temporal",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "agent_id": "agent_id",
    "user_id": "user_id",
    "session_id": "session_id",
    "role_id": "role_id",
    "team_id": "team_id",
    "observed_at": "observed_at",
    "source_event_ids": "source_event_ids",
    "history": "history",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class Memory:
    """
    Attributes:
        memory_id (int):
        text (str):
        meta (Meta): Free-form metadata attached to the memory and surfaced on retrieval. Limits, each
            answered with 422 `invalid_request`: at most 8 levels of nesting (`meta` itself is
            level 1, so `{"a": {"b": 1}}` has 2); at most 16,384 bytes as compact UTF-8 JSON;
            every key, at any level, at most 128 characters. Every accepted value reads back
            exactly as stored, integers of any size included (parse them with care in a
            language whose JSON numbers are doubles).
            `x-max-depth`, `x-max-json-bytes` and `x-max-key-length` state the limits that
            JSON Schema cannot express; the server enforces them.
        importance (int): Business value, 1 (low) to 10 (high).
        categories (list[str]):
        temporal (Temporal): Whether the memory is a durable fact or a time-bound state.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        agent_id (Union[None, Unset, str]): The agent the memory belongs to.
        user_id (Union[None, Unset, str]): The end user the memory is about (Memsy's `actor_id`).
        session_id (Union[None, Unset, str]): The conversation or session it came from.
        role_id (Union[None, Unset, str]): The role it applies to.
        team_id (Union[None, Unset, str]): The team it is shared with.
        observed_at (Union[Unset, datetime.datetime]): When the fact was said or seen (the store's time unless given).
        source_event_ids (Union[Unset, list[str]]): The ingested events this memory was made from (empty for a direct
            store).
        history (Union[Unset, list['MemoryRevision']]): Earlier texts of this memory, oldest first: kept whenever an
            update, a newer
            memory (`updated_existing`) or a merge replaced the text.
    """

    memory_id: int
    text: str
    meta: "Meta"
    importance: int
    categories: list[str]
    temporal: "Temporal"
    created_at: datetime.datetime
    updated_at: datetime.datetime
    agent_id: Union[None, Unset, str] = UNSET
    user_id: Union[None, Unset, str] = UNSET
    session_id: Union[None, Unset, str] = UNSET
    role_id: Union[None, Unset, str] = UNSET
    team_id: Union[None, Unset, str] = UNSET
    observed_at: Union[Unset, datetime.datetime] = UNSET
    source_event_ids: Union[Unset, list[str]] = UNSET
    history: Union[Unset, list["MemoryRevision"]] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        memory_id = self.memory_id

        text = self.text

        meta = self.meta.to_dict()

        importance = self.importance

        categories = self.categories

        temporal = self.temporal.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        agent_id: Union[None, Unset, str]
        if isinstance(self.agent_id, Unset):
            agent_id = UNSET
        else:
            agent_id = self.agent_id

        user_id: Union[None, Unset, str]
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        session_id: Union[None, Unset, str]
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        role_id: Union[None, Unset, str]
        if isinstance(self.role_id, Unset):
            role_id = UNSET
        else:
            role_id = self.role_id

        team_id: Union[None, Unset, str]
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        observed_at: Union[Unset, str] = UNSET
        if not isinstance(self.observed_at, Unset):
            observed_at = self.observed_at.isoformat()

        source_event_ids: Union[Unset, list[str]] = UNSET
        if not isinstance(self.source_event_ids, Unset):
            source_event_ids = self.source_event_ids

        history: Union[Unset, list[dict[str, Any]]] = UNSET
        if not isinstance(self.history, Unset):
            history = []
            for history_item_data in self.history:
                history_item = history_item_data.to_dict()
                history.append(history_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "memory_id": memory_id,
                "text": text,
                "meta": meta,
                "importance": importance,
                "categories": categories,
                "temporal": temporal,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
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
        if observed_at is not UNSET:
            field_dict["observed_at"] = observed_at
        if source_event_ids is not UNSET:
            field_dict["source_event_ids"] = source_event_ids
        if history is not UNSET:
            field_dict["history"] = history

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.memory_revision import MemoryRevision
        from ..models.meta import Meta
        from ..models.temporal import Temporal

        d = dict(src_dict)
        memory_id = d.pop("memory_id")

        text = d.pop("text")

        meta = Meta.from_dict(d.pop("meta"))

        importance = d.pop("importance")

        categories = cast(list[str], d.pop("categories"))

        temporal = Temporal.from_dict(d.pop("temporal"))

        created_at = isoparse(d.pop("created_at"))

        updated_at = isoparse(d.pop("updated_at"))

        def _parse_agent_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        agent_id = _parse_agent_id(d.pop("agent_id", UNSET))

        def _parse_user_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        def _parse_session_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_role_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        role_id = _parse_role_id(d.pop("role_id", UNSET))

        def _parse_team_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))

        _observed_at = d.pop("observed_at", UNSET)
        observed_at: Union[Unset, datetime.datetime]
        if isinstance(_observed_at, Unset):
            observed_at = UNSET
        else:
            observed_at = isoparse(_observed_at)

        source_event_ids = cast(list[str], d.pop("source_event_ids", UNSET))

        _history = d.pop("history", UNSET)
        history: Union[Unset, list["MemoryRevision"]] = UNSET
        if not isinstance(_history, Unset):
            history = []
            for history_item_data in _history or []:
                history_item = MemoryRevision.from_dict(history_item_data)

                history.append(history_item)

        memory = cls(
            memory_id=memory_id,
            text=text,
            meta=meta,
            importance=importance,
            categories=categories,
            temporal=temporal,
            created_at=created_at,
            updated_at=updated_at,
            agent_id=agent_id,
            user_id=user_id,
            session_id=session_id,
            role_id=role_id,
            team_id=team_id,
            observed_at=observed_at,
            source_event_ids=source_event_ids,
            history=history,
        )

        memory.additional_properties = d
        return memory

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        """The field ``key`` by its JSON name, declared or not; ``KeyError`` if the body has none."""
        attribute = _ATTRIBUTES.get(key)
        if attribute is None:
            return self.additional_properties[key]
        value = getattr(self, attribute)
        if isinstance(value, Unset):
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        attribute = _ATTRIBUTES.get(key) if isinstance(key, str) else None
        if attribute is None:
            return key in self.additional_properties
        return not isinstance(getattr(self, attribute), Unset)

    def __setitem__(self, key: str, value: Any) -> None:
        attribute = _ATTRIBUTES.get(key)
        if attribute is None:
            self.additional_properties[key] = value
        else:
            setattr(self, attribute, value)

    def __delitem__(self, key: str) -> None:
        if key in _ATTRIBUTES:
            raise TypeError(f"{key!r} is a declared field of Memory: assign it instead")
        del self.additional_properties[key]

    __iter__ = None  # a model is not a sequence: read its fields by name

    @property
    def response_info(self) -> Optional[ResponseInfo]:
        """The HTTP response this result was parsed from (None for a nested object)."""
        return self._response_info

    @property
    def request_id(self) -> Optional[str]:
        """The ``x-request-id`` of the response this result came from (None when nested)."""
        return None if self._response_info is None else self._response_info.request_id
