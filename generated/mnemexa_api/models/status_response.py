from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatusResponse")


@_attrs_define
class StatusResponse:
    """
    Attributes:
        workspace_id (int):
        workspace_name (str):
        workspace_status (str): `active`, `suspended` or `deleted`.
        api_version (str): The API version the server implements.
    """

    workspace_id: int
    workspace_name: str
    workspace_status: str
    api_version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workspace_id = self.workspace_id

        workspace_name = self.workspace_name

        workspace_status = self.workspace_status

        api_version = self.api_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workspace_id": workspace_id,
                "workspace_name": workspace_name,
                "workspace_status": workspace_status,
                "api_version": api_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        workspace_id = d.pop("workspace_id")

        workspace_name = d.pop("workspace_name")

        workspace_status = d.pop("workspace_status")

        api_version = d.pop("api_version")

        status_response = cls(
            workspace_id=workspace_id,
            workspace_name=workspace_name,
            workspace_status=workspace_status,
            api_version=api_version,
        )

        status_response.additional_properties = d
        return status_response

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
