"""Breakers per command key: an asyncio adapter around pybreaker, and a breaker that never opens.

pybreaker 1.4 cannot drive an asyncio call by itself, for two reasons found in its source:

- `CircuitBreaker.call` runs the wrapped function and counts an exception only if one is raised
  right there. Calling an `async def` returns a coroutine without raising, so an awaited failure
  is never counted and the breaker never trips.
- The open state ends when `datetime.now(UTC)` passes `opened_at + reset_timeout`, read inside
  `CircuitOpenState.before_call`, so a test cannot move that time without sleeping.

So the adapter never calls `CircuitBreaker.call`, but pybreaker still stores the state, the
failure counter and the listeners. The adapter counts awaited outcomes through the public storage
API (`increment_counter`, `reset_counter`, `counter`). It moves the state with the public `open()`,
`half_open()` and `close()`, and a `CircuitBreakerListener` reports every transition to it. The
injected clock alone decides when the open state ends, so the `opened_at` that `open()` writes with
the system clock is never read. No private pybreaker method or attribute is used.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from typing import Any, Protocol

import pybreaker

from resilient_client.clock import Clock
from resilient_client.outcome import Outcome

logger = logging.getLogger(__name__)


class BreakerState(enum.StrEnum):
    """State of a breaker, with pybreaker's "half-open" spelled as a Python identifier."""

    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


_STATE_FROM_PYBREAKER = {
    pybreaker.STATE_CLOSED: BreakerState.CLOSED,
    pybreaker.STATE_OPEN: BreakerState.OPEN,
    pybreaker.STATE_HALF_OPEN: BreakerState.HALF_OPEN,
}


@dataclass(frozen=True)
class BreakerPermit:
    """Admission of one call, with the breaker's transition count when it was admitted."""

    generation: int
    is_probe: bool


class Breaker(Protocol):
    """Breaker of one command key, as the client uses it."""

    @property
    def command_key(self) -> str: ...

    @property
    def enabled(self) -> bool: ...

    @property
    def state(self) -> BreakerState: ...

    @property
    def consecutive_failures(self) -> int: ...

    def acquire(self) -> BreakerPermit | None:
        """Admit a call and return its permit, or return None to short-circuit it."""
        ...

    def release(self, permit: BreakerPermit, outcome: Outcome | None) -> None:
        """Record how an admitted call ended. None means it was cancelled and records nothing."""
        ...

    def snapshot(self) -> dict[str, Any]: ...


class CircuitBreakerAdapter:
    """Breaker that opens after `failure_threshold` consecutive failures and probes to close.

    Failures are the outcomes `failure` and `timed_out`. `success` resets the count, and every
    other outcome leaves it alone. After `reset_timeout_seconds` on the injected clock the breaker
    half-opens and admits at most `max_probe_calls` concurrent probes. The first probe to succeed
    closes it, and the first to fail opens it for a new reset timeout. Each transition increments a
    generation counter, and a call admitted under an older generation does not move the state
    when it ends.
    """

    def __init__(
        self,
        command_key: str,
        *,
        failure_threshold: int,
        reset_timeout_seconds: float,
        max_probe_calls: int,
        clock: Clock,
    ) -> None:
        self._command_key = command_key
        self._reset_timeout_seconds = reset_timeout_seconds
        self._max_probe_calls = max_probe_calls
        self._clock = clock
        self._generation = 0
        self._opened_at_monotonic = 0.0
        self._probes_in_flight = 0
        self._storage = pybreaker.CircuitMemoryStorage(pybreaker.STATE_CLOSED)
        self._breaker = pybreaker.CircuitBreaker(
            fail_max=failure_threshold,
            reset_timeout=reset_timeout_seconds,
            state_storage=self._storage,
            listeners=[_TransitionListener(self)],
            name=command_key,
        )

    @property
    def command_key(self) -> str:
        return self._command_key

    @property
    def enabled(self) -> bool:
        return True

    @property
    def pybreaker(self) -> pybreaker.CircuitBreaker:
        """Underlying pybreaker breaker, for adding listeners. Its `call` must not be used."""
        return self._breaker

    @property
    def state(self) -> BreakerState:
        return _STATE_FROM_PYBREAKER[self._breaker.current_state]

    @property
    def consecutive_failures(self) -> int:
        return self._breaker.fail_counter

    @property
    def generation(self) -> int:
        """Number of state transitions so far."""
        return self._generation

    def acquire(self) -> BreakerPermit | None:
        state = self.state
        if state is BreakerState.OPEN:
            open_seconds = self._clock.monotonic() - self._opened_at_monotonic
            if open_seconds < self._reset_timeout_seconds:
                return None
            self._breaker.half_open()
            state = BreakerState.HALF_OPEN

        if state is BreakerState.HALF_OPEN:
            if self._probes_in_flight >= self._max_probe_calls:
                return None
            self._probes_in_flight += 1
            return BreakerPermit(self._generation, is_probe=True)

        return BreakerPermit(self._generation, is_probe=False)

    def release(self, permit: BreakerPermit, outcome: Outcome | None) -> None:
        if permit.generation != self._generation:
            # A transition happened while the call ran and reset the probe count. The result
            # describes the dependency as it was before, so it must not move the state.
            return
        if permit.is_probe:
            self._probes_in_flight -= 1
        if outcome is None:
            return

        if outcome.counts_as_breaker_failure:
            self._record_failure(permit)
        elif outcome is Outcome.SUCCESS:
            self._record_success(permit)

    def snapshot(self) -> dict[str, Any]:
        return {
            "enabled": True,
            "state": self.state.value,
            "consecutive_failures": self.consecutive_failures,
            "failure_threshold": self._breaker.fail_max,
            "reset_timeout_seconds": self._reset_timeout_seconds,
            "max_probe_calls": self._max_probe_calls,
            "probes_in_flight": self._probes_in_flight,
        }

    def _record_failure(self, permit: BreakerPermit) -> None:
        if permit.is_probe:
            self._breaker.open()
            return
        self._storage.increment_counter()
        if self._storage.counter >= self._breaker.fail_max:
            self._breaker.open()

    def _record_success(self, permit: BreakerPermit) -> None:
        if permit.is_probe:
            self._breaker.close()
            return
        self._storage.reset_counter()

    def _on_transition(self, from_state: BreakerState | None, to_state: BreakerState) -> None:
        self._generation += 1
        self._probes_in_flight = 0
        if to_state is BreakerState.OPEN:
            self._opened_at_monotonic = self._clock.monotonic()
        level = logging.WARNING if to_state is BreakerState.OPEN else logging.INFO
        logger.log(
            level,
            "breaker.state_changed",
            extra={
                "command_key": self._command_key,
                "from_state": from_state.value if from_state else None,
                "to_state": to_state.value,
                "consecutive_failures": self.consecutive_failures,
            },
        )


class _TransitionListener(pybreaker.CircuitBreakerListener):
    """Forward every pybreaker state change to the adapter.

    pybreaker calls this before it writes the new state to storage, so the adapter must take the
    new state from `new_state`, not from `current_state`.
    """

    def __init__(self, adapter: CircuitBreakerAdapter) -> None:
        self._adapter = adapter

    def state_change(
        self,
        cb: pybreaker.CircuitBreaker,
        old_state: pybreaker.CircuitBreakerState | None,
        new_state: pybreaker.CircuitBreakerState,
    ) -> None:
        from_state = _STATE_FROM_PYBREAKER[old_state.name] if old_state else None
        self._adapter._on_transition(from_state, _STATE_FROM_PYBREAKER[new_state.name])


class DisabledBreaker:
    """Breaker of a bucket with `breaker_enabled = false`: admits every call and never opens."""

    def __init__(self, command_key: str) -> None:
        self._command_key = command_key

    @property
    def command_key(self) -> str:
        return self._command_key

    @property
    def enabled(self) -> bool:
        return False

    @property
    def state(self) -> BreakerState:
        return BreakerState.CLOSED

    @property
    def consecutive_failures(self) -> int:
        return 0

    def acquire(self) -> BreakerPermit | None:
        return BreakerPermit(generation=0, is_probe=False)

    def release(self, permit: BreakerPermit, outcome: Outcome | None) -> None:
        return None

    def snapshot(self) -> dict[str, Any]:
        return {"enabled": False, "state": BreakerState.CLOSED.value, "consecutive_failures": 0}
