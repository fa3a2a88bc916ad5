"""Deterministic fleets: which cars a location has, and which of them are free on a pick-up date.

Both come from a `random.Random` seeded with a sha256 of the location id (and the date), never
from Python's `hash()`, which is salted per process. Python keeps `random()`, `randint()`,
`choices()` and `sample()` stable for a given integer seed, so every process and test computes
the same fleet. A fleet contains each car model at most once.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from search_service.catalog import CarModel, Catalog
from search_service.pricing import daily_rate_eur

MIN_FLEET_SIZE = 8
MAX_FLEET_SIZE = 16
# Minimum share of a fleet that is free on any pick-up date.
MIN_AVAILABLE_SHARE = 0.6

# Relative number of cars per ACRISS category in a fleet: mostly economy and compact cars, as at a
# real airport counter, and few luxury ones. Every model of a category gets its category's weight.
CATEGORY_WEIGHTS: dict[str, int] = {"M": 3, "E": 5, "C": 5, "I": 3, "S": 2, "F": 1, "P": 2, "L": 1}
DEFAULT_CATEGORY_WEIGHT = 1


@dataclass(frozen=True)
class FleetCar:
    """One car of a location's fleet. `position` counts from 1, cheapest first."""

    car_id: str
    position: int
    model_key: str


def seeded_random(*parts: str) -> random.Random:
    """Return a generator seeded from the sha256 of `parts`, the same in every process."""
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def generate_fleet(location_id: str, catalog: Catalog) -> list[FleetCar]:
    """Draw 8 to 16 distinct car models for `location_id`, cheapest first, the same on every call.

    Models are drawn one at a time without replacement, each draw weighted by CATEGORY_WEIGHTS
    among the models not yet drawn. A catalog of fewer than 16 models caps the fleet size.

    NOTE: the draw depends on the catalog's order and content, so editing car_models.json changes
    the fleet of locations searched afterwards. Stored fleets keep their cars.
    """
    generator = seeded_random("fleet", location_id)
    size = min(generator.randint(MIN_FLEET_SIZE, MAX_FLEET_SIZE), len(catalog.models))
    remaining = list(catalog.models)
    weights = [
        CATEGORY_WEIGHTS.get(model.acriss_code[0], DEFAULT_CATEGORY_WEIGHT) for model in remaining
    ]

    drawn = []
    for _ in range(size):
        [index] = generator.choices(range(len(remaining)), weights=weights)
        drawn.append(remaining.pop(index))
        del weights[index]

    drawn.sort(key=_price_order)
    return [
        FleetCar(car_id=car_id(location_id, position), position=position, model_key=model.model_key)
        for position, model in enumerate(drawn, start=1)
    ]


def car_id(location_id: str, position: int) -> str:
    """Return the id of the car at `position` of a fleet, such as `airport-LIS.03`."""
    return f"{location_id}.{position:02d}"


def available_cars(location_id: str, fleet: Sequence[FleetCar], pick_up: date) -> list[FleetCar]:
    """Return the cars of `fleet` that are free for a rental starting on `pick_up`, in fleet order.

    The same location and date always give the same cars, and at least 60 % of the fleet.
    """
    generator = seeded_random("availability", location_id, pick_up.isoformat())
    count = generator.randint(math.ceil(len(fleet) * MIN_AVAILABLE_SHARE), len(fleet))
    chosen = set(generator.sample(range(len(fleet)), count))
    return [car for index, car in enumerate(fleet) if index in chosen]


def _price_order(model: CarModel) -> tuple[Decimal, str]:
    return (daily_rate_eur(model.acriss_code), model.model_key)
