"""JSON log lines on stderr: one object per line with a stable event name and its fields.

Callers log a fixed event name as the message and put variable data in `extra`, for example
`logger.info("request.completed", extra={"path": "/cars", "status_code": 200})`.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

# Attributes that every LogRecord has; anything else on a record came from `extra`.
_STANDARD_RECORD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("name", logging.INFO, "path", 0, "msg", None, None)).keys()
) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, event and the `extra` fields."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": self._service,
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_RECORD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(service: str, level: str = "INFO") -> None:
    """Send every log record of this process to stderr as JSON lines tagged with `service`.

    Call once at start-up, never at import time. Replaces handlers installed earlier, so calling it
    again (as tests that build several apps do) does not duplicate lines.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # uvicorn's access log and httpx's per-request INFO line repeat what our middleware and the
    # resilient client already log.
    logging.getLogger("uvicorn.access").disabled = True
    logging.getLogger("httpx").setLevel(logging.WARNING)
