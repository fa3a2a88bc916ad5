import socket
from pathlib import Path

import pytest

from devstack.errors import DevstackError
from devstack.ports import find_free_port
from devstack.settings import StackSettings
from devstack.stack import Stack
from servicekit import SettingsError, load_settings


def test_stack_rejects_unknown_service(tmp_path: Path) -> None:
    with pytest.raises(DevstackError, match="unknown service names \\['billing'\\]"):
        Stack(ports={}, data_dir=tmp_path, redis_url=None, services=["billing"])


def test_stack_reports_busy_port(tmp_path: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        stack = Stack(
            ports={"ratings": port}, data_dir=tmp_path, redis_url=None, services=["ratings"]
        )

        with pytest.raises(DevstackError, match=f"port {port} .* CARRENTAL_RATINGS_PORT"):
            stack.start()


def test_stack_refuses_remote_redis_it_cannot_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No traffic leaves the machine, because the remote Redis check is replaced here.
    monkeypatch.setattr("devstack.stack.redis_answers", lambda _url: False)
    stack = Stack(
        ports={"ratings": find_free_port()},
        data_dir=tmp_path,
        redis_url="redis://redis.invalid:6379/0",
        services=["ratings"],
    )

    with pytest.raises(DevstackError, match=r"no Redis answers at redis://redis\.invalid"):
        stack.start()


def test_settings_error_names_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARRENTAL_WEBSITE_PORT", "eighty")

    with pytest.raises(SettingsError, match="CARRENTAL_WEBSITE_PORT='eighty'"):
        load_settings(StackSettings)


def test_settings_ports_follow_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARRENTAL_RATINGS_PORT", "9104")

    ports = load_settings(StackSettings).ports()

    assert ports["ratings"] == 9104
    assert ports["website"] == 8000
