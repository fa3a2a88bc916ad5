"""Measure one-hop requests per second of three asyncio HTTP clients against a local server.

Starts a minimal ASGI app under uvicorn in a subprocess on a free 127.0.0.1 port, then for each
client runs `--concurrency` callers that send GET requests for `--duration-seconds` and prints a
table. The clients: plain `httpx.AsyncClient`, httpx over the httpx-aiohttp transport as the
resilient client builds it, a raw `aiohttp.ClientSession`, and `ResilientClient.get_json` on a
bucket without cache (breaker, pool, deadline and metrics on top of the second client).

Run from the repository root:

    .venv/bin/python libs/resilient_client/benchmarks/transport_benchmark.py

The server and the clients share the machine, so the figures compare clients on one host; they
are not a capacity figure for any service.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from resilient_client import ClientConfig, ResilientClient, ResilientClientError
from resilient_client.config import HttpConfig
from resilient_client.transport import build_http_client

DEFAULT_DURATION_SECONDS = 5.0
MAX_DURATION_SECONDS = 60.0
DEFAULT_CONCURRENCY = 16
MAX_CONCURRENCY = 256
# A hard cap per client run, in case a run is far faster than expected.
MAX_REQUESTS_PER_RUN = 2_000_000
WARMUP_REQUESTS_PER_CALLER = 20
SERVER_START_TIMEOUT_SECONDS = 15.0

RESPONSE_BODY = b'{"model_key":"volkswagen-golf","rating":4.3,"review_count":1287}'


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Send a small JSON response to every HTTP request, as a lookup endpoint would."""
    if scope["type"] != "http":
        return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(RESPONSE_BODY)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": RESPONSE_BODY})


@dataclass(frozen=True)
class RunResult:
    client: str
    requests: int
    errors: int
    elapsed_seconds: float

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.elapsed_seconds


Fetch = Callable[[], Awaitable[None]]


async def measure(name: str, fetch: Fetch, concurrency: int, duration_seconds: float) -> RunResult:
    """Run `concurrency` callers of `fetch` for `duration_seconds` and count completed requests."""
    for _ in range(WARMUP_REQUESTS_PER_CALLER):
        await asyncio.gather(*(fetch() for _ in range(concurrency)))

    completed = 0
    errors = 0
    started = time.perf_counter()
    deadline = started + duration_seconds

    async def caller() -> None:
        nonlocal completed, errors
        while time.perf_counter() < deadline and completed < MAX_REQUESTS_PER_RUN:
            try:
                await fetch()
                completed += 1
            except (httpx.HTTPError, aiohttp.ClientError, OSError, ResilientClientError):
                errors += 1

    await asyncio.gather(*(caller() for _ in range(concurrency)))
    return RunResult(name, completed, errors, time.perf_counter() - started)


async def run_all(url: str, concurrency: int, duration_seconds: float) -> list[RunResult]:
    results = []

    async with httpx.AsyncClient() as plain:

        async def fetch_plain() -> None:
            response = await plain.get(url)
            response.raise_for_status()

        results.append(await measure("httpx", fetch_plain, concurrency, duration_seconds))

    over_aiohttp = build_http_client(HttpConfig())
    try:

        async def fetch_over_aiohttp() -> None:
            response = await over_aiohttp.get(url)
            response.raise_for_status()

        results.append(
            await measure(
                "httpx + httpx-aiohttp", fetch_over_aiohttp, concurrency, duration_seconds
            )
        )
    finally:
        await over_aiohttp.aclose()

    async with aiohttp.ClientSession() as session:

        async def fetch_aiohttp() -> None:
            async with session.get(url) as response:
                response.raise_for_status()
                await response.read()

        results.append(await measure("aiohttp", fetch_aiohttp, concurrency, duration_seconds))

    results.append(await measure_resilient_client(url, concurrency, duration_seconds))
    return results


async def measure_resilient_client(
    url: str, concurrency: int, duration_seconds: float
) -> RunResult:
    base_url, path = url.rsplit("/ratings/", 1)
    config = ClientConfig.from_dict(
        {
            "groups": {"bench": {"max_concurrent_calls": concurrency, "max_queued_calls": 0}},
            "buckets": {
                "ratings": {"dependency": "ratings", "group": "bench", "timeout_seconds": 5.0}
            },
        }
    )
    async with ResilientClient(config, base_urls={"ratings": base_url}) as client:
        # Each request gets its own query string, so single flight never merges two callers.
        request_numbers = iter(range(MAX_REQUESTS_PER_RUN * 2))

        async def fetch_resilient() -> None:
            params = {"request": next(request_numbers)}
            await client.get_json("ratings", f"/ratings/{path}", params=params)

        return await measure(
            "ResilientClient.get_json", fetch_resilient, concurrency, duration_seconds
        )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "transport_benchmark:app",
        "--app-dir",
        str(Path(__file__).resolve().parent),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(command, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited with status {process.returncode} at start-up")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.05)
    stop_server(process)
    raise RuntimeError(
        f"uvicorn did not listen on port {port} within {SERVER_START_TIMEOUT_SECONDS} s"
    )


def stop_server(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=SERVER_START_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=SERVER_START_TIMEOUT_SECONDS)


def print_table(results: list[RunResult], concurrency: int) -> None:
    print(f"{concurrency} concurrent callers, one GET per request to a local uvicorn server")
    print(f"{'client':<24}{'requests':>10}{'errors':>8}{'seconds':>9}{'requests/s':>12}")
    for result in results:
        print(
            f"{result.client:<24}{result.requests:>10}{result.errors:>8}"
            f"{result.elapsed_seconds:>9.2f}{result.requests_per_second:>12.0f}"
        )


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration-seconds",
        type=float,
        default=DEFAULT_DURATION_SECONDS,
        help=f"how long each client runs, in seconds (default {DEFAULT_DURATION_SECONDS}, "
        f"at most {MAX_DURATION_SECONDS})",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        help=f"concurrent callers per client (default {DEFAULT_CONCURRENCY}, "
        f"at most {MAX_CONCURRENCY})",
    )
    arguments = parser.parse_args()
    if not 0 < arguments.duration_seconds <= MAX_DURATION_SECONDS:
        parser.error(f"--duration-seconds must be > 0 and <= {MAX_DURATION_SECONDS}")
    if not 1 <= arguments.concurrency <= MAX_CONCURRENCY:
        parser.error(f"--concurrency must be between 1 and {MAX_CONCURRENCY}")
    return arguments


def main() -> None:
    arguments = parse_arguments()
    port = free_port()
    server = start_server(port)
    try:
        results = asyncio.run(
            run_all(
                f"http://127.0.0.1:{port}/ratings/volkswagen-golf",
                arguments.concurrency,
                arguments.duration_seconds,
            )
        )
    finally:
        stop_server(server)
    print_table(results, arguments.concurrency)


if __name__ == "__main__":
    main()
