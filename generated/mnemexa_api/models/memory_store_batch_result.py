from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, Union

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error import Error
    from ..models.memory_store_response import MemoryStoreResponse


T = TypeVar("T", bound="MemoryStoreBatchResult")


@_attrs_define
class MemoryStoreBatchResult:
    """The outcome of one batch item. Exactly one of `result` and `error` is set.

    Attributes:
        index (int): The item's position in the request, from 0.
        status (str): "ok" or "error".
        result (Union[Unset, MemoryStoreResponse]):
        error (Union[Unset, Error]): The body of every 4xx and 5xx response.
    """

    index: int
    status: str
    result: Union[Unset, "MemoryStoreResponse"] = UNSET
    error: Union[Unset, "Error"] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        status = self.status

        result: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        error: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "status": status,
            }
        )
        if result is not UNSET:
            field_dict["result"] = result
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error import Error
        from ..models.memory_store_response import MemoryStoreResponse

        d = dict(src_dict)
        index = d.pop("index")

        status = d.pop("status")

        _result = d.pop("result", UNSET)
        result: Union[Unset, MemoryStoreResponse]
        if isinstance(_result, Unset):
            result = UNSET
        else:
            result = MemoryStoreResponse.from_dict(_result)

        _error = d.pop("error", UNSET)
        error: Union[Unset, Error]
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = Error.from_dict(_error)

        memory_store_batch_result = cls(
            index=index,
            status=status,
            result=result,
            error=error,
        )

        memory_store_batch_result.additional_properties = d
        return memory_store_batch_result

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
