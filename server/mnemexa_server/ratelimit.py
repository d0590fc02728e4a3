"""A per-API-key token bucket: ``rate`` requests per second, bursts of up to ``burst``."""

from __future__ import annotations

import math
import threading
import time
from typing import Optional


class RateLimiter:
    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str) -> Optional[int]:
        """None if the request may go ahead, else the seconds to wait (for Retry-After)."""
        if self.rate <= 0:
            return None
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - stamp) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return None
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / self.rate))
