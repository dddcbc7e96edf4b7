"""Turn feedparser entries into clean, capped, stable :class:`~feeds.types.Item` objects.

Everything that comes out of here is safe to print on a terminal and to feed
to the tagger: HTML is reduced to text (stdlib :mod:`html.parser`, entities
decoded, ``script``/``style`` dropped), C0/C1 control characters, ANSI escape
sequences and bidi overrides are removed, whitespace is folded, and every
field is capped.

Identity (``Item.guid``), in order — see :func:`entry_identity`:

1. the entry's id when it is itself an ``http(s)`` URL (an RSS permalink guid,
   or an Atom id that is a URL): publishers keep permalinks stable;
2. else the entry's link, normalised (``utm_*``-style tracking parameters
   dropped; the fragment is kept, single-page feeds use it per item), when it is item-specific — not a bare site root and
   not shared with another entry of the same fetch. Opaque ids (Atom
   ``urn:uuid:``/``tag:`` ids, RSS ``isPermaLink="false"`` guids) are exactly
   where per-fetch churn happens (CMSes that mint a fresh UUID per render), so
   an item-specific link wins over them;
3. else the opaque id;
4. else ``sha256(title + published)`` (plus the text when both are empty).

Identities longer than 512 characters are replaced by ``sha256:<hex>``.
``content_hash`` is the sha256 of the normalised title and text, so a
changed article can be detected under the same identity.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from feeds.types import Item

__all__ = [
    "MAX_TITLE",
    "MAX_TEXT",
    "MAX_LINK",
    "MAX_GUID",
    "EU_LANGUAGES",
    "CJK_LANGUAGES",
    "html_to_text",
    "clean_text",
    "fold_line",
    "normalise_link",
    "entry_identity",
    "content_hash",
    "normalise_language",
    "detect_language",
    "entry_to_item",
    "entry_links",
    "is_empty_entry",
    "struct_to_datetime",
    "strip_controls",
]

MAX_TITLE = 1000
MAX_TEXT = 20000
MAX_LINK = 2000
MAX_GUID = 512
_RAW_FACTOR = 8  # raw HTML parsed at most MAX_TEXT * this many characters

EU_LANGUAGES = frozenset(
    "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv".split()
)
#: East Asian languages the lexicon reads (suppliers' news from Japan, China, Taiwan, Korea).
CJK_LANGUAGES = frozenset({"ja", "zh", "ko"})

# --- control characters ----------------------------------------------------

_ANSI = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC ... BEL/ST
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS/SOS/PM/APC ... ST
    r"|\x1b[@-Z\\-_]"  # two-character escapes
)
#: Invisible format characters: soft hyphen, Arabic letter mark, Mongolian vowel separator,
#: zero-width space/non-joiner/joiner, LRM/RLM, word joiner and invisible operators,
#: deprecated format controls, interlinear annotation marks. They hide text from a
#: reader and from filters ("Ro\u200btterdam") and carry nothing a reader needs.
_INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u2060-\u2064\u206a-\u206f\ufff9-\ufffb"
_CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffd" + _INVISIBLE + "]")
# (bidi embeddings/overrides/isolates can make terminal output lie — "Trojan source";
#  stray BOMs and U+FFFD from broken encodings carry nothing)
_LINEBREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
# every character _ANSI, _LINEBREAKS or _CTRL can act on (ANSI sequences start with \x1b, \x9b or \x9d)
_ATTENTION = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffd" + _INVISIBLE + "]"
)
_H_SPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")  # runs, or one non-space blank: single spaces stay untouched
_NEWLINES = re.compile(r" ?\n\s*")
_ALL_SPACE = re.compile(r"\s{2,}|[^\S ]")
_SPLIT_MAX = 1 << 18  # clean_text folds by str.split() up to this length, by regex beyond


def strip_controls(text: str) -> str:
    """Remove ANSI escape sequences, C0/C1 controls (but tab and newline), bidi
    overrides and marks, zero-width and other invisible format characters
    (soft hyphen, ZWSP/ZWNJ/ZWJ, word joiner, ALM, ...), stray BOMs and U+FFFD;
    CR, CRLF and Unicode line separators become ``\\n``. The one place that
    makes feed text safe for a terminal, a mail, a webhook or an export."""
    if (text.isprintable() or "\n" in text and text.replace("\n", " ").isprintable()) and "\ufffd" not in text:
        # printable means no Cc/Cf/Zl/Zp character (and no blank but ' '): nothing to remove;
        # nor when "\n" is the only other one (text from HTML): two C passes, not a regex's
        return text
    if _ATTENTION.search(text) is None:  # one scan: nothing any of the three passes below would change
        return text
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ANSI.sub("", text)
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = _LINEBREAKS.sub("\n", text)
    return _CTRL.sub("", text)


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """Remove control characters/ANSI escapes and fold whitespace, keeping line breaks.

    C0 controls except ``\\t``/``\\n``, DEL and C1 controls, ANSI escape
    sequences, bidi overrides, stray BOMs and U+FFFD are removed; CR/CRLF and
    Unicode line separators become ``\\n``. Runs of spaces/tabs become one
    space, runs of blank lines one ``\\n``; the result is stripped and cut to
    ``limit`` characters.
    """
    text = strip_controls(text)
    if len(text) > _SPLIT_MAX:  # bounded memory on huge input: one regex pass, no word list
        text = _H_SPACE.sub(" ", text)
        if "\n" in text:
            text = _NEWLINES.sub("\n", text)
        return text.strip()[:limit].rstrip()
    # The same result, ~3x faster: after strip_controls the only line break is "\n", and
    # str.split() and re's \s agree on what whitespace is, so every blank run without a
    # line break becomes " " and every run with one becomes "\n" (empty lines vanish).
    if "\n" not in text:
        return " ".join(text.split())[:limit].rstrip()
    return "\n".join(filter(None, [" ".join(part.split()) for part in text.split("\n")]))[:limit].rstrip()


def fold_line(text: str, limit: int = MAX_TITLE) -> str:
    """Like :func:`clean_text` but onto one line (titles)."""
    if text.isprintable() and "\ufffd" not in text:
        # nothing to strip, and ' ' is the only blank a printable string can hold
        if "  " in text:
            text = _ALL_SPACE.sub(" ", text)
    else:
        text = _ALL_SPACE.sub(" ", strip_controls(text))
    return text.strip()[:limit].rstrip()


# --- HTML to text ----------------------------------------------------------

_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_SKIP = frozenset("script style noscript template head title iframe object svg math".split())


class _TextExtractor(HTMLParser):
    """Stdlib fallback: collects text nodes; blocks become line breaks, skipped subtrees vanish."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def reset(self) -> None:  # also called by __init__
        super().reset()
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if self.skip:
                self.skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


_local = threading.local()


def _stdlib_text(markup: str) -> str:
    parser: _TextExtractor | None = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
        return "".join(parser.parts)
    except Exception:  # html.parser is tolerant, but a fragment must never kill a feed
        return html.unescape(markup)
    finally:
        parser.reset()


try:  # Lexbor (C, HTML5-conformant) via selectolax: ~15x faster than html.parser
    from selectolax.lexbor import LexborHTMLParser
    _HAVE_LEXBOR = True
except ImportError:  # pragma: no cover - exercised only where selectolax is missing
    _HAVE_LEXBOR = False

_SKIP_LIST = sorted(_SKIP - {"head", "title"})


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of lower-case ASCII ``words``, factored by common
    prefixes ("p(?:re)?" for p, pre), matching letters in either case.

    It matches exactly what ``word1|word2|...`` with ASCII-only case folding
    matches -- HTML tag names are ASCII case-insensitive, while ``re.I`` would
    also take "ſ" for "s" and "K" (Kelvin) for "k" -- but re tries each first
    letter once instead of once per word, and a ``[pP]`` class costs less than
    IGNORECASE does on every comparison.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def letter(ch: str) -> str:
        return f"[{ch}{ch.upper()}]" if "a" <= ch <= "z" else re.escape(ch)

    def emit(node: dict[str, dict]) -> str:
        alts = [letter(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        if "" in node:
            return "(?:%s)?" % "|".join(alts)
        return alts[0] if len(alts) == 1 else "(?:%s)" % "|".join(alts)

    return emit(tree)


_SKIP_HINT = re.compile(r"<%s[\s/>]" % _trie_pattern(_SKIP))
_BLOCK_HINT = re.compile(r"<(?=/?%s[\s/>])" % _trie_pattern(_BLOCK))


def _lexbor_text(markup: str) -> str:
    # A line break before every block-level tag keeps paragraphs apart in the text (Lexbor's
    # text() joins text nodes with nothing). Inserting it into the markup costs one regex pass;
    # inserting text nodes through the DOM API costs ~25 us per element.
    tree = LexborHTMLParser(_BLOCK_HINT.sub("\n<", markup))
    if _SKIP_HINT.search(markup):  # strip_tags walks the tree once per tag name: only when needed
        tree.strip_tags(_SKIP_LIST)
    return tree.text(separator="")


#: Elements whose tags an HTML5 tree builder only opens and closes: no raw-text
#: content (script, title, textarea), no foster parenting (tables), no head
#: elements, no re-parsing (select, template, svg) -- so the text of a fragment
#: made of them, comments and plain text is its text nodes in source order.
_PLAIN_TAGS = frozenset(
    "a abbr address article aside b bdi bdo big blockquote br center cite code data dd del dfn div dl dt em "
    "figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li main mark nav ol p q s samp "
    "section small span strike strong sub sup time tt u ul var wbr".split()
)
_WS = "\t\n\f\r "  # HTML's whitespace (\s would take U+00A0 as a separator, HTML does not)
_PLAIN_SPLIT = re.compile(
    # a tag of a plain element (the name of a block one captured), attributes each after whitespace
    # (name, optionally = and a value), optional "/"; the names in ASCII case classes, as HTML reads them
    rf"<(?:/?(?:({_trie_pattern(_PLAIN_TAGS & _BLOCK)})|{_trie_pattern(_PLAIN_TAGS - _BLOCK)})"
    rf"(?:[{_WS}]+[^{_WS}\"'<>/=]+(?:[{_WS}]*=[{_WS}]*(?:\"[^\"]*\"|'[^']*'|[^{_WS}\"'=<>`]+))?)*[{_WS}]*/?>"
    # a comment that ends at its first "-->" ("<!-->", "<!--->" and "--!>" end it early in HTML)
    r"|!--(?!-?>)(?:(?!--!>).)*?-->)",
    re.S,
)


def _plain_text(markup: str) -> str | None:
    """Text of a fragment of plain markup in one regex pass, as :func:`_lexbor_text` reads it
    (after :func:`clean_text`), or ``None`` if the fragment holds anything else: a tag
    outside :data:`_PLAIN_TAGS`, a ``<`` that starts no well-formed tag or comment.

    Block tags become line breaks where the Lexbor path inserts them; character
    references are decoded piece by piece (a tag between ``&am`` and ``p;``
    ends the reference, as in HTML). A fifth of Lexbor's cost on a short
    news summary, where building a document is most of the work.
    """
    if "<!--" in markup and ("--!>" in markup or markup.rfind("-->") < markup.rfind("<!--")):
        # a comment that does not end at a later "-->": each "<!--" would scan to the end of
        # the fragment (quadratic in a hostile one); Lexbor reads it in one pass
        return None
    parts = _PLAIN_SPLIT.split(markup)  # text, block name or None, text, ...
    texts = parts[::2]
    if "<" in "".join(texts):  # a "<" no plain tag or comment took
        return None
    if "&" in markup:
        parts[::2] = [html.unescape(t) if "&" in t else t for t in texts]
    parts[1::2] = ["" if name is None else "\n" for name in parts[1::2]]
    return "".join(parts)


#: Above this many ``<`` in a fragment, tags are stripped by :func:`_linear_text`.
#: An HTML5 tree builder spends time proportional to the depth of open elements on
#: each start tag (Lexbor: 32,000 nested ``<div>`` cost 10 s; 2,000 cost 13 ms).
TAG_BUDGET = 2000

_TAG = re.compile(
    r"<(?:!--.*?(?:-->|\Z)"  # a comment (an unclosed one runs to the end, once)
    r"|(/?)([A-Za-z][^\s/>]*)[^>]*(?:>|\Z)"  # a start or end tag
    r"|[!?][^>]*(?:>|\Z))",  # a declaration or processing instruction
    re.S,
)
_LINEAR_SKIP = frozenset(_SKIP_LIST)


def _linear_text(markup: str) -> str:
    """Text of a fragment in one left-to-right pass: tags dropped, block tags become
    line breaks, ``script``/``style``/... contents skipped, entities decoded.

    Linear in the length of the markup whatever its nesting (every regex branch
    consumes what it scans, an unclosed tag or comment runs to the end once);
    used where a tree builder could be quadratic (:data:`TAG_BUDGET`).
    """
    parts: list[str] = []
    pos = 0
    skipping: str | None = None
    for m in _TAG.finditer(markup):
        if skipping is None:
            parts.append(markup[pos : m.start()])
        pos = m.end()
        name = m.group(2)
        if name is None:
            continue
        name = name.lower()
        if skipping is not None:
            if m.group(1) and name == skipping:
                skipping = None
        elif name in _LINEAR_SKIP and not m.group(1) and not m.group(0).endswith("/>"):
            skipping = name
        elif name in _BLOCK:
            parts.append("\n")
    if skipping is None:
        parts.append(markup[pos:])
    return html.unescape("".join(parts))


def html_to_text(markup: str, limit: int = MAX_TEXT) -> str:
    """Readable text of an HTML fragment: tags dropped, entities decoded, cleaned and capped.

    Uses Lexbor (selectolax) when installed, else :mod:`html.parser`; block
    elements become line breaks so words of adjacent paragraphs do not merge.
    Fast paths: a fragment with no ``<`` is only unescaped, one of plain markup
    (:func:`_plain_text`) stripped in one pass. Only the first
    ``limit × 8`` characters are parsed, which bounds the work on huge bodies;
    a fragment with more than :data:`TAG_BUDGET` tags is stripped in linear
    time (:func:`_linear_text`), which bounds it on deep nesting.
    """
    if not markup:
        return ""
    markup = markup[: limit * _RAW_FACTOR]
    if "<" not in markup:
        return clean_text(html.unescape(markup) if "&" in markup else markup, limit)
    if markup.count("<") > TAG_BUDGET:
        text = _linear_text(markup)
    elif _HAVE_LEXBOR:
        plain = _plain_text(markup)
        text = _lexbor_text(markup) if plain is None else plain
    else:
        text = _stdlib_text(markup)
    return clean_text(text, limit)


# --- links and identity ----------------------------------------------------

_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|_hsenc|_hsmi|ocid|cmpid|at_medium|at_campaign)$", re.I)


# a link urlsplit/urlunsplit leave as they are (printable ASCII without spaces is checked before)
# (groups: path, query -- what urlsplit would return for it)
_CANONICAL_LINK = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]*)?(/[^?#]*)?(?:\?([^#]+))?(?:#.+)?\Z")


def _maybe_tracking(query: str) -> bool:
    """The query may hold a tracking parameter (cheap substring test before parsing it)."""
    return bool(query) and ("utm_" in query or "clid" in query or "mc_" in query or "_hs" in query
                            or "cmpid" in query or "ocid" in query or "at_" in query)


def normalise_link(link: str | None) -> str | None:
    """Absolute http(s) link with tracking parameters removed, or None."""
    if not link:
        return None
    if not (link.isascii() and link.isprintable() and " " not in link):
        link = fold_line(link, MAX_LINK * 2)
    elif _CANONICAL_LINK.match(link) and not _maybe_tracking(link.partition("#")[0].partition("?")[2]):
        # already what urlunsplit would rebuild: lower-case http(s) scheme and host, non-empty
        # query and fragment if present, no tracking parameter; only the cap is left to apply
        return link[:MAX_LINK]
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    query = parts.query
    if _maybe_tracking(query):
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _TRACKING.match(k)]
        query = urlencode(kept)
    # the fragment stays: single-page feeds (changelogs, blogs like scripting.com) use it per item
    out = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, query, parts.fragment))
    return out[:MAX_LINK]


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://")) and len(value) > 10


def _is_site_root(link: str) -> bool:
    if link.isascii() and link.isprintable() and " " not in link and (m := _CANONICAL_LINK.match(link)):
        return m.group(1) in (None, "/") and not m.group(2)
    return urlsplit(link).path in ("", "/") and not urlsplit(link).query


def _cap_identity(value: str) -> str:
    if len(value) <= MAX_GUID:
        return value
    return "sha256:" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def entry_identity(
    entry_id: str | None,
    link: str | None,
    title: str,
    published: datetime | None,
    text: str = "",
    shared_links: frozenset[str] | set[str] = frozenset(),
) -> str:
    """Stable identity of an entry within its feed (the rule is in the module docstring).

    ``link`` must already be normalised (:func:`normalise_link`);
    ``shared_links`` are normalised links that more than one entry of the same
    fetch carries.
    """
    eid = fold_line(entry_id, MAX_LINK * 2) if entry_id else ""
    if eid and _is_url(eid):
        return _cap_identity(normalise_link(eid) or eid)
    if link and link not in shared_links and not _is_site_root(link):
        return _cap_identity(link)
    if eid:
        return _cap_identity(eid)
    if link:
        basis = f"{link}\n{title}\n{published.isoformat() if published else ''}"
    else:
        basis = f"{title}\n{published.isoformat() if published else ''}"
    if not title and published is None:
        basis += "\n" + text
    return "sha256:" + hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()


def content_hash(title: str, text: str) -> str:
    """sha256 of the normalised title and text (hex)."""
    return hashlib.sha256(f"{title}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()


# --- language --------------------------------------------------------------

_identifier = None
_identifier_lock = threading.Lock()


def normalise_language(tag: str | None) -> str | None:
    """Primary subtag of a language tag, lower-case: ``"de-AT"`` → ``"de"``; None if not a language."""
    if not tag:
        return None
    if isinstance(tag, str) and len(tag) <= 64:  # the few tags a run sees, parsed once each
        return _language_cached(tag)
    return _normalise_language(tag)


def _normalise_language(tag: str) -> str | None:
    primary = re.split(r"[-_\s]", tag.strip(), maxsplit=1)[0].lower()
    if len(primary) in (2, 3) and primary.isascii() and primary.isalpha():
        return primary
    return None


_language_cached = functools.lru_cache(maxsize=1024)(_normalise_language)


def detect_language(text: str) -> str | None:
    """Best EU, Japanese, Chinese or Korean language for ``text`` by py3langid, or None for too little text."""
    global _identifier
    if len(text) < 20:
        return None
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
                ident.set_languages(sorted((EU_LANGUAGES | CJK_LANGUAGES) & set(ident.labels)))
                _identifier = ident
    lang, _score = _identifier.classify(text[:2000])
    return str(lang)


# --- dates ---------------------------------------------------------------


def struct_to_datetime(value: Any) -> datetime | None:
    """feedparser's ``*_parsed`` (a UTC ``time.struct_time``) → aware UTC datetime, or None."""
    if not value:
        return None
    try:
        return datetime(*tuple(value)[:6]).replace(tzinfo=timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None


# --- entry -> Item ----------------------------------------------------------


def _get(entry: Mapping[str, Any], key: str) -> Any:
    """Plain dict lookup: bypasses FeedParserDict's key aliasing (and its deprecation warnings)."""
    return dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)


def _getter(entry: Mapping[str, Any]) -> Callable[[str], Any]:
    """``_get`` bound to one mapping (``dict.get`` itself for a dict): for many lookups in one entry."""
    return dict.get.__get__(entry) if isinstance(entry, dict) else entry.get


def _detail_text(detail: Mapping[str, Any] | None, value: str | None, limit: int) -> str:
    if not value:
        return ""
    ctype = _get(detail, "type") or "text/html" if detail else "text/html"
    if "html" in ctype:
        return html_to_text(value, limit)
    return clean_text(value[: limit * _RAW_FACTOR], limit)


def _entry_text(entry: Mapping[str, Any], get: Callable[[str], Any] | None = None) -> tuple[str, str | None]:
    """The entry's body text and the language its element declared (xml:lang)."""
    if get is None:
        get = _getter(entry)
    contents = get("content") or ()
    best = None
    for c in contents:
        if _get(c, "value") and (best is None or len(_get(c, "value")) > len(_get(best, "value"))):
            best = c
    summary = get("summary")
    if best is not None and (not summary or len(_get(best, "value")) >= len(summary)):
        return _detail_text(best, _get(best, "value"), MAX_TEXT), _get(best, "language")
    detail = get("summary_detail")
    return _detail_text(detail, summary, MAX_TEXT), _get(detail, "language") if detail else None


def entry_links(entries: Iterable[Mapping[str, Any]]) -> tuple[list[str | None], frozenset[str]]:
    """Normalised link of each entry, and the links that occur more than once."""
    links = [normalise_link(_get(e, "link")) for e in entries]
    seen: set[str] = set()
    shared: set[str] = set()
    for link in links:
        if link:
            if link in seen:
                shared.add(link)
            seen.add(link)
    return links, frozenset(shared)


def is_empty_entry(entry: Mapping[str, Any]) -> bool:
    """An entry with no id, link, title, summary nor content (e.g. a stray ``<item/>``)."""
    get = _getter(entry)
    return not (get("id") or get("link") or get("title") or get("summary") or get("content"))


def entry_to_item(
    entry: Mapping[str, Any],
    *,
    source: str,
    link: str | None,
    shared_links: frozenset[str] = frozenset(),
    source_language: str | None = None,
    feed_language: str | None = None,
    detect: bool = True,
) -> Item:
    """Normalise one feedparser entry.

    Language precedence: the entry's own (``xml:lang`` on the entry or its
    content), then the configured source language, then the feed's declared
    language, then detection (EU languages only) when ``detect``.
    """
    get = _getter(entry)
    title_detail = get("title_detail")
    raw_title = get("title") or ""
    if raw_title and title_detail and "html" in (_get(title_detail, "type") or ""):
        title = fold_line(html_to_text(raw_title, MAX_TITLE), MAX_TITLE)
    else:
        title = fold_line(raw_title[: MAX_TITLE * _RAW_FACTOR], MAX_TITLE)
    text, text_lang = _entry_text(entry, get)
    published = struct_to_datetime(get("published_parsed") or get("updated_parsed") or get("created_parsed"))
    guid = entry_identity(get("id"), link, title, published, text, shared_links)
    language = None
    for tag in (get("language"), text_lang, _get(title_detail, "language") if title_detail else None,
                source_language, feed_language):
        if tag and (language := normalise_language(tag)) is not None:
            break
    if language is None and detect:
        language = detect_language(f"{title}\n{text[:500]}")
    return Item(
        source=source,
        guid=guid,
        title=title,
        text=text,
        link=link,
        language=language,
        published=published,
        content_hash=content_hash(title, text),
    )
