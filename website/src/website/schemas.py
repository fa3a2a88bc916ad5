"""Typed views of the backend responses the website reads (see docs/services.md).

Only the fields the pages use are declared; other fields are ignored, so a backend may add fields
without breaking the website.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Location(_Response):
    """An airport or a city from the geolocation service."""

    id: str
    kind: Literal["airport", "city"]
    iata_code: str | None = None
    name: str
    city: str | None = None
    country_code: str


class Car(_Response):
    """One car of a location's fleet, priced for the requested dates."""

    car_id: str
    location_id: str
    model_key: str
    make: str
    model: str
    acriss_code: str
    category: str
    seats: int
    doors: int
    transmission: str
    fuel: str
    air_conditioning: bool
    description: str
    currency: str
    daily_price: Decimal
    total_price: Decimal
    rental_days: int


class DescriptionsSource(_Response):
    """Source of the car descriptions in a search result: live, cache, stale or fallback."""

    source: Literal["live", "cache", "stale", "fallback"]
    age_seconds: float | None = None
    language: str


class CarList(_Response):
    """Body of the search service's `GET /cars` response."""

    location_id: str
    pick_up: date
    drop_off: date
    rental_days: int
    currency: str
    cars: list[Car]
    descriptions: DescriptionsSource


class Rating(_Response):
    """Average rating (1.0 to 5.0) and review count of one car model."""

    model_key: str
    rating: float
    review_count: int


class PaymentSummary(_Response):
    """Charge summary as payments stored it: brand and last four digits, no card number."""

    status: str
    brand: str
    last4: str
    amount: Decimal
    currency: str


class BookingDetails(_Response):
    """The booked car, dates and customer as payments stored them."""

    car_id: str
    location_id: str
    pick_up: date
    drop_off: date
    customer_name: str
    email: str
    car_description: str


class Booking(_Response):
    """A confirmed booking: the 201 body of `POST /payments` and of `GET /bookings/{ref}`."""

    booking_reference: str
    status: str
    payment: PaymentSummary
    booking: BookingDetails
