from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.scope_counts import ScopeCounts


T = TypeVar("T", bound="MemoryStatsByScope")

_ATTRIBUTES: dict[str, str] = {
    "agent_id": "agent_id",
    "user_id": "user_id",
    "session_id": "session_id",
    "role_id": "role_id",
    "team_id": "team_id",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class MemoryStatsByScope:
    """Memories per scope value, for each scope field.

    Attributes:
        agent_id (ScopeCounts): Memories per value of one scope field (the 100 most common values).
        user_id (ScopeCounts): Memories per value of one scope field (the 100 most common values).
        session_id (ScopeCounts): Memories per value of one scope field (the 100 most common values).
        role_id (ScopeCounts): Memories per value of one scope field (the 100 most common values).
        team_id (ScopeCounts): Memories per value of one scope field (the 100 most common values).
    """

    agent_id: "ScopeCounts"
    user_id: "ScopeCounts"
    session_id: "ScopeCounts"
    role_id: "ScopeCounts"
    team_id: "ScopeCounts"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id.to_dict()

        user_id = self.user_id.to_dict()

        session_id = self.session_id.to_dict()

        role_id = self.role_id.to_dict()

        team_id = self.team_id.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "user_id": user_id,
                "session_id": session_id,
                "role_id": role_id,
                "team_id": team_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scope_counts import ScopeCounts

        d = dict(src_dict)
        agent_id = ScopeCounts.from_dict(d.pop("agent_id"))

        user_id = ScopeCounts.from_dict(d.pop("user_id"))

        session_id = ScopeCounts.from_dict(d.pop("session_id"))

        role_id = ScopeCounts.from_dict(d.pop("role_id"))

        team_id = ScopeCounts.from_dict(d.pop("team_id"))

        memory_stats_by_scope = cls(
            agent_id=agent_id,
            user_id=user_id,
            session_id=session_id,
            role_id=role_id,
            team_id=team_id,
        )

        memory_stats_by_scope.additional_properties = d
        return memory_stats_by_scope

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
            raise TypeError(f"{key!r} is a declared field of MemoryStatsByScope: assign it instead")
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
