"""The six processes of the car-rental system: module, settings prefix and what each one calls."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceSpec:
    """How to start one service: its uvicorn app factory and the settings it is given."""

    name: str
    app_factory: str
    env_prefix: str
    default_port: int
    dependencies: tuple[str, ...] = ()
    has_database: bool = True
    uses_redis: bool = False


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec("translations", "translations_service.app:create_app", "TRANSLATIONS_", 8002),
    ServiceSpec("geolocation", "geolocation_service.app:create_app", "GEOLOCATION_", 8003),
    ServiceSpec("ratings", "ratings_service.app:create_app", "RATINGS_", 8004),
    ServiceSpec("payments", "payments_service.app:create_app", "PAYMENTS_", 8005),
    ServiceSpec(
        "search",
        "search_service.app:create_app",
        "SEARCH_",
        8001,
        dependencies=("translations",),
        uses_redis=True,
    ),
    ServiceSpec(
        "website",
        "website.app:create_app",
        "WEBSITE_",
        8000,
        dependencies=("search", "translations", "geolocation", "ratings", "payments"),
        has_database=False,
        uses_redis=True,
    ),
)
"""Every service in start order: each one comes after the services it calls."""

SERVICES_BY_NAME = {spec.name: spec for spec in SERVICES}

ALL_SERVICE_NAMES: tuple[str, ...] = tuple(spec.name for spec in SERVICES)
