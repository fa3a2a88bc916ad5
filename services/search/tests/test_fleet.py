"""Fleets: deterministic per location, stored on first search, with a deterministic availability."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from search_service.catalog import Catalog, load_catalog
from search_service.fleet import (
    MAX_FLEET_SIZE,
    MIN_FLEET_SIZE,
    available_cars,
    generate_fleet,
)
from search_service.models import Base, Fleet, FleetCarRow
from search_service.pricing import daily_rate_eur
from search_service.store import FleetStore, StoredFleet
from servicekit import create_database_engine

PARAMS = {
    "location_id": "airport-LIS",
    "country_code": "PT",
    "pick_up": "2026-12-10",
    "drop_off": "2026-12-13",
}
# Prints the fleet of airport-LIS. The test runs it under two PYTHONHASHSEED values.
FLEET_SCRIPT = (
    "import json\n"
    "from search_service.catalog import load_catalog\n"
    "from search_service.fleet import generate_fleet\n"
    "fleet = generate_fleet('airport-LIS', load_catalog())\n"
    "print(json.dumps([[car.car_id, car.model_key] for car in fleet]))\n"
)
# Airports and cities on several continents, plus made-up ids: any string is a valid seed.
SAMPLE_LOCATION_IDS = [
    *(
        f"airport-{code}"
        for code in (
            "LIS", "OPO", "FAO", "MAD", "BCN", "CDG", "ORY", "LHR", "LGW", "FRA",
            "MUC", "ZRH", "FCO", "MXP", "AMS", "JFK", "LGA", "EWR", "LAX", "SFO",
            "NRT", "HND", "SYD", "GRU", "JNB",
        )
    ),
    *(
        f"city-{geonames_id}"
        for geonames_id in (
            2267057, 2643743, 2988507, 2950159, 3117735, 3169070, 2657896, 5128581, 5368361,
            1850147, 2147714, 3448439, 993800, 2735943, 3128760, 2761369, 3060972, 2800866,
        )
    ),
    *(f"test-location-{number}" for number in range(7)),
]  # fmt: skip


def make_store(database_path: Path, catalog: Catalog) -> FleetStore:
    engine = create_database_engine(f"sqlite:///{database_path}")
    Base.metadata.create_all(engine)
    return FleetStore(sessionmaker(engine, expire_on_commit=False), catalog)


def test_same_location_same_cars_in_two_databases(
    tmp_path: Path, unreachable_url: str, make_search_client: Callable[..., Any]
) -> None:
    with make_search_client(tmp_path / "first.db", translations_url=unreachable_url) as client:
        first = client.get("/cars", params=PARAMS).json()
    with make_search_client(tmp_path / "second.db", translations_url=unreachable_url) as client:
        second = client.get("/cars", params=PARAMS).json()

    assert first["cars"] == second["cars"]
    assert len(first["cars"]) >= 1


def test_stored_fleets_match_across_databases(tmp_path: Path) -> None:
    catalog = load_catalog()
    first = make_store(tmp_path / "first.db", catalog).get_or_create_fleet("city-2267057", "PT")
    second = make_store(tmp_path / "second.db", catalog).get_or_create_fleet("city-2267057", "PT")

    assert first == second
    assert MIN_FLEET_SIZE <= len(first.cars) <= MAX_FLEET_SIZE


def test_fleet_is_independent_of_hash_seed() -> None:
    outputs = []
    for hash_seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
        completed = subprocess.run(
            [sys.executable, "-c", FLEET_SCRIPT],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        outputs.append(json.loads(completed.stdout))

    assert outputs[0] == outputs[1]


def test_stored_fleet_survives_catalog_change(tmp_path: Path) -> None:
    catalog = load_catalog()
    stored = make_store(tmp_path / "search.db", catalog).get_or_create_fleet("airport-LIS", "PT")

    reordered = Catalog(tuple(reversed(catalog.models)))
    again = make_store(tmp_path / "search.db", reordered).get_or_create_fleet("airport-LIS", "DE")

    assert again == stored
    assert again.country_code == "PT"
    assert generate_fleet("airport-LIS", reordered) != list(stored.cars)


def test_fleet_never_repeats_a_model() -> None:
    catalog = load_catalog()

    assert len(SAMPLE_LOCATION_IDS) == 50
    for location_id in SAMPLE_LOCATION_IDS:
        model_keys = [car.model_key for car in generate_fleet(location_id, catalog)]
        assert len(model_keys) == len(set(model_keys)), (location_id, model_keys)


def test_stored_fleets_never_repeat_a_model(tmp_path: Path) -> None:
    store = make_store(tmp_path / "search.db", load_catalog())

    for location_id in SAMPLE_LOCATION_IDS:
        fleet = store.get_or_create_fleet(location_id, "PT")
        model_keys = [car.model_key for car in fleet.cars]
        assert len(model_keys) == len(set(model_keys)), (location_id, model_keys)


def test_small_catalog_caps_fleet_size() -> None:
    catalog = load_catalog()
    small = Catalog(catalog.models[:5])

    for location_id in SAMPLE_LOCATION_IDS[:10]:
        fleet = generate_fleet(location_id, small)
        assert sorted(car.model_key for car in fleet) == sorted(small.model_keys)


def test_stored_fleet_with_repeated_models_is_kept(tmp_path: Path) -> None:
    # Fleets stored by versions that drew models with replacement may repeat a model.
    store = make_store(tmp_path / "search.db", load_catalog())
    old_model_keys = ["dacia-sandero", "peugeot-308", "peugeot-308", "peugeot-308"] * 2
    engine = create_database_engine(f"sqlite:///{tmp_path / 'search.db'}")
    with Session(engine) as session, session.begin():
        session.add(
            Fleet(
                location_id="airport-LIS",
                country_code="PT",
                created_at=datetime(2026, 1, 1, tzinfo=UTC),
                cars=[
                    FleetCarRow(
                        car_id=f"airport-LIS.{position:02d}", position=position, model_key=key
                    )
                    for position, key in enumerate(old_model_keys, start=1)
                ],
            )
        )
    engine.dispose()

    fleet = store.get_or_create_fleet("airport-LIS", "PT")

    assert [car.model_key for car in fleet.cars] == old_model_keys


def test_fleet_sizes_stay_in_range() -> None:
    catalog = load_catalog()
    sizes = {len(generate_fleet(f"city-{number}", catalog)) for number in range(300)}

    assert min(sizes) == MIN_FLEET_SIZE
    assert max(sizes) == MAX_FLEET_SIZE


def test_fleet_is_sorted_cheapest_first() -> None:
    catalog = load_catalog()
    fleet = generate_fleet("airport-NRT", catalog)

    models = [catalog.get(car.model_key) for car in fleet]
    rates = [daily_rate_eur(model.acriss_code) for model in models if model is not None]

    assert len(rates) == len(fleet)
    assert rates == sorted(rates)
    assert [car.car_id for car in fleet][:2] == ["airport-NRT.01", "airport-NRT.02"]


def test_availability_is_deterministic_per_date() -> None:
    fleet = generate_fleet("airport-LIS", load_catalog())
    pick_up = date(2026, 12, 10)

    first = available_cars("airport-LIS", fleet, pick_up)
    second = available_cars("airport-LIS", fleet, pick_up)

    assert first == second
    assert len(first) >= 0.6 * len(fleet)


def test_availability_varies_between_dates() -> None:
    fleet = generate_fleet("airport-LIS", load_catalog())
    start = date(2026, 12, 10)

    subsets = {
        tuple(car.car_id for car in available_cars("airport-LIS", fleet, start + timedelta(days)))
        for days in range(10)
    }

    assert len(subsets) > 1


def test_concurrent_first_searches_store_one_fleet(tmp_path: Path) -> None:
    store = make_store(tmp_path / "search.db", load_catalog())

    with ThreadPoolExecutor(max_workers=8) as executor:
        fleets = list(
            executor.map(lambda _: store.get_or_create_fleet("airport-OPO", "PT"), range(8))
        )

    assert all(fleet == fleets[0] for fleet in fleets)
    assert store.find_fleet("airport-OPO") == fleets[0]


def test_lost_insert_race_returns_stored_fleet(tmp_path: Path) -> None:
    catalog = load_catalog()
    winner = make_store(tmp_path / "search.db", catalog).get_or_create_fleet("airport-OPO", "PT")
    loser = make_store(tmp_path / "search.db", catalog)
    real_find_fleet = loser.find_fleet
    calls = []

    def find_fleet_missing_once(location_id: str) -> StoredFleet | None:
        # The first lookup runs before the winner's commit, so it finds nothing.
        calls.append(location_id)
        return None if len(calls) == 1 else real_find_fleet(location_id)

    loser.find_fleet = find_fleet_missing_once  # type: ignore[method-assign]

    assert loser.get_or_create_fleet("airport-OPO", "ES") == winner
    assert len(calls) == 2
