"""Contains all the data models used in inputs/outputs"""

from .agent import Agent
from .agent_create_request import AgentCreateRequest
from .agent_delete_response import AgentDeleteResponse
from .agent_list import AgentList
from .agent_stats import AgentStats
from .agent_stats_by_category import AgentStatsByCategory
from .agent_update_request import AgentUpdateRequest
from .dedup import Dedup
from .dedup_mode import DedupMode
from .erasure_counts import ErasureCounts
from .error import Error
from .error_details import ErrorDetails
from .event import Event
from .event_failure import EventFailure
from .event_in import EventIn
from .event_ingest_request import EventIngestRequest
from .event_ingest_response import EventIngestResponse
from .event_kind import EventKind
from .event_list import EventList
from .event_status_request import EventStatusRequest
from .event_status_response import EventStatusResponse
from .health_signals import HealthSignals
from .list_memories_temporal_type import ListMemoriesTemporalType
from .list_sessions_status import ListSessionsStatus
from .memory import Memory
from .memory_delete_many_request import MemoryDeleteManyRequest
from .memory_list import MemoryList
from .memory_retrieve_request import MemoryRetrieveRequest
from .memory_retrieve_response import MemoryRetrieveResponse
from .memory_revision import MemoryRevision
from .memory_stats import MemoryStats
from .memory_stats_by_category import MemoryStatsByCategory
from .memory_stats_by_scope import MemoryStatsByScope
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
from .scope_counts import ScopeCounts
from .session import Session
from .session_create_request import SessionCreateRequest
from .session_get_or_create_request import SessionGetOrCreateRequest
from .session_list import SessionList
from .session_summarize_request import SessionSummarizeRequest
from .session_summary import SessionSummary
from .status_response import StatusResponse
from .temporal import Temporal
from .write_accepted import WriteAccepted
from .write_status import WriteStatus

__all__ = (
    "Agent",
    "AgentCreateRequest",
    "AgentDeleteResponse",
    "AgentList",
    "AgentStats",
    "AgentStatsByCategory",
    "AgentUpdateRequest",
    "Dedup",
    "DedupMode",
    "ErasureCounts",
    "Error",
    "ErrorDetails",
    "Event",
    "EventFailure",
    "EventIn",
    "EventIngestRequest",
    "EventIngestResponse",
    "EventKind",
    "EventList",
    "EventStatusRequest",
    "EventStatusResponse",
    "HealthSignals",
    "ListMemoriesTemporalType",
    "ListSessionsStatus",
    "Memory",
    "MemoryDeleteManyRequest",
    "MemoryList",
    "MemoryRetrieveRequest",
    "MemoryRetrieveResponse",
    "MemoryRevision",
    "MemoryStats",
    "MemoryStatsByCategory",
    "MemoryStatsByScope",
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
    "ScopeCounts",
    "Session",
    "SessionCreateRequest",
    "SessionGetOrCreateRequest",
    "SessionList",
    "SessionSummarizeRequest",
    "SessionSummary",
    "StatusResponse",
    "Temporal",
    "WriteAccepted",
    "WriteStatus",
)
