import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..models.event_kind import EventKind
from ..types import UNSET, ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.meta import Meta


T = TypeVar("T", bound="EventIn")

_ATTRIBUTES: dict[str, str] = {
    "user_id": "user_id",
    "session_id": "session_id",
    "kind": "kind",
    "content": "content",
    "ts": "ts",
    "meta": "meta",
    "agent_id": "agent_id",
    "role_id": "role_id",
    "team_id": "team_id",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class EventIn:
    """
    Attributes:
        user_id (str): A scope value: 1-128 characters, matched exactly, without `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field never
            matches a filter on it; scope fields have no hierarchy between them.
        session_id (str): A scope value: 1-128 characters, matched exactly, without `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field never
            matches a filter on it; scope fields have no hierarchy between them.
        kind (EventKind):
        content (str): The event's text, 1–10,000 characters, not only whitespace.
        ts (Union[Unset, datetime.datetime]): When it happened (default now); the memory's `observed_at`.
        meta (Union[Unset, Meta]): Free-form metadata attached to the memory and surfaced on retrieval. Limits, each
            answered with 422 `invalid_request`: at most 8 levels of nesting (`meta` itself is
            level 1, so `{"a": {"b": 1}}` has 2); at most 16,384 bytes as compact UTF-8 JSON;
            every key, at any level, at most 128 characters. Every accepted value reads back
            exactly as stored, integers of any size included (parse them with care in a
            language whose JSON numbers are doubles).
            `x-max-depth`, `x-max-json-bytes` and `x-max-key-length` state the limits that
            JSON Schema cannot express; the server enforces them.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without `/`, `%` or control
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
    """

    user_id: str
    session_id: str
    kind: EventKind
    content: str
    ts: Union[Unset, datetime.datetime] = UNSET
    meta: Union[Unset, "Meta"] = UNSET
    agent_id: Union[Unset, str] = UNSET
    role_id: Union[Unset, str] = UNSET
    team_id: Union[Unset, str] = UNSET
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        session_id = self.session_id

        kind = self.kind.value

        content = self.content

        ts: Union[Unset, str] = UNSET
        if not isinstance(self.ts, Unset):
            ts = self.ts.isoformat()

        meta: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        agent_id = self.agent_id

        role_id = self.role_id

        team_id = self.team_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "session_id": session_id,
                "kind": kind,
                "content": content,
            }
        )
        if ts is not UNSET:
            field_dict["ts"] = ts
        if meta is not UNSET:
            field_dict["meta"] = meta
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if role_id is not UNSET:
            field_dict["role_id"] = role_id
        if team_id is not UNSET:
            field_dict["team_id"] = team_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meta import Meta

        d = dict(src_dict)
        user_id = d.pop("user_id")

        session_id = d.pop("session_id")

        kind = EventKind(d.pop("kind"))

        content = d.pop("content")

        _ts = d.pop("ts", UNSET)
        ts: Union[Unset, datetime.datetime]
        if isinstance(_ts, Unset):
            ts = UNSET
        else:
            ts = isoparse(_ts)

        _meta = d.pop("meta", UNSET)
        meta: Union[Unset, Meta]
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = Meta.from_dict(_meta)

        agent_id = d.pop("agent_id", UNSET)

        role_id = d.pop("role_id", UNSET)

        team_id = d.pop("team_id", UNSET)

        event_in = cls(
            user_id=user_id,
            session_id=session_id,
            kind=kind,
            content=content,
            ts=ts,
            meta=meta,
            agent_id=agent_id,
            role_id=role_id,
            team_id=team_id,
        )

        return event_in

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
