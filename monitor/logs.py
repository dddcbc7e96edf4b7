"""Daemon logging: stdlib ``logging`` to stderr, one line per event.

Two formats, chosen with ``monitor run --log-format``:

- ``text``: ``2025-01-31T12:00:00.123Z INFO monitor.service: message key=value``
- ``json``: one object per line with ``ts``, ``level``, ``logger``, ``msg`` and
  every ``extra={...}`` field the call passed (plus ``exc`` for tracebacks).

Messages are flattened to one line (feed text can carry newlines and control
characters; a log line must never be split or forged by it).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

LOG_FORMATS = ("text", "json")

# Attributes every LogRecord has; anything else came from ``extra=``.
_STANDARD = set(vars(logging.LogRecord("x", 0, "x", 0, "x", None, None))) | {"message", "asctime", "taskName"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def one_line(text: str) -> str:
    """Newlines become ``\\n`` and other control characters are dropped."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def _ts(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The ``extra={...}`` fields of a record."""
    return {k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")}


class TextFormatter(logging.Formatter):
    """``TS LEVEL logger: message key=value ...`` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        message = one_line(record.getMessage())
        parts = [_ts(record), record.levelname, f"{record.name}:", message]
        for key, value in extra_fields(record).items():
            text = one_line(str(value))
            if text not in message:  # already said in the message: do not repeat it
                parts.append(f"{key}={text}")
        line = " ".join(parts)
        if record.exc_info:
            line += " | " + one_line(self.formatException(record.exc_info))
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``ts``, ``level``, ``logger``, ``msg`` + extras."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": _ts(record),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in extra_fields(record).items():
            data.setdefault(key, value)
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def setup_logging(fmt: str = "text", level: int | str = logging.INFO, stream: TextIO | None = None) -> logging.Handler:
    """Send all logging to ``stream`` (stderr) in ``fmt``; returns the handler."""
    if fmt not in LOG_FORMATS:
        raise ValueError(f"log format must be one of {', '.join(LOG_FORMATS)}, got {fmt!r}")
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # APScheduler reports every job run at INFO: too chatty for one line per event.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)  # "skipped: max instances"
    logging.getLogger("alembic").setLevel(logging.WARNING)  # monitor.store.schema says what it migrates
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return handler
