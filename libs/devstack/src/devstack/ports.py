"""Free-port lookup and port checks on the loopback interface."""

from __future__ import annotations

import socket


def find_free_port(host: str = "127.0.0.1") -> int:
    """Return a TCP port on `host` that was free a moment ago.

    Another process can take the port between this call and its use. A caller that starts a
    server on it must treat a failed bind as a start error.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def is_port_open(host: str, port: int, timeout_seconds: float = 0.2) -> bool:
    """Return True when something accepts TCP connections on `host:port`."""
    try:
        with socket.create_connection((host, port), timeout=timeout_seconds):
            return True
    except OSError:
        return False
