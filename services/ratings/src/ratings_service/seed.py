"""Seeding of the ratings table: one deterministic rating per model key of the catalog."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from ratings_service.catalog import MODEL_KEYS
from ratings_service.models import Base, Rating

logger = logging.getLogger(__name__)

# Seeded ratings use 3.0 to 4.9 stars, a narrower range than the 1.0 to 5.0 the API allows, so
# the demo shows plausible scores. Both bounds are in tenths of a star.
MIN_SEEDED_RATING_TENTHS = 30
MAX_SEEDED_RATING_TENTHS = 49
MIN_SEEDED_REVIEW_COUNT = 12
MAX_SEEDED_REVIEW_COUNT = 2_400
# Part of the hashed text, so that changing the derivation on purpose changes every value.
_DERIVATION_VERSION = "ratings-v1"


@dataclass(frozen=True)
class SeededRating:
    """A rating derived from a model key: stars with one decimal, and a review count."""

    model_key: str
    rating: float
    review_count: int


@dataclass(frozen=True)
class SeedResult:
    """Outcome of `seed_ratings`: how many ratings it inserted and how many already existed."""

    inserted_count: int
    existing_count: int
    duration_seconds: float


def derive_rating(model_key: str) -> SeededRating:
    """Derive a rating and review count from the SHA-256 of the model key.

    The values are the same in every process and on every machine. Python's `hash()` would not
    do, because it is salted per process.
    """
    digest = hashlib.sha256(f"{_DERIVATION_VERSION}:{model_key}".encode()).digest()
    rating_span = MAX_SEEDED_RATING_TENTHS - MIN_SEEDED_RATING_TENTHS + 1
    review_span = MAX_SEEDED_REVIEW_COUNT - MIN_SEEDED_REVIEW_COUNT + 1
    rating_tenths = MIN_SEEDED_RATING_TENTHS + int.from_bytes(digest[0:8], "big") % rating_span
    review_count = MIN_SEEDED_REVIEW_COUNT + int.from_bytes(digest[8:16], "big") % review_span
    return SeededRating(model_key, rating=rating_tenths / 10, review_count=review_count)


def seed_ratings(engine: Engine, model_keys: Iterable[str] = MODEL_KEYS) -> SeedResult:
    """Create the table if missing and insert a derived rating for each model key not yet in it.

    Existing rows are left as they are, so a second start inserts nothing, and a key added to the
    catalog gets its rating at the next start. Keys removed from the catalog keep their rows.
    All inserts go in one transaction. When two processes start at once, the one whose insert
    fails on the primary key inserts nothing.
    """
    started = time.perf_counter()
    create_tables(engine)

    with Session(engine) as session:
        existing_keys = set(session.scalars(select(Rating.model_key)))
    missing_keys = [key for key in dict.fromkeys(model_keys) if key not in existing_keys]
    rows = [vars(derive_rating(key)) for key in missing_keys]

    inserted_count = len(rows)
    if rows:
        try:
            with engine.begin() as connection:
                connection.execute(insert(Rating), rows)
        except IntegrityError:
            logger.info(
                "seed.skipped",
                extra={"reason": "another process inserted the ratings first"},
            )
            inserted_count = 0

    result = SeedResult(
        inserted_count=inserted_count,
        existing_count=len(existing_keys),
        duration_seconds=round(time.perf_counter() - started, 3),
    )
    logger.info("seed.completed", extra=vars(result))
    return result


def create_tables(engine: Engine) -> None:
    """Create the tables that do not exist yet.

    `CREATE TABLE IF NOT EXISTS` rather than `metadata.create_all`, because create_all checks and
    then creates, and a second process starting at the same moment fails between the two.
    """
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            connection.execute(CreateTable(table, if_not_exists=True))
