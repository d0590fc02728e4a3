"""Small argument mappers shared by the resource declarations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, TypeVar, Union
from urllib.parse import quote

from .._config import NotGiven
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


def segment(value: str) -> str:
    """An id as one URL path segment: percent-encoded, so that ``?``, ``#``, ``%`` or an id
    made of dots (which HTTP clients resolve as ``.``/``..``) stays inside the segment."""
    if not isinstance(value, str):
        raise InvalidArgumentError(f"ids are strings, got {type(value).__name__}")
    if value and set(value) == {"."}:
        return "%2E" * len(value)
    return quote(value, safe="")


def nullable(value: Union[V, None, NotGiven]) -> Union[V, None, Unset]:
    """``NOT_GIVEN`` (leave as is) becomes ``UNSET``; ``None`` is sent as JSON null (clear)."""
    from mnemexa_api.types import UNSET

    return UNSET if isinstance(value, NotGiven) else value


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
