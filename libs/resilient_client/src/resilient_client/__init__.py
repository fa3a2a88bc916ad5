"""Resilient HTTP client: Redis cache buckets, breakers, pools (bulkheads), deadlines, fallbacks."""

from resilient_client.breaker import BreakerState
from resilient_client.client import CallResult, ResilientClient, Source
from resilient_client.clock import Clock, ManualClock, SystemClock
from resilient_client.config import (
    BucketConfig,
    ClientConfig,
    Criticality,
    GroupConfig,
    HttpConfig,
    RedisConfig,
    load_config,
)
from resilient_client.errors import (
    ConfigError,
    DependencyClientError,
    DependencyFailed,
    DependencyRejected,
    DependencyShortCircuited,
    DependencyTimedOut,
    DependencyUnavailable,
    ResilientClientError,
)
from resilient_client.outcome import Outcome
from resilient_client.prometheus import CONTENT_TYPE as PROMETHEUS_CONTENT_TYPE
from resilient_client.prometheus import render_prometheus

__all__ = [
    "PROMETHEUS_CONTENT_TYPE",
    "BreakerState",
    "BucketConfig",
    "CallResult",
    "ClientConfig",
    "Clock",
    "ConfigError",
    "Criticality",
    "DependencyClientError",
    "DependencyFailed",
    "DependencyRejected",
    "DependencyShortCircuited",
    "DependencyTimedOut",
    "DependencyUnavailable",
    "GroupConfig",
    "HttpConfig",
    "ManualClock",
    "Outcome",
    "RedisConfig",
    "ResilientClient",
    "ResilientClientError",
    "Source",
    "SystemClock",
    "load_config",
    "render_prometheus",
]
