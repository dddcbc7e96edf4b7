"""Parse feed bytes with feedparser, safely, into normalised :class:`~feeds.types.Item` objects.

Safety, in order:

1. :func:`defuse` removes every DOCTYPE (with its internal subset) and any
   other markup declaration (``<!ENTITY``, ``<!ELEMENT``, ...) from the
   document's prolog *before* feedparser sees the bytes, so entity-expansion
   ("billion laughs", quadratic blow-up) and external-entity attacks
   (``SYSTEM "file:///etc/passwd"``, ``http://`` DTDs) have nothing to
   expand or fetch. It works on the raw bytes for ASCII-compatible encodings
   (UTF-8, ISO-8859-x, windows-125x, GB18030, Big5, Shift_JIS, EUC-*: in
   all of them the bytes ``<``, ``!``, ``>``, quotes and ``[`` never occur
   inside a multi-byte character at the positions we look at — quoted strings
   are skipped whole), and decodes/re-encodes only for UTF-16/UTF-32/EBCDIC,
   recognised by BOM or by the ``<?xml`` pattern (XML 1.0 Appendix F).
   The few character entities a feed may legitimately declare are kept when
   their value is a single character reference (``<!ENTITY nbsp "&#160;">``),
   which expands to one character and cannot amplify.
2. feedparser is handed an ``io.BytesIO``: given ``bytes`` it would first try
   ``open(body)`` — a body that happens to be a file path would be read
   from disk — and given a ``str`` URL it would fetch it.
3. ``sanitize_html=False, resolve_relative_uris=False`` (we strip HTML to text
   ourselves, and both options cost more than half of feedparser's time).
4. every field is capped (see :mod:`feeds.normalise`), and at most
   ``max_items`` entries are kept.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field, replace

import feedparser

from feeds.normalise import MAX_GUID, detect_language, entry_links, html_to_text, entry_to_item, fold_line, is_empty_entry, normalise_language
from feeds.types import Item, NewsSource

__all__ = ["ParsedFeed", "parse_feed", "defuse", "MAX_ITEMS"]

MAX_ITEMS = 2000


@dataclass(slots=True)
class ParsedFeed:
    """The result of :func:`parse_feed`.

    ``bozo`` is feedparser's flag for a feed that is not well-formed (its
    items may still be fine); ``entries`` is how many entries feedparser
    found, ``items`` what we kept (at most ``max_items``, without empty
    entries such as a stray ``<item/>``, and without exact repeats — counted
    in ``duplicates``); ``defused`` says a
    DOCTYPE or declaration was removed.
    """

    items: list[Item] = field(default_factory=list)
    bozo: bool = False
    bozo_reason: str | None = None
    title: str = ""
    link: str | None = None
    language: str | None = None
    version: str = ""
    encoding: str | None = None
    entries: int = 0
    truncated: bool = False
    defused: bool = False
    duplicates: int = 0

    @property
    def is_feed(self) -> bool:
        """feedparser recognised RSS/Atom/RDF/CDF, or found entries or a feed title.

        False for an HTML page, JSON or garbage served where a feed should be —
        the caller counts that as a poll error (``parse_error``).
        """
        return bool(self.version) or self.entries > 0 or bool(self.title)


def _resolve_collisions(items: list[Item]) -> tuple[list[Item], int]:
    """Make identities unique within one fetch without losing entries.

    Publishers do reuse one guid for different entries (scripting.com mints
    guids per minute). Exact repeats (same identity and content hash) are
    dropped; otherwise *every* entry of a colliding group gets
    ``identity|<hash of title and date>`` — not just the later ones, so that
    a new entry arriving under an already-stored guid is still stored rather
    than mistaken for the old one. Returns the items and how many were dropped.
    """
    groups: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        groups.setdefault(item.guid, []).append(i)
    if len(groups) == len(items):
        return items, 0
    out: list[Item | None] = list(items)
    dropped = 0
    for guid, idxs in groups.items():
        if len(idxs) == 1:
            continue
        seen: set[str] = set()
        for i in idxs:
            item = items[i]
            if item.content_hash in seen:
                out[i] = None
                dropped += 1
                continue
            seen.add(item.content_hash)
            basis = f"{item.title}\n{item.published.isoformat() if item.published else ''}"
            suffix = hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]
            out[i] = replace(item, guid=f"{guid[: MAX_GUID - 17]}|{suffix}")
    final = [x for x in out if x is not None]
    # two colliding entries with equal title and date but different text: suffix the text too
    if len({x.guid for x in final}) != len(final):
        counts: dict[str, int] = {}
        for x in final:
            counts[x.guid] = counts.get(x.guid, 0) + 1
        final = [replace(x, guid=f"{x.guid[: MAX_GUID - 17]}|{x.content_hash[:16]}") if counts[x.guid] > 1 else x
                 for x in final]
    return final, dropped


# --- DOCTYPE / declaration stripping --------------------------------------------

_SAFE_ENTITY = re.compile(rb"""<!ENTITY\s+([A-Za-z_][\w.-]{0,63})\s+(["'])(&#[0-9]{1,7};|&#x[0-9A-Fa-f]{1,6};)\2\s*>""")
_MAX_SAFE_ENTITIES = 256


def _skip_quoted(data: bytes, i: int) -> int:
    """Index after the quoted string starting at ``data[i]`` (or len(data) if unterminated)."""
    end = data.find(data[i : i + 1], i + 1)
    return len(data) if end < 0 else end + 1


def _scan_decl(data: bytes, i: int) -> int:
    """End (exclusive) of the markup declaration starting at ``data[i] == '<'``.

    Handles quoted strings, and for DOCTYPE an internal subset ``[ ... ]``
    with its own declarations, comments and processing instructions.
    Returns ``len(data)`` when unterminated.
    """
    n = len(data)
    j = i + 2
    while j < n:
        c = data[j]
        if c in (0x22, 0x27):  # " '
            j = _skip_quoted(data, j)
        elif c == 0x5B:  # [ internal subset
            j += 1
            while j < n:
                c = data[j]
                if c in (0x22, 0x27):
                    j = _skip_quoted(data, j)
                elif data.startswith(b"<!--", j):
                    k = data.find(b"-->", j + 4)
                    j = n if k < 0 else k + 3
                elif data.startswith(b"<?", j):
                    k = data.find(b"?>", j + 2)
                    j = n if k < 0 else k + 2
                elif c == 0x5D:  # ]
                    j += 1
                    break
                else:
                    j += 1
        elif c == 0x3E:  # >
            return j + 1
        else:
            j += 1
    return n


def _defuse_ascii(data: bytes) -> tuple[bytes, bool]:
    """Strip declarations from the prolog of an ASCII-compatible document."""
    out: list[bytes] = []
    safe: list[bytes] = []
    pos = 0
    i = 0
    n = len(data)
    removed = False
    while True:
        i = data.find(b"<", i)
        if i < 0 or i + 1 >= n:
            break
        if data.startswith(b"<?", i):
            k = data.find(b"?>", i + 2)
            if k < 0:
                break
            i = k + 2
        elif data.startswith(b"<!--", i):
            k = data.find(b"-->", i + 4)
            if k < 0:
                break
            i = k + 3
        elif data.startswith(b"<!", i) and not data.startswith(b"<![CDATA[", i):
            end = _scan_decl(data, i)
            decl = data[i:end]
            for m in _SAFE_ENTITY.finditer(decl):
                if len(safe) < _MAX_SAFE_ENTITIES:
                    safe.append(b"<!ENTITY " + m.group(1) + b' "' + m.group(3) + b'">\n')
            out.append(data[pos:i])
            pos = i = end
            removed = True
        else:
            break  # the root element (or text): the prolog is over
    if not removed:
        return data, False
    if safe:
        out.append(b"<!DOCTYPE feed [\n" + b"".join(safe) + b"]>")
    out.append(data[pos:])
    return b"".join(out), True


def _sniff_wide(data: bytes) -> tuple[str, int] | None:
    """(codec, bom length) for UTF-32/UTF-16/EBCDIC documents, None for ASCII-compatible ones."""
    head = data[:4]
    if head == b"\x00\x00\xfe\xff":
        return "utf-32-be", 4
    if head == b"\xff\xfe\x00\x00":
        return "utf-32-le", 4
    if head == b"\x00\x00\x00\x3c":
        return "utf-32-be", 0
    if head == b"\x3c\x00\x00\x00":
        return "utf-32-le", 0
    if head[:2] == b"\xfe\xff":
        return "utf-16-be", 2
    if head[:2] == b"\xff\xfe":
        return "utf-16-le", 2
    if head == b"\x00\x3c\x00\x3f":
        return "utf-16-be", 0
    if head == b"\x3c\x00\x3f\x00":
        return "utf-16-le", 0
    if head == b"\x4c\x6f\xa7\x94":
        return "cp037", 0
    return None


def defuse(data: bytes) -> tuple[bytes, bool]:
    """Remove DOCTYPE and other declarations from the document prolog.

    Returns the new bytes and whether anything was removed. The encoding is
    preserved: wide encodings are decoded, defused as UTF-8 and encoded back
    with the same codec (and BOM).
    """
    wide = _sniff_wide(data)
    if wide is None:
        return _defuse_ascii(data)
    codec, bom = wide
    errors = "surrogatepass" if codec.startswith("utf") else "strict"
    try:
        text = data[bom:].decode(codec, errors)
    except UnicodeDecodeError:  # truncated/odd-length body: lossy, but still defused
        text = data[bom:].decode(codec, "replace")
    new, removed = _defuse_ascii(text.encode("utf-8", "surrogatepass"))
    if not removed:
        return data, False
    return data[:bom] + new.decode("utf-8", "surrogatepass").encode(codec, errors), True


def _feed_sample_language(feed: dict, entries: list) -> str | None:
    parts = [feed.get("title") or "", feed.get("subtitle") or ""]
    for entry in entries[:20]:
        parts.append(dict.get(entry, "title") or "")
        parts.append((dict.get(entry, "summary") or "")[:300])
    sample = html_to_text("\n".join(parts), 4000)
    return detect_language(sample)


# --- parsing --------------------------------------------------------------


def parse_feed(
    body: bytes,
    *,
    source: NewsSource,
    base_url: str | None = None,
    max_items: int = MAX_ITEMS,
    content_type: str | None = None,
    language_detection: str = "feed",
) -> ParsedFeed:
    """Parse a feed body into normalised items.

    ``content_type`` (the HTTP Content-Type header, if any) is passed to
    feedparser as an encoding hint; ``base_url`` is kept as the feed's link
    when the feed declares none.

    Language of an item: its own ``xml:lang``, else ``source.language``, else
    the feed's declared language, else detection (EU languages, py3langid)
    according to ``language_detection``: ``"feed"`` (default) detects once per
    feed from the feed title and the first 20 entries' titles and text and
    gives that to every undeclared item — news feeds are monolingual and
    detection costs ~100 µs per call, as much as feedparser spends on a short
    item; ``"item"`` detects each item on its own; ``"off"`` leaves it None.

    Never raises for malformed input: a feed
    feedparser cannot read at all comes back with ``bozo`` set and no items.
    """
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError("parse_feed takes the body as bytes, never a str or URL")
    data, defused = defuse(bytes(body))
    headers = {"content-type": content_type} if content_type else None
    try:
        parsed = feedparser.parse(
            io.BytesIO(data),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:  # feedparser is tolerant; this is the last line of defence
        return ParsedFeed(bozo=True, bozo_reason=f"{type(exc).__name__}: {exc}"[:500], defused=defused)
    feed = parsed.get("feed", {})
    entries = parsed.get("entries", [])
    # stray empty elements (``<item/>`` nested in an item) carry nothing to store or tag
    kept = [e for e in entries[:max_items] if not is_empty_entry(e)]
    feed_language = normalise_language(feed.get("language"))
    links, shared = entry_links(kept)
    per_item = language_detection == "item"
    if feed_language is None and source.language is None and language_detection == "feed" and kept:
        feed_language = _feed_sample_language(feed, kept)
    items = [
        entry_to_item(
            entry,
            source=source.name,
            link=link,
            shared_links=shared,
            source_language=source.language,
            feed_language=feed_language,
            detect=per_item,
        )
        for entry, link in zip(kept, links)
    ]
    items, duplicates = _resolve_collisions(items)
    bozo = bool(parsed.get("bozo"))
    reason = None
    if bozo:
        exc = parsed.get("bozo_exception")
        reason = fold_line(f"{type(exc).__name__}: {exc}", 500) if exc is not None else "malformed feed"
    return ParsedFeed(
        items=items,
        bozo=bozo,
        bozo_reason=reason,
        title=fold_line(feed.get("title") or "", 1000),
        link=(fold_line(feed.get("link") or "", 2000) or base_url),
        language=feed_language,
        version=parsed.get("version") or "",
        encoding=parsed.get("encoding"),
        entries=len(entries),
        duplicates=duplicates,
        truncated=len(entries) > max_items,
        defused=defused,
    )
