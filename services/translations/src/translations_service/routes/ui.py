"""`GET /ui/{language}`: every website text in one language."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from translations_service.dependencies import LanguageDependency, SessionDependency
from translations_service.models import UiString
from translations_service.schemas import ErrorBody, UiStringsResponse

router = APIRouter(tags=["ui"])


@router.get("/ui/{language}", responses={404: {"model": ErrorBody}})
def get_ui_strings(language: LanguageDependency, session: SessionDependency) -> UiStringsResponse:
    """Return the UI strings of `language`, sorted by key."""
    rows = session.execute(
        select(UiString.key, UiString.text)
        .where(UiString.language == language)
        .order_by(UiString.key)
    )
    return UiStringsResponse(language=language, strings={key: text for key, text in rows})
