from collections.abc import Mapping
from typing import Any, TypeVar, Union, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Dedup")


@_attrs_define
class Dedup:
    """What deduplication did with the memory.

    Attributes:
        action (str): `stored_new`, `duplicate_exact`, `duplicate`, `updated_existing` or `merged`.
            Newer servers may add actions, so treat unknown values as "stored".
        existing_id (Union[None, int]): The pre-existing memory's id when the action is a duplicate, update or merge.
    """

    action: str
    existing_id: Union[None, int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        existing_id: Union[None, int]
        existing_id = self.existing_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "existing_id": existing_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        def _parse_existing_id(data: object) -> Union[None, int]:
            if data is None:
                return data
            return cast(Union[None, int], data)

        existing_id = _parse_existing_id(d.pop("existing_id"))

        dedup = cls(
            action=action,
            existing_id=existing_id,
        )

        dedup.additional_properties = d
        return dedup

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
