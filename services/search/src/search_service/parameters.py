"""Query parameters shared by the routes, with checks that end in a 422 naming the field."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

from search_service.context import SearchContext, get_context
from search_service.countries import iso_country_codes
from search_service.schemas import Language

# Location ids of the geolocation service: an airport's IATA code or a GeoNames city id.
LOCATION_ID_PATTERN = r"^(airport-[A-Z0-9]{3}|city-[0-9]{1,12})$"


def country_code_parameter(
    country_code: Annotated[
        str,
        Query(
            min_length=2,
            max_length=2,
            description="ISO 3166-1 alpha-2 code of the location's country, such as `PT`.",
        ),
    ],
) -> str:
    """Return the country code in upper case, or raise a 422 if ISO 3166-1 does not assign it."""
    code = country_code.upper()
    if code not in iso_country_codes():
        raise RequestValidationError(
            [
                {
                    "type": "value_error",
                    "loc": ("query", "country_code"),
                    "msg": f"{country_code!r} is not an ISO 3166-1 alpha-2 country code. "
                    "Use the location's `country_code` from the geolocation service.",
                    "input": country_code,
                }
            ]
        )
    return code


def optional_country_code_parameter(
    country_code: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=2,
            description="ISO 3166-1 alpha-2 code. Defaults to that of the location's first search.",
        ),
    ] = None,
) -> str | None:
    """Return the country code in upper case, None if absent, or raise a 422 if it is unknown."""
    return None if country_code is None else country_code_parameter(country_code)


ContextDependency = Annotated[SearchContext, Depends(get_context)]
LocationIdQuery = Annotated[
    str,
    Query(
        pattern=LOCATION_ID_PATTERN,
        description="A geolocation id such as `airport-LIS` or `city-2267057`.",
    ),
]
CountryCodeQuery = Annotated[str, Depends(country_code_parameter)]
OptionalCountryCodeQuery = Annotated[str | None, Depends(optional_country_code_parameter)]
PickUpQuery = Annotated[date, Query(description="ISO 8601 date, such as `2026-12-10`.")]
DropOffQuery = Annotated[date, Query(description="ISO 8601 date after the pick-up date.")]
LanguageQuery = Annotated[Language, Query(description="Language of the car descriptions.")]
