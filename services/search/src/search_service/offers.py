"""Turning fleet cars into priced offers with a description."""

from __future__ import annotations

from decimal import Decimal

from search_service.catalog import CarModel
from search_service.fleet import FleetCar
from search_service.pricing import PriceList
from search_service.schemas import Car


def build_offer(
    car: FleetCar,
    model: CarModel,
    *,
    location_id: str,
    price_list: PriceList,
    rental_days: int,
    description: str,
) -> Car:
    """Return `car` as the API's car object, priced for `rental_days` days."""
    daily_price = price_list.daily_price(model.acriss_code)
    total_price = daily_price * Decimal(rental_days)
    return Car(
        car_id=car.car_id,
        location_id=location_id,
        model_key=model.model_key,
        make=model.make,
        model=model.model,
        acriss_code=model.acriss_code,
        category=model.category,
        seats=model.seats,
        doors=model.doors,
        transmission=model.transmission,
        fuel=model.fuel,
        air_conditioning=model.air_conditioning,
        description=description,
        currency=price_list.currency,
        daily_price=price_list.format(daily_price),
        total_price=price_list.format(total_price),
        rental_days=rental_days,
    )
