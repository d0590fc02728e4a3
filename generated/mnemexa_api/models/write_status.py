from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.error import Error
    from ..models.memory_store_response import MemoryStoreResponse


T = TypeVar("T", bound="WriteStatus")

_ATTRIBUTES: dict[str, str] = {
    "write_id": "write_id",
    "status": "status",
    "result": "result",
    "error": "error",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class WriteStatus:
    """
    Attributes:
        write_id (str):
        status (str): `queued`, `processing`, `completed`, `failed` or `not_found`. `queued` and
            `processing` are pending; `completed` carries `result`, `failed` carries `error`;
            `not_found` when this workspace has no such write. Newer servers may add values.
        result (Union['MemoryStoreResponse', None]): What `store` returned for the write, once `completed`.
        error (Union['Error', None]): Why the write failed, once `failed`.
    """

    write_id: str
    status: str
    result: Union["MemoryStoreResponse", None]
    error: Union["Error", None]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error import Error
        from ..models.memory_store_response import MemoryStoreResponse

        write_id = self.write_id

        status = self.status

        result: Union[None, dict[str, Any]]
        if isinstance(self.result, MemoryStoreResponse):
            result = self.result.to_dict()
        else:
            result = self.result

        error: Union[None, dict[str, Any]]
        if isinstance(self.error, Error):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "write_id": write_id,
                "status": status,
                "result": result,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error import Error
        from ..models.memory_store_response import MemoryStoreResponse

        d = dict(src_dict)
        write_id = d.pop("write_id")

        status = d.pop("status")

        def _parse_result(data: object) -> Union["MemoryStoreResponse", None]:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = MemoryStoreResponse.from_dict(data)

                return result_type_0
            except:  # noqa: E722
                pass
            return cast(Union["MemoryStoreResponse", None], data)

        result = _parse_result(d.pop("result"))

        def _parse_error(data: object) -> Union["Error", None]:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = Error.from_dict(data)

                return error_type_0
            except:  # noqa: E722
                pass
            return cast(Union["Error", None], data)

        error = _parse_error(d.pop("error"))

        write_status = cls(
            write_id=write_id,
            status=status,
            result=result,
            error=error,
        )

        write_status.additional_properties = d
        return write_status

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
            raise TypeError(f"{key!r} is a declared field of WriteStatus: assign it instead")
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
