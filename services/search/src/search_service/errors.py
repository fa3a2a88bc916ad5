"""Exceptions of the search service.

SearchError                   root; carries the HTTP status and the `error` code of the body
├── InvalidDatesError         400 `invalid_dates`
├── CarNotFoundError          404 `not_found`
└── CatalogError              a data file shipped in the package is missing or invalid
"""

from __future__ import annotations

from servicekit import ServiceError


class SearchError(ServiceError):
    """Root of this package's errors, rendered as `{"error": error_code, "message": str(error)}`."""

    status_code = 500
    error_code = "internal_error"


class InvalidDatesError(SearchError):
    """Pick-up and drop-off dates that no rental can have."""

    status_code = 400
    error_code = "invalid_dates"


class CarNotFoundError(SearchError):
    """No car has the requested id, because its location was never searched or the id is wrong."""

    status_code = 404
    error_code = "not_found"


class CatalogError(SearchError):
    """The car catalog or its English descriptions are missing or inconsistent."""
