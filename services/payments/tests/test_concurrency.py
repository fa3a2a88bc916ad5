"""Concurrent retries with one Idempotency-Key against a real uvicorn server charge once."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

if TYPE_CHECKING:
    from conftest import PaymentBodyFactory

CONCURRENT_REQUESTS = 8
SERVER_START_TIMEOUT_SECONDS = 10.0
REQUEST_TIMEOUT_SECONDS = 30.0


@pytest.fixture
def server_url(make_app: Callable[[], FastAPI]) -> Iterator[str]:
    """Serve the app with uvicorn on a free 127.0.0.1 port in a thread; yield its base URL."""
    listening_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening_socket.bind(("127.0.0.1", 0))
    port = listening_socket.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(make_app(), log_config=None, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening_socket]})
    thread.start()

    # Poll the server's own ready flag, bounded in time, instead of sleeping a guessed delay.
    deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "uvicorn did not start"

    yield f"http://127.0.0.1:{port}"

    server.should_exit = True
    thread.join(timeout=SERVER_START_TIMEOUT_SECONDS)
    listening_socket.close()


def post_at_once(
    url: str, bodies: list[dict[str, object]], key: str
) -> list[httpx.Response]:
    """POST every body with the same key from its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(bodies))

    def post(body: dict[str, object]) -> httpx.Response:
        with httpx.Client(timeout=REQUEST_TIMEOUT_SECONDS) as http:
            barrier.wait(timeout=REQUEST_TIMEOUT_SECONDS)
            return http.post(f"{url}/payments", json=body, headers={"Idempotency-Key": key})

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(post, bodies))


def test_concurrent_same_key_charges_once(
    server_url: str, build_payment: PaymentBodyFactory, count_rows: Callable[[str], int]
) -> None:
    bodies = [build_payment() for _ in range(CONCURRENT_REQUESTS)]

    responses = post_at_once(server_url, bodies, key="concurrent-1")

    assert [response.status_code for response in responses] == [201] * CONCURRENT_REQUESTS
    references = {response.json()["booking_reference"] for response in responses}
    assert len(references) == 1
    replayed = [response for response in responses if "Idempotent-Replayed" in response.headers]
    assert len(replayed) == CONCURRENT_REQUESTS - 1
    assert count_rows("charges") == 1
    assert count_rows("bookings") == 1
    assert count_rows("idempotency_records") == 1


def test_concurrent_same_key_other_body_is_rejected(
    server_url: str, build_payment: PaymentBodyFactory, count_rows: Callable[[str], int]
) -> None:
    bodies = [build_payment(amount=f"{100 + index}.00") for index in range(CONCURRENT_REQUESTS)]

    responses = post_at_once(server_url, bodies, key="concurrent-2")

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] + [422] * (CONCURRENT_REQUESTS - 1)
    rejected = [response for response in responses if response.status_code == 422]
    assert {response.json()["error"] for response in rejected} == {"idempotency_key_reused"}
    assert count_rows("charges") == 1
