"""The home page: heading, search form and language switcher."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from website.forms import SearchFormValues
from website.pages import Page, get_page, today_utc

router = APIRouter()

# The home form suggests a rental that starts in a week and lasts three days.
DEFAULT_DAYS_UNTIL_PICK_UP = 7
DEFAULT_RENTAL_DAYS = 3


@router.get("/", response_class=HTMLResponse)
async def home(page: Annotated[Page, Depends(get_page)]) -> HTMLResponse:
    pick_up = today_utc() + timedelta(days=DEFAULT_DAYS_UNTIL_PICK_UP)
    form = SearchFormValues(
        pick_up=pick_up.isoformat(),
        drop_off=(pick_up + timedelta(days=DEFAULT_RENTAL_DAYS)).isoformat(),
    )
    return page.render("home.html", form=form, errors={})
