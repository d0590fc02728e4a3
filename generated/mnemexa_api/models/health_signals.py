from collections.abc import Mapping
from typing import Any, Optional, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import ResponseInfo, Unset

T = TypeVar("T", bound="HealthSignals")

_ATTRIBUTES: dict[str, str] = {
    "total_memories": "total_memories",
    "active_memories": "active_memories",
    "expired_memories": "expired_memories",
    "avg_importance": "avg_importance",
    "categorized_ratio": "categorized_ratio",
    "duplicates_prevented": "duplicates_prevented",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class HealthSignals:
    """The measurements the quality score is computed from.

    Attributes:
        total_memories (int): Memories stored in the workspace.
        active_memories (int): Memories that are persistent or not yet expired.
        expired_memories (int): Temporal memories past their `valid_until`.
        avg_importance (float): Mean importance of active memories; 0 when there are none.
        categorized_ratio (float): Share of memories with at least one category.
        duplicates_prevented (int): Stores that deduplication answered with an existing memory.
    """

    total_memories: int
    active_memories: int
    expired_memories: int
    avg_importance: float
    categorized_ratio: float
    duplicates_prevented: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        total_memories = self.total_memories

        active_memories = self.active_memories

        expired_memories = self.expired_memories

        avg_importance = self.avg_importance

        categorized_ratio = self.categorized_ratio

        duplicates_prevented = self.duplicates_prevented

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total_memories": total_memories,
                "active_memories": active_memories,
                "expired_memories": expired_memories,
                "avg_importance": avg_importance,
                "categorized_ratio": categorized_ratio,
                "duplicates_prevented": duplicates_prevented,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total_memories = d.pop("total_memories")

        active_memories = d.pop("active_memories")

        expired_memories = d.pop("expired_memories")

        avg_importance = d.pop("avg_importance")

        categorized_ratio = d.pop("categorized_ratio")

        duplicates_prevented = d.pop("duplicates_prevented")

        health_signals = cls(
            total_memories=total_memories,
            active_memories=active_memories,
            expired_memories=expired_memories,
            avg_importance=avg_importance,
            categorized_ratio=categorized_ratio,
            duplicates_prevented=duplicates_prevented,
        )

        health_signals.additional_properties = d
        return health_signals

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
            raise TypeError(f"{key!r} is a declared field of HealthSignals: assign it instead")
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
