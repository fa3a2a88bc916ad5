import json
import logging

import pytest

from servicekit.logging import JsonFormatter


def test_json_formatter_includes_extra_fields() -> None:
    record = logging.LogRecord("svc", logging.INFO, "path", 1, "payment.charged", None, None)
    record.reference = "RC-ABCDEFGH"

    entry = json.loads(JsonFormatter("payments").format(record))

    assert entry["event"] == "payment.charged"
    assert entry["service"] == "payments"
    assert entry["reference"] == "RC-ABCDEFGH"
    assert entry["level"] == "INFO"


def test_settings_error_lists_each_bad_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic_settings import SettingsConfigDict

    from servicekit import ServiceSettings, SettingsError, load_settings

    class DemoSettings(ServiceSettings):
        model_config = SettingsConfigDict(env_prefix="DEMO_")
        timeout_seconds: float = 1.0

    monkeypatch.setenv("DEMO_TIMEOUT_SECONDS", "soon")
    monkeypatch.setenv("DEMO_LOG_LEVEL", "LOUD")

    with pytest.raises(SettingsError) as raised:
        load_settings(DemoSettings)

    assert "DEMO_TIMEOUT_SECONDS='soon'" in str(raised.value)
    assert "DEMO_LOG_LEVEL='LOUD'" in str(raised.value)
