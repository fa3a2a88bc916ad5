"""Database tables of the geolocation service: locations and the text autocomplete searches."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Autocomplete finds prefixes with `term >= query AND term < query + U+10FFFF`, which is exact
# only under a byte-wise (binary) collation. SQLite compares that way by default; PostgreSQL
# needs the "C" collation, because a language collation may order other strings into the range.
# NOTE: the tests run on SQLite only; the PostgreSQL variant has not been run.
_TERM_TYPE = String(200).with_variant(String(200, collation="C"), "postgresql")


class Base(DeclarativeBase):
    """Declarative base of the geolocation service's own tables."""


class LocationKind(StrEnum):
    """Type of a location: an airport with an IATA code, or a city."""

    AIRPORT = "airport"
    CITY = "city"


class TermKind(StrEnum):
    """Field of a location that a search term or word comes from, which sets its ranking tier."""

    IATA_CODE = "iata_code"
    # The city an airport serves, or a city's own name.
    PLACE = "place"
    # An airport's name.
    NAME = "name"
    # Another name of a city from GeoNames ("lisboa", "lissabon"); airports get their city's.
    ALTERNATE_NAME = "alternate_name"
    # An airport's name from its second or a later word on ("heathrow airport").
    NAME_WORD = "name_word"
    # The second or a later word of another name of a city ("lisboa" of "nova lisboa", a former
    # name of Huambo). Search words only.
    ALTERNATE_NAME_WORD = "alternate_name_word"
    # A word of the English name of the location's country ("portugal"). Search words only.
    COUNTRY = "country"
    # A word for "airport" in a language of the website ("flughafen"), given to every airport
    # whatever its name. Search words only.
    AIRPORT_WORD = "airport_word"


class Location(Base):
    """An airport (`airport-<IATA code>`) or a city (`city-<GeoNames id>`)."""

    __tablename__ = "locations"
    __table_args__ = (
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        Index("ix_locations_latitude_longitude", "latitude", "longitude"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    iata_code: Mapped[str | None] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # For a city, its own name. None for the airports that airportsdata lists without a city.
    city: Mapped[str | None] = mapped_column(String(200))
    country_code: Mapped[str] = mapped_column(String(2))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    # Set for cities only.
    population: Mapped[int | None] = mapped_column(Integer)
    # Ranking weight: a city's population, or for an airport the population of the GeoNames city
    # it was linked to at seeding (0 when none was found).
    served_population: Mapped[int] = mapped_column(Integer)


class SearchTerm(Base):
    """One normalized string that autocomplete matches by prefix to find a location."""

    __tablename__ = "location_search_terms"
    # The primary key (term, location_id) is the index the prefix range scans, so a separate
    # rowid would only cost space and insert time.
    __table_args__ = ({"sqlite_with_rowid": False},)

    term: Mapped[str] = mapped_column(_TERM_TYPE, primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))


class SearchWord(Base):
    """One normalized word of a location's searchable text, for queries of several words.

    A multi-word query matches a location when every query word is a prefix of one of the
    location's words. The rows of one location come from its IATA code, name, city, the alternate
    names of its city, its country's English name and, for an airport, `sources.AIRPORT_WORDS`.
    """

    __tablename__ = "location_search_words"
    # The primary key starts with `word`, so it is the index the prefix range scans. A word may
    # reach one location from several fields, one row per field, because the field sets the tier.
    __table_args__ = ({"sqlite_with_rowid": False},)

    word: Mapped[str] = mapped_column(_TERM_TYPE, primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
