from collections.abc import Mapping
from typing import Any, Optional, TypeVar, Union

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, ResponseInfo, Unset

T = TypeVar("T", bound="MemoryDeleteManyRequest")

_ATTRIBUTES: dict[str, str] = {
    "agent_id": "agent_id",
    "user_id": "user_id",
    "session_id": "session_id",
    "role_id": "role_id",
    "team_id": "team_id",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class MemoryDeleteManyRequest:
    """The scope to erase; at least one field.

    Attributes:
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
    """

    agent_id: Union[Unset, str] = UNSET
    user_id: Union[Unset, str] = UNSET
    session_id: Union[Unset, str] = UNSET
    role_id: Union[Unset, str] = UNSET
    team_id: Union[Unset, str] = UNSET
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        user_id = self.user_id

        session_id = self.session_id

        role_id = self.role_id

        team_id = self.team_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id", UNSET)

        user_id = d.pop("user_id", UNSET)

        session_id = d.pop("session_id", UNSET)

        role_id = d.pop("role_id", UNSET)

        team_id = d.pop("team_id", UNSET)

        memory_delete_many_request = cls(
            agent_id=agent_id,
            user_id=user_id,
            session_id=session_id,
            role_id=role_id,
            team_id=team_id,
        )

        return memory_delete_many_request

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
