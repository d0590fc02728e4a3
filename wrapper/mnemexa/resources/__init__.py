"""The client's resource groups: ``client.memory`` and ``client.optimize``."""

from .memory import MemoryResource
from .optimize import OptimizeResource

__all__ = ["MemoryResource", "OptimizeResource"]
