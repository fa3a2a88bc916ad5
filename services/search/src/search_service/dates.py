"""Rental date checks and the clock that decides which pick-up dates are in the past."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from search_service.errors import InvalidDatesError

MAX_RENTAL_DAYS = 90

TodayProvider = Callable[[], date]


def earliest_local_today() -> date:
    """Return today's date in the earliest time zone (UTC-12).

    A pick-up date is local to its location, so this accepts "today" everywhere on Earth: a
    pick-up in the past is one that is in the past in every time zone.
    """
    return (datetime.now(UTC) - timedelta(hours=12)).date()


def rental_days(pick_up: date, drop_off: date, today: date) -> int:
    """Return the whole days from `pick_up` to `drop_off`, or raise `InvalidDatesError`.

    Raises when drop-off is not after pick-up, pick-up is before `today`, or the rental is longer
    than MAX_RENTAL_DAYS.
    """
    if drop_off <= pick_up:
        raise InvalidDatesError(
            f"Drop-off {drop_off.isoformat()} is not after pick-up {pick_up.isoformat()}. "
            "Choose a drop-off date at least one day after the pick-up date."
        )
    if pick_up < today:
        raise InvalidDatesError(
            f"Pick-up {pick_up.isoformat()} is in the past. "
            f"Choose a pick-up date on or after {today.isoformat()}."
        )
    days = (drop_off - pick_up).days
    if days > MAX_RENTAL_DAYS:
        raise InvalidDatesError(
            f"The rental from {pick_up.isoformat()} to {drop_off.isoformat()} lasts {days} days; "
            f"the maximum is {MAX_RENTAL_DAYS}. Choose an earlier drop-off date."
        )
    return days
