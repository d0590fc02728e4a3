from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.memory_store_batch_result_error import MemoryStoreBatchResultError
    from ..models.memory_store_batch_result_ok import MemoryStoreBatchResultOk


T = TypeVar("T", bound="MemoryStoreBatchResponse")

_ATTRIBUTES: dict[str, str] = {
    "results": "results",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class MemoryStoreBatchResponse:
    """
    Attributes:
        results (list[Union['MemoryStoreBatchResultError', 'MemoryStoreBatchResultOk']]):
    """

    results: list[Union["MemoryStoreBatchResultError", "MemoryStoreBatchResultOk"]]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        from ..models.memory_store_batch_result_ok import MemoryStoreBatchResultOk

        results = []
        for results_item_data in self.results:
            results_item: dict[str, Any]
            if isinstance(results_item_data, MemoryStoreBatchResultOk):
                results_item = results_item_data.to_dict()
            else:
                results_item = results_item_data.to_dict()

            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.memory_store_batch_result_error import MemoryStoreBatchResultError
        from ..models.memory_store_batch_result_ok import MemoryStoreBatchResultOk

        d = dict(src_dict)
        _results = d.pop("results")
        results = []
        for results_item_data in _results:

            def _parse_results_item(data: object) -> Union["MemoryStoreBatchResultError", "MemoryStoreBatchResultOk"]:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_memory_store_batch_result_type_0 = MemoryStoreBatchResultOk.from_dict(data)

                    return componentsschemas_memory_store_batch_result_type_0
                except:  # noqa: E722
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_memory_store_batch_result_type_1 = MemoryStoreBatchResultError.from_dict(data)

                return componentsschemas_memory_store_batch_result_type_1

            results_item = _parse_results_item(results_item_data)

            results.append(results_item)

        memory_store_batch_response = cls(
            results=results,
        )

        memory_store_batch_response.additional_properties = d
        return memory_store_batch_response

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
            raise TypeError(f"{key!r} is a declared field of MemoryStoreBatchResponse: assign it instead")
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
