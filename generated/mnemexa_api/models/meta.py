from collections.abc import Mapping
from typing import Any, Iterator, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Meta")


@_attrs_define(eq=False)
class Meta(Mapping[str, Any]):
    """Free-form metadata attached to the memory and surfaced on retrieval. Limits, each
    answered with 422 `invalid_request`: at most 8 levels of nesting (`meta` itself is
    level 1, so `{"a": {"b": 1}}` has 2); at most 16,384 bytes as compact UTF-8 JSON;
    every key, at any level, at most 128 characters. Every accepted value reads back
    exactly as stored, integers of any size included (parse them with care in a
    language whose JSON numbers are doubles).
    `x-max-depth`, `x-max-json-bytes` and `x-max-key-length` state the limits that
    JSON Schema cannot express; the server enforces them.

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        meta = cls()

        meta.additional_properties = d
        return meta

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: object) -> bool:
        return key in self.additional_properties

    def __iter__(self) -> Iterator[str]:
        return iter(self.additional_properties)

    def __len__(self) -> int:
        return len(self.additional_properties)
