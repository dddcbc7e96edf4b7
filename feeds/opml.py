"""OPML import/export of news sources.

:func:`parse_opml` reads OPML 1.0/2.0 (and the usual real-world variants:
``xmlurl`` in any case, outlines nested in categories to any depth) after the
same DOCTYPE/entity defusing as feeds (:func:`feeds.parse.defuse`), so an
OPML file cannot expand entities or reach the disk or network. Names are made
unique (``Name (2)``) because sources are keyed by name; repeated URLs are
imported once. :func:`to_opml` writes OPML 2.0.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime, timezone
from email.utils import format_datetime

from feeds.normalise import fold_line, normalise_language
from feeds.parse import defuse
from feeds.types import NewsSource

__all__ = ["OpmlError", "parse_opml", "to_opml"]

_MAX_NAME = 200  # the store's name column


class OpmlError(ValueError):
    """The OPML document is not well-formed XML or has no ``<body>``."""


def _attr(el: ET.Element, name: str) -> str | None:
    lname = name.lower()
    for key, value in el.attrib.items():
        if key.lower() == lname:
            return value
    return None


def parse_opml(data: bytes) -> list[NewsSource]:
    """News sources from every outline with an ``xmlUrl``, in document order."""
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("parse_opml takes bytes")
    safe, _ = defuse(bytes(data))
    try:
        root = ET.fromstring(safe)
    except ET.ParseError as exc:
        line, col = exc.position
        raise OpmlError(f"line {line}, column {col}: not well-formed OPML ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    body = root.find("body") if root.tag.lower() == "opml" else None
    if body is None:
        raise OpmlError("no <opml><body> element")
    sources: list[NewsSource] = []
    names: set[str] = set()
    urls: set[str] = set()
    for outline in body.iter():
        if outline.tag.lower() != "outline":
            continue
        url = fold_line(_attr(outline, "xmlUrl") or "", 2000)
        if not url or url in urls:
            continue
        urls.add(url)
        base = fold_line(_attr(outline, "title") or _attr(outline, "text") or url, _MAX_NAME - 6) or url[:_MAX_NAME]
        name, n = base, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.add(name)
        sources.append(NewsSource(name=name, url=url, language=normalise_language(_attr(outline, "language"))))
    return sources


def to_opml(sources: Iterable[NewsSource], title: str = "eu-supply-monitor news sources",
            now: datetime | None = None) -> bytes:
    """OPML 2.0 document listing ``sources`` (UTF-8, with XML declaration)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(timezone.utc), usegmt=True)
    body = ET.SubElement(root, "body")
    for src in sources:
        attrs = {"type": "rss", "text": src.name, "title": src.name, "xmlUrl": src.url}
        if src.language:
            attrs["language"] = src.language
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
