"""feeds.parse / feeds.normalise: hostile and broken feeds, encodings, identity, text cleaning."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from feeds.http import Fetcher
from feeds.normalise import (
    MAX_GUID,
    MAX_LINK,
    MAX_TEXT,
    MAX_TITLE,
    clean_text,
    detect_language,
    html_to_text,
    normalise_link,
)
from feeds.parse import defuse, parse_feed
from feeds.types import NewsSource
from tests.helpers_feeds import ScriptedServer, rss, static

SRC = NewsSource(name="Test source", url="http://example.org/rss")
CONTROL = set(map(chr, [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)]))


def parse(body: bytes, **kw):
    return parse_feed(body, source=SRC, **kw)


# --- entity attacks ------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>Bomb &lol9;</title><link>http://example.org/1</link><description>&lol9;</description></item>
<item><title>Second</title><link>http://example.org/2</link></item>
</channel></rss>"""


def test_billion_laughs_does_not_expand():
    feed = parse(BILLION_LAUGHS)
    assert feed.defused
    assert [i.link for i in feed.items] == ["http://example.org/1", "http://example.org/2"]
    for item in feed.items:
        assert "lollol" not in item.title and "lollol" not in item.text
        assert len(item.text) < 100


def test_quadratic_blowup_with_one_big_entity_does_not_expand():
    big = b"A" * 100_000
    doc = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + big + b'">]><rss version="2.0"><channel>'
           b"<item><title>t</title><link>http://e.org/1</link><description>" + b"&a;" * 10_000
           + b"</description></item></channel></rss>")
    feed = parse(doc)
    assert len(feed.items) == 1 and "AAAA" not in feed.items[0].text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-be", "utf-32"])
def test_external_entities_reach_neither_disk_nor_network(tmp_path, encoding):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER-4711")
    with ScriptedServer() as srv:
        dtd_url = srv.route("/evil.dtd", static(b'<!ENTITY leak "NETWORK-MARKER">'))
        ent_url = srv.route("/ent", static(b"NETWORK-MARKER"))
        doc = f"""<?xml version="1.0" encoding="{encoding}"?>
<!DOCTYPE rss SYSTEM "{dtd_url}" [
  <!ENTITY file SYSTEM "{secret.as_uri()}">
  <!ENTITY net SYSTEM "{ent_url}">
  <!ENTITY % remote SYSTEM "{dtd_url}">
  %remote;
]>
<rss version="2.0"><channel><title>XXE</title>
<item><title>file: &file; net: &net; leak: &leak;</title><link>http://example.org/x</link>
<description>&file;&net;</description></item></channel></rss>""".encode(encoding)
        feed = parse(doc)
        assert srv.requests == []  # nothing was fetched
    assert feed.defused and len(feed.items) == 1
    item = feed.items[0]
    assert item.link == "http://example.org/x"
    for field in (item.title, item.text, feed.title):
        assert "SECRET-MARKER" not in field and "NETWORK-MARKER" not in field


def test_defuse_keeps_single_character_entities_and_the_rest_of_the_document():
    doc = (b'<?xml version="1.0" encoding="windows-1251"?>\n<!DOCTYPE rss [\n<!ENTITY nbsp "&#160;">\n'
           b'<!ENTITY evil SYSTEM "file:///etc/passwd">\n]>\n<rss version="2.0"><channel><item>'
           b"<title>\xcf\xee\xf0\xf2&nbsp;\xc3\xe0\xec\xe1\xf3\xf0\xe3</title><link>http://e.org/1</link>"
           b"</item></channel></rss>")
    out, removed = defuse(doc)
    assert removed and b"SYSTEM" not in out and b'<!ENTITY nbsp "&#160;">' in out
    assert out.endswith(doc[doc.index(b"<rss"):])
    feed = parse(doc)
    assert feed.items[0].title == "Порт\u00a0Гамбург".replace("\u00a0", " ")


def test_body_that_looks_like_a_path_is_never_opened(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("<rss version='2.0'><channel><item><title>SECRET-MARKER</title></item></channel></rss>")
    feed = parse(str(secret).encode())
    assert all("SECRET" not in i.title for i in feed.items) and not feed.items
    with pytest.raises(TypeError):
        parse_feed(str(secret), source=SRC)  # a str could be opened or fetched: refused


# --- broken feeds and encodings ------------------------------------------------


def test_bozo_feed_that_feedparser_can_read_still_gives_items():
    doc = rss([{"title": "Fire at plant & warehouse", "link": "http://e.org/1"},
               {"title": "Strike", "link": "http://e.org/2"}]).replace(b"</channel></rss>", b"<unclosed></channel>")
    feed = parse(doc)
    assert feed.bozo and feed.bozo_reason
    assert [i.title for i in feed.items] == ["Fire at plant & warehouse", "Strike"]


def test_garbage_is_bozo_without_items():
    for junk in (b"", b"\x00\x01\x02", b"<html><body>Not a feed</body></html>", b"{}"):
        feed = parse(junk)
        assert feed.items == [] and not feed.is_feed
    assert parse(rss([])).is_feed  # an empty but real feed is still a feed


@pytest.mark.parametrize(
    "encoding,title",
    [
        ("gb18030", "港口罢工 — 汉堡"),
        ("windows-1251", "Забастовка в порту Гамбурга"),
        ("iso-8859-2", "Strajk w porcie w Gdańsku"),
        ("utf-16", "Grève au port du Havre"),
        ("windows-1252", "Streik im Hafen – Öl läuft aus"),
    ],
)
def test_declared_encodings_are_honoured(encoding, title):
    doc = rss([{"title": title, "link": "http://e.org/1", "description": f"<p>{title}</p>"}], encoding=encoding)
    item = parse(doc).items[0]
    assert item.title == title and item.text == title


def test_http_charset_hint_is_used_for_undeclared_bytes():
    doc = ('<rss version="2.0"><channel><item><title>Grève générale</title>'
           "<link>http://e.org/1</link></item></channel></rss>").encode("iso-8859-1")
    item = parse(doc, content_type="application/rss+xml; charset=iso-8859-1").items[0]
    assert item.title == "Grève générale"


# --- text, caps, dates, language ----------------------------------------------


def test_control_characters_and_ansi_escapes_are_removed():
    title = "Alert\x1b[31m RED\x1b[0m \x07bell and &#x1b;]0;pwned&#7; \u202eevil\u202c"
    doc = rss([{"title": title, "link": "http://e.org/1", "description": "line1\r\nline2\x00\x0b end"}])
    item = parse(doc).items[0]
    assert not CONTROL & set(item.title + item.text)
    assert item.title == "Alert RED bell and evil"
    assert item.text == "line1\nline2 end"
    # C1 CSI and OSC, as a terminal would read them
    assert clean_text("a\x9b2Jb \x9d0;title\x07c \x85d") == "ab c\nd"


def test_html_is_reduced_to_text():
    html = ("<div><p>Fire at <b>Ham</b>burg&nbsp;port &amp; terminal</p><script>alert('x')</script>"
            "<style>p{color:red}</style><p>Second&#8203;para</p><ul><li>one</li><li>two</li></ul></div>")
    # a zero-width space is invisible, so it is dropped ("Ro&#8203;tterdam" is Rotterdam to a reader)
    assert html_to_text(html) == "Fire at Hamburg port & terminal\nSecondpara\none\ntwo"
    assert html_to_text("a &lt;b&gt; c") == "a <b> c"
    assert html_to_text("") == ""


def test_tag_names_are_ascii_case_insensitive_as_in_html():
    # upper and mixed case: still blocks (a line each) and still skipped
    assert html_to_text("<P>Strike</P><Div>at the port</DIV><SCRIPT>evil()</SCRIPT><Style>p{}</STYLE>") == (
        "Strike\nat the port")
    # "ı" (dotless i) folds to i under re.IGNORECASE, but an HTML parser does not take
    # <scrıpt> for <script> nor <dıv> for <div>: their text stays, with no line break
    assert html_to_text("<scrıpt>kept</scrıpt> and <dıv>inline</dıv>") == "kept and inline"


def test_field_caps():
    long_link = "http://example.org/" + "a" * 5000
    doc = rss([{"title": "T" * 5000, "link": long_link, "guid": "g" * 3000, "description": "word " * 20000}])
    item = parse(doc).items[0]
    assert len(item.title) == MAX_TITLE and len(item.text) <= MAX_TEXT
    assert len(item.link) <= MAX_LINK and len(item.guid) <= MAX_GUID


def test_published_is_aware_utc():
    doc = rss([{"title": "a", "link": "http://e.org/1", "pubDate": "Wed, 01 May 2024 14:00:00 +0200"},
               {"title": "b", "link": "http://e.org/2", "pubDate": "not a date"}])
    a, b = parse(doc).items
    assert a.published == datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    assert b.published is None


def test_language_item_then_source_then_feed_then_detected():
    text = "Die Hafenarbeiter in Hamburg haben heute einen unbefristeten Streik begonnen."
    doc = rss([{"title": "Streik im Hafen", "link": "http://e.org/1", "description": text}], language=None)
    assert parse(doc).items[0].language == "de"  # detected
    doc_fr = rss([{"title": "Streik", "link": "http://e.org/1", "description": text}], language="fr-FR")
    assert parse(doc_fr).items[0].language == "fr"  # declared by the feed wins over detection
    src = NewsSource(name="x", url="u", language="nl")
    assert parse_feed(doc_fr, source=src).items[0].language == "nl"  # configured source wins over feed
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>t</title>
      <entry xml:lang="it"><id>urn:x:1</id><title>Sciopero</title><link href="http://e.org/it"/>
      <summary>Sciopero al porto di Genova</summary></entry></feed>"""
    assert parse(atom).items[0].language == "it"  # the entry's own xml:lang first
    assert detect_language("Strajk w porcie w Gdańsku sparaliżował przeładunki kontenerów") == "pl"


def test_language_detection_modes():
    de = "Die Hafenarbeiter in Hamburg haben heute einen unbefristeten Streik begonnen."
    pl = "Strajk w porcie w Gdańsku sparaliżował przeładunki kontenerów na cały tydzień."
    doc = rss([{"title": "Streik", "link": "http://e.org/1", "description": de},
               {"title": "Strajk", "link": "http://e.org/2", "description": pl},
               {"title": "Streik 2", "link": "http://e.org/3", "description": de}], language=None)
    assert [i.language for i in parse(doc, language_detection="item").items] == ["de", "pl", "de"]
    assert {i.language for i in parse(doc).items} == {"de"}  # one detection for the whole feed
    assert [i.language for i in parse(doc, language_detection="off").items] == [None, None, None]


def test_clean_text_folds_whitespace():
    assert clean_text("  a \t b\n\n\n  c  ") == "a b\nc"


# --- identity ----------------------------------------------------------------------


def test_identity_prefers_permalink_guid_then_link_then_guid_then_hash():
    doc = rss([
        {"title": "perma", "guid": "http://e.org/p/1", "link": "http://e.org/p/1?utm_source=rss"},
        {"title": "opaque+link", "guid": "abc-123", "link": "http://e.org/story/2?utm_medium=feed&id=2"},
        {"title": "opaque only", "guid": "abc-456"},
        {"title": "nothing", "pubDate": "Wed, 01 May 2024 14:00:00 GMT"},
    ])
    a, b, c, d = parse(doc).items
    assert a.guid == "http://e.org/p/1"
    assert b.guid == "http://e.org/story/2?id=2" and b.link == "http://e.org/story/2?id=2"
    assert c.guid == "abc-456"
    assert d.guid.startswith("sha256:") and len(d.guid) == 7 + 64


def test_guid_churn_does_not_change_identity():
    """A CMS that mints a fresh opaque guid on every render: identities stay put."""

    def render(n: int) -> bytes:
        return rss([
            {"title": "Fire at Antwerp terminal", "guid": f"urn:uuid:{n}-1", "link": "http://e.org/news/1"},
            {"title": "Rail strike", "guid": f"urn:uuid:{n}-2", "link": "http://e.org/news/2"},
        ])

    first = {i.guid for i in parse(render(1)).items}
    second = {i.guid for i in parse(render(2)).items}
    assert first == second == {"http://e.org/news/1", "http://e.org/news/2"}


def test_shared_links_and_site_roots_fall_back_to_guid():
    doc = rss([
        {"title": "Status: degraded", "guid": "s-1", "link": "http://status.example.org/"},
        {"title": "Update A", "guid": "u-1", "link": "http://e.org/live"},
        {"title": "Update B", "guid": "u-2", "link": "http://e.org/live"},
    ])
    assert [i.guid for i in parse(doc).items] == ["s-1", "u-1", "u-2"]


def test_colliding_guids_keep_every_entry_and_drop_exact_repeats():
    same = {"guid": "http://e.org/2024/05/01.html#a1", "link": "http://e.org/2024/05/01.html#a1"}
    doc = rss([
        {**same, "title": "Morning note", "pubDate": "Wed, 01 May 2024 08:00:00 GMT"},
        {**same, "title": "Port closed", "pubDate": "Wed, 01 May 2024 08:01:00 GMT"},
        {**same, "title": "Port closed", "pubDate": "Wed, 01 May 2024 08:01:00 GMT"},  # exact repeat
    ])
    feed = parse(doc)
    assert [i.title for i in feed.items] == ["Morning note", "Port closed"]
    assert len({i.guid for i in feed.items}) == 2 and feed.duplicates == 1
    again = parse(doc)
    assert [i.guid for i in again.items] == [i.guid for i in feed.items]  # stable


def test_content_hash_follows_text():
    a = parse(rss([{"title": "t", "link": "http://e.org/1", "description": "v1"}])).items[0]
    b = parse(rss([{"title": "t", "link": "http://e.org/1", "description": "v2"}])).items[0]
    assert a.guid == b.guid and a.content_hash != b.content_hash


def test_normalise_link():
    assert normalise_link("javascript:alert(1)") is None
    assert normalise_link("HTTP://E.ORG/a#frag") == "http://e.org/a#frag"
    assert normalise_link("https://e.org/a?utm_source=x&fbclid=y&page=2") == "https://e.org/a?page=2"


def test_max_items():
    doc = rss([{"title": f"t{i}", "link": f"http://e.org/{i}"} for i in range(30)])
    feed = parse(doc, max_items=10)
    assert len(feed.items) == 10 and feed.truncated and feed.entries == 30


def test_fetch_then_parse_over_http():
    doc = rss([{"title": "Suez canal blocked", "link": "http://e.org/suez"}])
    with ScriptedServer() as srv, Fetcher(trust_env=False) as f:
        res = f.fetch(srv.route("/rss", static(doc, headers={"Content-Type": "application/rss+xml"})))
    feed = parse_feed(res.body, source=SRC, content_type=res.content_type, base_url=res.final_url)
    assert [i.title for i in feed.items] == ["Suez canal blocked"]
    assert feed.items[0].source == "Test source"
