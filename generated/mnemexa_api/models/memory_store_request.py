import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..models.dedup_mode import DedupMode
from ..types import UNSET, ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.meta import Meta


T = TypeVar("T", bound="MemoryStoreRequest")

_ATTRIBUTES: dict[str, str] = {
    "text": "text",
    "meta": "meta",
    "dedup_mode": "dedup_mode",
    "agent_id": "agent_id",
    "user_id": "user_id",
    "session_id": "session_id",
    "role_id": "role_id",
    "team_id": "team_id",
    "observed_at": "observed_at",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class MemoryStoreRequest:
    """
    Attributes:
        text (str): The memory content, 1–10,000 characters, not only whitespace.
        meta (Union[Unset, Meta]): Free-form metadata attached to the memory and surfaced on retrieval. Limits, each
            answered with 422 `invalid_request`: at most 8 levels of nesting (`meta` itself is
            level 1, so `{"a": {"b": 1}}` has 2); at most 16,384 bytes as compact UTF-8 JSON;
            every key, at any level, at most 128 characters. Every accepted value reads back
            exactly as stored, integers of any size included (parse them with care in a
            language whose JSON numbers are doubles).
            `x-max-depth`, `x-max-json-bytes` and `x-max-key-length` state the limits that
            JSON Schema cannot express; the server enforces them.
        dedup_mode (Union[Unset, DedupMode]): How deduplication treats this memory. `auto`: exact and semantic dedup,
            with the merge decision for near duplicates. `exact`: only identical (normalised) text is a duplicate. `off`:
            always store a new memory. When omitted, the workspace's dedup mode applies, which is `auto` unless an operator
            changed it.
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
        observed_at (Union[Unset, datetime.datetime]): When the fact was said or seen (ISO 8601, years 1-9999 in UTC);
            defaults to the
            time of the store.
    """

    text: str
    meta: Union[Unset, "Meta"] = UNSET
    dedup_mode: Union[Unset, DedupMode] = UNSET
    agent_id: Union[Unset, str] = UNSET
    user_id: Union[Unset, str] = UNSET
    session_id: Union[Unset, str] = UNSET
    role_id: Union[Unset, str] = UNSET
    team_id: Union[Unset, str] = UNSET
    observed_at: Union[Unset, datetime.datetime] = UNSET
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        meta: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        dedup_mode: Union[Unset, str] = UNSET
        if not isinstance(self.dedup_mode, Unset):
            dedup_mode = self.dedup_mode.value

        agent_id = self.agent_id

        user_id = self.user_id

        session_id = self.session_id

        role_id = self.role_id

        team_id = self.team_id

        observed_at: Union[Unset, str] = UNSET
        if not isinstance(self.observed_at, Unset):
            observed_at = self.observed_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "text": text,
            }
        )
        if meta is not UNSET:
            field_dict["meta"] = meta
        if dedup_mode is not UNSET:
            field_dict["dedup_mode"] = dedup_mode
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meta import Meta

        d = dict(src_dict)
        text = d.pop("text")

        _meta = d.pop("meta", UNSET)
        meta: Union[Unset, Meta]
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = Meta.from_dict(_meta)

        _dedup_mode = d.pop("dedup_mode", UNSET)
        dedup_mode: Union[Unset, DedupMode]
        if isinstance(_dedup_mode, Unset):
            dedup_mode = UNSET
        else:
            dedup_mode = DedupMode(_dedup_mode)

        agent_id = d.pop("agent_id", UNSET)

        user_id = d.pop("user_id", UNSET)

        session_id = d.pop("session_id", UNSET)

        role_id = d.pop("role_id", UNSET)

        team_id = d.pop("team_id", UNSET)

        _observed_at = d.pop("observed_at", UNSET)
        observed_at: Union[Unset, datetime.datetime]
        if isinstance(_observed_at, Unset):
            observed_at = UNSET
        else:
            observed_at = isoparse(_observed_at)

        memory_store_request = cls(
            text=text,
            meta=meta,
            dedup_mode=dedup_mode,
            agent_id=agent_id,
            user_id=user_id,
            session_id=session_id,
            role_id=role_id,
            team_id=team_id,
            observed_at=observed_at,
        )

        return memory_store_request

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
