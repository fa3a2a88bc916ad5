"""A short Locust run of loadtests/locustfile.py against the whole system on free ports.

Locust runs in a subprocess, never in the pytest process, because importing it patches the
standard library with gevent.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from devstack.testing import start_stack

pytestmark = pytest.mark.integration

REPOSITORY = Path(__file__).resolve().parents[2]
LOCUSTFILE = REPOSITORY / "loadtests" / "locustfile.py"

USERS = 4
RUN_TIME_SECONDS = 15
# Locust's own start-up and shutdown take a few seconds on top of --run-time.
LOCUST_TIMEOUT_SECONDS = RUN_TIME_SECONDS + 30
# Every visit books, with short pauses, so 15 seconds cover each page several times.
LOCUST_OPTIONS = ("--booking-percent", "100", "--think-time-scale", "0.2")

# (method, name) of each row that the booking flow puts in Locust's statistics.
PAGES = {
    ("GET", "/"),
    ("GET", "/api/locations"),
    ("GET", "/search"),
    ("GET", "/book/[car_id]"),
    ("POST", "/book/[car_id]"),
    ("GET", "/bookings/[reference]"),
    ("GET", "/bookings"),
    ("POST", "/bookings"),
}


def run_locust(host: str, csv_prefix: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        host,
        "--users",
        str(USERS),
        "--spawn-rate",
        str(USERS),
        "--run-time",
        f"{RUN_TIME_SECONDS}s",
        "--csv",
        str(csv_prefix),
        "--only-summary",
        *LOCUST_OPTIONS,
    ]
    return subprocess.run(
        command,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=LOCUST_TIMEOUT_SECONDS,
        check=False,
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as file:
        return list(csv.DictReader(file))


def test_load_smoke_books_without_failures(tmp_path: Path, shared_data_dir: Path) -> None:
    csv_prefix = tmp_path / "load"
    with start_stack(shared_data_dir) as stack:
        completed = run_locust(stack.url("website"), csv_prefix)

    output = f"stdout:\n{completed.stdout[-3000:]}\nstderr:\n{completed.stderr[-3000:]}"
    stats_path = tmp_path / "load_stats.csv"
    assert stats_path.exists(), f"Locust wrote no statistics.\n{output}"
    rows = read_csv(stats_path)
    request_counts = {(row["Type"], row["Name"]): int(row["Request Count"]) for row in rows}
    failure_counts = {(row["Type"], row["Name"]): int(row["Failure Count"]) for row in rows}
    failures = read_csv(tmp_path / "load_failures.csv")

    for page in sorted(PAGES):
        assert request_counts.get(page, 0) >= 1, f"no request for {page}: {request_counts}"
    assert set(request_counts) - {("", "Aggregated")} == PAGES
    payment_page = ("POST", "/book/[car_id]")
    bookings = request_counts[payment_page] - failure_counts[payment_page]
    assert bookings >= 1, f"no payment led to a booking: {failures}"
    assert sum(failure_counts.values()) == 0, f"failed requests: {failures}"
    assert completed.returncode == 0, output
