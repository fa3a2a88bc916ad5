"""`GET /countries/{language}`: ISO 3166-1 country names in one language."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from translations_service.dependencies import LanguageDependency, SessionDependency
from translations_service.models import CountryName
from translations_service.schemas import CountriesResponse, ErrorBody

router = APIRouter(tags=["countries"])


@router.get("/countries/{language}", responses={404: {"model": ErrorBody}})
def get_countries(language: LanguageDependency, session: SessionDependency) -> CountriesResponse:
    """Return `{alpha-2 code: name}` for every ISO 3166-1 country, sorted by code."""
    rows = session.execute(
        select(CountryName.country_code, CountryName.name)
        .where(CountryName.language == language)
        .order_by(CountryName.country_code)
    )
    return CountriesResponse(language=language, countries={code: name for code, name in rows})
