"""Pytest helpers: the whole system, or a part of it, on free ports with its own Redis."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from devstack.catalog import ALL_SERVICE_NAMES, SERVICES
from devstack.ports import find_free_port
from devstack.stack import Stack

ALL_SERVICES = ALL_SERVICE_NAMES


@contextmanager
def start_stack(
    data_dir: Path,
    services: Iterable[str] = ALL_SERVICES,
    *,
    redis: bool = True,
    extra_env: Mapping[str, str] | None = None,
) -> Iterator[Stack]:
    """Run `services` on free 127.0.0.1 ports with databases in `data_dir`, and stop them after.

    With `redis=True` a fresh Redis is started on a free port (never the machine's shared one),
    so a test can stop it with `stack.stop_redis()`.
    """
    ports = {spec.name: find_free_port() for spec in SERVICES}
    redis_url = f"redis://127.0.0.1:{find_free_port()}/0" if redis else None
    stack = Stack(
        ports=ports,
        data_dir=data_dir,
        redis_url=redis_url,
        services=services,
        extra_env=extra_env,
    )
    stack.start()
    try:
        yield stack
    finally:
        stack.stop()


def find_chromium() -> str | None:
    """Return the path of Debian's Chromium (`apt-get install chromium`), or None when missing."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


# Flags for a headless Chromium on a machine without outside network access: without the
# background-networking ones it keeps trying to reach Google's update and sync hosts.
CHROMIUM_ARGUMENTS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
