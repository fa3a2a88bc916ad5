"""Objects that route handlers get from the app state."""

from __future__ import annotations

from fastapi import Request

from payments_service.checkout import Checkout


def get_checkout(request: Request) -> Checkout:
    """Return the `Checkout` that `create_app` stored on the app."""
    checkout: Checkout = request.app.state.checkout
    return checkout
