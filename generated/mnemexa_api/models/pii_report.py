from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PiiReport")


@_attrs_define
class PiiReport:
    """What PII detection found, by type only (never the values). Blocking types
    (`password`, `credit_card`, `ssn`, `api_key`, `private_key`) are rejected with 422
    `pii_rejected` or, under a workspace's `redact` policy, replaced by `[REDACTED:<type>]`
    placeholders and listed in `redacted`. `email` and `phone` are reported in `detected`
    but stored as they are.

        Attributes:
            detected (list[str]): Every PII type found in the text.
            redacted (list[str]): The types replaced by placeholders before storing.
    """

    detected: list[str]
    redacted: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detected = self.detected

        redacted = self.redacted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detected": detected,
                "redacted": redacted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        detected = cast(list[str], d.pop("detected"))

        redacted = cast(list[str], d.pop("redacted"))

        pii_report = cls(
            detected=detected,
            redacted=redacted,
        )

        pii_report.additional_properties = d
        return pii_report

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
