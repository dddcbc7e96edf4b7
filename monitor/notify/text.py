"""Feed text is hostile: make it safe for terminals, headers and links.

HTML escaping is Jinja2's job (autoescape); rich markup is avoided by never
passing feed text as a markup string (``rich.text.Text`` only). What is left
is done here: escape sequences and control characters never reach a terminal
or a mail header, and only ``http(s)`` links are ever rendered as links.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from feeds.normalise import strip_controls


def clean(text: object, *, keep_newlines: bool = False) -> str:
    """Drop escape sequences, control characters, bidi overrides and invisible
    format characters (:func:`feeds.normalise.strip_controls`, the same rule as
    at ingestion: stored rows may predate it). Tabs (and, with ``keep_newlines=False``, line
    breaks) become spaces."""
    s = strip_controls(str(text if text is not None else "")).replace("\t", " ")
    return s if keep_newlines else s.replace("\n", " ")


def clean_tree(value: object) -> object:
    """``value`` (JSON-like: dicts, lists, strings, numbers) with every string
    passed through :func:`clean` with line breaks kept: for exports and other
    machine-readable output of stored rows, which may predate ingestion's rule."""
    if isinstance(value, str):
        return clean(value, keep_newlines=True)
    if isinstance(value, dict):
        return {clean_tree(k): clean_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_tree(v) for v in value]
    return value


def one_line(text: object, limit: int | None = None) -> str:
    """One printable line, whitespace collapsed, cut to ``limit`` characters (with …)."""
    s = " ".join(clean(text).split())
    if limit is not None and len(s) > limit:
        s = s[: max(limit - 1, 0)].rstrip() + "…"
    return s


def safe_url(url: object) -> str | None:
    """The URL if it is a plain ``http``/``https`` link, else ``None``."""
    if not url:
        return None
    s = str(url).strip()
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch.isspace() for ch in s):
        return None
    try:
        parts = urlsplit(s)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return s


def ago(then: datetime | None, now: datetime) -> str:
    """``"just now"``, ``"12 min ago"``, ``"2 h ago"``, ``"3 days ago"`` (``"—"`` for no time)."""
    if then is None:
        return "—"
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    s = (now - then).total_seconds()
    if s < 0:
        return "in the future"
    if s < 60:
        return "just now"
    if s < 3600:
        return f"{int(s // 60)} min ago"
    if s < 48 * 3600:
        return f"{int(s // 3600)} h ago"
    return f"{int(s // 86400)} days ago"


def human_time(then: datetime | None, now: datetime | None = None) -> str:
    """``"Sat 28 Nov 2026, 16:00 UTC"``, with ``" (2 h ago)"`` when ``now`` is given."""
    if then is None:
        return ""
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    text = then.astimezone(UTC).strftime("%a %d %b %Y, %H:%M UTC")
    return f"{text} ({ago(then, now)})" if now is not None else text


def parse_time(value: object) -> datetime | None:
    """A stored ISO time as aware UTC, or ``None``."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def model_line(entry: Mapping[str, Any]) -> str:
    """Why the text model read a disruption in an evidence entry's item ("text model 0.86
    (threshold 0.50): 'huelga', 'paraliza'"; ``graphs/_textmodel.py``), or ``""`` for an event
    the rules raised. Not cleaned: callers pass it through :func:`one_line`."""
    for span in entry.get("spans") or ():
        if isinstance(span, dict) and span.get("role") == "model":
            return str(span.get("text") or "")
    return ""


def burst_line(entry: Mapping[str, Any]) -> str:
    """The breaking-news burst an alert's evidence entry was raised by ("named in 41 items from
    9 sources in 6 h, 12x its usual rate"; ``monitor/burst_stage.py``), or ``""``. Not cleaned:
    callers pass it through :func:`one_line` like any stored text."""
    for span in entry.get("spans") or ():
        if isinstance(span, dict) and span.get("role") == "burst":
            return str(span.get("text") or "")
    return ""
