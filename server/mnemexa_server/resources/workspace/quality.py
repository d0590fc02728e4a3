"""The workspace quality score.

``quality_score = round(100 * (0.4 * freshness + 0.3 * categorized + 0.3 * importance))`` where

- ``freshness = active_memories / total_memories`` (expired memories are noise in retrieval),
- ``categorized = categorized_ratio`` (share of memories with at least one category),
- ``importance = (avg_importance - 1) / 9`` (mean importance of active memories, mapped to 0..1).

An empty workspace scores 100: there is nothing wrong with it yet.
"""

from __future__ import annotations

from typing import Any


def signals(stats: dict[str, Any], duplicates_prevented: int) -> dict[str, Any]:
    total = int(stats["total"] or 0)
    expired = int(stats["expired"] or 0)
    return {
        "total_memories": total,
        "active_memories": total - expired,
        "expired_memories": expired,
        "avg_importance": round(float(stats["avg_importance"] or 0.0), 2),
        "categorized_ratio": round(int(stats["categorized"] or 0) / total, 4) if total else 0.0,
        "duplicates_prevented": duplicates_prevented,
    }


def quality_score(s: dict[str, Any]) -> int:
    total = s["total_memories"]
    if total == 0:
        return 100
    freshness = s["active_memories"] / total
    importance = max(0.0, (s["avg_importance"] - 1) / 9) if s["active_memories"] else 0.0
    score = 100 * (0.4 * freshness + 0.3 * s["categorized_ratio"] + 0.3 * importance)
    rounded: int = round(score)
    return max(0, min(100, rounded))
