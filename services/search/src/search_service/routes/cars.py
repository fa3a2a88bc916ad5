"""`GET /cars` (search a location's fleet) and `GET /cars/{car_id}` (one car, priced)."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Path
from starlette.concurrency import run_in_threadpool

from search_service.dates import rental_days
from search_service.errors import CarNotFoundError
from search_service.fleet import available_cars
from search_service.offers import build_offer
from search_service.parameters import (
    ContextDependency,
    CountryCodeQuery,
    DropOffQuery,
    LanguageQuery,
    LocationIdQuery,
    OptionalCountryCodeQuery,
    PickUpQuery,
)
from search_service.pricing import price_list_for
from search_service.schemas import CarResponse, CarsResponse, DescriptionsInfo, ErrorBody

logger = logging.getLogger(__name__)

router = APIRouter(tags=["cars"])


@router.get("/cars", responses={400: {"model": ErrorBody}})
async def search_cars(
    context: ContextDependency,
    location_id: LocationIdQuery,
    country_code: CountryCodeQuery,
    pick_up: PickUpQuery,
    drop_off: DropOffQuery,
    language: LanguageQuery = "en",
) -> CarsResponse:
    """Return the cars free at `location_id` from `pick_up` to `drop_off`, priced in local currency.

    The first search of a location generates and stores its fleet.
    """
    days = rental_days(pick_up, drop_off, context.today())
    fleet = await run_in_threadpool(
        context.fleet_store.get_or_create_fleet, location_id, country_code
    )
    price_list = price_list_for(country_code, pick_up)
    descriptions = await context.descriptions.fetch(language)

    cars = []
    for car in available_cars(location_id, fleet.cars, pick_up):
        model = context.catalog.get(car.model_key)
        if model is None:
            logger.warning(
                "fleet.unknown_model", extra={"car_id": car.car_id, "model_key": car.model_key}
            )
            continue
        cars.append(
            build_offer(
                car,
                model,
                location_id=location_id,
                price_list=price_list,
                rental_days=days,
                description=descriptions.texts[model.model_key],
            )
        )

    return CarsResponse(
        location_id=location_id,
        pick_up=pick_up,
        drop_off=drop_off,
        rental_days=days,
        currency=price_list.currency,
        cars=cars,
        descriptions=DescriptionsInfo(
            source=descriptions.source,
            age_seconds=descriptions.age_seconds,
            language=descriptions.language,
        ),
    )


@router.get("/cars/{car_id}", responses={400: {"model": ErrorBody}, 404: {"model": ErrorBody}})
async def get_car(
    context: ContextDependency,
    car_id: Annotated[str, Path(max_length=100, description="Such as `airport-LIS.03`.")],
    pick_up: PickUpQuery,
    drop_off: DropOffQuery,
    language: LanguageQuery = "en",
    country_code: OptionalCountryCodeQuery = None,
) -> CarResponse:
    """Return one car priced for `pick_up` to `drop_off`, or 404 if no search has returned it.

    Without `country_code`, the car is priced for the country of its location's first search.
    NOTE: it does not check that the car is free on `pick_up`; callers book cars from `/cars`.
    """
    days = rental_days(pick_up, drop_off, context.today())
    found = await run_in_threadpool(context.fleet_store.find_car, car_id)
    model = None if found is None else context.catalog.get(found[0].model_key)
    if found is None or model is None:
        raise CarNotFoundError(
            f"No car has id {car_id!r}. Search /cars at its location first and use a car_id "
            "from the results."
        )
    car, fleet = found

    price_list = price_list_for(country_code or fleet.country_code, pick_up)
    descriptions = await context.descriptions.fetch(language)
    offer = build_offer(
        car,
        model,
        location_id=fleet.location_id,
        price_list=price_list,
        rental_days=days,
        description=descriptions.texts[model.model_key],
    )
    return CarResponse(
        **offer.model_dump(),
        descriptions=DescriptionsInfo(
            source=descriptions.source,
            age_seconds=descriptions.age_seconds,
            language=descriptions.language,
        ),
    )
