"""The retry policy, built on tenacity.

Retried: 502/503/504 (``ServiceUnavailableError``) and network failures (``APIConnectionError``,
including timeouts). Never retried: every other status, 401/403/404/422/429 included, and other
5xx such as 500 (``InternalServerError``, the parent class of ``ServiceUnavailableError``).
Nothing that was refused before sending (``InvalidArgumentError``) reaches the retry loop.
Once retries are over, the runner raises the last error again from its own frame, so that no
tenacity frame shows in the traceback (``_base_client._surfaced``).
The wait before retry *n* (1-based) is ``min(initial * 2**(n-1) + U(0, jitter), max_backoff)``;
a ``Retry-After`` sent with a 503 replaces it, capped at ``max_retry_after``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Optional

from ._exceptions import APIConnectionError, ServiceUnavailableError
from ._logging import logger

if TYPE_CHECKING:
    import tenacity

# tenacity is imported on the first request, not by ``import mnemexa``.

RETRYABLE = (ServiceUnavailableError, APIConnectionError)


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to retry, and how long to wait in between."""

    max_retries: int = 2
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    jitter: float = 0.5
    max_retry_after: float = 30.0
    # None means tenacity's own sleep (time.sleep, or the running event loop's sleep).
    sleep: Optional[Callable[[float], None]] = field(default=None, repr=False)
    async_sleep: Optional[Callable[[float], Awaitable[None]]] = field(default=None, repr=False)

    def wait_seconds(self, retry_state: tenacity.RetryCallState) -> float:
        """Seconds to wait before the next attempt."""
        outcome = retry_state.outcome
        error = outcome.exception() if outcome is not None else None
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            return float(min(retry_after, self.max_retry_after))
        import tenacity

        backoff = tenacity.wait_exponential(multiplier=self.initial_backoff) + tenacity.wait_random(
            0, self.jitter
        )
        return float(min(backoff(retry_state), self.max_backoff))

    def _options(self) -> dict[str, Any]:
        import tenacity

        return {
            "stop": tenacity.stop_after_attempt(self.max_retries + 1),
            "retry": tenacity.retry_if_exception_type(RETRYABLE),
            "wait": self.wait_seconds,
            "before_sleep": _log_retry,
            "reraise": True,
        }

    def retrying(self) -> tenacity.Retrying:
        import tenacity

        options = self._options()
        if self.sleep is not None:
            options["sleep"] = self.sleep
        return tenacity.Retrying(**options)

    def async_retrying(self) -> tenacity.AsyncRetrying:
        import tenacity

        options = self._options()
        if self.async_sleep is not None:
            options["sleep"] = self.async_sleep
        return tenacity.AsyncRetrying(**options)


def _log_retry(retry_state: tenacity.RetryCallState) -> None:
    outcome = retry_state.outcome
    error = outcome.exception() if outcome is not None else None
    wait = retry_state.next_action.sleep if retry_state.next_action else 0.0
    logger.info(
        "retrying in %.2f s after %s (attempt %d failed)",
        wait,
        type(error).__name__,
        retry_state.attempt_number,
    )
