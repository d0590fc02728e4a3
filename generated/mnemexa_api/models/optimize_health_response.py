from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.health_signals import HealthSignals


T = TypeVar("T", bound="OptimizeHealthResponse")


@_attrs_define
class OptimizeHealthResponse:
    """
    Attributes:
        quality_score (int): Overall memory quality, 0–100.
        signals (HealthSignals): The measurements the quality score is computed from.
    """

    quality_score: int
    signals: "HealthSignals"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        quality_score = self.quality_score

        signals = self.signals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "quality_score": quality_score,
                "signals": signals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_signals import HealthSignals

        d = dict(src_dict)
        quality_score = d.pop("quality_score")

        signals = HealthSignals.from_dict(d.pop("signals"))

        optimize_health_response = cls(
            quality_score=quality_score,
            signals=signals,
        )

        optimize_health_response.additional_properties = d
        return optimize_health_response

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
