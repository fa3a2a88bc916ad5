"""Exceptions raised by the resilient client.

ResilientClientError
├── ConfigError                  the configuration is invalid (names key, value and allowed range)
├── DependencyClientError        the dependency returned a 4xx client error (not 408 or 429)
└── DependencyUnavailable        the call failed and no stale or static fallback exists
    ├── DependencyFailed         5xx, 408, 429, connection error or invalid JSON body
    ├── DependencyTimedOut       the per-bucket deadline expired
    ├── DependencyShortCircuited the bucket's breaker is open
    └── DependencyRejected       the bucket's pool and its wait queue are full

httpx, redis and pybreaker exceptions never leave the package: the client translates them into an
outcome, and raises one of the classes above chained with `from` where a cause exists.
"""

from __future__ import annotations

from typing import Any

from resilient_client.outcome import Outcome, request_was_sent


class ResilientClientError(Exception):
    """Root of every exception that the resilient client raises."""


class ConfigError(ResilientClientError):
    """The configuration is invalid; the message names each key, its value and the allowed range."""


class DependencyClientError(ResilientClientError):
    """The dependency rejected the request with a 4xx status other than 408 and 429.

    The dependency is healthy, so the call counts as neither a success nor a failure for the breaker
    and gets no fallback. `body` is the parsed JSON body, or the body text when it is not JSON.
    """

    def __init__(self, bucket: str, status_code: int, body: Any) -> None:
        super().__init__(f"Dependency of bucket {bucket!r} returned client error {status_code}.")
        self.bucket = bucket
        self.status_code = status_code
        self.body = body


class DependencyUnavailable(ResilientClientError):
    """The call failed with `outcome` and neither a stale value nor a static fallback exists.

    `request_sent` is False when the request surely never reached the dependency (breaker open,
    pool full, connection refused), so a write such as a payment surely did not happen. It is
    True when the request may have arrived (timed out, 5xx, dropped connection), so only a retry
    with the same idempotency key is safe.
    """

    def __init__(
        self, bucket: str, outcome: Outcome, detail: str = "", *, request_sent: bool = True
    ) -> None:
        message = f"Dependency of bucket {bucket!r} is unavailable: call {outcome.value}."
        if detail:
            message = f"{message} {detail}"
        super().__init__(message)
        self.bucket = bucket
        self.outcome = outcome
        self.request_sent = request_sent


class DependencyFailed(DependencyUnavailable):
    """The dependency returned 5xx, 408 or 429, dropped the connection or sent invalid JSON."""


class DependencyTimedOut(DependencyUnavailable):
    """The bucket's deadline expired before the response body was read."""


class DependencyShortCircuited(DependencyUnavailable):
    """The bucket's breaker is open, so no request was sent."""


class DependencyRejected(DependencyUnavailable):
    """The bucket's pool and its wait queue were full, so no request was sent."""


_UNAVAILABLE_CLASSES: dict[Outcome, type[DependencyUnavailable]] = {
    Outcome.FAILURE: DependencyFailed,
    Outcome.TIMED_OUT: DependencyTimedOut,
    Outcome.SHORT_CIRCUITED: DependencyShortCircuited,
    Outcome.REJECTED: DependencyRejected,
}


def unavailable_error(
    bucket: str, outcome: Outcome, detail: str = "", cause: BaseException | None = None
) -> DependencyUnavailable:
    """Build the DependencyUnavailable subclass that matches `outcome` and its `cause`."""
    error_class = _UNAVAILABLE_CLASSES.get(outcome, DependencyUnavailable)
    return error_class(bucket, outcome, detail, request_sent=request_was_sent(outcome, cause))
