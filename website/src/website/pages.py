"""Per-request page context: language, UI strings with their widget state, and HTML rendering.

Route handlers get a `Page` through `Depends(get_page)`. The page fetches the UI strings of the
request's language from translations. When translations is unavailable and nothing is cached, it
falls back to the website's own English copy and shows a notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from website import formatting
from website.backends import Backends
from website.booking_access import BookingAccessCookie
from website.forms import FormError
from website.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_COOKIE,
    LANGUAGE_COOKIE_MAX_AGE_SECONDS,
    LanguageChoice,
    Translator,
    choose_language,
    english_strings,
    language_names,
)
from website.widgets import WidgetState, WidgetStatus


def create_templates() -> Jinja2Templates:
    environment = Environment(
        loader=PackageLoader("website", "templates"),
        autoescape=select_autoescape(("html",)),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=environment)


def today_utc() -> date:
    return datetime.now(UTC).date()


@dataclass
class Page:
    """Everything a template needs besides its own data: language, strings, notices, links."""

    request: Request
    choice: LanguageChoice
    t: Translator
    strings_state: WidgetState
    # Page-wide notices shown above the content, as already translated sentences.
    notices: list[str] = field(default_factory=list)

    @property
    def language(self) -> str:
        """Language of the rendered text, which is English after a fallback to the own copy."""
        return self.t.language

    @property
    def backends(self) -> Backends:
        backends: Backends = self.request.app.state.backends
        return backends

    @property
    def booking_access(self) -> BookingAccessCookie:
        cookie: BookingAccessCookie = self.request.app.state.booking_access
        return cookie

    def language_links(self) -> list[tuple[str, str, str]]:
        """Return `(code, name, url)` per language, each URL the current page with `?lang=`.

        The URLs are relative to the site, so they stay right behind a proxy or load balancer.
        """
        links = []
        for code, name in language_names().items():
            query = self.request.url.include_query_params(lang=code).query
            links.append((code, name, f"{self.request.url.path}?{query}"))
        return links

    def error_text(self, error: FormError) -> str:
        values = {
            name: formatting.long_date(value, self.language) if isinstance(value, date) else value
            for name, value in error.values.items()
        }
        return self.t(error.key, **values)

    def field_errors(self, errors: list[FormError]) -> dict[str, list[str]]:
        """Group translated error messages by form field."""
        grouped: dict[str, list[str]] = {}
        for error in errors:
            grouped.setdefault(error.field, []).append(self.error_text(error))
        return grouped

    def state_text(self, state: WidgetState) -> str:
        """Describe where a widget's data came from, e.g. `From cache, updated 3 minutes ago`."""
        if state.status is WidgetStatus.LIVE:
            return self.t("state.live")
        if state.status is WidgetStatus.CACHE:
            return self.t("state.cache", age=formatting.age(state.age_seconds or 0, self.language))
        if state.status is WidgetStatus.STALE:
            return self.t("state.stale", age=formatting.age(state.age_seconds or 0, self.language))
        if state.status is WidgetStatus.FALLBACK:
            return self.t("state.fallback")
        return self.t("state.unavailable")

    def render(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        templates: Jinja2Templates = self.request.app.state.templates
        response = templates.TemplateResponse(
            self.request,
            template,
            {"page": self, "t": self.t, "fmt": formatting, **context},
            status_code=status_code,
        )
        if self.choice.store_in_cookie:
            response.set_cookie(
                LANGUAGE_COOKIE,
                self.choice.language,
                max_age=LANGUAGE_COOKIE_MAX_AGE_SECONDS,
                httponly=True,
                samesite="lax",
            )
        return response


async def get_page(request: Request) -> Page:
    """Build the page of a request. Raise `UnsupportedLanguageError` for an unknown `?lang=`."""
    choice = choose_language(
        request.query_params.get("lang"),
        request.cookies.get(LANGUAGE_COOKIE),
        request.headers.get("accept-language"),
    )
    return await build_page(request, choice)


async def build_page(request: Request, choice: LanguageChoice) -> Page:
    backends: Backends = request.app.state.backends
    fetched = await backends.ui_strings(choice.language)
    if fetched.value is not None:
        return Page(request, choice, Translator(choice.language, fetched.value), fetched.state)

    translator = Translator(DEFAULT_LANGUAGE, english_strings())
    page = Page(request, choice, translator, fetched.state)
    page.notices.append(translator("notice.strings_unavailable"))
    return page


async def build_error_page(request: Request) -> Page:
    """Build a page for an error response, ignoring `?lang=` because it may be the error."""
    choice = choose_language(
        None, request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language")
    )
    return await build_page(request, choice)
