"""Exceptions of the geolocation service.

GeolocationError
└── LocationNotFoundError   (rendered as 404 `not_found`)
"""

from __future__ import annotations

from servicekit import ServiceError


class GeolocationError(ServiceError):
    """Root of every error the geolocation service raises on purpose."""


class LocationNotFoundError(GeolocationError):
    """No location has the requested id."""

    status_code = 404
    error_code = "not_found"

    def __init__(self, location_id: str) -> None:
        super().__init__(
            f"No location has id {location_id!r}. Use /locations/autocomplete to find one."
        )
        self.location_id = location_id
