"""State of a page widget that depends on a backend: live, cache, stale, fallback or unavailable.

Every widget renders its state next to its content, so a page never hides that it shows old data or
that a part of it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class WidgetStatus(StrEnum):
    """Source of a widget's data."""

    LIVE = "live"
    CACHE = "cache"
    STALE = "stale"
    FALLBACK = "fallback"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class WidgetState:
    """Status of one widget, with the age of cached and stale data in `age_seconds`."""

    status: WidgetStatus
    age_seconds: float | None = None
    # Why the data is unavailable (`timed_out`, `short_circuited`, ...), or None when it is not.
    outcome: str | None = None

    @property
    def available(self) -> bool:
        return self.status is not WidgetStatus.UNAVAILABLE

    @property
    def degraded(self) -> bool:
        """True when the widget shows stale, fallback or no data."""
        return self.status in (WidgetStatus.STALE, WidgetStatus.FALLBACK, WidgetStatus.UNAVAILABLE)


LIVE = WidgetState(WidgetStatus.LIVE)


@dataclass(frozen=True)
class Fetched(Generic[T]):
    """A backend value and the state of its widget. `value` is None when it is unavailable."""

    value: T | None
    state: WidgetState

    @classmethod
    def unavailable(cls, outcome: str) -> Fetched[T]:
        return cls(None, WidgetState(WidgetStatus.UNAVAILABLE, outcome=outcome))
