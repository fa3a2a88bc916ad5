"""Response bodies of the translations service's HTTP API."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    """The error body every service shares: a stable code and an English sentence with the fix."""

    error: str
    message: str


class Language(BaseModel):
    """A supported language: its code and its name written in that language."""

    code: str = Field(examples=["de"])
    name: str = Field(examples=["Deutsch"])


class LanguagesResponse(BaseModel):
    """Every supported language, English first."""

    languages: list[Language]


class UiStringsResponse(BaseModel):
    """Every website text in one language, keyed like the English reference set."""

    language: str
    strings: dict[str, str]


class DescriptionsResponse(BaseModel):
    """Descriptions of the requested car models, with unknown model keys listed in `missing`."""

    language: str
    descriptions: dict[str, str]
    missing: list[str]


class CountriesResponse(BaseModel):
    """Names of every ISO 3166-1 country in one language, keyed by alpha-2 code."""

    language: str
    countries: dict[str, str]
