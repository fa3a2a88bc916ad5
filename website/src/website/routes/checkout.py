"""The checkout page: car summary, customer and card form, and the payment call.

The form carries a hidden idempotency key (a uuid4 made when the form is rendered), so a double
submit or a retry after a timeout reaches payments with the same key and never charges twice.
Form fields, the card number, the CVC and the idempotency key are never logged.
"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from website.backends import (
    CardDetails,
    ChargeState,
    PaymentConfirmed,
    PaymentDeclined,
    PaymentInvalid,
    PaymentRequest,
    PaymentResult,
)
from website.errors import BackendRequestError, NotFoundError
from website.forms import (
    CheckoutForm,
    FormError,
    RentalDates,
    is_resource_id,
    new_idempotency_key,
    parse_rental_dates,
    required_cvc_length,
    validate_checkout,
)
from website.pages import Page, get_page, today_utc
from website.pick_up_location import load_pick_up_location
from website.schemas import Car
from website.widgets import WidgetState

logger = logging.getLogger(__name__)

router = APIRouter()

# Cards are issued for up to about five years; the year list leaves room for longer ones.
EXPIRY_YEARS_OFFERED = 16
KNOWN_DECLINE_CODES = frozenset(
    {"insufficient_funds", "card_declined", "expired_card", "incorrect_cvc"}
)

# The checkout form field and UI string for each field name in a 422 from payments.
_PAYMENTS_FIELD_ERRORS = {
    "card.number": FormError("card_number", "form.error.card_number_invalid"),
    "card.expiry_month": FormError("expiry_month", "form.error.expiry_invalid"),
    "card.expiry_year": FormError("expiry_month", "form.error.expiry_invalid"),
    "card.holder_name": FormError("card_holder", "form.error.card_holder_required"),
    "booking.customer_name": FormError("name", "form.error.name_required"),
}


@router.get("/book/{car_id}", response_class=HTMLResponse)
async def checkout_form(
    car_id: str,
    page: Annotated[Page, Depends(get_page)],
    pick_up: str = "",
    drop_off: str = "",
) -> HTMLResponse:
    loaded = await _load_car(page, car_id, pick_up, drop_off)
    if isinstance(loaded, HTMLResponse):
        return loaded
    car, dates, car_state = loaded
    form = CheckoutForm(idempotency_key=new_idempotency_key())
    return await _render(page, car, dates, car_state, form)


@router.post("/book/{car_id}", response_class=HTMLResponse)
async def checkout_submit(
    car_id: str,
    request: Request,
    page: Annotated[Page, Depends(get_page)],
    pick_up: str = "",
    drop_off: str = "",
) -> Response:
    form_data = await request.form()
    form = CheckoutForm.from_form_data(
        {name: value for name, value in form_data.items() if isinstance(value, str)}
    )
    loaded = await _load_car(page, car_id, pick_up, drop_off, form.without_card_secrets())
    if isinstance(loaded, HTMLResponse):
        return loaded
    car, dates, car_state = loaded

    errors = validate_checkout(form, today_utc())
    if errors:
        return await _render(page, car, dates, car_state, form.without_card_secrets(), errors, 422)

    payment = PaymentRequest(
        amount=car.total_price,
        currency=car.currency,
        card=CardDetails(
            number=form.card_digits,
            expiry_month=int(form.expiry_month),
            expiry_year=int(form.expiry_year),
            cvc=form.cvc,
            holder_name=form.card_holder,
        ),
        car_id=car.car_id,
        location_id=car.location_id,
        pick_up=dates.pick_up,
        drop_off=dates.drop_off,
        customer_name=form.name,
        email=form.email,
        car_description=f"{car.make} {car.model} ({car.acriss_code})",
    )
    result = await page.backends.pay(payment, form.idempotency_key)
    return await _respond_to_payment(page, car, dates, car_state, form, result)


async def _respond_to_payment(
    page: Page,
    car: Car,
    dates: RentalDates,
    car_state: WidgetState,
    form: CheckoutForm,
    result: PaymentResult,
) -> Response:
    if isinstance(result, PaymentConfirmed):
        reference = result.booking.booking_reference
        logger.info(
            "booking.confirmed", extra={"booking_reference": reference, "car_id": car.car_id}
        )
        # The e-mail goes into the signed cookie, not the URL, so it stays out of browser
        # history, logs and shared links.
        response = RedirectResponse(f"/bookings/{quote(reference)}", status_code=303)
        page.booking_access.set(response, reference, form.email)
        return response

    if isinstance(result, PaymentDeclined):
        logger.info(
            "payment.declined", extra={"decline_code": result.decline_code, "car_id": car.car_id}
        )
        code = (
            result.decline_code if result.decline_code in KNOWN_DECLINE_CODES else "card_declined"
        )
        # payments stored the decline under the old key, so the next attempt needs a new one.
        retry_form = form.without_card_secrets(new_idempotency_key())
        message = page.t(f"checkout.declined.{code}")
        return await _render(
            page, car, dates, car_state, retry_form, payment_error=message, status_code=402
        )

    if isinstance(result, PaymentInvalid):
        logger.info(
            "payment.rejected",
            extra={
                "error_code": result.error_code,
                "fields": list(result.fields),
                "car_id": car.car_id,
            },
        )
        if result.error_code == "idempotency_key_reused":
            retry_form = form.without_card_secrets(new_idempotency_key())
            message = page.t("checkout.error.details_changed")
            return await _render(
                page, car, dates, car_state, retry_form, payment_error=message, status_code=422
            )
        errors = payment_field_errors(result.fields, form)
        rejected_message = None if errors else page.t("checkout.error.rejected")
        return await _render(
            page,
            car,
            dates,
            car_state,
            form.without_card_secrets(),
            errors,
            422,
            payment_error=rejected_message,
        )

    message_key = (
        "checkout.error.not_charged"
        if result.charge_state is ChargeState.NOT_CHARGED
        else "checkout.error.result_unknown"
    )
    # The same key makes a retry safe: payments returns the first result for a repeated key.
    return await _render(
        page,
        car,
        dates,
        car_state,
        form.without_card_secrets(),
        payment_error=page.t(message_key),
        status_code=503,
    )


def payment_field_errors(fields: tuple[str, ...], form: CheckoutForm) -> list[FormError]:
    """Turn the body fields that payments rejected (`card.cvc`) into checkout form errors.

    Fields without a form counterpart, such as a model-level `card` error, are left out, so the
    page shows the general rejection message for them.
    """
    errors = []
    for name in fields:
        if name in _PAYMENTS_FIELD_ERRORS:
            errors.append(_PAYMENTS_FIELD_ERRORS[name])
        elif name == "card.cvc":
            digits = required_cvc_length(form.card_digits)
            errors.append(FormError("cvc", "form.error.cvc_invalid", {"digits": digits}))
        elif name == "booking.email":
            errors.append(FormError("email", "form.error.email_invalid", {"value": form.email}))
    return errors


async def _load_car(
    page: Page,
    car_id: str,
    pick_up: str,
    drop_off: str,
    form: CheckoutForm | None = None,
) -> tuple[Car, RentalDates, WidgetState] | HTMLResponse:
    """Fetch the car for the dates, or return the page to show instead (bad dates, search down)."""
    if not is_resource_id(car_id):
        raise NotFoundError("car", car_id)
    dates, errors = parse_rental_dates(pick_up, drop_off, today_utc())
    if dates is None:
        messages = [page.error_text(error) for error in errors]
        return page.render(
            "message.html", 400, title=page.t("checkout.dates_invalid"), messages=messages
        )

    try:
        fetched = await page.backends.car(car_id, dates.pick_up, dates.drop_off, page.language)
    except BackendRequestError:
        message = page.t("form.error.dates_rejected")
        return page.render(
            "message.html", 400, title=page.t("checkout.dates_invalid"), messages=[message]
        )
    if fetched.value is None:
        page.notices.append(page.t("notice.car_unavailable"))
        if form is not None:
            page.notices.append(page.t("checkout.error.not_charged"))
        return page.render(
            "checkout.html", car=None, dates=dates, car_state=fetched.state, form=form, errors={}
        )
    return fetched.value, dates, fetched.state


async def _render(
    page: Page,
    car: Car,
    dates: RentalDates,
    car_state: WidgetState,
    form: CheckoutForm,
    errors: list[FormError] | None = None,
    status_code: int = 200,
    payment_error: str | None = None,
) -> HTMLResponse:
    pick_up_location = await load_pick_up_location(page, car.location_id)
    return page.render(
        "checkout.html",
        status_code,
        car=car,
        pick_up_location=pick_up_location,
        dates=dates,
        car_state=car_state,
        form=form,
        errors=page.field_errors(errors or []),
        payment_error=payment_error,
        expiry_years=range(today_utc().year, today_utc().year + EXPIRY_YEARS_OFFERED),
    )
