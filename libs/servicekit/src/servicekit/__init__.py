"""Shared plumbing for the car-rental services: app factory, settings, logging, database.

Each backend service and the website build their FastAPI app with `create_service_app`, read their
settings once with `load_settings`, and open their database with `create_database_engine`.
"""

from servicekit.app import create_service_app
from servicekit.database import create_database_engine
from servicekit.errors import ServiceError, ServiceKitError, SettingsError
from servicekit.logging import configure_logging
from servicekit.settings import ServiceSettings, load_settings
from servicekit.startup import exit_on_startup_error

__all__ = [
    "ServiceError",
    "ServiceKitError",
    "ServiceSettings",
    "SettingsError",
    "configure_logging",
    "create_database_engine",
    "create_service_app",
    "exit_on_startup_error",
    "load_settings",
]
