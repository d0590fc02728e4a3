import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, Union, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="Temporal")


@_attrs_define
class Temporal:
    """Whether the memory is a durable fact or a time-bound state.

    Attributes:
        type_ (str): `persistent` (durable) or `temporal` (time-bound).
        raw_text (Union[None, str]): The text the classification was made from.
        valid_until (Union[None, datetime.datetime]): ISO 8601 expiry of a time-bound fact; null for persistent ones.
    """

    type_: str
    raw_text: Union[None, str]
    valid_until: Union[None, datetime.datetime]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        raw_text: Union[None, str]
        raw_text = self.raw_text

        valid_until: Union[None, str]
        if isinstance(self.valid_until, datetime.datetime):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "raw_text": raw_text,
                "valid_until": valid_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        def _parse_raw_text(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        raw_text = _parse_raw_text(d.pop("raw_text"))

        def _parse_valid_until(data: object) -> Union[None, datetime.datetime]:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = isoparse(data)

                return valid_until_type_0
            except:  # noqa: E722
                pass
            return cast(Union[None, datetime.datetime], data)

        valid_until = _parse_valid_until(d.pop("valid_until"))

        temporal = cls(
            type_=type_,
            raw_text=raw_text,
            valid_until=valid_until,
        )

        temporal.additional_properties = d
        return temporal

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
