import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..types import ResponseInfo, Unset

if TYPE_CHECKING:
    from ..models.agent_stats_by_category import AgentStatsByCategory


T = TypeVar("T", bound="AgentStats")

_ATTRIBUTES: dict[str, str] = {
    "agent_id": "agent_id",
    "registered": "registered",
    "memory_count": "memory_count",
    "by_category": "by_category",
    "session_count": "session_count",
    "last_write_at": "last_write_at",
}
"""The attribute holding each declared field, by the field's JSON name."""


@_attrs_define
class AgentStats:
    """
    Attributes:
        agent_id (str):
        registered (bool): Whether the agent is registered (has a name).
        memory_count (int):
        by_category (AgentStatsByCategory): The agent's memories per category.
        session_count (int): Sessions started for the agent.
        last_write_at (Union[None, datetime.datetime]): When one of its memories was last stored or changed.
    """

    agent_id: str
    registered: bool
    memory_count: int
    by_category: "AgentStatsByCategory"
    session_count: int
    last_write_at: Union[None, datetime.datetime]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _response_info: Optional[ResponseInfo] = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        registered = self.registered

        memory_count = self.memory_count

        by_category = self.by_category.to_dict()

        session_count = self.session_count

        last_write_at: Union[None, str]
        if isinstance(self.last_write_at, datetime.datetime):
            last_write_at = self.last_write_at.isoformat()
        else:
            last_write_at = self.last_write_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "registered": registered,
                "memory_count": memory_count,
                "by_category": by_category,
                "session_count": session_count,
                "last_write_at": last_write_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_stats_by_category import AgentStatsByCategory

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        registered = d.pop("registered")

        memory_count = d.pop("memory_count")

        by_category = AgentStatsByCategory.from_dict(d.pop("by_category"))

        session_count = d.pop("session_count")

        def _parse_last_write_at(data: object) -> Union[None, datetime.datetime]:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_write_at_type_0 = isoparse(data)

                return last_write_at_type_0
            except:  # noqa: E722
                pass
            return cast(Union[None, datetime.datetime], data)

        last_write_at = _parse_last_write_at(d.pop("last_write_at"))

        agent_stats = cls(
            agent_id=agent_id,
            registered=registered,
            memory_count=memory_count,
            by_category=by_category,
            session_count=session_count,
            last_write_at=last_write_at,
        )

        agent_stats.additional_properties = d
        return agent_stats

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
            raise TypeError(f"{key!r} is a declared field of AgentStats: assign it instead")
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
