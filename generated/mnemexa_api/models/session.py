import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..types import ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.meta import Meta


T = TypeVar("T", bound="Session")

_ATTRIBUTES: dict[str, str] = {
    "session_id": "session_id",
    "agent_id": "agent_id",
    "user_id": "user_id",
    "meta": "meta",
    "status": "status",
    "memory_count": "memory_count",
    "first_activity_at": "first_activity_at",
    "last_activity_at": "last_activity_at",
    "summary": "summary",
    "created_at": "created_at",
    "ended_at": "ended_at",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class Session:
    """
    Attributes:
        session_id (str):
        agent_id (Union[None, str]): A scope value, or null when the field is not set.
        user_id (Union[None, str]): A scope value, or null when the field is not set.
        meta (Meta): Free-form metadata attached to the memory and surfaced on retrieval. Limits, each
            answered with 422 `invalid_request`: at most 8 levels of nesting (`meta` itself is
            level 1, so `{"a": {"b": 1}}` has 2); at most 16,384 bytes as compact UTF-8 JSON;
            every key, at any level, at most 128 characters. Every accepted value reads back
            exactly as stored, integers of any size included (parse them with care in a
            language whose JSON numbers are doubles).
            `x-max-depth`, `x-max-json-bytes` and `x-max-key-length` state the limits that
            JSON Schema cannot express; the server enforces them.
        status (str): `open` or `ended`.
        memory_count (int): Memories whose `session_id` is this session's.
        first_activity_at (Union[None, datetime.datetime]): The first store or event into the session.
        last_activity_at (Union[None, datetime.datetime]): The latest store or event into the session.
        summary (Union[None, str]): The latest summary, if the session was summarized.
        created_at (datetime.datetime):
        ended_at (Union[None, datetime.datetime]):
    """

    session_id: str
    agent_id: Union[None, str]
    user_id: Union[None, str]
    meta: "Meta"
    status: str
    memory_count: int
    first_activity_at: Union[None, datetime.datetime]
    last_activity_at: Union[None, datetime.datetime]
    summary: Union[None, str]
    created_at: datetime.datetime
    ended_at: Union[None, datetime.datetime]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        agent_id: Union[None, str]
        agent_id = self.agent_id

        user_id: Union[None, str]
        user_id = self.user_id

        meta = self.meta.to_dict()

        status = self.status

        memory_count = self.memory_count

        first_activity_at: Union[None, str]
        if isinstance(self.first_activity_at, datetime.datetime):
            first_activity_at = self.first_activity_at.isoformat()
        else:
            first_activity_at = self.first_activity_at

        last_activity_at: Union[None, str]
        if isinstance(self.last_activity_at, datetime.datetime):
            last_activity_at = self.last_activity_at.isoformat()
        else:
            last_activity_at = self.last_activity_at

        summary: Union[None, str]
        summary = self.summary

        created_at = self.created_at.isoformat()

        ended_at: Union[None, str]
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "agent_id": agent_id,
                "user_id": user_id,
                "meta": meta,
                "status": status,
                "memory_count": memory_count,
                "first_activity_at": first_activity_at,
                "last_activity_at": last_activity_at,
                "summary": summary,
                "created_at": created_at,
                "ended_at": ended_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meta import Meta

        d = dict(src_dict)
        session_id = d.pop("session_id")

        def _parse_agent_id(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        agent_id = _parse_agent_id(d.pop("agent_id"))

        def _parse_user_id(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        user_id = _parse_user_id(d.pop("user_id"))

        meta = Meta.from_dict(d.pop("meta"))

        status = d.pop("status")

        memory_count = d.pop("memory_count")

        def _parse_first_activity_at(data: object) -> Union[None, datetime.datetime]:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_activity_at_type_0 = isoparse(data)

                return first_activity_at_type_0
            except:  # noqa: E722
                pass
            return cast(Union[None, datetime.datetime], data)

        first_activity_at = _parse_first_activity_at(d.pop("first_activity_at"))

        def _parse_last_activity_at(data: object) -> Union[None, datetime.datetime]:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_activity_at_type_0 = isoparse(data)

                return last_activity_at_type_0
            except:  # noqa: E722
                pass
            return cast(Union[None, datetime.datetime], data)

        last_activity_at = _parse_last_activity_at(d.pop("last_activity_at"))

        def _parse_summary(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        summary = _parse_summary(d.pop("summary"))

        created_at = isoparse(d.pop("created_at"))

        def _parse_ended_at(data: object) -> Union[None, datetime.datetime]:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = isoparse(data)

                return ended_at_type_0
            except:  # noqa: E722
                pass
            return cast(Union[None, datetime.datetime], data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        session = cls(
            session_id=session_id,
            agent_id=agent_id,
            user_id=user_id,
            meta=meta,
            status=status,
            memory_count=memory_count,
            first_activity_at=first_activity_at,
            last_activity_at=last_activity_at,
            summary=summary,
            created_at=created_at,
            ended_at=ended_at,
        )

        session.additional_properties = d
        return session

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
            raise TypeError(f"{key!r} is a declared field of Session: assign it instead")
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
