"""Turn a configuration error at start-up into a one-line message and exit code, not a traceback."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from servicekit.errors import ServiceKitError

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def exit_on_startup_error(
    *error_types: type[Exception],
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate an app factory so that a configuration error ends the process with its message.

    Catches `ServiceKitError` (invalid settings, invalid database URL) and each of `error_types`
    (for example the resilient client's ConfigError), logs `service.start_failed` with the message,
    and raises SystemExit with that message, so the process prints one readable line and exits
    with status 1. Any other exception propagates unchanged, because it is a bug, not bad input.
    """
    caught: tuple[type[Exception], ...] = (ServiceKitError, *error_types)

    def decorate(factory: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(factory)
        def build(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return factory(*args, **kwargs)
            except caught as error:
                logger.error("service.start_failed", extra={"error": str(error)})
                raise SystemExit(f"error: {error}") from None

        return build

    return decorate
