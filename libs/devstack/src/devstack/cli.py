"""`python -m devstack run`: start the whole system in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from types import FrameType

from devstack.errors import DevstackError
from devstack.settings import StackSettings
from devstack.stack import Stack
from servicekit import SettingsError, configure_logging, load_settings

_WATCH_INTERVAL_SECONDS = 0.5


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m devstack",
        description="Run Redis and the six car-rental services on this machine. Ports, the Redis "
        "URL and the data folder are settings: CARRENTAL_WEBSITE_PORT, CARRENTAL_REDIS_URL, "
        "CARRENTAL_DATA_DIR and so on, from the environment or a .env file.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="start everything and wait; Ctrl-C stops what was started")
    return parser


def _raise_keyboard_interrupt(_signal_number: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(settings: StackSettings) -> int:
    """Start the stack, print its addresses, report children that exit, and stop on a signal."""
    stack = Stack(
        ports=settings.ports(),
        data_dir=settings.data_dir,
        redis_url=settings.redis_url,
        host=settings.host,
        log_level=settings.log_level,
        start_timeout_seconds=settings.start_timeout_seconds,
    )
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        print(
            "Starting Redis and the services (the first start seeds the databases)...", flush=True
        )
        stack.start()
        _print_summary(stack)
        _watch(stack)
    except KeyboardInterrupt:
        print("\nStopping...", flush=True)
    except DevstackError as error:
        print(f"error: {error}", file=sys.stderr)
        stack.stop()
        return 1
    stack.stop()
    print("Stopped every process that was started.", flush=True)
    return 0


def _print_summary(stack: Stack) -> None:
    if stack.redis_server is not None:
        redis_pid = stack.redis_server.process.pid
        print(f"  {'redis':<13} {stack.redis_url}  pid {redis_pid} (started here)")
    else:
        print(f"  {'redis':<13} {stack.redis_url}  (already running; not stopped on exit)")
    for name, process in stack.processes.items():
        print(f"  {name:<13} {stack.url(name)}  pid {process.pid}")
    print(
        f"Logs: {stack.log_dir}/<service>.log. Stop a service with `kill <pid>` to see it degrade."
    )
    print(f"\nOpen {stack.url('website')}   (Ctrl-C stops everything)\n", flush=True)


def _watch(stack: Stack) -> None:
    """Block until interrupted; print once when a child (service or Redis) exits, e.g. killed."""
    watched = dict(stack.processes)
    if stack.redis_server is not None:
        watched["redis"] = stack.redis_server.process
    reported: set[str] = set()
    while True:
        for name, process in watched.items():
            if name not in reported and not process.is_running():
                reported.add(name)
                print(
                    f"{name} exited with code {process.exit_code()}; see {process.log_path}",
                    flush=True,
                )
        time.sleep(_WATCH_INTERVAL_SECONDS)


def main(argv: list[str] | None = None) -> int:
    arguments = _build_parser().parse_args(argv)
    try:
        settings = load_settings(StackSettings)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    configure_logging("devstack", "WARNING")
    logging.getLogger("devstack").setLevel(logging.WARNING)
    if arguments.command == "run":
        return run(settings)
    return 2
