"""The whole system on one machine: a Redis (found or started) and the six services as children."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from devstack.catalog import ALL_SERVICE_NAMES, SERVICES, SERVICES_BY_NAME, ServiceSpec
from devstack.errors import DevstackError, ProcessStartError
from devstack.ports import is_port_open
from devstack.processes import ChildProcess, http_health_check
from devstack.redis_server import RedisServer, redis_answers

logger = logging.getLogger(__name__)

DEFAULT_START_TIMEOUT_SECONDS = 120.0
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class Stack:
    """Starts, stops and reports the processes of the system.

    `redis_url=None` runs the services without a cache. Otherwise a Redis that responds at
    `redis_url` is used as it is, and when none responds one is started on that URL's port (only
    for a loopback host). `stop()` ends only the processes this object started.
    """

    def __init__(
        self,
        *,
        ports: Mapping[str, int],
        data_dir: Path,
        redis_url: str | None,
        services: Iterable[str] = ALL_SERVICE_NAMES,
        host: str = "127.0.0.1",
        log_level: str = "INFO",
        start_timeout_seconds: float = DEFAULT_START_TIMEOUT_SECONDS,
        extra_env: Mapping[str, str] | None = None,
    ) -> None:
        wanted = set(services)
        unknown = wanted - SERVICES_BY_NAME.keys()
        if unknown:
            raise DevstackError(
                f"unknown service names {sorted(unknown)}; choose from {sorted(SERVICES_BY_NAME)}"
            )
        self.specs = [spec for spec in SERVICES if spec.name in wanted]
        self.ports = dict(ports)
        self.data_dir = data_dir.resolve()
        self.redis_url = redis_url
        self.host = host
        self.log_level = log_level
        self.start_timeout_seconds = start_timeout_seconds
        self.extra_env = dict(extra_env or {})
        self.redis_server: RedisServer | None = None
        self.processes: dict[str, ChildProcess] = {}

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    def url(self, name: str) -> str:
        """Return the base URL of service `name`, e.g. `http://127.0.0.1:8000`."""
        return f"http://{self.host}:{self.ports[name]}"

    def start(self) -> None:
        """Start Redis if needed, then each service in order, waiting for each to be healthy.

        On any start error, stops what it already started and raises.
        """
        try:
            self._check_ports_free()
            if self.redis_url is not None:
                self._ensure_redis()
            for spec in self.specs:
                self.start_service(spec.name)
        except BaseException:
            self.stop()
            raise

    def _check_ports_free(self) -> None:
        for spec in self.specs:
            port = self.ports[spec.name]
            if is_port_open(self.host, port):
                raise DevstackError(
                    f"port {port} on {self.host} for {spec.name} is already in use. Stop what "
                    f"listens there, or set CARRENTAL_{spec.name.upper()}_PORT to a free port."
                )

    def _ensure_redis(self) -> None:
        assert self.redis_url is not None
        if redis_answers(self.redis_url):
            logger.info("redis.found", extra={"redis_url": self.redis_url})
            return
        parts = urlsplit(self.redis_url)
        if parts.hostname not in _LOCAL_HOSTS:
            raise DevstackError(
                f"no Redis answers at {self.redis_url}, and devstack only starts one on this "
                "machine. Start that Redis, or set CARRENTAL_REDIS_URL to a redis://127.0.0.1 URL."
            )
        port = parts.port or 6379
        if is_port_open(self.host, port):
            raise DevstackError(
                f"port {port} is in use by something that is not an answering Redis, so no Redis "
                "can be started for CARRENTAL_REDIS_URL. Choose another port in that URL."
            )
        self.redis_server = RedisServer(port, work_dir=self.data_dir / "redis", host=self.host)
        self.redis_server.start()
        self.redis_url = self.redis_server.url

    def start_service(self, name: str) -> ChildProcess:
        """Start service `name` (again) and wait until its `/healthz` returns 200."""
        spec = SERVICES_BY_NAME[name]
        port = self.ports[name]
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            spec.app_factory,
            "--factory",
            "--host",
            self.host,
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ]
        process = ChildProcess(
            name,
            command,
            log_path=self.log_dir / f"{name}.log",
            env=self._service_env(spec),
            cwd=self.data_dir.parent,
        )
        self.processes[name] = process
        process.start()
        try:
            process.wait_until(
                http_health_check(self.url(name) + "/healthz"), self.start_timeout_seconds
            )
        except ProcessStartError:
            process.stop()
            raise
        return process

    def _service_env(self, spec: ServiceSpec) -> dict[str, str]:
        env = dict(os.environ)
        prefix = spec.env_prefix
        env[prefix + "LOG_LEVEL"] = self.log_level
        if spec.has_database:
            env[prefix + "DATABASE_URL"] = f"sqlite:///{self.data_dir / spec.name}.db"
        if spec.uses_redis:
            env[prefix + "REDIS_URL"] = self.redis_url or ""
        for dependency in spec.dependencies:
            env[f"{prefix}{dependency.upper()}_URL"] = self.url(dependency)
        env.update(self.extra_env)
        return env

    def stop_service(self, name: str) -> None:
        """Stop service `name` with SIGTERM, as an operator would."""
        self.processes[name].stop()

    def kill_service(self, name: str) -> None:
        """Kill service `name` with SIGKILL, as a crash would."""
        self.processes[name].kill()

    def stop_redis(self) -> None:
        """Stop the Redis this stack started. Raises if it uses a Redis it did not start."""
        if self.redis_server is None:
            raise DevstackError("this stack did not start Redis, so it will not stop it")
        self.redis_server.stop()

    def stop(self) -> None:
        """Stop every process this stack started, services in reverse start order, then Redis."""
        for name in reversed(list(self.processes)):
            self.processes[name].stop()
        if self.redis_server is not None:
            self.redis_server.stop()
