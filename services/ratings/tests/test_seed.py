"""Seeding: deterministic values, one row per catalog key, no reseeding on later starts."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ratings_service.app import create_app
from ratings_service.catalog import MODEL_KEYS
from ratings_service.model_keys import MODEL_KEY_PATTERN
from ratings_service.models import Rating
from ratings_service.seed import derive_rating, seed_ratings
from ratings_service.settings import RatingsSettings
from servicekit import create_database_engine


def read_ratings(database_url: str) -> dict[str, tuple[float, int]]:
    engine = create_database_engine(database_url)
    with Session(engine) as session:
        rows = {
            rating.model_key: (rating.rating, rating.review_count)
            for rating in session.scalars(select(Rating))
        }
    engine.dispose()
    return rows


def start_app(database_url: str) -> None:
    app = create_app(RatingsSettings(database_url=database_url))
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200


def test_catalog_keys_are_unique_and_valid() -> None:
    assert len(set(MODEL_KEYS)) == len(MODEL_KEYS)
    for model_key in MODEL_KEYS:
        assert MODEL_KEY_PATTERN.fullmatch(model_key), model_key


def test_first_start_seeds_every_catalog_key(database_url: str) -> None:
    start_app(database_url)

    assert sorted(read_ratings(database_url)) == sorted(MODEL_KEYS)


def test_seeded_values_match_between_fresh_databases(tmp_path: Path) -> None:
    first_url = f"sqlite:///{tmp_path / 'first.db'}"
    second_url = f"sqlite:///{tmp_path / 'second.db'}"

    start_app(first_url)
    start_app(second_url)

    assert read_ratings(first_url) == read_ratings(second_url)


def test_derived_values_ignore_hash_seed() -> None:
    script = (
        "import json; from ratings_service.catalog import MODEL_KEYS; "
        "from ratings_service.seed import derive_rating; "
        "print(json.dumps([vars(derive_rating(key)) for key in MODEL_KEYS]))"
    )
    outputs = []
    for hash_seed in ("1", "2"):
        completed = subprocess.run(
            [sys.executable, "-c", script],
            env={"PYTHONHASHSEED": hash_seed, "PATH": ""},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        outputs.append(json.loads(completed.stdout))

    assert outputs[0] == outputs[1]
    assert outputs[0] == [vars(derive_rating(key)) for key in MODEL_KEYS]


def test_derived_values_spread_over_range() -> None:
    ratings = [derive_rating(key).rating for key in MODEL_KEYS]
    review_counts = [derive_rating(key).review_count for key in MODEL_KEYS]

    assert all(1.0 <= rating <= 5.0 for rating in ratings)
    assert all(rating == round(rating, 1) for rating in ratings)
    assert len(set(ratings)) > 5
    assert len(set(review_counts)) > 20


def test_second_start_does_not_reseed(database_url: str) -> None:
    start_app(database_url)
    engine = create_database_engine(database_url)
    with Session(engine) as session, session.begin():
        session.execute(update(Rating).where(Rating.model_key == "fiat-500").values(rating=1.0))
    engine.dispose()
    ratings_before = read_ratings(database_url)

    start_app(database_url)

    assert read_ratings(database_url) == ratings_before
    assert ratings_before["fiat-500"][0] == 1.0


def test_seed_adds_only_missing_keys(database_url: str) -> None:
    engine = create_database_engine(database_url)

    first = seed_ratings(engine, ["fiat-500", "kia-picanto"])
    second = seed_ratings(engine, ["fiat-500", "kia-picanto", "volvo-xc60"])
    engine.dispose()

    assert (first.inserted_count, first.existing_count) == (2, 0)
    assert (second.inserted_count, second.existing_count) == (1, 2)
    assert sorted(read_ratings(database_url)) == ["fiat-500", "kia-picanto", "volvo-xc60"]


def test_concurrent_first_starts_insert_once(database_url: str) -> None:
    engines = [create_database_engine(database_url) for _ in range(2)]

    with ThreadPoolExecutor(max_workers=2) as executor:
        results = list(executor.map(seed_ratings, engines))
    for engine in engines:
        engine.dispose()

    assert sum(result.inserted_count for result in results) == len(MODEL_KEYS)
    assert sorted(read_ratings(database_url)) == sorted(MODEL_KEYS)
