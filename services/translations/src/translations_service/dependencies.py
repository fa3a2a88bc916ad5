"""FastAPI dependencies shared by the routes: database session, language and model-key checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm import Session

from translations_service.languages import SUPPORTED_LANGUAGES, require_supported_language
from translations_service.seed import MAX_MODEL_KEY_LENGTH, is_valid_model_key

MAX_MODEL_KEYS_PER_REQUEST = 50


def get_session(request: Request) -> Iterator[Session]:
    """Open a session on the app's engine for one request and close it afterwards."""
    with request.app.state.session_factory() as session:
        yield session


def supported_language(
    language: Annotated[str, Path(description=f"One of: {', '.join(SUPPORTED_LANGUAGES)}.")],
) -> str:
    """Return the path's language, or raise `UnsupportedLanguageError` (a 404) for others."""
    return require_supported_language(language)


def requested_model_keys(
    model_keys: Annotated[
        str,
        Query(
            min_length=1,
            description=f"Comma-separated model keys such as `volkswagen-golf,fiat-500`, at most "
            f"{MAX_MODEL_KEYS_PER_REQUEST}.",
        ),
    ],
) -> list[str]:
    """Split `model_keys` into distinct keys in request order, or raise a 422 naming the bad one."""
    keys = [key.strip() for key in model_keys.split(",")]
    for key in keys:
        if not is_valid_model_key(key):
            _raise_invalid_model_keys(
                model_keys,
                f"Model key {key[:MAX_MODEL_KEY_LENGTH]!r} is malformed. Use lower-case letters, "
                "digits and single hyphens, such as 'volkswagen-golf', separated by commas "
                "with no empty entries.",
            )
    distinct_keys = list(dict.fromkeys(keys))
    if len(distinct_keys) > MAX_MODEL_KEYS_PER_REQUEST:
        _raise_invalid_model_keys(
            model_keys,
            f"{len(distinct_keys)} model keys were requested; the limit is "
            f"{MAX_MODEL_KEYS_PER_REQUEST}. Split the request.",
        )
    return distinct_keys


def _raise_invalid_model_keys(value: str, message: str) -> None:
    raise RequestValidationError(
        [{"type": "value_error", "loc": ("query", "model_keys"), "msg": message, "input": value}]
    )


SessionDependency = Annotated[Session, Depends(get_session)]
LanguageDependency = Annotated[str, Depends(supported_language)]
ModelKeysDependency = Annotated[list[str], Depends(requested_model_keys)]
