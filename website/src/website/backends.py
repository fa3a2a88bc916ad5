"""Typed calls to the five backend services, each through the resilient client.

Every read returns `Fetched[T]`: the parsed value and the state of the widget that shows it. A
read does not raise when its dependency is down, slow or short-circuited. It returns the widget
state `unavailable` instead. A backend's 404 raises `NotFoundError` and its other 4xx answers raise
`BackendRequestError`, because those are answers about the request, not failures of the backend.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from resilient_client import (
    DependencyClientError,
    DependencyUnavailable,
    ResilientClient,
    Source,
)
from website.errors import BackendRequestError, NotFoundError
from website.schemas import Booking, CarList, Location, Rating
from website.schemas import Car as CarSchema
from website.widgets import Fetched, WidgetState, WidgetStatus

logger = logging.getLogger(__name__)

T = TypeVar("T")

DEGRADED_LOG_INTERVAL_SECONDS = 10.0

# The ratings batch endpoint takes at most this many model keys per call.
MAX_RATINGS_PER_CALL = 50

_STATUS_BY_SOURCE = {
    Source.LIVE: WidgetStatus.LIVE,
    Source.CACHE: WidgetStatus.CACHE,
    Source.STALE: WidgetStatus.STALE,
    Source.FALLBACK: WidgetStatus.FALLBACK,
}

_STRINGS = TypeAdapter(dict[str, str])
_RATINGS = TypeAdapter(dict[str, Rating])
_LOCATIONS = TypeAdapter(list[Location])


class ChargeState(StrEnum):
    """Charge state of a card after a failed payments call."""

    NOT_CHARGED = "not_charged"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CardDetails:
    """Card data typed into the checkout form. Its `repr` hides the number and the CVC."""

    number: str = field(repr=False)
    expiry_month: int
    expiry_year: int
    cvc: str = field(repr=False)
    holder_name: str


@dataclass(frozen=True)
class PaymentRequest:
    """One `POST /payments` body: the amount to charge, the card and the booking to confirm."""

    amount: Decimal
    currency: str
    card: CardDetails
    car_id: str
    location_id: str
    pick_up: date
    drop_off: date
    customer_name: str
    email: str
    car_description: str

    def to_json(self) -> dict[str, Any]:
        return {
            "amount": f"{self.amount:.2f}",
            "currency": self.currency,
            "card": {
                "number": self.card.number,
                "expiry_month": self.card.expiry_month,
                "expiry_year": self.card.expiry_year,
                "cvc": self.card.cvc,
                "holder_name": self.card.holder_name,
            },
            "booking": {
                "car_id": self.car_id,
                "location_id": self.location_id,
                "pick_up": self.pick_up.isoformat(),
                "drop_off": self.drop_off.isoformat(),
                "customer_name": self.customer_name,
                "email": self.email,
                "car_description": self.car_description,
            },
        }


@dataclass(frozen=True)
class PaymentConfirmed:
    booking: Booking


@dataclass(frozen=True)
class PaymentDeclined:
    """A 402 from payments, with a `decline_code` such as `insufficient_funds`."""

    decline_code: str


@dataclass(frozen=True)
class PaymentInvalid:
    """422 from payments: the dotted body fields it rejected (`card.number`) and its error code."""

    fields: tuple[str, ...]
    error_code: str | None


@dataclass(frozen=True)
class PaymentUnavailable:
    """A failed payments call, and whether the card may have been charged (`charge_state`)."""

    charge_state: ChargeState
    outcome: str


PaymentResult = PaymentConfirmed | PaymentDeclined | PaymentInvalid | PaymentUnavailable


class Backends:
    """The website's view of its dependencies, one method per call it makes."""

    def __init__(self, client: ResilientClient) -> None:
        self._client = client
        self._degraded_log = _DegradedWidgetLog()

    async def ui_strings(self, language: str) -> Fetched[dict[str, str]]:
        """Fetch every UI string in `language` from translations (`ui_strings` bucket)."""
        return await self._get(
            "ui_strings",
            f"/ui/{language}",
            None,
            lambda body: _STRINGS.validate_python(body["strings"]),
        )

    async def country_names(self, language: str) -> Fetched[dict[str, str]]:
        """Fetch ISO 3166 country names in `language` from translations (`countries` bucket)."""
        return await self._get(
            "countries",
            f"/countries/{language}",
            None,
            lambda body: _STRINGS.validate_python(body["countries"]),
        )

    async def autocomplete(self, query: str, limit: int = 8) -> Fetched[list[Location]]:
        """Fetch locations whose IATA code, name or city starts with `query`, best match first."""
        return await self._get(
            "locations",
            "/locations/autocomplete",
            {"q": query, "limit": limit},
            lambda body: _LOCATIONS.validate_python(body["results"]),
        )

    async def location(self, location_id: str) -> Fetched[Location]:
        """Fetch one location. Raise `NotFoundError` when geolocation has no such id."""
        return await self._get(
            "location", f"/locations/{location_id}", None, Location.model_validate, location_id
        )

    async def search_cars(
        self,
        location_id: str,
        country_code: str,
        pick_up: date,
        drop_off: date,
        language: str,
    ) -> Fetched[CarList]:
        """Fetch the cars available at a location for the dates, priced in the location's currency.

        Raises `BackendRequestError` when search rejects the dates (400 `invalid_dates`) or a field.
        """
        params = {
            "location_id": location_id,
            "country_code": country_code,
            "pick_up": pick_up.isoformat(),
            "drop_off": drop_off.isoformat(),
            "language": language,
        }
        return await self._get("search", "/cars", params, CarList.model_validate)

    async def car(
        self, car_id: str, pick_up: date, drop_off: date, language: str
    ) -> Fetched[CarSchema]:
        """Fetch one car priced for the dates. Raise `NotFoundError` for an unknown car id."""
        params = {
            "pick_up": pick_up.isoformat(),
            "drop_off": drop_off.isoformat(),
            "language": language,
        }
        return await self._get("car", f"/cars/{car_id}", params, CarSchema.model_validate, car_id)

    async def ratings(self, model_keys: list[str]) -> Fetched[dict[str, Rating]]:
        """Fetch the ratings of up to 50 car models in one batch call; unknown models are left out.

        The keys are sorted and deduplicated so that the same set always has the same cache key.
        """
        unique_keys = sorted(set(model_keys))[:MAX_RATINGS_PER_CALL]
        if not unique_keys:
            return Fetched({}, WidgetState(WidgetStatus.LIVE))
        return await self._get(
            "ratings",
            "/ratings",
            {"model_keys": ",".join(unique_keys)},
            lambda body: _RATINGS.validate_python(body["ratings"]),
        )

    async def booking(self, reference: str, email: str) -> Fetched[Booking]:
        """Fetch a booking. Raise `NotFoundError` when reference or e-mail does not match."""
        return await self._get(
            "bookings",
            f"/bookings/{reference}",
            {"email": email},
            Booking.model_validate,
            reference,
        )

    async def pay(self, request: PaymentRequest, idempotency_key: str) -> PaymentResult:
        """Charge the card and confirm the booking in one payments call.

        Payments returns the first result for a repeated idempotency key, so the same key does not
        charge twice. The payments bucket has no cache and no retry, so each call reaches payments
        at most once.
        """
        try:
            result = await self._client.post_json(
                "payments",
                "/payments",
                json=request.to_json(),
                headers={"Idempotency-Key": idempotency_key},
            )
        except DependencyClientError as error:
            return _classify_payment_client_error(error)
        except DependencyUnavailable as error:
            charge_state = _charge_state_after(error)
            logger.warning(
                "payment.unavailable",
                extra={"outcome": error.outcome, "charge_state": charge_state.value},
            )
            return PaymentUnavailable(charge_state, error.outcome)

        try:
            booking = Booking.model_validate(result.value)
        except ValidationError:
            # The charge went through (2xx) but the body is not what docs/services.md promises.
            logger.error("payment.invalid_body", extra={"bucket": "payments"})
            return PaymentUnavailable(ChargeState.UNKNOWN, "invalid_body")
        return PaymentConfirmed(booking)

    async def _get(
        self,
        bucket: str,
        path: str,
        params: dict[str, Any] | None,
        parse: Callable[[Any], T],
        resource_id: str | None = None,
    ) -> Fetched[T]:
        try:
            result = await self._client.get_json(bucket, path, params=params)
        except DependencyClientError as error:
            if error.status_code == 404 and resource_id is not None:
                raise NotFoundError(bucket, resource_id) from error
            raise BackendRequestError(bucket, error.status_code, error.body) from error
        except DependencyUnavailable as error:
            self._degraded_log.emit(bucket, error.outcome.value)
            return Fetched.unavailable(error.outcome)

        try:
            value = parse(result.value)
        except (ValidationError, KeyError, TypeError):
            logger.error("dependency.invalid_body", extra={"bucket": bucket})
            return Fetched.unavailable("invalid_body")
        state = WidgetState(_STATUS_BY_SOURCE[result.source], age_seconds=result.age_seconds)
        return Fetched(value, state)


class _DegradedWidgetLog:
    """Log `widget.degraded` at most once per bucket per interval, with the count left out.

    A dependency that is down degrades every page that uses it, so one line per page would flood
    the log. The client's metrics still count every call.
    """

    def __init__(self, interval_seconds: float = DEGRADED_LOG_INTERVAL_SECONDS) -> None:
        self._interval_seconds = interval_seconds
        self._last_logged_at: dict[str, float] = {}
        self._suppressed: dict[str, int] = {}

    def emit(self, bucket: str, outcome: str) -> None:
        now = time.monotonic()
        last = self._last_logged_at.get(bucket)
        if last is not None and now - last < self._interval_seconds:
            self._suppressed[bucket] = self._suppressed.get(bucket, 0) + 1
            return
        logger.warning(
            "widget.degraded",
            extra={
                "bucket": bucket,
                "outcome": outcome,
                "suppressed": self._suppressed.pop(bucket, 0),
            },
        )
        self._last_logged_at[bucket] = now


def _classify_payment_client_error(error: DependencyClientError) -> PaymentResult:
    body = error.body if isinstance(error.body, dict) else {}
    if error.status_code == 402:
        return PaymentDeclined(str(body.get("decline_code") or "card_declined"))
    detail = body.get("detail")
    fields = tuple(
        str(item["field"]) for item in detail or () if isinstance(item, dict) and "field" in item
    )
    error_code = body.get("error") if isinstance(body.get("error"), str) else None
    return PaymentInvalid(fields, error_code)


def _charge_state_after(error: DependencyUnavailable) -> ChargeState:
    """Say whether a failed payments call can have charged the card.

    A short-circuited or rejected call never left this process, and a refused connection never
    reached payments. A timed-out call or a 5xx may have committed the charge, so the result is
    unknown. Retrying with the same idempotency key is then safe.
    """
    if not error.request_sent:
        return ChargeState.NOT_CHARGED
    return ChargeState.UNKNOWN
