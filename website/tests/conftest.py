"""Fixtures for the website tests: the five backends as real processes, the website in-process.

The backends run under devstack on free 127.0.0.1 ports with their own Redis. The website runs
in the test process through FastAPI's TestClient, configured by `WEBSITE_*` variables.
"""

from __future__ import annotations

import html
import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import redis
from fastapi.testclient import TestClient

from devstack import Stack
from devstack.testing import start_stack
from resilient_client import Clock
from website.app import create_app
from website.settings import DEFAULT_RESILIENCE_CONFIG

BACKENDS = ("translations", "geolocation", "ratings", "payments", "search")

WebsiteFactory = Callable[..., TestClient]


@dataclass(frozen=True)
class RenderedPage:
    """What a browser would see of a response: status, HTML, visible text, fields and links."""

    status_code: int
    html: str

    @property
    def text(self) -> str:
        """The visible text with tags removed and whitespace collapsed."""
        without_scripts = re.sub(r"<script\b.*?</script>", " ", self.html, flags=re.DOTALL)
        plain = re.sub(r"<[^>]+>", " ", without_scripts)
        return " ".join(html.unescape(plain).split())

    def field(self, name: str) -> str | None:
        """Return the value of the `<input>` named `name`, or None when there is none."""
        for tag in re.findall(r"<input\b[^>]*>", self.html):
            if re.search(rf'\bname="{re.escape(name)}"', tag):
                match = re.search(r'\bvalue="([^"]*)"', tag)
                return html.unescape(match.group(1)) if match else ""
        return None

    def links(self, prefix: str) -> list[str]:
        """Return every `href` that starts with `prefix`, unescaped."""
        hrefs = re.findall(r'href="([^"]+)"', self.html)
        return [html.unescape(href) for href in hrefs if href.startswith(prefix)]


PageReader = Callable[[httpx.Response], RenderedPage]


@pytest.fixture
def read_page() -> PageReader:
    """Return a function that turns a response into a `RenderedPage`."""
    return lambda response: RenderedPage(response.status_code, response.text)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The five backends and a Redis, healthy for the whole session: tests must not stop them."""
    with start_stack(tmp_path_factory.mktemp("backends"), services=BACKENDS) as running:
        yield running


@pytest.fixture(scope="module")
def _module_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with start_stack(tmp_path_factory.mktemp("fragile-backends"), services=BACKENDS) as running:
        yield running


@pytest.fixture
def fragile_stack(_module_stack: Stack) -> Iterator[Stack]:
    """A stack whose services and Redis a test may stop. Each one is started again afterwards.

    Its Redis starts empty for every test, so no value cached by an earlier test hides a failure.
    """
    flush_cache(_module_stack)
    yield _module_stack
    redis_server = _module_stack.redis_server
    if redis_server is not None and not redis_server.process.is_running():
        redis_server.start()
    for name, process in _module_stack.processes.items():
        if not process.is_running():
            _module_stack.start_service(name)


def flush_cache(stack: Stack) -> None:
    """Delete every cached value of the website and of search from the stack's own Redis."""
    assert stack.redis_url is not None
    with redis.Redis.from_url(stack.redis_url) as connection:
        connection.flushdb()


@pytest.fixture
def make_website(monkeypatch: pytest.MonkeyPatch) -> Iterator[WebsiteFactory]:
    """Return a factory that builds the website against a stack, entered as a TestClient.

    `urls` replaces backend URLs by name, `cache=False` runs without Redis, `clock` ages cached
    values without sleeping, and `resilience_config` points to another policy file.
    """
    clients: list[TestClient] = []

    def build(
        stack: Stack,
        *,
        urls: dict[str, str] | None = None,
        cache: bool = True,
        clock: Clock | None = None,
        resilience_config: Path | None = None,
    ) -> TestClient:
        for name in BACKENDS:
            url = (urls or {}).get(name, stack.url(name))
            monkeypatch.setenv(f"WEBSITE_{name.upper()}_URL", url)
        monkeypatch.setenv("WEBSITE_REDIS_URL", (stack.redis_url or "") if cache else "")
        config = resilience_config or DEFAULT_RESILIENCE_CONFIG
        monkeypatch.setenv("WEBSITE_RESILIENCE_CONFIG", str(config))
        client = TestClient(create_app(clock=clock))
        client.__enter__()
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def rental_dates() -> tuple[date, date]:
    """A three-day rental that starts in 30 days."""
    pick_up = datetime.now(UTC).date() + timedelta(days=30)
    return pick_up, pick_up + timedelta(days=3)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Return the URL of a 127.0.0.1 server that accepts connections and never responds."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    accepted: list[socket.socket] = []
    stopping = threading.Event()

    def accept_until_stopped() -> None:
        while not stopping.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(connection)

    thread = threading.Thread(target=accept_until_stopped, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"

    stopping.set()
    thread.join(timeout=5)
    for connection in accepted:
        connection.close()
    server.close()


@pytest.fixture
def short_payments_timeout(tmp_path: Path) -> Path:
    """Write the packaged resilience config with a 0.3-second payments deadline."""
    text = DEFAULT_RESILIENCE_CONFIG.read_text(encoding="utf-8")
    before, section, after = text.partition("[buckets.payments]")
    assert section, "the packaged config has no [buckets.payments]"
    after = after.replace("timeout_seconds = 2.0", "timeout_seconds = 0.3", 1)
    path = tmp_path / "resilience.toml"
    path.write_text(before + section + after, encoding="utf-8")
    return path
