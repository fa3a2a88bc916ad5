"""Runs the car-rental system on one machine without Docker: Redis plus six service processes.

`python -m devstack run` is what `make run` calls; `devstack.testing.start_stack` is what the
integration tests use.
"""

from devstack.errors import DevstackError, ProcessStartError, RedisNotFoundError
from devstack.settings import StackSettings
from devstack.stack import Stack

__all__ = ["DevstackError", "ProcessStartError", "RedisNotFoundError", "Stack", "StackSettings"]
