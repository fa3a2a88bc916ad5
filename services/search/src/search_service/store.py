"""Reading and storing fleets in the database, so a location keeps the cars it was first given."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from search_service.catalog import Catalog
from search_service.fleet import FleetCar, generate_fleet
from search_service.models import Fleet, FleetCarRow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredFleet:
    """A location's fleet as stored, with the country code of its first search."""

    location_id: str
    country_code: str
    cars: tuple[FleetCar, ...]


class FleetStore:
    """Get-or-create access to fleets; each method opens and closes its own session.

    The methods are blocking, so async route handlers run them in the thread pool.
    """

    def __init__(self, session_factory: Callable[[], Session], catalog: Catalog) -> None:
        self._session_factory = session_factory
        self._catalog = catalog

    def get_or_create_fleet(self, location_id: str, country_code: str) -> StoredFleet:
        """Return the stored fleet of `location_id`, generating and storing it on first use.

        Two concurrent first searches of one location both generate the same fleet. The second
        insert fails on the primary key, and that request reads the first one's rows.
        """
        stored = self.find_fleet(location_id)
        if stored is not None:
            return stored

        cars = generate_fleet(location_id, self._catalog)
        try:
            with self._session_factory() as session, session.begin():
                session.add(
                    Fleet(
                        location_id=location_id,
                        country_code=country_code,
                        created_at=datetime.now(UTC),
                        cars=[
                            FleetCarRow(
                                car_id=car.car_id, position=car.position, model_key=car.model_key
                            )
                            for car in cars
                        ],
                    )
                )
        except IntegrityError:
            logger.info("fleet.created_concurrently", extra={"location_id": location_id})
            stored = self.find_fleet(location_id)
            if stored is None:
                raise
            return stored

        logger.info("fleet.created", extra={"location_id": location_id, "car_count": len(cars)})
        return StoredFleet(location_id=location_id, country_code=country_code, cars=tuple(cars))

    def find_fleet(self, location_id: str) -> StoredFleet | None:
        """Return the stored fleet of `location_id`, or None if the location was never searched."""
        with self._session_factory() as session:
            fleet = session.get(Fleet, location_id)
            return None if fleet is None else _to_stored_fleet(fleet)

    def find_car(self, car_id: str) -> tuple[FleetCar, StoredFleet] | None:
        """Return the car with `car_id` and its fleet, or None if no stored fleet has that car."""
        with self._session_factory() as session:
            row = session.scalar(select(FleetCarRow).where(FleetCarRow.car_id == car_id))
            if row is None:
                return None
            return _to_fleet_car(row), _to_stored_fleet(row.fleet)


def _to_stored_fleet(fleet: Fleet) -> StoredFleet:
    return StoredFleet(
        location_id=fleet.location_id,
        country_code=fleet.country_code,
        cars=tuple(_to_fleet_car(row) for row in fleet.cars),
    )


def _to_fleet_car(row: FleetCarRow) -> FleetCar:
    return FleetCar(car_id=row.car_id, position=row.position, model_key=row.model_key)
