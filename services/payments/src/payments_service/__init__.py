"""Payments service: charges a test card and confirms the booking in one database transaction."""

from payments_service.app import create_app
from payments_service.settings import PaymentsSettings

__all__ = ["PaymentsSettings", "create_app"]
