"""Counters and latency percentiles per command key.

Counts are cumulative since the client was created. Latency is measured with `time.perf_counter`
(not the injected clock, which tests hold still) and only for calls that reached the dependency:
short-circuited and rejected calls return at once and would drag the percentiles towards zero.
"""

from __future__ import annotations

from typing import Any

from hdrh.histogram import HdrHistogram

from resilient_client.outcome import Outcome

# The histogram stores whole microseconds from 1 µs to 60 s with 3 significant digits, so a
# reported percentile is within 0.1 % of the measured value. Longer calls are stored as 60 s.
LOWEST_LATENCY_MICROSECONDS = 1
HIGHEST_LATENCY_MICROSECONDS = 60_000_000
LATENCY_SIGNIFICANT_DIGITS = 3

# Hystrix's error percentage: these outcomes against every call that was not a client error.
_ERROR_OUTCOMES = (Outcome.FAILURE, Outcome.TIMED_OUT, Outcome.SHORT_CIRCUITED, Outcome.REJECTED)


class CommandMetrics:
    """Counts per outcome, cache and fallback counts, and a latency histogram of one command key."""

    def __init__(self, command_key: str) -> None:
        self.command_key = command_key
        self.outcomes: dict[Outcome, int] = dict.fromkeys(Outcome, 0)
        self.cache_hits = 0
        self.stale_served = 0
        self.static_fallbacks_served = 0
        self.collapsed = 0
        self._latency = HdrHistogram(
            LOWEST_LATENCY_MICROSECONDS, HIGHEST_LATENCY_MICROSECONDS, LATENCY_SIGNIFICANT_DIGITS
        )

    def record_outcome(self, outcome: Outcome, latency_seconds: float | None = None) -> None:
        """Count one call; record its latency when it reached the dependency."""
        self.outcomes[outcome] += 1
        if latency_seconds is not None:
            microseconds = round(latency_seconds * 1_000_000)
            clamped = min(
                max(microseconds, LOWEST_LATENCY_MICROSECONDS), HIGHEST_LATENCY_MICROSECONDS
            )
            self._latency.record_value(clamped)

    @property
    def error_percentage(self) -> float:
        """Failed, timed-out, short-circuited and rejected calls in percent (0 if none)."""
        # NOTE: computed over every call since start-up, not a rolling window, so it reacts slowly
        # to a new outage. The breaker does not read it.
        counted = sum(
            count for outcome, count in self.outcomes.items() if outcome is not Outcome.CLIENT_ERROR
        )
        if counted == 0:
            return 0.0
        errors = sum(self.outcomes[outcome] for outcome in _ERROR_OUTCOMES)
        return round(100.0 * errors / counted, 2)

    def latency_snapshot(self) -> dict[str, float | int]:
        """Return the call count and p50, p90, p99 and max latency in milliseconds."""
        histogram = self._latency
        return {
            "count": histogram.get_total_count(),
            "p50": histogram.get_value_at_percentile(50) / 1000,
            "p90": histogram.get_value_at_percentile(90) / 1000,
            "p99": histogram.get_value_at_percentile(99) / 1000,
            "max": histogram.get_max_value() / 1000,
        }

    def snapshot(self) -> dict[str, Any]:
        return {
            "outcomes": {outcome.value: count for outcome, count in self.outcomes.items()},
            "error_percentage": self.error_percentage,
            "cache_hits": self.cache_hits,
            "stale_served": self.stale_served,
            "static_fallbacks_served": self.static_fallbacks_served,
            "collapsed": self.collapsed,
            "latency_ms": self.latency_snapshot(),
        }
