from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.memory_stats_by_category import MemoryStatsByCategory
    from ..models.memory_stats_by_scope import MemoryStatsByScope


T = TypeVar("T", bound="MemoryStats")

_ATTRIBUTES: dict[str, str] = {
    "total": "total",
    "avg_importance": "avg_importance",
    "by_category": "by_category",
    "by_scope": "by_scope",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class MemoryStats:
    """
    Attributes:
        total (int): Memories matching the filters.
        avg_importance (float): Their mean importance; 0 when there are none.
        by_category (MemoryStatsByCategory): Memories per category.
        by_scope (MemoryStatsByScope): Memories per scope value, for each scope field.
    """

    total: int
    avg_importance: float
    by_category: "MemoryStatsByCategory"
    by_scope: "MemoryStatsByScope"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        avg_importance = self.avg_importance

        by_category = self.by_category.to_dict()

        by_scope = self.by_scope.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "avg_importance": avg_importance,
                "by_category": by_category,
                "by_scope": by_scope,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.memory_stats_by_category import MemoryStatsByCategory
        from ..models.memory_stats_by_scope import MemoryStatsByScope

        d = dict(src_dict)
        total = d.pop("total")

        avg_importance = d.pop("avg_importance")

        by_category = MemoryStatsByCategory.from_dict(d.pop("by_category"))

        by_scope = MemoryStatsByScope.from_dict(d.pop("by_scope"))

        memory_stats = cls(
            total=total,
            avg_importance=avg_importance,
            by_category=by_category,
            by_scope=by_scope,
        )

        memory_stats.additional_properties = d
        return memory_stats

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
            raise TypeError(f"{key!r} is a declared field of MemoryStats: assign it instead")
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
