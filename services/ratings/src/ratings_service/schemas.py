"""Response bodies of the ratings service's HTTP API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RatingPublic(BaseModel):
    """Rating of one car model as the API returns it."""

    model_config = ConfigDict(from_attributes=True)

    model_key: str = Field(examples=["volkswagen-golf"])
    rating: float = Field(ge=1.0, le=5.0, description="Stars from 1.0 to 5.0, one decimal")
    review_count: int = Field(ge=0)


class RatingBatchResponse(BaseModel):
    """Ratings of several car models; keys without a rating are listed in `missing`."""

    ratings: dict[str, RatingPublic]
    missing: list[str]


class ErrorResponse(BaseModel):
    """Body of every error response: a stable code and a sentence naming the value and the fix."""

    error: str
    message: str
