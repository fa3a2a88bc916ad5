"""Fixtures: search apps on temporary databases, a real translations service and a real Redis."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest
import redis
from fastapi.testclient import TestClient

from resilient_client import Clock
from search_service.app import create_app
from search_service.settings import SearchSettings

# The "today" of every test, so pick-up dates in December 2026 stay in the future.
TODAY = date(2026, 12, 1)
# Upper bounds on waiting for a child process, so a broken server fails the test instead of hanging.
PROCESS_START_TIMEOUT_SECONDS = 30.0
PROCESS_STOP_TIMEOUT_SECONDS = 10.0
READY_POLL_INTERVAL_SECONDS = 0.05


@contextmanager
def search_client(
    database_path: Path,
    *,
    translations_url: str,
    redis_url: str = "",
    client_clock: Clock | None = None,
) -> Iterator[TestClient]:
    """Run a search app on `database_path` for the duration of the block."""
    settings = SearchSettings(
        database_url=f"sqlite:///{database_path}",
        translations_url=translations_url,
        redis_url=redis_url,
    )
    app = create_app(settings, today=lambda: TODAY, client_clock=client_clock)
    with TestClient(app) as client:
        yield client


SearchClientFactory = Callable[..., AbstractContextManager[TestClient]]


@pytest.fixture
def make_search_client() -> SearchClientFactory:
    """Return `search_client`, for tests that run several apps one after another."""
    return search_client


@pytest.fixture
def unreachable_url() -> str:
    """Return a URL on a free port where nothing listens, as when translations is down."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def client(tmp_path: Path, unreachable_url: str) -> Iterator[TestClient]:
    """A search app whose translations service is unreachable, so descriptions fall back."""
    with search_client(tmp_path / "search.db", translations_url=unreachable_url) as test_client:
        yield test_client


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_process(
    command: list[str], *, log_path: Path, ready: Callable[[], bool], env: dict[str, str]
) -> Iterator[subprocess.Popen[bytes]]:
    """Start `command`, poll `ready` for up to PROCESS_START_TIMEOUT_SECONDS, and stop it after."""
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
        )
    try:
        deadline = time.monotonic() + PROCESS_START_TIMEOUT_SECONDS
        while not ready():
            if process.poll() is not None or time.monotonic() > deadline:
                log_text = log_path.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{command[0]} did not start. Its log ends with:\n{log_text}")
            time.sleep(READY_POLL_INTERVAL_SECONDS)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=PROCESS_STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def answers_http(url: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return httpx.get(url, timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

    return check


def answers_redis_ping(url: str) -> Callable[[], bool]:
    def check() -> bool:
        client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        try:
            return bool(client.ping())
        except (redis.RedisError, OSError):
            return False
        finally:
            client.close()

    return check


@pytest.fixture(scope="session")
def translations_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Run the real translations service with uvicorn on a free port, as a separate process."""
    work_dir = tmp_path_factory.mktemp("translations")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "uvicorn", "translations_service.app:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    environment = {
        **os.environ,
        "TRANSLATIONS_DATABASE_URL": f"sqlite:///{work_dir / 'translations.db'}",
    }
    with running_process(
        command,
        log_path=work_dir / "translations.log",
        ready=answers_http(f"{url}/healthz"),
        env=environment,
    ):
        yield url


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """Run a Redis of this test's own on a free port, never the machine's shared one."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not on PATH")
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    command = [
        binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
        "--dir", str(tmp_path),
    ]  # fmt: skip
    with running_process(
        command,
        log_path=tmp_path / "redis.log",
        ready=answers_redis_ping(url),
        env=dict(os.environ),
    ):
        yield url
