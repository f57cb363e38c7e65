"""Log lines for people and for log collectors: timestamped text, or one JSON object per line."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

LogFormat = Literal["text", "json"]
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Libraries that narrate routine work at INFO ("logging in using static token", "Added job",
# "Running upgrade"): newsbrief says what matters itself, so theirs shows only when debugging.
CHATTY_LIBRARIES = ("alembic", "apscheduler", "discord", "slack_bolt", "slack_sdk")


class JsonFormatter(logging.Formatter):
    """Format each record as one JSON object on one line: time (UTC, ISO 8601), level, logger, message."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


def log_handler(log_format: LogFormat = "text", stream: TextIO | None = None) -> logging.Handler:
    """Return a handler writing to `stream` (standard error) in the chosen format."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    return handler


def configure_logging(level: str, log_format: LogFormat = "text") -> None:
    """Send newsbrief's and its libraries' log records to standard error, once per process."""
    logging.basicConfig(level=level, handlers=[log_handler(log_format)])
    if level != "DEBUG":
        for name in CHATTY_LIBRARIES:
            logging.getLogger(name).setLevel(logging.WARNING)
