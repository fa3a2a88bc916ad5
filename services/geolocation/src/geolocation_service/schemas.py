"""Response bodies of the geolocation service's HTTP API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from geolocation_service.models import LocationKind


class LocationPublic(BaseModel):
    """An airport or a city as the API returns it."""

    model_config = ConfigDict(from_attributes=True)

    id: str = Field(examples=["airport-LIS", "city-2267057"])
    kind: LocationKind
    # Set for airports, None for cities.
    iata_code: str | None
    name: str
    # The city an airport serves (None when airportsdata names none), or a city's own name.
    city: str | None
    country_code: str = Field(description="ISO 3166-1 alpha-2 code")
    latitude: float
    longitude: float
    time_zone: str | None = Field(description="IANA time zone name, e.g. Europe/Lisbon")
    # Set for cities, None for airports.
    population: int | None


class NearbyLocationPublic(LocationPublic):
    """A location with its great-circle distance from the point searched."""

    distance_km: float = Field(description="Great-circle distance in km, rounded to 0.1 km")


class AutocompleteResponse(BaseModel):
    """Locations that match a typed prefix, best match first."""

    query: str = Field(description="The query with surrounding whitespace removed")
    results: list[LocationPublic]


class NearestResponse(BaseModel):
    """Locations nearest to a point, nearest first."""

    results: list[NearbyLocationPublic]


class ErrorResponse(BaseModel):
    """Body of every error response: a stable code and a sentence naming the value and the fix."""

    error: str
    message: str
