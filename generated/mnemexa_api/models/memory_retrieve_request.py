from collections.abc import Mapping
from typing import Any, TypeVar, Union

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MemoryRetrieveRequest")


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
