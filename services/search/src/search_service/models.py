"""Database tables of the search service (SQLAlchemy 2.x ORM)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of this service's tables only."""


class Fleet(Base):
    """The fleet of one location, stored the first time the location is searched."""

    __tablename__ = "fleets"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Country of the first search, used to price `GET /cars/{car_id}` without a country code.
    country_code: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    cars: Mapped[list[FleetCarRow]] = relationship(
        back_populates="fleet", order_by="FleetCarRow.position", lazy="selectin"
    )


class FleetCarRow(Base):
    """One car of a fleet: its id, its place in the fleet and its catalog model."""

    __tablename__ = "fleet_cars"

    car_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("fleets.location_id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    model_key: Mapped[str] = mapped_column(String(64))
    fleet: Mapped[Fleet] = relationship(back_populates="cars")
