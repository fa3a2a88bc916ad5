"""Database tables of the payments service: bookings, their charges and idempotency records."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of the payments tables."""


class Booking(Base):
    """A confirmed booking. It exists only together with its captured charge."""

    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(11), unique=True)
    status: Mapped[str] = mapped_column(String(20))
    car_id: Mapped[str] = mapped_column(String(100))
    location_id: Mapped[str] = mapped_column(String(100))
    pick_up: Mapped[date] = mapped_column(Date)
    drop_off: Mapped[date] = mapped_column(Date)
    customer_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    car_description: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    charge: Mapped[Charge] = relationship(back_populates="booking")


class Charge(Base):
    """A card charge. Stores the brand and last four digits, never the number or the CVC."""

    __tablename__ = "charges"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), unique=True)
    status: Mapped[str] = mapped_column(String(20))
    brand: Mapped[str] = mapped_column(String(20))
    last4: Mapped[str] = mapped_column(String(4))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    booking: Mapped[Booking] = relationship(back_populates="charge")


class IdempotencyRecord(Base):
    """The first response to a payment request, replayed to every retry with the same key.

    The unique `key` is what makes concurrent retries safe: a second insert of the same key waits
    for the first transaction and then fails, and the loser replays the winner's response.
    `status_code` and `response_body` are null only inside the transaction that inserts the row,
    so other transactions never see them null.
    """

    __tablename__ = "idempotency_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    # HMAC-SHA256 hex digest of the canonical request body under the fingerprint secret.
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None]
    response_body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
