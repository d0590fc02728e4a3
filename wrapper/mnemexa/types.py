"""The typed response and request models, generated from ``openapi.yaml``.

Every model keeps the fields a newer server sends that this SDK does not know yet:
``model.additional_properties`` is a dict of them, and ``model["field"]`` reads one.
"""

from mnemexa_api.models import (
    Dedup,
    Error,
    HealthSignals,
    ListMemoriesTemporalType,
    Memory,
    MemoryList,
    MemoryRetrieveResponse,
    MemoryStoreBatchResponse,
    MemoryStoreBatchResult,
    MemoryStoreResponse,
    Meta,
    OptimizeHealthResponse,
    PiiReport,
    RetrievedMemory,
    StatusResponse,
    Temporal,
)
from mnemexa_api.types import UNSET, Unset

__all__ = [
    "UNSET",
    "Dedup",
    "Error",
    "HealthSignals",
    "ListMemoriesTemporalType",
    "Memory",
    "MemoryList",
    "MemoryRetrieveResponse",
    "MemoryStoreBatchResponse",
    "MemoryStoreBatchResult",
    "MemoryStoreResponse",
    "Meta",
    "OptimizeHealthResponse",
    "PiiReport",
    "RetrievedMemory",
    "StatusResponse",
    "Temporal",
    "Unset",
]
