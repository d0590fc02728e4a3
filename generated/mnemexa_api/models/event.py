import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..types import ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.meta import Meta


T = TypeVar("T", bound="Event")

_ATTRIBUTES: dict[str, str] = {
    "event_id": "event_id",
    "kind": "kind",
    "content": "content",
    "user_id": "user_id",
    "session_id": "session_id",
    "agent_id": "agent_id",
    "role_id": "role_id",
    "team_id": "team_id",
    "ts": "ts",
    "meta": "meta",
    "status": "status",
    "memory_id": "memory_id",
    "created_at": "created_at",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class Event:
    """
    Attributes:
        event_id (str):
        kind (str): `user_message`, `assistant_message`, `tool_result` or `app_event`. Newer servers
            may add kinds.
        content (str): The text as stored (after PII redaction, if any).
        user_id (str):
        session_id (str):
        agent_id (Union[None, str]): A scope value, or null when the field is not set.
        role_id (Union[None, str]): A scope value, or null when the field is not set.
        team_id (Union[None, str]): A scope value, or null when the field is not set.
        ts (datetime.datetime):
        meta (Meta): Free-form metadata attached to the memory and surfaced on retrieval. Limits, each
            answered with 422 `invalid_request`: at most 8 levels of nesting (`meta` itself is
            level 1, so `{"a": {"b": 1}}` has 2); at most 16,384 bytes as compact UTF-8 JSON;
            every key, at any level, at most 128 characters. Every accepted value reads back
            exactly as stored, integers of any size included (parse them with care in a
            language whose JSON numbers are doubles).
            `x-max-depth`, `x-max-json-bytes` and `x-max-key-length` state the limits that
            JSON Schema cannot express; the server enforces them.
        status (str): `queued`, `processing`, `completed` or `failed`.
        memory_id (Union[None, int]): The memory the event became (or was folded into), once completed.
        created_at (datetime.datetime):
    """

    event_id: str
    kind: str
    content: str
    user_id: str
    session_id: str
    agent_id: Union[None, str]
    role_id: Union[None, str]
    team_id: Union[None, str]
    ts: datetime.datetime
    meta: "Meta"
    status: str
    memory_id: Union[None, int]
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        kind = self.kind

        content = self.content

        user_id = self.user_id

        session_id = self.session_id

        agent_id: Union[None, str]
        agent_id = self.agent_id

        role_id: Union[None, str]
        role_id = self.role_id

        team_id: Union[None, str]
        team_id = self.team_id

        ts = self.ts.isoformat()

        meta = self.meta.to_dict()

        status = self.status

        memory_id: Union[None, int]
        memory_id = self.memory_id

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "kind": kind,
                "content": content,
                "user_id": user_id,
                "session_id": session_id,
                "agent_id": agent_id,
                "role_id": role_id,
                "team_id": team_id,
                "ts": ts,
                "meta": meta,
                "status": status,
                "memory_id": memory_id,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meta import Meta

        d = dict(src_dict)
        event_id = d.pop("event_id")

        kind = d.pop("kind")

        content = d.pop("content")

        user_id = d.pop("user_id")

        session_id = d.pop("session_id")

        def _parse_agent_id(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        agent_id = _parse_agent_id(d.pop("agent_id"))

        def _parse_role_id(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        role_id = _parse_role_id(d.pop("role_id"))

        def _parse_team_id(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        team_id = _parse_team_id(d.pop("team_id"))

        ts = isoparse(d.pop("ts"))

        meta = Meta.from_dict(d.pop("meta"))

        status = d.pop("status")

        def _parse_memory_id(data: object) -> Union[None, int]:
            if data is None:
                return data
            return cast(Union[None, int], data)

        memory_id = _parse_memory_id(d.pop("memory_id"))

        created_at = isoparse(d.pop("created_at"))

        event = cls(
            event_id=event_id,
            kind=kind,
            content=content,
            user_id=user_id,
            session_id=session_id,
            agent_id=agent_id,
            role_id=role_id,
            team_id=team_id,
            ts=ts,
            meta=meta,
            status=status,
            memory_id=memory_id,
            created_at=created_at,
        )

        event.additional_properties = d
        return event

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
            raise TypeError(f"{key!r} is a declared field of Event: assign it instead")
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
