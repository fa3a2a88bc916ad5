"""Real backends for the resilient-client tests: a Starlette app under uvicorn, and redis-server.

The backend serves `/items/{name}` and behaves as `backend.behaviours[name]` sets (default "ok"),
so a test switches an endpoint from healthy to failing without restarting anything. `/gate/{name}`
answers only after the test opens `backend.gate`, so a test can hold calls in flight without
sleeping.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

import pytest
import redis
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

# Upper bounds on every wait in the fixtures, so a broken server fails a test instead of hanging it.
SERVER_START_TIMEOUT_SECONDS = 10.0
STALL_SECONDS = 5.0
DRIP_CHUNKS = 20
DRIP_INTERVAL_SECONDS = 0.1
GATE_TIMEOUT_SECONDS = 5.0


@dataclass
class Backend:
    """Handle on the running backend: its URL, behaviours, request counts and the gate."""

    base_url: str
    behaviours: dict[str, str] = field(default_factory=dict)
    requests: collections.Counter[str] = field(default_factory=collections.Counter)
    in_flight: collections.Counter[str] = field(default_factory=collections.Counter)
    gate: threading.Event = field(default_factory=threading.Event)

    def reset(self) -> None:
        self.behaviours.clear()
        self.requests.clear()
        self.in_flight.clear()
        self.gate.clear()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_backend_app(backend: Backend) -> Starlette:
    async def item(request: Request) -> Response:
        name = request.path_params["name"]
        backend.requests[name] += 1
        behaviour = backend.behaviours.get(name, "ok")
        if behaviour == "ok":
            return JSONResponse(
                {"name": name, "count": backend.requests[name], "query": dict(request.query_params)}
            )
        if behaviour == "fail":
            return JSONResponse({"error": "internal"}, status_code=500)
        if behaviour == "missing":
            return JSONResponse(
                {"error": "not_found", "message": f"No item {name!r}."}, status_code=404
            )
        if behaviour == "too_many":
            return JSONResponse({"error": "slow_down"}, status_code=429)
        if behaviour == "not_json":
            return PlainTextResponse("this is not JSON")
        if behaviour == "stall":
            await asyncio.sleep(STALL_SECONDS)
            return JSONResponse({"name": name, "stalled": True})
        if behaviour == "drip":
            return StreamingResponse(_drip(), media_type="application/json")
        raise AssertionError(f"unknown behaviour {behaviour!r}")

    async def gated(request: Request) -> Response:
        name = request.path_params["name"]
        backend.requests[name] += 1
        backend.in_flight[name] += 1
        try:
            deadline = time.monotonic() + GATE_TIMEOUT_SECONDS
            while not backend.gate.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.005)
            if backend.behaviours.get(name) == "fail":
                return JSONResponse({"error": "internal"}, status_code=500)
            return JSONResponse({"name": name, "count": backend.requests[name]})
        finally:
            backend.in_flight[name] -= 1

    async def echo(request: Request) -> Response:
        backend.requests["echo"] += 1
        return JSONResponse({"received": await request.json()}, status_code=201)

    return Starlette(
        routes=[
            Route("/items/{name}", item, methods=["GET", "POST"]),
            Route("/gate/{name}", gated),
            Route("/echo", echo, methods=["POST"]),
        ]
    )


async def _drip() -> AsyncIterator[bytes]:
    yield b'{"padding": "'
    for _ in range(DRIP_CHUNKS):
        await asyncio.sleep(DRIP_INTERVAL_SECONDS)
        yield b"x"
    yield b'"}'


@pytest.fixture(scope="session")
def backend_server() -> Iterator[Backend]:
    port = free_port()
    backend = Backend(base_url=f"http://127.0.0.1:{port}")
    # Stalled handlers from earlier tests may still run at shutdown; do not wait for them.
    config = uvicorn.Config(
        build_backend_app(backend),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=0.5,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="test-backend", daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test backend did not start")
        time.sleep(0.01)
    yield backend
    server.should_exit = True
    thread.join(timeout=SERVER_START_TIMEOUT_SECONDS)


@pytest.fixture
def backend(backend_server: Backend) -> Iterator[Backend]:
    backend_server.reset()
    yield backend_server
    # Let handlers still waiting on the gate finish before the next test resets the counters.
    backend_server.gate.set()


@dataclass
class RedisServer:
    """A redis-server subprocess started for one test; `stop()` ends it by its PID."""

    process: subprocess.Popen[bytes]
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=SERVER_START_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=SERVER_START_TIMEOUT_SECONDS)


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    executable = shutil.which("redis-server")
    if executable is None:
        pytest.skip("redis-server is not on PATH")
    port = free_port()
    process = subprocess.Popen(
        [
            executable,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = RedisServer(process=process, port=port)
    try:
        _wait_for_redis(server)
        yield server
    finally:
        server.stop()


def _wait_for_redis(server: RedisServer) -> None:
    probe = redis.Redis(host="127.0.0.1", port=server.port, socket_connect_timeout=0.2)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
    try:
        while True:
            with contextlib.suppress(redis.ConnectionError):
                if probe.ping():
                    return
            if time.monotonic() > deadline or server.process.poll() is not None:
                raise RuntimeError(f"redis-server on port {server.port} did not start")
            time.sleep(0.02)
    finally:
        probe.close()
