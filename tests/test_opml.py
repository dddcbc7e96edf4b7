"""feeds.opml: nested outlines, attribute variants, unique names, round trip, defused XML."""

from __future__ import annotations

import pytest

from feeds.opml import OpmlError, parse_opml, to_opml
from feeds.types import NewsSource
from tests.helpers_feeds import ScriptedServer, static

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Supply chain news</title></head>
  <body>
    <outline text="Ports">
      <outline text="Port news" title="Port of Hamburg news" type="rss" xmlUrl="https://example.org/hh.rss"
               language="de-DE"/>
      <outline text="Rotterdam" type="rss" xmlurl="https://example.org/rtm.rss"/>
      <outline text="Deeper">
        <outline text="Port news" type="rss" xmlUrl="https://example.org/other.rss"/>
      </outline>
    </outline>
    <outline text="Semis &amp; chips" type="rss" xmlUrl="https://example.org/chips.rss?a=1&amp;b=2"/>
    <outline text="Duplicate" type="rss" xmlUrl="https://example.org/hh.rss"/>
    <outline text="A folder without feeds"/>
  </body>
</opml>"""


def test_parse_nested_outlines_and_attribute_variants():
    sources = parse_opml(OPML)
    assert [(s.name, s.url, s.language) for s in sources] == [
        ("Port of Hamburg news", "https://example.org/hh.rss", "de"),
        ("Rotterdam", "https://example.org/rtm.rss", None),
        ("Port news", "https://example.org/other.rss", None),
        ("Semis & chips", "https://example.org/chips.rss?a=1&b=2", None),
    ]


def test_names_are_made_unique():
    doc = b"""<opml version="1.0"><body><outline text="News" xmlUrl="http://a/1"/>
      <outline text="News" xmlUrl="http://a/2"/><outline text="News" xmlUrl="http://a/3"/></body></opml>"""
    assert [s.name for s in parse_opml(doc)] == ["News", "News (2)", "News (3)"]


def test_round_trip():
    sources = [NewsSource(name="Port <news> & more", url="https://e.org/rss?a=1&b=2", language="nl"),
               NewsSource(name="Chips", url="https://e.org/chips.atom")]
    data = to_opml(sources)
    assert data.startswith(b"<?xml") and b"&amp;" in data and b"&lt;news&gt;" in data
    assert [(s.name, s.url, s.language) for s in parse_opml(data)] == [
        ("Port <news> & more", "https://e.org/rss?a=1&b=2", "nl"), ("Chips", "https://e.org/chips.atom", None)]


def test_malformed_opml_is_a_clear_error():
    with pytest.raises(OpmlError, match="line 2"):
        parse_opml(b"<opml>\n<body><outline text='x'></body></opml>")
    with pytest.raises(OpmlError, match="body"):
        parse_opml(b"<rss><channel/></rss>")


def test_opml_entities_neither_expand_nor_fetch(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("SECRET-MARKER")
    with ScriptedServer() as srv:
        dtd = srv.route("/x.dtd", static(b'<!ENTITY x "NETWORK-MARKER">'))
        doc = f"""<?xml version="1.0"?>
<!DOCTYPE opml SYSTEM "{dtd}" [
 <!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY file SYSTEM "{secret.as_uri()}">
]>
<opml version="2.0"><body><outline text="Feed" xmlUrl="http://e.org/rss"/></body></opml>""".encode()
        sources = parse_opml(doc)
        assert srv.requests == []
    assert [(s.name, s.url) for s in sources] == [("Feed", "http://e.org/rss")]
    # a document that *uses* an undeclared entity after defusing is rejected, not expanded
    bad = doc.replace(b'text="Feed"', b'text="&file;&lol2;"')
    with pytest.raises(OpmlError):
        parse_opml(bad)
