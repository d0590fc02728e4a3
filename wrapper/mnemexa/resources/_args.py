"""Small argument mappers shared by the resource declarations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, TypeVar, Union

from .._exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from mnemexa_api.models import DedupMode, Meta
    from mnemexa_api.types import Unset

V = TypeVar("V")


def given(value: Optional[V]) -> Union[V, Unset]:
    """``None`` (not given) becomes the generated ``UNSET``, so the server's default applies."""
    from mnemexa_api.types import UNSET

    return UNSET if value is None else value


def meta_model(meta: Optional[Mapping[str, Any]]) -> Union[Meta, Unset]:
    """Free-form metadata as the generated ``Meta`` model."""
    from mnemexa_api.models import Meta
    from mnemexa_api.types import UNSET

    if meta is None:
        return UNSET
    if not isinstance(meta, Mapping):
        raise InvalidArgumentError(
            f"meta must be a mapping, got {type(meta).__name__}; nothing was sent"
        )
    return Meta.from_dict(meta)


SCOPE_FIELDS = ("agent_id", "user_id", "session_id", "role_id", "team_id")


def scope(**fields: Optional[str]) -> Dict[str, Any]:
    """The scope fields that are given, for a generated request (``None``: not given)."""
    return {name: given(fields[name]) for name in SCOPE_FIELDS}


def dedup(mode: Optional[str]) -> Union[DedupMode, Unset]:
    """A dedup mode name as the generated enum; ``None`` leaves the server's default."""
    from mnemexa_api.models import DedupMode
    from mnemexa_api.types import UNSET

    if mode is None:
        return UNSET
    try:
        return DedupMode(mode)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in DedupMode)
        raise InvalidArgumentError(f"dedup_mode must be one of {choices}") from None
