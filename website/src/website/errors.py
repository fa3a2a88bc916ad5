"""Exception root of the website.

WebsiteError
├── UnsupportedLanguageError   `?lang=` names a language the site does not offer (page: 400)
├── NotFoundError              a backend returned 404 for a car, location or booking (page: 404)
└── BackendRequestError        a backend rejected a request as invalid (4xx other than 404)
"""

from __future__ import annotations

from typing import Any


class WebsiteError(Exception):
    """Root of every error the website raises on purpose."""


class UnsupportedLanguageError(WebsiteError):
    """The `lang` query parameter names a language that is not supported."""

    def __init__(self, value: str, supported: tuple[str, ...]) -> None:
        super().__init__(f"unsupported language {value!r}; supported: {', '.join(supported)}")
        self.value = value
        self.supported = supported


class NotFoundError(WebsiteError):
    """A backend returned 404 `not_found` for the requested resource."""

    def __init__(self, bucket: str, resource_id: str) -> None:
        super().__init__(f"{bucket} has no resource {resource_id!r}")
        self.bucket = bucket
        self.resource_id = resource_id


class BackendRequestError(WebsiteError):
    """A backend rejected the request with a 4xx other than 404, with its parsed JSON `body`."""

    def __init__(self, bucket: str, status_code: int, body: Any) -> None:
        super().__init__(f"{bucket} rejected the request with HTTP {status_code}")
        self.bucket = bucket
        self.status_code = status_code
        self.body = body

    @property
    def error_code(self) -> str | None:
        """The `error` field of the body (`invalid_dates`, `card_declined`, ...), if it has one."""
        if isinstance(self.body, dict) and isinstance(self.body.get("error"), str):
            return str(self.body["error"])
        return None
