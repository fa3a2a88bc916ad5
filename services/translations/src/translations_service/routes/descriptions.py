"""`GET /descriptions/{language}`: car model descriptions in one language."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from translations_service.dependencies import (
    LanguageDependency,
    ModelKeysDependency,
    SessionDependency,
)
from translations_service.models import CarDescription
from translations_service.schemas import DescriptionsResponse, ErrorBody

router = APIRouter(tags=["descriptions"])


@router.get("/descriptions/{language}", responses={404: {"model": ErrorBody}})
def get_descriptions(
    language: LanguageDependency, model_keys: ModelKeysDependency, session: SessionDependency
) -> DescriptionsResponse:
    """Return the descriptions of `model_keys` in request order, unknown keys in `missing`."""
    rows = session.execute(
        select(CarDescription.model_key, CarDescription.text).where(
            CarDescription.language == language, CarDescription.model_key.in_(model_keys)
        )
    )
    found = {model_key: text for model_key, text in rows}
    return DescriptionsResponse(
        language=language,
        descriptions={key: found[key] for key in model_keys if key in found},
        missing=[key for key in model_keys if key not in found],
    )
