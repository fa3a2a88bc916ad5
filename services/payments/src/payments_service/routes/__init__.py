"""HTTP routes of the payments service, one module per resource."""

from payments_service.routes.bookings import router as bookings_router
from payments_service.routes.payments import router as payments_router

__all__ = ["bookings_router", "payments_router"]
