"""Client settings: an explicit argument, then ``MNEMEXA_*``, then ``BIZX_*``, then the default."""

from __future__ import annotations

import os
from typing import Mapping, Optional, Union

import httpx

from ._exceptions import AuthenticationError

DEFAULT_BASE_URL = "https://api.mnemexa.com"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 2

API_KEY_ENV = ("MNEMEXA_API_KEY", "BIZX_API_KEY")
BASE_URL_ENV = ("MNEMEXA_BASE_URL", "BIZX_BASE_URL")

TimeoutTypes = Union[float, httpx.Timeout, None]


class NotGiven:
    """The type of ``NOT_GIVEN``: "argument not passed", as distinct from an explicit ``None``."""

    _instance: Optional[NotGiven] = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

TimeoutArg = Union[TimeoutTypes, NotGiven]
"""A per-call ``timeout``: seconds, an ``httpx.Timeout``, ``None`` for none, or the client's."""


def _first_env(names: tuple[str, ...], environ: Mapping[str, str]) -> Optional[str]:
    for name in names:
        value = environ.get(name, "").strip()
        if value:
            return value
    return None


def resolve_api_key(explicit: Optional[str], environ: Mapping[str, str] = os.environ) -> str:
    """Return the API key to use, or raise ``AuthenticationError`` if there is none."""
    key = explicit.strip() if explicit else _first_env(API_KEY_ENV, environ)
    if not key:
        raise AuthenticationError(
            "No API key: pass api_key=... or set MNEMEXA_API_KEY (or BIZX_API_KEY)."
        )
    return key


def resolve_base_url(explicit: Optional[str], environ: Mapping[str, str] = os.environ) -> str:
    """Return the base URL without a trailing slash."""
    url = explicit or _first_env(BASE_URL_ENV, environ) or DEFAULT_BASE_URL
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError(f"base_url must be an absolute http(s) URL, got {url!r}")
    return url.rstrip("/")


def resolve_max_retries(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"max_retries must be a non-negative int, got {value!r}")
    return value
