"""Exception root of the service kit."""


class ServiceKitError(Exception):
    """Root of every error the service kit raises."""


class SettingsError(ServiceKitError):
    """A setting from the environment or a settings file is missing or invalid."""
