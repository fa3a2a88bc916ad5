"""`POST /payments`: charge a card and confirm a booking."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse

from payments_service.checkout import Checkout
from payments_service.idempotency import validate_idempotency_key
from payments_service.routes.dependencies import get_checkout
from payments_service.schemas import (
    BookingConfirmation,
    CardDeclinedBody,
    ErrorBody,
    PaymentRequest,
)

router = APIRouter(tags=["payments"])

_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Idempotency-Key header missing or invalid."},
    402: {"model": CardDeclinedBody, "description": "The card was declined; nothing was charged."},
    422: {"description": "Invalid body, or an Idempotency-Key reused with a different body."},
}


@router.post(
    "/payments",
    status_code=201,
    response_model=BookingConfirmation,
    responses=_ERROR_RESPONSES,
)
def create_payment(
    payment: PaymentRequest,
    checkout: Annotated[Checkout, Depends(get_checkout)],
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="1 to 100 characters, unique per payment; resend it to retry safely.",
        ),
    ] = None,
) -> JSONResponse:
    """Charge the card and confirm the booking; a retry with the same key replays the result."""
    key = validate_idempotency_key(idempotency_key)
    result = checkout.submit_payment(key, payment)
    headers = {"Idempotent-Replayed": "true"} if result.replayed else None
    return JSONResponse(status_code=result.status_code, content=result.body, headers=headers)
