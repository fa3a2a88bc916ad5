"""Request and response models of the search service's HTTP API."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from search_service.descriptions import DescriptionSource

Language = Literal["en", "de", "fr", "es", "it"]


class ErrorBody(BaseModel):
    """The error body every service shares: a stable code and an English sentence with the fix."""

    error: str
    message: str


class DescriptionsInfo(BaseModel):
    """Origin of the cars' descriptions. `fallback` means English text from the search service."""

    source: DescriptionSource
    age_seconds: float | None = Field(description="Age of a `cache` or `stale` copy in seconds.")
    language: str


class Car(BaseModel):
    """A car of a location's fleet, priced for a rental's dates in the country's currency."""

    car_id: str = Field(examples=["airport-LIS.03"])
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
    currency: str = Field(description="ISO 4217 code; USD when the country's has no rate.")
    daily_price: str = Field(
        examples=["41.00"], description="Decimal string: two places, none for JPY and the like."
    )
    total_price: str = Field(examples=["123.00"])
    rental_days: int


class CarsResponse(BaseModel):
    """The cars free at a location for a rental's dates."""

    location_id: str
    pick_up: date
    drop_off: date
    rental_days: int
    currency: str
    cars: list[Car]
    descriptions: DescriptionsInfo


class CarResponse(Car):
    """One car priced for a rental's dates, with the origin of its description."""

    descriptions: DescriptionsInfo
