"""Database tables of the translations service (SQLAlchemy 2.x ORM)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of this service's tables only."""


class UiString(Base):
    """One piece of website text in one language, looked up by a dotted key (`home.title`)."""

    __tablename__ = "ui_strings"

    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class CarDescription(Base):
    """One or two sentences describing a car model in one language."""

    __tablename__ = "car_descriptions"

    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    model_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class CountryName(Base):
    """The name of an ISO 3166-1 country in one language, as Babel (CLDR) spells it."""

    __tablename__ = "country_names"

    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    country_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class SeedVersion(Base):
    """The checksum of the data last seeded into one table, so an unchanged start skips seeding."""

    __tablename__ = "seed_versions"

    dataset: Mapped[str] = mapped_column(String(50), primary_key=True)
    checksum: Mapped[str] = mapped_column(String(64))
    seeded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
