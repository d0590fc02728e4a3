"""The typed response and request models, generated from ``openapi.yaml``.

Every model keeps the fields a newer server sends that this SDK does not know yet:
``model.additional_properties`` is a dict of them, and ``model["field"]`` reads one.
"""

from mnemexa_api import models as _models
from mnemexa_api.models import *  # noqa: F403 - exactly the models the spec defines
from mnemexa_api.types import UNSET, Unset

__all__ = [*_models.__all__, "UNSET", "Unset"]
