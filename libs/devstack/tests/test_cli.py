"""`python -m devstack run` as a user runs it: start, print the address, stop on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from devstack.catalog import SERVICES
from devstack.ports import find_free_port, is_port_open

START_TIMEOUT_SECONDS = 120


def test_run_prints_address_and_ctrl_c_stops_everything(tmp_path: Path) -> None:
    ports = {spec.name: find_free_port() for spec in SERVICES}
    redis_port = find_free_port()
    env = dict(os.environ)
    env.update({f"CARRENTAL_{name.upper()}_PORT": str(port) for name, port in ports.items()})
    env["CARRENTAL_REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    env["CARRENTAL_DATA_DIR"] = str(tmp_path / "var")
    website_address = f"http://127.0.0.1:{ports['website']}"

    runner = subprocess.Popen(
        [sys.executable, "-m", "devstack", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output = _read_until(runner, f"Open {website_address}", START_TIMEOUT_SECONDS)
        redis_line = next(line for line in output.splitlines() if line.strip().startswith("redis"))
        assert f"redis://127.0.0.1:{redis_port}/0" in redis_line
        assert "(started here)" in redis_line
        assert "pid " in redis_line
        for port in (*ports.values(), redis_port):
            assert is_port_open("127.0.0.1", port)

        runner.send_signal(signal.SIGINT)
        remaining, _ = runner.communicate(timeout=60)
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.wait()

    assert runner.returncode == 0
    assert "Stopped every process that was started." in remaining
    for port in (*ports.values(), redis_port):
        assert not is_port_open("127.0.0.1", port), f"port {port} still listening"


def test_run_rejects_invalid_port_setting(tmp_path: Path) -> None:
    env = dict(os.environ, CARRENTAL_WEBSITE_PORT="70000")

    result = subprocess.run(
        [sys.executable, "-m", "devstack", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert "CARRENTAL_WEBSITE_PORT='70000'" in result.stderr
    assert "less than or equal to 65535" in result.stderr
    assert "Traceback" not in result.stderr


def _read_until(process: subprocess.Popen[str], marker: str, timeout_seconds: float) -> str:
    """Collect the process's output lines until one contains `marker`."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout_seconds
    lines: list[str] = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError("devstack exited before it was ready:\n" + "".join(lines))
        lines.append(line)
        if marker in line:
            return "".join(lines)
    raise AssertionError(f"no line with {marker!r} within {timeout_seconds} s:\n" + "".join(lines))
