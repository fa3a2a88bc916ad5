"""Log an event at most once per interval, counting the repeats that were left out."""

from __future__ import annotations

import logging
from typing import Any

from resilient_client.clock import Clock

DEFAULT_LOG_INTERVAL_SECONDS = 10.0


class ThrottledLog:
    """Emit one event at most once per `interval_seconds` on the injected clock.

    Each emitted record carries `suppressed`: how many repeats were left out since the previous one.
    """

    def __init__(
        self,
        logger: logging.Logger,
        event: str,
        *,
        level: int = logging.WARNING,
        clock: Clock,
        interval_seconds: float = DEFAULT_LOG_INTERVAL_SECONDS,
    ) -> None:
        self._logger = logger
        self._event = event
        self._level = level
        self._clock = clock
        self._interval_seconds = interval_seconds
        self._last_emitted_at: float | None = None
        self._suppressed = 0

    def emit(self, **fields: Any) -> None:
        now = self._clock.monotonic()
        if (
            self._last_emitted_at is not None
            and now - self._last_emitted_at < self._interval_seconds
        ):
            self._suppressed += 1
            return
        self._logger.log(self._level, self._event, extra={**fields, "suppressed": self._suppressed})
        self._last_emitted_at = now
        self._suppressed = 0
