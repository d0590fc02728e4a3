"""The memory pipeline's stages, each a small module with one job.

validate -> PII -> embed -> dedup -> importance -> temporal -> categories -> store
"""

from .categories import CategoryTagger
from .dedup import Decision, LocalMergePolicy, MergePolicy
from .importance import ImportanceScorer
from .pii import PiiDetector, PiiFinding
from .temporal import TemporalClassifier, TemporalInfo

__all__ = [
    "CategoryTagger",
    "Decision",
    "ImportanceScorer",
    "LocalMergePolicy",
    "MergePolicy",
    "PiiDetector",
    "PiiFinding",
    "TemporalClassifier",
    "TemporalInfo",
]
