from collections.abc import Mapping
from typing import Any, Optional, TypeVar, Union

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, ResponseInfo, Unset

T = TypeVar("T", bound="MemoryRetrieveRequest")

_ATTRIBUTES: dict[str, str] = {
    "query": "query",
    "top_k": "top_k",
    "min_score": "min_score",
    "include_expired": "include_expired",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class MemoryRetrieveRequest:
    """
    Attributes:
        query (str): What to look for, in natural language; not only whitespace.
        top_k (Union[Unset, int]): The most memories to return. Default: 5.
        min_score (Union[Unset, float]): Leave out memories scoring below this. Default: 0.0.
        include_expired (Union[Unset, bool]): Also return temporal memories whose `valid_until` has passed. Default:
            False.
    """

    query: str
    top_k: Union[Unset, int] = 5
    min_score: Union[Unset, float] = 0.0
    include_expired: Union[Unset, bool] = False
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        query = self.query

        top_k = self.top_k

        min_score = self.min_score

        include_expired = self.include_expired

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "query": query,
            }
        )
        if top_k is not UNSET:
            field_dict["top_k"] = top_k
        if min_score is not UNSET:
            field_dict["min_score"] = min_score
        if include_expired is not UNSET:
            field_dict["include_expired"] = include_expired

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        query = d.pop("query")

        top_k = d.pop("top_k", UNSET)

        min_score = d.pop("min_score", UNSET)

        include_expired = d.pop("include_expired", UNSET)

        memory_retrieve_request = cls(
            query=query,
            top_k=top_k,
            min_score=min_score,
            include_expired=include_expired,
        )

        return memory_retrieve_request

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
