"""Start one child process, wait until it is healthy, and stop it by its PID."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import httpx

from devstack.errors import ProcessStartError

logger = logging.getLogger(__name__)

DEFAULT_STOP_TIMEOUT_SECONDS = 10.0
_POLL_INTERVAL_SECONDS = 0.1
_LOG_TAIL_LINES = 20
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM to this child when its parent dies, so nothing is left running.

    Runs in the child between fork and exec. On other systems it does nothing.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class ChildProcess:
    """One child process with its output in a log file.

    The child gets its own session, so a Ctrl-C in the terminal reaches only the parent, which
    then stops each child in order by PID.
    """

    def __init__(
        self,
        name: str,
        command: Sequence[str],
        *,
        log_path: Path,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.name = name
        self.command = list(command)
        self.log_path = log_path
        self._env = dict(env) if env is not None else None
        self._cwd = cwd
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log_file:
            self._process = subprocess.Popen(
                self.command,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env=self._env,
                cwd=self._cwd,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        logger.info("process.started", extra={"process_name": self.name, "pid": self._process.pid})

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def wait_until(self, ready: Callable[[], bool], timeout_seconds: float) -> None:
        """Poll `ready` until True; raise ProcessStartError if the child exits or time runs out."""
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            if not self.is_running():
                raise ProcessStartError(
                    f"{self.name} exited during start-up with code {self.exit_code()}. "
                    f"Last lines of {self.log_path}:\n{self.log_tail()}"
                )
            if ready():
                return
            time.sleep(_POLL_INTERVAL_SECONDS)
        raise ProcessStartError(
            f"{self.name} did not become ready within {timeout_seconds:.0f} s. "
            f"Last lines of {self.log_path}:\n{self.log_tail()}"
        )

    def exit_code(self) -> int | None:
        return self._process.poll() if self._process else None

    def log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-_LOG_TAIL_LINES:])

    def stop(self, timeout_seconds: float = DEFAULT_STOP_TIMEOUT_SECONDS) -> None:
        """Send SIGTERM, then SIGKILL if the child still runs after `timeout_seconds`."""
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout_seconds)
        except subprocess.TimeoutExpired:
            logger.warning("process.killed", extra={"process_name": self.name, "pid": process.pid})
            process.kill()
            process.wait()
        logger.info("process.stopped", extra={"process_name": self.name, "pid": process.pid})

    def kill(self) -> None:
        """Kill the child at once with SIGKILL, as a crash would, and reap it."""
        process = self._process
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
        process.wait()


def http_health_check(url: str) -> Callable[[], bool]:
    """Return a readiness check that is True once `GET url` returns 200."""

    def check() -> bool:
        try:
            return httpx.get(url, timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

    return check
