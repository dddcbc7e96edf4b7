"""Feed text is hostile: make it safe for terminals, headers and links.

HTML escaping is Jinja2's job (autoescape); rich markup is avoided by never
passing feed text as a markup string (``rich.text.Text`` only). What is left
is done here: escape sequences and control characters never reach a terminal
or a mail header, and only ``http(s)`` links are ever rendered as links.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte ESC sequences,
# and the 8-bit CSI/OSC introducers.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"
)
# Bidirectional overrides/isolates can make text read differently than it is.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"), None)


def clean(text: object, *, keep_newlines: bool = False) -> str:
    """Drop escape sequences, control characters and bidi overrides.

    Tabs (and, with ``keep_newlines=False``, line breaks) become spaces.
    """
    s = _ANSI.sub("", str(text if text is not None else ""))
    s = s.translate(_BIDI)
    out = []
    for ch in s:
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch in "\t\r\n\x0b\x0c\u2028\u2029\x85":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    return "".join(out)


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
