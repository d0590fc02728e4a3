from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, Union

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meta import Meta


T = TypeVar("T", bound="MemoryStoreRequest")


@_attrs_define
class MemoryStoreRequest:
    """
    Attributes:
        text (str): The memory content, 1–10,000 characters.
        meta (Union[Unset, Meta]): Free-form metadata attached to the memory and surfaced on retrieval.
    """

    text: str
    meta: Union[Unset, "Meta"] = UNSET

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        meta: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "text": text,
            }
        )
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meta import Meta

        d = dict(src_dict)
        text = d.pop("text")

        _meta = d.pop("meta", UNSET)
        meta: Union[Unset, Meta]
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = Meta.from_dict(_meta)

        memory_store_request = cls(
            text=text,
            meta=meta,
        )

        return memory_store_request
