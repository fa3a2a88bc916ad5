import subprocess
import sys

import pytest

from servicekit import SettingsError, create_database_engine, exit_on_startup_error


class DemoConfigError(Exception):
    pass


def test_config_error_becomes_exit_message() -> None:
    @exit_on_startup_error(DemoConfigError)
    def create_app() -> None:
        raise DemoConfigError("timeout_seconds = -1 is out of range 0 < value <= 60")

    with pytest.raises(SystemExit) as raised:
        create_app()

    assert raised.value.code == "error: timeout_seconds = -1 is out of range 0 < value <= 60"


def test_other_errors_propagate() -> None:
    @exit_on_startup_error(DemoConfigError)
    def create_app() -> None:
        raise KeyError("bug")

    with pytest.raises(KeyError):
        create_app()


def test_invalid_database_url_is_settings_error() -> None:
    with pytest.raises(SettingsError, match="invalid database URL 'notaurl'"):
        create_database_engine("notaurl")


def test_unknown_database_driver_is_settings_error() -> None:
    with pytest.raises(SettingsError, match="cannot use database URL 'nosuchdb://x'"):
        create_database_engine("nosuchdb://x")


def test_uvicorn_prints_one_line_without_traceback(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "uvicorn", "ratings_service.app:create_app", "--factory"],
        env={"RATINGS_DATABASE_URL": "notaurl", "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert "error: invalid database URL 'notaurl'" in result.stderr
    assert "Traceback" not in result.stderr
