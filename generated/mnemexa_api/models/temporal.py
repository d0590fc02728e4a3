import datetime
from collections.abc import Mapping
from typing import Any, Optional, TypeVar, Union, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..types import ResponseInfo, Unset

T = TypeVar("T", bound="Temporal")

_ATTRIBUTES: dict[str, str] = {
    "type": "type_",
    "raw_text": "raw_text",
    "valid_until": "valid_until",
}
"""The attribute holding each declared field, by the field's JSON name."""
_TypeOf_type_ = str


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
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

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
            raise TypeError(f"{key!r} is a declared field of Temporal: assign it instead")
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

    @property
    def type(self) -> _TypeOf_type_:
        """``type_``, under its JSON name ``type``."""
        return self.type_
