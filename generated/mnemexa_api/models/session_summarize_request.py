from collections.abc import Mapping
from typing import Any, Optional, TypeVar, Union

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, ResponseInfo, Unset

T = TypeVar("T", bound="SessionSummarizeRequest")

_ATTRIBUTES: dict[str, str] = {
    "max_sentences": "max_sentences",
    "agent_id": "agent_id",
    "user_id": "user_id",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class SessionSummarizeRequest:
    """
    Attributes:
        max_sentences (Union[Unset, int]): The longest summary, in sentences. Default: 5.
        agent_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field never
            matches a filter on it; scope fields have no hierarchy between them.
        user_id (Union[Unset, str]): A scope value: 1-128 characters, matched exactly, without `/`, `%` or control
            characters (agent and session ids are also path segments, where `%` would be read
            as an escape by any client or proxy that does not encode it). A memory without the field never
            matches a filter on it; scope fields have no hierarchy between them.
    """

    max_sentences: Union[Unset, int] = 5
    agent_id: Union[Unset, str] = UNSET
    user_id: Union[Unset, str] = UNSET
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        max_sentences = self.max_sentences

        agent_id = self.agent_id

        user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if max_sentences is not UNSET:
            field_dict["max_sentences"] = max_sentences
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_sentences = d.pop("max_sentences", UNSET)

        agent_id = d.pop("agent_id", UNSET)

        user_id = d.pop("user_id", UNSET)

        session_summarize_request = cls(
            max_sentences=max_sentences,
            agent_id=agent_id,
            user_id=user_id,
        )

        return session_summarize_request

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
