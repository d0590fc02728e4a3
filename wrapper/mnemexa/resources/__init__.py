"""The client's resource groups: ``client.memory``, ``agents``, ``sessions``, ``events`` and
``optimize``."""

from .agents import AgentsResource
from .events import EventsResource
from .memory import MemoryResource
from .optimize import OptimizeResource
from .sessions import SessionsResource

__all__ = [
    "AgentsResource",
    "EventsResource",
    "MemoryResource",
    "OptimizeResource",
    "SessionsResource",
]
