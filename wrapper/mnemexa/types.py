"""The typed response and request models, generated from ``openapi.yaml``.

- Every field is an attribute under its JSON name (``result.temporal.type``), and ``model["name"]``
  reads it too, as the same object.
- Every model keeps the fields a newer server sends that this SDK does not know yet:
  ``model["field"]`` reads one, ``"field" in model`` tells whether the body has it,
  ``model.additional_properties`` is a dict of them and ``model.to_dict()`` gives the whole body
  back, unknown fields included.
- Free-form objects (``Meta``, ``ErrorDetails``) are ``Mapping``s of their keys:
  ``dict(memory.meta)``, ``memory.meta.get("source")``, ``len``, iteration, ``==`` with a dict.
- A batch item is a ``MemoryStoreBatchResult``: ``MemoryStoreBatchResultOk`` (with ``result``) or
  ``MemoryStoreBatchResultError`` (with ``error``). ``item.status == "ok"`` or ``isinstance``
  tells them apart, for mypy too.
- A field the body does not have is ``UNSET`` (falsy, distinct from ``None`` for JSON ``null``).
"""

from typing import Union

from mnemexa_api import models as _models
from mnemexa_api.models import *  # noqa: F403 - exactly the models the spec defines
from mnemexa_api.models import MemoryStoreBatchResultError, MemoryStoreBatchResultOk
from mnemexa_api.types import UNSET, Unset

MemoryStoreBatchResult = Union[MemoryStoreBatchResultOk, MemoryStoreBatchResultError]
"""One item of ``MemoryStoreBatchResponse.results`` (the spec's ``oneOf`` on ``status``)."""

__all__ = [*_models.__all__, "UNSET", "MemoryStoreBatchResult", "Unset"]
