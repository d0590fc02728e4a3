from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HealthSignals")


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
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
