"""Single flight: concurrent callers with the same key share one call."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class _Flight(Generic[T]):
    def __init__(self, task: asyncio.Task[T]) -> None:
        self.task = task
        self.waiters = 0


class SingleFlight(Generic[T]):
    """Run one call per key at a time; callers that arrive while it runs wait for its result.

    The shared call runs in its own task, so one caller's cancellation does not cancel it for the
    others. It is cancelled only when every caller waiting for it has been cancelled.
    """

    def __init__(self) -> None:
        self._flights: dict[str, _Flight[T]] = {}

    @property
    def in_flight(self) -> int:
        """Keys with a call running."""
        return len(self._flights)

    async def run(self, key: str, call: Callable[[], Awaitable[T]]) -> tuple[T, bool]:
        """Return the result of the call for `key` and whether this caller joined a running one."""
        flight = self._flights.get(key)
        joined = flight is not None
        if flight is None:
            flight = _Flight(asyncio.ensure_future(call()))
            self._flights[key] = flight
            flight.task.add_done_callback(self._make_cleanup(key, flight))

        flight.waiters += 1
        try:
            result = await asyncio.shield(flight.task)
        finally:
            flight.waiters -= 1
            if flight.waiters == 0 and not flight.task.done():
                flight.task.cancel()
        return result, joined

    def _make_cleanup(self, key: str, flight: _Flight[T]) -> Callable[[asyncio.Task[T]], None]:
        def cleanup(task: asyncio.Task[T]) -> None:
            if self._flights.get(key) is flight:
                del self._flights[key]
            if not task.cancelled():
                # Mark the exception as retrieved: every waiter may have gone already.
                task.exception()

        return cleanup
