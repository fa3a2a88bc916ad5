"""Exceptions of the ratings service.

RatingsError
└── RatingNotFoundError   (rendered as 404 `not_found`)
"""

from __future__ import annotations

from servicekit import ServiceError


class RatingsError(ServiceError):
    """Root of every error the ratings service raises on purpose."""


class RatingNotFoundError(RatingsError):
    """No car model with the requested model key has a rating."""

    status_code = 404
    error_code = "not_found"

    def __init__(self, model_key: str) -> None:
        super().__init__(
            f"No rating for model key {model_key!r}. "
            "Use a model key of the search service's car catalog, e.g. volkswagen-golf."
        )
        self.model_key = model_key
