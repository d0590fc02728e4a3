from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.memory_store_request import MemoryStoreRequest


T = TypeVar("T", bound="MemoryStoreBatchRequest")


@_attrs_define
class MemoryStoreBatchRequest:
    """
    Attributes:
        items (list['MemoryStoreRequest']):
    """

    items: list["MemoryStoreRequest"]

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.memory_store_request import MemoryStoreRequest

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = MemoryStoreRequest.from_dict(items_item_data)

            items.append(items_item)

        memory_store_batch_request = cls(
            items=items,
        )

        return memory_store_batch_request
