"""Clocks: the system clock, and a manual clock that tests advance by hand.

Every time-dependent decision in the package (breaker reset timeouts, cache ages, log rate limits)
reads an injected Clock, so tests move time forward with `ManualClock.advance` instead of sleeping.
Deadlines of network calls are the exception: they use asyncio's own loop time.
"""

from __future__ import annotations

import time
from typing import Protocol

# Wall-clock start of a ManualClock: 2023-11-14T22:13:20Z, an arbitrary fixed instant.
DEFAULT_MANUAL_WALL_CLOCK_SECONDS = 1_700_000_000.0


class Clock(Protocol):
    """Source of time in seconds."""

    def monotonic(self) -> float:
        """Return seconds on a clock that never goes backwards, for measuring intervals."""
        ...

    def time(self) -> float:
        """Return wall-clock seconds since the Unix epoch, for timestamps shared by hosts."""
        ...


class SystemClock:
    """Clock backed by `time.monotonic` and `time.time`."""

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()


class ManualClock:
    """Clock that only moves when `advance` is called; both readings move together."""

    def __init__(
        self,
        monotonic_seconds: float = 0.0,
        wall_clock_seconds: float = DEFAULT_MANUAL_WALL_CLOCK_SECONDS,
    ) -> None:
        self._monotonic_seconds = monotonic_seconds
        self._wall_clock_seconds = wall_clock_seconds

    def monotonic(self) -> float:
        return self._monotonic_seconds

    def time(self) -> float:
        return self._wall_clock_seconds

    def advance(self, seconds: float) -> None:
        """Move both readings forward by `seconds`; raise ValueError for a negative value."""
        if seconds < 0:
            raise ValueError(f"Cannot advance a clock by {seconds} seconds: use a value >= 0.")
        self._monotonic_seconds += seconds
        self._wall_clock_seconds += seconds
