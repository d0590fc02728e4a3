from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.dedup import Dedup
    from ..models.pii_report import PiiReport
    from ..models.temporal import Temporal


T = TypeVar("T", bound="MemoryStoreResponse")

_ATTRIBUTES: dict[str, str] = {
    "status": "status",
    "memory_id": "memory_id",
    "workspace_id": "workspace_id",
    "dedup": "dedup",
    "importance": "importance",
    "categories": "categories",
    "temporal": "temporal",
    "pii": "pii",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class MemoryStoreResponse:
    """
    Attributes:
        status (str): "ok" on success.
        memory_id (int): The id of the stored (or deduplicated) memory.
        workspace_id (int): The workspace that owns this memory.
        dedup (Dedup): What deduplication did with the memory.
        importance (int): Business value, 1 (low) to 10 (high).
        categories (list[str]): Semantic tags from the category taxonomy.
        temporal (Temporal): Whether the memory is a durable fact or a time-bound state.
        pii (Union[Unset, PiiReport]): What PII detection found, by type only (never the values). Blocking types
            (`password`, `credit_card`, `ssn`, `api_key`, `private_key`) are rejected with 422
            `pii_rejected` or, under a workspace's `redact` policy, replaced by `[REDACTED:<type>]`
            placeholders and listed in `redacted`. `email` and `phone` are reported in `detected`
            but stored as they are.
    """

    status: str
    memory_id: int
    workspace_id: int
    dedup: "Dedup"
    importance: int
    categories: list[str]
    temporal: "Temporal"
    pii: Union[Unset, "PiiReport"] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        memory_id = self.memory_id

        workspace_id = self.workspace_id

        dedup = self.dedup.to_dict()

        importance = self.importance

        categories = self.categories

        temporal = self.temporal.to_dict()

        pii: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.pii, Unset):
            pii = self.pii.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "memory_id": memory_id,
                "workspace_id": workspace_id,
                "dedup": dedup,
                "importance": importance,
                "categories": categories,
                "temporal": temporal,
            }
        )
        if pii is not UNSET:
            field_dict["pii"] = pii

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dedup import Dedup
        from ..models.pii_report import PiiReport
        from ..models.temporal import Temporal

        d = dict(src_dict)
        status = d.pop("status")

        memory_id = d.pop("memory_id")

        workspace_id = d.pop("workspace_id")

        dedup = Dedup.from_dict(d.pop("dedup"))

        importance = d.pop("importance")

        categories = cast(list[str], d.pop("categories"))

        temporal = Temporal.from_dict(d.pop("temporal"))

        _pii = d.pop("pii", UNSET)
        pii: Union[Unset, PiiReport]
        if isinstance(_pii, Unset):
            pii = UNSET
        else:
            pii = PiiReport.from_dict(_pii)

        memory_store_response = cls(
            status=status,
            memory_id=memory_id,
            workspace_id=workspace_id,
            dedup=dedup,
            importance=importance,
            categories=categories,
            temporal=temporal,
            pii=pii,
        )

        memory_store_response.additional_properties = d
        return memory_store_response

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
            raise TypeError(f"{key!r} is a declared field of MemoryStoreResponse: assign it instead")
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
