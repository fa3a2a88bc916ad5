"""`/ratings`: the rating of one car model, or of up to 50 in one batch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.exceptions import RequestValidationError
from sqlalchemy import select

from ratings_service.database import SessionDependency
from ratings_service.errors import RatingNotFoundError
from ratings_service.model_keys import (
    MAX_BATCH_SIZE,
    ModelKeyProblem,
    check_model_key,
    split_model_keys,
)
from ratings_service.models import Rating
from ratings_service.schemas import ErrorResponse, RatingBatchResponse, RatingPublic

router = APIRouter(prefix="/ratings", tags=["ratings"])


@router.get("")
def get_ratings(
    session: SessionDependency,
    model_keys: Annotated[
        str,
        Query(
            description=f"1 to {MAX_BATCH_SIZE} comma-separated model keys, "
            "e.g. volkswagen-golf,fiat-500"
        ),
    ],
) -> RatingBatchResponse:
    """Return the ratings of several car models; unknown keys are listed in `missing`."""
    keys, problems = split_model_keys(model_keys)
    if problems:
        raise _validation_error("model_keys", problems)

    found = {
        rating.model_key: rating
        for rating in session.scalars(select(Rating).where(Rating.model_key.in_(keys)))
    }
    return RatingBatchResponse(
        ratings={key: RatingPublic.model_validate(found[key]) for key in keys if key in found},
        missing=[key for key in keys if key not in found],
    )


@router.get("/{model_key}", responses={404: {"model": ErrorResponse}})
def get_rating(session: SessionDependency, model_key: str) -> RatingPublic:
    """Return the rating of one car model."""
    problem = check_model_key(model_key)
    if problem is not None:
        raise _validation_error("model_key", [problem], location="path")

    rating = session.get(Rating, model_key)
    if rating is None:
        raise RatingNotFoundError(model_key)
    return RatingPublic.model_validate(rating)


def _validation_error(
    field: str, problems: list[ModelKeyProblem], location: str = "query"
) -> RequestValidationError:
    """Build the error that the shared 422 handler renders, with one entry per problem."""
    return RequestValidationError(
        [
            {
                "type": "value_error",
                "loc": (location, field),
                "msg": problem.message,
                "input": problem.value,
            }
            for problem in problems
        ]
    )
