"""Property-based fuzzing of feed parsing and normalising (Hypothesis).

Random bytes and adversarial feeds — encodings that hide markup, entity
declarations, deep nesting, impossible character references, giant attributes,
control and invisible characters — go through the real ``parse_feed``. Every
example must come back as a result (never an exception), in bounded time and
memory, with text that is safe to print. Runs are derandomised so CI sees the
same examples every time; ``tests/test_feeds_hostile.py`` keeps the cases found
by review as regression files.
"""

from __future__ import annotations

import base64
import re
import tracemalloc
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds.normalise import MAX_TEXT, MAX_TITLE, _lexbor_text, _linear_text, clean_text, html_to_text
from feeds.parse import parse_feed
from feeds.types import NewsSource

SRC = NewsSource(name="Fuzz", url="http://example.org/rss", language="en")
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: What may never reach a stored item: C0/C1 controls (but \t \n), bidi controls, invisible format characters.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def assert_safe(feed) -> None:
    for item in feed.items:
        assert len(item.title) <= MAX_TITLE and len(item.text) <= MAX_TEXT
        assert not UNSAFE.search(item.title + item.text), (item.title, item.text)
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in item.title + item.text)


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_never_raise(body):
    assert_safe(parse_feed(body, source=SRC))


text_chars = st.characters(codec="utf-8", exclude_categories=("Cs",))  # every character but lone surrogates
hostile_text = st.text(
    alphabet=st.one_of(
        text_chars,
        st.sampled_from("<>&;\"'[]!\x00\x07\x1b\x9b\u200b\u200d\u202e\u2060\u00ad\u061c\ufeff"),
    ),
    max_size=200,
)
char_refs = st.one_of(
    st.integers(0, 0x10FFFF + 10).map(lambda cp: f"&#x{cp:X};"),
    st.integers(0xD800, 0xDFFF).map(lambda cp: f"&#{cp};"),
    st.sampled_from(["&#0;", "&#x1b;", "&amp;", "&lt;div&gt;", "&bogus;", "&#xFFFFFFFF;", "&#99999999999;"]),
)


@st.composite
def adversarial_feed(draw) -> tuple[bytes, int]:
    """(feed body, number of items in it)."""
    entities = draw(st.lists(st.tuples(st.from_regex(r"[a-z]{1,6}", fullmatch=True),
                                       st.one_of(st.text(max_size=2000), st.just("&a;&a;&a;&a;"))), max_size=3))
    doctype = ""
    if entities:
        decls = "".join(f'<!ENTITY {name} "{value.replace(chr(34), "")}">' for name, value in entities)
        doctype = f"<!DOCTYPE rss [{decls}]>"
    depth = draw(st.sampled_from([0, 3, 300, 3000]))
    items = []
    count = draw(st.integers(1, 4))
    for i in range(count):
        title = draw(hostile_text).replace("<", "&lt;").replace("&", "&amp;") + "".join(draw(st.lists(char_refs, max_size=3)))
        refs = "".join(f"&{name};" for name, _ in entities) * draw(st.integers(0, 50))
        body = "<div>" * depth + draw(hostile_text).replace("<", "").replace("&", "").replace("]]>", "") + "</div>" * depth
        attr = "x" * draw(st.sampled_from([0, 10, 100_000]))
        items.append(f'<item><title>{title}</title><link>http://e.org/{i}</link><category domain="{attr}">c</category>'
                     f"<description>{refs}<![CDATA[{body}]]></description></item>")
    doc = f'{doctype}<rss version="2.0"><channel><title>Fuzz</title>{"".join(items)}</channel></rss>'
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "utf-7", "cp500", "iso-8859-1", "shift_jis", "gb18030"]))
    decl = f'<?xml version="1.0" encoding="{encoding}"?>\n'
    if encoding == "utf-7":
        hidden = b"".join(b"+" + base64.b64encode(c.encode("utf-16-be")).rstrip(b"=") + b"-" if c in "<!&" else
                          c.encode("utf-7") for c in doc)
        return decl.encode("ascii") + hidden, count
    return (decl + doc).encode(encoding, "replace"), count


@FUZZ
@given(adversarial_feed())
def test_adversarial_feeds_parse_safely_in_bounded_memory(case):
    body, count = case
    tracemalloc.start()
    try:
        feed = parse_feed(body, source=SRC)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_safe(feed)
    assert len(feed.items) == count  # one bad character or entity never costs an item
    # an input of at most a few hundred KB never costs more than a few dozen MB, entities or not
    assert peak < 64 * 1024 * 1024 + 50 * len(body), (peak, len(body))


@st.composite
def markup_tree(draw, depth: int = 0) -> tuple[str, list[str]]:
    """(markup, words in reading order) of a random fragment of common tags and plain words."""
    if depth > 4 or draw(st.booleans()):
        words = draw(st.lists(st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True), min_size=1, max_size=3))
        return " ".join(words), words
    tag = draw(st.sampled_from(["div", "p", "span", "b", "i", "li", "td", "a", "em", "section"]))
    children = draw(st.lists(markup_tree(depth + 1), min_size=1, max_size=3))
    inner = " ".join(m for m, _ in children)
    return f"<{tag}>{inner}</{tag}>", [w for _, ws in children for w in ws]


@FUZZ
@given(markup_tree())
def test_linear_stripper_reads_the_words_lexbor_reads(tree):
    markup, words = tree
    assert _linear_text(markup).split() == words
    assert _lexbor_text(markup).split() == words


@FUZZ
@given(st.text(alphabet=st.one_of(text_chars, st.sampled_from("<>/!-[]&;=\"'")), max_size=2000))
def test_html_to_text_never_raises_and_output_is_printable(markup):
    out = html_to_text(markup)
    assert not UNSAFE.search(out)
    out = html_to_text(markup + "<i>" * 2001)  # the linear path
    assert not UNSAFE.search(out)


_PLAIN_NAMES = ["p", "P", "b", "a", "br", "BR", "div", "Span", "li", "ul", "h2", "img", "em", "strong", "hr",
                "blockquote", "figure", "sup", "q"]
_OTHER_NAMES = ["table", "td", "tr", "script", "title", "pre", "select", "option", "textarea", "svg", "html",
                "body", "head", "meta", "p-x", "xmp", "plaintext", "frameset", "template", "nobr", "form", "button"]
_attr_value = st.sampled_from(['"x"', "'y'", "z", '"a>b"', "'c<d'", '""', '"&amp;"', "e'f", '"multi\nline"', "g=h"])
_attribute = st.builds(lambda ws, name, eq, value: f"{ws}{name}{eq}{value}" if eq else f"{ws}{name}",
                       st.sampled_from([" ", " ", "\n", "\t", "\f", "\xa0", ""]), st.sampled_from(["href", "class", "ALT", "data-x", "a\"b", "/"]),
                       st.sampled_from(["", "=", " = "]), _attr_value)
_tag = st.builds(lambda end, name, attrs, close: f"<{end}{name}{''.join(attrs)}{close}",
                 st.sampled_from(["", "", "/"]), st.sampled_from(_PLAIN_NAMES * 3 + _OTHER_NAMES),
                 st.lists(_attribute, max_size=2), st.sampled_from([">", ">", ">", "/>", " />", " >", ""]))
_comment = st.builds(lambda open_, body, close: open_ + body + close, st.sampled_from(["<!--", "<!-->", "<!--->", "<!-"]),
                     st.text(alphabet=st.sampled_from("ab -!<>"), max_size=8), st.sampled_from(["-->", "--!>", "->", ""]))
_entity = st.sampled_from(["&amp;", "&amp", "&am", "p;", "&lt;", "&nbsp;", "&#160;", "&#x110000;", "&#0;", "&notit;",
                           "&copy2026", "&#128;", "&", "&#", "&#x", "&#13;", ";"])
_text = st.text(alphabet=st.sampled_from("ab Éé\n\r\t\xa0\x00\x0c\u2028=\"'>/-!?3"), max_size=6)
_stray = st.sampled_from(["<", "< ", "<3", "</ ", "</>", "<!", "<?x?>", "<![CDATA[x]]>", "<!DOCTYPE html>"])


@settings(FUZZ, max_examples=400)
@given(st.lists(st.one_of(_text, _text, _entity, _tag, _tag, _tag, _comment, _stray), max_size=25)
       | st.lists(st.one_of(_text, _entity, _tag, _tag, _comment), max_size=25))
def test_plain_markup_reads_as_lexbor_reads_it(pieces):
    # html_to_text takes a one-pass stripper for fragments of plain tags and comments; whatever
    # the fragment, it must give what the Lexbor tree gives, to the character
    markup = "".join(pieces)
    assert html_to_text(markup) == clean_text(_lexbor_text(markup)), markup
