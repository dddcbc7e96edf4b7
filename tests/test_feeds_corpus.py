"""The real-world corpus, served from a loopback HTTP server, fetched and parsed end to end.

``shared/corpus/real-feeds`` holds 95 publisher feeds (INDEX.tsv gives
feedparser's entry count for each); ``shared/corpus/feedparser-tests/tests``
is feedparser's own edge-case suite. Every file is fetched over HTTP through
:class:`feeds.http.Fetcher`, parsed with :func:`feeds.parse.parse_feed`, and
polled a second time to check the conditional GET. Skipped only where the
corpus folder is absent.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import feedparser
import pytest

from feeds.http import FetchRequest, Fetcher
from feeds.normalise import is_empty_entry
from feeds.parse import parse_feed
from feeds.types import NewsSource
from tests.helpers_feeds import ScriptedServer, cached

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REAL = CORPUS / "real-feeds"
FP_TESTS = CORPUS / "feedparser-tests" / "tests"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is absent")

# Where our item count differs from INDEX.tsv's `entries`, and exactly why.
EXCEPTIONS = {
    # gzipped on disk without any header: INDEX was made by feedparser on the raw gzip bytes (0 entries,
    # bozo); we recognise the gzip magic and unpack it (it is iconv.xml: 10 windows-1251 entries)
    "danmactough__node-feedparser/test/feeds/compressed.xml": (0, 10),
    # same situation: 25 entries once unpacked (invalid characters make it bozo, feedparser still reads it)
    "danmactough__node-feedparser/test/feeds/invalid-characters-gzipped.xml": (0, 25),
    # each of the 10 real <item>s contains a stray empty <item /> that feedparser counts as an entry of its
    # own; empty entries (no id, link, title, summary nor content) carry nothing and are not items
    "danmactough__node-feedparser/test/feeds/illegally-nested.xml": (20, 10),
}
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\x1b]")
HEADER = re.compile(rb"Header:\s*Content-type:\s*([^\r\n]+)", re.I)


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest() + '"'


def _content_type(body: bytes) -> str:
    m = HEADER.search(body[:2000])
    return m.group(1).decode("ascii", "replace").strip() if m else "application/xml"


@pytest.fixture(scope="module")
def corpus_server():
    with ScriptedServer() as srv:
        paths = {}
        for base, prefix in ((REAL, "/real/"), (FP_TESTS, "/fp/")):
            for f in sorted(base.rglob("*")):
                if f.is_file() and f.name != "INDEX.tsv":
                    body = f.read_bytes()
                    rel = f.relative_to(base).as_posix()
                    url_path = prefix + rel
                    srv.route(url_path, cached(body, etag=_etag(body), content_type=_content_type(body)))
                    paths[(prefix, rel)] = (srv.url(url_path), body)
        yield srv, paths


def _assert_clean(items):
    for item in items:
        for value in (item.title, item.text, item.guid, item.link or ""):
            assert not CONTROL.search(value), (item.guid, value[:80])
        assert item.published is None or item.published.utcoffset().total_seconds() == 0


def _poll_twice(srv, urls):
    with Fetcher(trust_env=False, max_concurrency=16, per_host=16) as f:
        first = f.fetch_many(urls)
        assert all(r.ok and r.body is not None for r in first), [(r.url, r.error) for r in first if not r.ok][:5]
        second = f.fetch_many([FetchRequest(r.url, etag=r.etag, last_modified=r.last_modified) for r in first])
    return first, second


def test_real_feeds_every_entry_parsed_once_and_repoll_is_304(corpus_server):
    srv, paths = corpus_server
    rows = list(csv.DictReader((REAL / "INDEX.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) == 95
    urls = [paths[("/real/", r["path"])][0] for r in rows]
    first, second = _poll_twice(srv, urls)
    total = 0
    for row, res in zip(rows, first):
        feed = parse_feed(res.body, source=NewsSource(name=row["path"], url=res.url), content_type=res.content_type)
        index_count = int(row["entries"])
        expected = EXCEPTIONS[row["path"]][1] if row["path"] in EXCEPTIONS else index_count
        if row["path"] in EXCEPTIONS:
            assert index_count == EXCEPTIONS[row["path"]][0], "INDEX.tsv changed: revisit the exception"
        assert len(feed.items) == expected, row["path"]
        assert len({i.guid for i in feed.items}) == len(feed.items), row["path"]  # each stored once
        assert all(i.source == row["path"] for i in feed.items)
        _assert_clean(feed.items)
        total += len(feed.items)
    assert total == sum(int(r["entries"]) for r in rows) + 10 + 25 - 10
    # the second poll sends the validators and gets nothing new
    assert all(r.not_modified and r.body is None for r in second)
    conditional = [h for p, h in srv.requests if p.startswith("/real/") and "if-none-match" in h]
    assert len(conditional) == 95


def test_feedparser_suite_parses_like_feedparser_and_is_clean(corpus_server):
    srv, paths = corpus_server
    keys = sorted(k for k in paths if k[0] == "/fp/")
    assert len(keys) > 2000
    first, second = _poll_twice(srv, [paths[k][0] for k in keys])
    differing = []
    for key, res in zip(keys, first):
        body = paths[key][1]
        assert res.body == body
        feed = parse_feed(res.body, source=NewsSource(name="fp", url=res.url), content_type=res.content_type)
        _assert_clean(feed.items)
        assert len({i.guid for i in feed.items}) == len(feed.items), key
        bare = feedparser.parse(io.BytesIO(body), response_headers={"content-type": res.content_type},
                                sanitize_html=False, resolve_relative_uris=False)
        readable = [e for e in bare.entries if not is_empty_entry(e)]
        if len(feed.items) + feed.duplicates != len(readable):
            differing.append((key[1], len(readable), len(feed.items)))
    assert differing == []
    assert all(r.not_modified for r in second)
