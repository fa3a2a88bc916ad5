"""`GET /languages`: the supported languages with their own names."""

from __future__ import annotations

from fastapi import APIRouter

from translations_service.languages import SUPPORTED_LANGUAGES, native_language_name
from translations_service.schemas import Language, LanguagesResponse

router = APIRouter(tags=["languages"])


@router.get("/languages")
def list_languages() -> LanguagesResponse:
    """Return every supported language with its name in that language."""
    return LanguagesResponse(
        languages=[
            Language(code=code, name=native_language_name(code)) for code in SUPPORTED_LANGUAGES
        ]
    )
