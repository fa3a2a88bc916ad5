"""Exceptions of the service kit, and the base class for each service's own error root."""

from __future__ import annotations

from typing import Any


class ServiceKitError(Exception):
    """Root of every error the service kit raises."""


class SettingsError(ServiceKitError):
    """A setting from the environment or a settings file is missing or invalid."""


class ServiceError(Exception):
    """Base of each service's exception root: an error with its HTTP status and `error` code.

    `create_service_app` renders any subclass as `status_code` with the body from `to_body()`,
    `{"error": error_code, "message": str(error)}` unless a subclass adds fields. The message is
    sent to the client, so it must never hold a secret.
    """

    status_code: int = 500
    error_code: str = "internal_error"

    def to_body(self) -> dict[str, Any]:
        """Return the JSON error body: the stable `error` code and the `message` sentence."""
        return {"error": self.error_code, "message": str(self)}
