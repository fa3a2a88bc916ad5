"""Pool (bulkhead): a limit on concurrent calls of one command group, with a bounded wait queue."""

from __future__ import annotations

import asyncio
import collections
from typing import Any


class PoolRejected(Exception):
    """Raised by `Pool.acquire` when every slot is taken and the wait queue is full."""


class Pool:
    """At most `max_concurrent_calls` running and `max_queued_calls` waiting, in arrival order.

    A call beyond both limits is rejected at once. A waiting call waits only as long as the caller
    lets it: the client acquires inside the bucket's deadline, so waiting counts against it, and a
    cancelled waiter leaves the queue without taking a slot.
    """

    def __init__(self, group: str, *, max_concurrent_calls: int, max_queued_calls: int) -> None:
        self._group = group
        self._limit = max_concurrent_calls
        self._queue_limit = max_queued_calls
        self._active = 0
        self._waiters: collections.deque[asyncio.Future[None]] = collections.deque()
        self._rejected = 0

    @property
    def group(self) -> str:
        return self._group

    @property
    def active(self) -> int:
        """Calls holding a slot."""
        return self._active

    @property
    def queued(self) -> int:
        """Calls waiting for a slot."""
        return len(self._waiters)

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def queue_limit(self) -> int:
        return self._queue_limit

    @property
    def rejected(self) -> int:
        """Calls rejected since the pool was created."""
        return self._rejected

    async def acquire(self) -> None:
        """Take a slot, waiting in the queue if needed; raise PoolRejected if the queue is full."""
        if self._active < self._limit and not self._waiters:
            self._active += 1
            return
        if len(self._waiters) >= self._queue_limit:
            self._rejected += 1
            raise PoolRejected(self._group)

        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        except BaseException:
            if waiter.done() and not waiter.cancelled():
                # The slot was handed over just as the wait was cancelled: pass it on.
                self.release()
            elif waiter in self._waiters:
                self._waiters.remove(waiter)
            raise

    def release(self) -> None:
        """Give the slot to the first waiter, or free it when no call waits."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                # The slot passes straight to the waiter, so `active` stays the same.
                waiter.set_result(None)
                return
        self._active -= 1

    def snapshot(self) -> dict[str, Any]:
        return {
            "active": self._active,
            "queued": self.queued,
            "limit": self._limit,
            "queue_limit": self._queue_limit,
            "rejected": self._rejected,
        }
