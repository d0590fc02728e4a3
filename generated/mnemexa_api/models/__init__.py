"""Contains all the data models used in inputs/outputs"""

from .dedup import Dedup
from .dedup_mode import DedupMode
from .error import Error
from .error_details import ErrorDetails
from .health_signals import HealthSignals
from .list_memories_temporal_type import ListMemoriesTemporalType
from .memory import Memory
from .memory_list import MemoryList
from .memory_retrieve_request import MemoryRetrieveRequest
from .memory_retrieve_response import MemoryRetrieveResponse
from .memory_revision import MemoryRevision
from .memory_store_batch_request import MemoryStoreBatchRequest
from .memory_store_batch_response import MemoryStoreBatchResponse
from .memory_store_batch_result_error import MemoryStoreBatchResultError
from .memory_store_batch_result_ok import MemoryStoreBatchResultOk
from .memory_store_request import MemoryStoreRequest
from .memory_store_response import MemoryStoreResponse
from .memory_update_request import MemoryUpdateRequest
from .meta import Meta
from .optimize_health_response import OptimizeHealthResponse
from .pii_report import PiiReport
from .retrieved_memory import RetrievedMemory
from .status_response import StatusResponse
from .temporal import Temporal

__all__ = (
    "Dedup",
    "DedupMode",
    "Error",
    "ErrorDetails",
    "HealthSignals",
    "ListMemoriesTemporalType",
    "Memory",
    "MemoryList",
    "MemoryRetrieveRequest",
    "MemoryRetrieveResponse",
    "MemoryRevision",
    "MemoryStoreBatchRequest",
    "MemoryStoreBatchResponse",
    "MemoryStoreBatchResultError",
    "MemoryStoreBatchResultOk",
    "MemoryStoreRequest",
    "MemoryStoreResponse",
    "MemoryUpdateRequest",
    "Meta",
    "OptimizeHealthResponse",
    "PiiReport",
    "RetrievedMemory",
    "StatusResponse",
    "Temporal",
)
