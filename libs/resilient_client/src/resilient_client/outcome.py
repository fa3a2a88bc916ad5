"""Outcome of one call to a dependency, and the rules that classify a response or an exception."""

from __future__ import annotations

import enum

import aiohttp
import httpx


class Outcome(enum.StrEnum):
    """Result of one call.

    `success` and `client_error` mean the dependency responded as designed. `failure` and
    `timed_out` count towards opening the breaker. `short_circuited` and `rejected` mean no request
    was sent.
    """

    SUCCESS = "success"
    CLIENT_ERROR = "client_error"
    FAILURE = "failure"
    TIMED_OUT = "timed_out"
    SHORT_CIRCUITED = "short_circuited"
    REJECTED = "rejected"

    @property
    def counts_as_breaker_failure(self) -> bool:
        """Whether this outcome moves the breaker towards open."""
        return self in (Outcome.FAILURE, Outcome.TIMED_OUT)


# 408 Request Timeout and 429 Too Many Requests signal that the dependency is struggling, not that
# the request was wrong, so they count as failures although they are 4xx.
_OVERLOAD_CLIENT_STATUSES = frozenset({408, 429})


def classify_status(status_code: int) -> Outcome:
    """Classify an HTTP status: 2xx success, other 4xx client error, everything else failure.

    1xx and 3xx count as failures because the client neither expects them nor follows redirects.
    """
    if 200 <= status_code < 300:
        return Outcome.SUCCESS
    if 400 <= status_code < 500 and status_code not in _OVERLOAD_CLIENT_STATUSES:
        return Outcome.CLIENT_ERROR
    return Outcome.FAILURE


def classify_exception(error: BaseException) -> Outcome | None:
    """Classify an exception raised while calling a dependency, or return None if it is not ours.

    TimeoutError is the expiry of the bucket's deadline (asyncio.timeout). Every httpx transport
    error is a failure, httpx.TimeoutException included: the client sets no httpx timeouts, and
    httpx-aiohttp 0.2 maps a dropped connection (aiohttp.ClientConnectionError) to
    httpx.ConnectTimeout, so that exception does not mean the deadline expired.
    """
    if isinstance(error, TimeoutError):
        return Outcome.TIMED_OUT
    if isinstance(error, httpx.TransportError | httpx.DecodingError):
        return Outcome.FAILURE
    return None


def request_was_sent(outcome: Outcome, error: BaseException | None) -> bool:
    """Say whether the request may have reached the dependency, so a write may have taken effect.

    False for short-circuited and rejected calls, which never left this process, and for a
    connection that could not be opened. httpx-aiohttp 0.2 wraps a refused connection as
    httpx.ConnectTimeout, so the cause chain is searched for aiohttp's connector error or the
    standard library's ConnectionRefusedError. Everything else (a timeout, a 5xx, a dropped
    connection) may have reached the dependency, so it returns True.
    """
    if outcome in (Outcome.SHORT_CIRCUITED, Outcome.REJECTED):
        return False
    seen: set[int] = set()
    current = error
    while current is not None and id(current) not in seen:
        if isinstance(current, aiohttp.ClientConnectorError | ConnectionRefusedError):
            return False
        if isinstance(current, httpx.ConnectError):
            return False
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return True
