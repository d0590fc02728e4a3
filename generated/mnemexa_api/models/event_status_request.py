from collections.abc import Mapping
from typing import Any, Optional, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import ResponseInfo, Unset

T = TypeVar("T", bound="EventStatusRequest")

_ATTRIBUTES: dict[str, str] = {
    "event_ids": "event_ids",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class EventStatusRequest:
    """
    Attributes:
        event_ids (list[str]):
    """

    event_ids: list[str]
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        event_ids = self.event_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_ids": event_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_ids = cast(list[str], d.pop("event_ids"))

        event_status_request = cls(
            event_ids=event_ids,
        )

        return event_status_request

    def __getitem__(self, key: str) -> Any:
        """The field ``key`` by its JSON name, declared or not; ``KeyError`` if the body has none."""
        attribute = _ATTRIBUTES.get(key)
        if attribute is None:
            raise KeyError(key)
        value = getattr(self, attribute)
        if isinstance(value, Unset):
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        attribute = _ATTRIBUTES.get(key) if isinstance(key, str) else None
        if attribute is None:
            return False
        return not isinstance(getattr(self, attribute), Unset)

    __iter__ = None  # a model is not a sequence: read its fields by name

    @property
    def response_info(self) -> Optional[ResponseInfo]:
        """The HTTP response this result was parsed from (None for a nested object)."""
        return self._response_info

    @property
    def request_id(self) -> Optional[str]:
        """The ``x-request-id`` of the response this result came from (None when nested)."""
        return None if self._response_info is None else self._response_info.request_id
