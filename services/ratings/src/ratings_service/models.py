"""Database table of the ratings service: one rating per car model."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of the ratings service's own tables."""


class Rating(Base):
    """Average customer rating and number of reviews of one car model."""

    __tablename__ = "ratings"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1.0 AND 5.0", name="rating_range"),
        CheckConstraint("review_count >= 0", name="review_count_not_negative"),
    )

    model_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    # Stars from 1.0 to 5.0, with one decimal.
    rating: Mapped[float] = mapped_column(Float)
    review_count: Mapped[int] = mapped_column(Integer)
