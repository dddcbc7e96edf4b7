"""Breaking-news bursts in the pipeline (monitor/burst_stage.py): mentions counted per
publisher in the database as items are polled, a disruption event at a node in burst
raised, with the reason shown in the alert. Real SQLite file and PostgreSQL, real
loopback HTTP, two pipeline instances on one database; hours pass on a hand-moved clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import format_datetime
from io import StringIO
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from rich.console import Console
from sqlalchemy import select

from graphs.burst import boosted, detect, hourly_counts
from monitor import burst_stage
from monitor.alerts.model import AlertSnapshot
from monitor.notify.email import render_bodies
from monitor.notify.render import NoticeItem, OutgoingGroup
from monitor.notify.terminal import render_alert
from monitor.store import mentions as mention_store
from monitor.pipeline import PRUNE_EVERY
from monitor.store import models as m
from tests.helpers_feeds import ScriptedServer
from tests.helpers_pipeline import START, Harness, Resource, write_config

NODE = "port-testhaven"
FIRE = ("Fire at the Port of Testhaven halts container traffic",
        "A large fire broke out at the Port of Testhaven on Monday, halting container traffic.")


@pytest.fixture()
def server():
    with ScriptedServer() as srv:
        yield srv


def rss(entries: list[tuple[str, str, str, datetime]]) -> bytes:
    """RSS 2.0 from ``(link, title, description, published)``; the link is the guid."""
    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
             '<link>http://127.0.0.1/</link><description>d</description>']
    for link, title, text, when in entries:
        parts.append(f"<item><guid>{escape(link)}</guid><link>{escape(link)}</link><title>{escape(title)}</title>"
                     f"<description>{escape(text)}</description><pubDate>{format_datetime(when)}</pubDate></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def baseline(now: datetime) -> list[tuple[str, str, str, datetime]]:
    """A week of ordinary news: the port named once every six hours, by one of four papers."""
    out = []
    for k in range(28):
        when = now - timedelta(hours=8 + 6 * k)
        out.append((f"https://paper{k % 4}.example/week/{k}", f"Port of Testhaven handles vessel call number {k}",
                    "Routine traffic.", when))
    return out


def chatter(publishers: range, per: int, when: datetime, label: str) -> list[tuple[str, str, str, datetime]]:
    """``per`` stories per publisher naming the port, no disruption word, published at ``when``."""
    return [(f"https://news{p}.example/crowds/{label}/{i}",
             f"Crowds gather at the Port of Testhaven as story {label} {p} {i} unfolds",
             "Thousands of onlookers came to watch.", when - timedelta(minutes=i))
            for p in publishers for i in range(per)]


def harness(root: Path, db_url: str, feeds: dict[str, str], monitor_yaml: str = "", *,
            counting_since: datetime | None = START - timedelta(days=8)) -> Harness:
    """A pipeline whose database has counted mentions since ``counting_since`` (by default
    long enough for a whole baseline; ``None``: a new database)."""
    news = [{"name": name, "url": url, "interval": "10m", "language": "en"} for name, url in feeds.items()]
    cfg = write_config(root, news, monitor_yaml="schedule: {jitter: 0}\nalerts: {group_wait: 0s}\n" + monitor_yaml)
    h = Harness(cfg, db_url)
    if counting_since is not None:
        with h.sessions() as s, s.begin():
            mention_store.start_counting(s, counting_since)
    return h


def mentions(h: Harness) -> list[tuple[str, str, datetime]]:
    with h.sessions() as s:
        return [tuple(r) for r in s.execute(select(m.Mention.node_id, m.Mention.source, m.Mention.at)
                                            .order_by(m.Mention.at, m.Mention.source))]


def current_bursts(h: Harness) -> dict:
    with h.sessions() as s:
        return burst_stage.bursts_now(s, h._runtime.settings.burst, [NODE], h.clock())


def test_a_burst_seen_by_another_instance_raises_its_fire_and_the_alert_says_why(server, db_url, tmp_path):
    wire = Resource(rss(baseline(START)))
    local = Resource(rss([]))
    a = harness(tmp_path / "a", db_url, {"Wire": server.route("/wire", wire)})
    b = harness(tmp_path / "b", db_url, {"Local": server.route("/local", local)})
    try:
        a.pipeline.run_cycle(deliver=False)
        assert len(mentions(a)) == 28 and not current_bursts(a)
        # hour by hour, more and more papers write about the port (no disruption word)
        entries = baseline(START)
        for hour, papers, per in ((1, range(0, 2), 1), (3, range(0, 6), 1), (5, range(0, 9), 3)):
            for clock in (a.clock, b.clock):
                clock.now = START + timedelta(hours=hour)
            entries += chatter(papers, per, a.clock(), f"h{hour}")
            wire.body = rss(entries)
            a.pipeline.run_cycle(deliver=False)
            if hour == 1:
                assert not current_bursts(a), "two papers are no burst"
        burst = current_bursts(b)[NODE]  # B sees what A counted: the counts are in the database
        assert burst.sources == 9 and burst.items == 2 * 5 + 4 * 4 + 3 * 3
        assert burst.evidence == "named in 35 items from 9 sources in 6 h, 35x its usual rate"
        # a burst of ordinary news raises nothing: no event, no alert
        assert a.count(m.Event) == 0 and a.count(m.Alert) == 0

        # instance B reads a fire at the port from another paper
        local.body = rss([("https://harbour-times.example/fire", *FIRE, b.clock() - timedelta(minutes=5))])
        plain = b._runtime.tagger.tag(*FIRE, "en")[0].confidence
        b.pipeline.run_cycle(deliver=False)
        [event] = b.all(m.Event)
        now_burst = current_bursts(b)[NODE]
        assert now_burst.sources == 10 and now_burst.items == 36
        expected, line = boosted(round(plain, 4), now_burst, cues=True)
        assert line == "named in 36 items from 10 sources in 6 h, 36x its usual rate"
        assert event.confidence == pytest.approx(expected) and event.confidence > plain
        assert event.evidence[0]["role"] == "burst" and event.evidence[0]["text"] == line
        assert [s["role"] for s in event.evidence[1:]] == [s["role"] for s in
                                                          _spans(b._runtime.tagger.tag(*FIRE, "en")[0])]

        [alert] = b.all(m.Alert)
        assert alert.confidence == pytest.approx(expected)
        snap = AlertSnapshot.from_row(alert)
        console = Console(file=StringIO(), width=140, color_system=None)
        console.print(render_alert(snap, now=b.clock()))
        assert f"Burst: {line}" in console.file.getvalue()
        group = OutgoingGroup("<m@x>", "email", "desk@example.org", "desk", "immediate",
                              (NoticeItem(1, "firing", alert.severity, {}, snap),))
        _subject, text, html = render_bodies(group, now=b.clock())
        assert f"Burst: {line}" in text and f"Burst: {line}" in html

        # raised once: another tag step (either instance) leaves it as it is
        a.pipeline.tag_pending()
        b.pipeline.tag_pending()
        assert [e.confidence for e in b.all(m.Event)] == [event.confidence]
    finally:
        a.close()
        b.close()


def _spans(event) -> list[dict]:
    return [{"role": s.role} for s in event.evidence]


def test_a_story_in_two_feeds_of_one_publisher_counts_once(server, sqlite_url, tmp_path):
    when = START - timedelta(hours=1)
    story = ("Port of Testhaven opens its new cruise terminal", "The terminal opened on Monday.")
    one = Resource(rss([("https://paper1.example/business/terminal", *story, when)]))
    two = Resource(rss([("https://www.paper1.example/local/terminal", *story, when)]))
    other = Resource(rss([("https://paper2.example/terminal", *story, when)]))
    h = harness(tmp_path, sqlite_url, {"One": server.route("/one", one), "Two": server.route("/two", two),
                                       "Other": server.route("/other", other)})
    try:
        h.pipeline.run_cycle(deliver=False)
        assert mentions(h) == [(NODE, "paper1.example", when), (NODE, "paper2.example", when)]
    finally:
        h.close()


def test_a_fire_without_a_burst_keeps_its_confidence_and_old_mentions_are_pruned(server, sqlite_url, tmp_path):
    feed = Resource(rss(baseline(START) + [("https://harbour-times.example/fire", *FIRE, START)]))
    h = harness(tmp_path, sqlite_url, {"Wire": server.route("/wire", feed)})
    try:
        h.pipeline.run_cycle(deliver=False)
        [event] = h.all(m.Event)
        assert event.confidence == round(h._runtime.tagger.tag(*FIRE, "en")[0].confidence, 4)
        assert all(s["role"] != "burst" for s in event.evidence)
        assert len(mentions(h)) == 29
        # the baseline reaches back 7 days + 8 hours: six hours on, the oldest (170 h old) has left it
        h.clock.now = START + timedelta(hours=6, minutes=1)
        h.pipeline.tag_pending()
        assert len(mentions(h)) == 28
        h.clock.now = START + timedelta(days=9)
        h.pipeline.tag_pending()
        assert mentions(h) == []
    finally:
        h.close()


def test_old_mentions_are_pruned_at_most_once_per_interval(server, db_url, tmp_path):
    # every read of the mentions is bounded by time: the tag step, which runs every few seconds,
    # deletes what the baseline left behind only once per PRUNE_EVERY (and at its first pass)
    h = harness(tmp_path, db_url, {"Wire": server.route("/wire", Resource(rss(baseline(START))))})
    try:
        h.pipeline.run_cycle(deliver=False)
        assert len(mentions(h)) == 28
        h.clock.now = START + timedelta(days=9)  # all 28 are past the baseline: the first pass prunes them
        h.pipeline.tag_pending()
        assert mentions(h) == []
        old = START + timedelta(days=1)  # too old from here on
        with h.sessions() as s, s.begin():
            mention_store.record(s, [mention_store.MentionRow(NODE, None, "late.example", "story", old)])
        h.clock.now += PRUNE_EVERY - timedelta(seconds=1)
        h.pipeline.tag_pending()
        assert len(mentions(h)) == 1  # pruned less than PRUNE_EVERY ago: left for the next prune
        h.clock.now += timedelta(seconds=1)
        h.pipeline.tag_pending()
        assert mentions(h) == []
    finally:
        h.close()


def test_the_start_of_counting_is_noted_by_the_first_committed_poll_only(server, sqlite_url, tmp_path, monkeypatch):
    # once a poll's mentions are committed, so is the start of counting (a row nothing deletes):
    # later polls skip that statement; a poll rolled back leaves it to the next
    feed = Resource(rss(baseline(START)[:2]))
    h = harness(tmp_path, sqlite_url, {"Wire": server.route("/wire", feed)}, counting_since=None)
    noted: list[bool] = []
    real = mention_store.start_counting
    monkeypatch.setattr(mention_store, "start_counting", lambda s, at: (noted.append(True), real(s, at))[1])

    def fail(*_args, **_kwargs):
        raise RuntimeError("database hiccup")

    try:
        with monkeypatch.context() as mp:
            mp.setattr("monitor.store.feeds.record_poll", fail)
            h.pipeline.poll_due()
        assert noted == [True] and mentions(h) == []  # rolled back, coverage with it
        with h.sessions() as s:
            assert burst_stage.baseline_complete_at(s, h._runtime.settings.burst) is None
        h.clock.now = START + timedelta(minutes=11)
        h.pipeline.poll_due()
        assert noted == [True, True] and len(mentions(h)) == 2
        feed.body = rss(baseline(START)[:3])
        h.clock.now = START + timedelta(minutes=22)
        h.pipeline.poll_due()
        assert noted == [True, True] and len(mentions(h)) == 3
        with h.sessions() as s:
            assert burst_stage.baseline_complete_at(s, h._runtime.settings.burst) == (
                START + timedelta(minutes=11) + burst_stage.horizon(h._runtime.settings.burst))
    finally:
        h.close()


def test_items_stored_untagged_are_counted_by_the_tag_step_from_its_one_read(server, db_url, tmp_path):
    # an item a poll stored untagged is counted when the tag step tags it, with its publisher,
    # publication time (first sighting without one) and feed taken from the read that tags it
    from feeds.types import Item
    from monitor.store import items as item_rows

    h = harness(tmp_path, db_url, {"Wire": server.route("/wire", Resource(rss([])))})
    try:
        h.pipeline.sync_feeds()
        published, seen = START - timedelta(hours=2), START - timedelta(hours=1)
        dated = Item("Wire", "g1", "Port of Testhaven welcomes a record ship", "A big day.",
                     "https://www.paper7.example/ship", "en", published, "h1")
        undated = Item("Wire", "g2", "Port of Testhaven opens a visitor centre", "", None, "en", None, "h2")
        with h.sessions() as s, s.begin():
            feed_id = s.scalar(select(m.Feed.id).where(m.Feed.name == "Wire"))
            item_rows.insert_new(s, feed_id, [(dated, False), (undated, False)], seen)
        h.pipeline.tag_pending()
        assert mentions(h) == [(NODE, "paper7.example", published), (NODE, "feed:Wire", seen)]
        assert [r.item_id for r in h.all(m.Mention)] == [i.id for i in h.items("Wire")]
    finally:
        h.close()


def test_burst_switched_off_counts_nothing_and_raises_nothing(server, sqlite_url, tmp_path):
    entries = baseline(START) + chatter(range(9), 4, START, "off")
    entries.append(("https://harbour-times.example/fire", *FIRE, START))
    h = harness(tmp_path, sqlite_url, {"Wire": server.route("/wire", Resource(rss(entries)))},
                "burst: {enabled: false}\n")
    try:
        h.pipeline.run_cycle(deliver=False)
        [event] = h.all(m.Event)
        assert h.count(m.Mention) == 0
        assert all(s["role"] != "burst" for s in event.evidence)
    finally:
        h.close()


def test_the_window_is_a_setting(server, sqlite_url, tmp_path):
    # a two-hour window: the same nine papers within the last two hours are a burst "in 2 h"
    entries = baseline(START) + chatter(range(9), 2, START, "w")
    h = harness(tmp_path, sqlite_url, {"Wire": server.route("/wire", Resource(rss(entries)))},
                "burst: {window: 2h, baseline: 7d}\n")
    try:
        h.pipeline.run_cycle(deliver=False)
        b = current_bursts(h)[NODE]
        assert b.window_hours == 2 and b.evidence.startswith("named in 18 items from 9 sources in 2 h")
        # detect() on the stored counts agrees
        seen = [(src, at) for _n, src, at in mentions(h)]
        counts = hourly_counts(seen, now=h.clock(), hours=7 * 24 + 2 + 2)
        assert detect(counts, window_hours=2, baseline_hours=7 * 24).items == 18
    finally:
        h.close()


def test_publisher_is_the_link_host_else_the_feed():
    assert burst_stage.publisher("https://WWW.Reuters.com/world/x", "Wire") == "reuters.com"
    assert burst_stage.publisher("https://uk.reuters.com/x", "Wire") == "uk.reuters.com"
    assert burst_stage.publisher(None, "Port news") == "feed:Port news"
    assert burst_stage.publisher("not a url", "Port news") == "feed:Port news"
    assert burst_stage.publisher("http://[::1", "Port news") == "feed:Port news"  # unreadable: its feed


@pytest.mark.parametrize("link", [
    "https://WWW.Reuters.com/world/x", "HTTP://Example.ORG", "https://a.example:8080/x?q#f", "https://a.example?q",
    "https://a.example#f", "http://a.example:/x", "  https://a.example/x \n", "https://user@a.example/x",
    "https://[::1]:80/x", "https://a.example\t/x", "https://a_b.example/x", "https://a.example:x/", "https:///x",
    "http://:80/", "https://www./", "https://a.example\\x/", "ftp://a.example/x", "https:a.example", "mailto:x@y",
])
def test_publisher_reads_the_host_as_urlsplit_does(link):
    # the fast path for plain http(s) links must name the same publisher as urlsplit
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(link.strip()).hostname or "").lower().removeprefix("www.")
    except ValueError:
        host = ""
    assert burst_stage.publisher(link, "Wire") == (host or "feed:Wire")


def test_a_mention_is_timed_at_publication_never_in_the_future_and_old_news_counts_for_nothing():
    from monitor.settings import BurstSettings

    def item(published, nodes=(NODE,)):
        return burst_stage.NamedItem(1, nodes, "Port of Testhaven news of the day", "", "https://a.example/1",
                                     published, START, "Wire")

    settings = BurstSettings()
    [r] = burst_stage.mention_rows([item(START - timedelta(hours=3))], START, settings)
    assert (r.node_id, r.source, r.at) == (NODE, "a.example", START - timedelta(hours=3))
    assert burst_stage.mention_rows([item(START + timedelta(days=2))], START, settings)[0].at == START
    assert burst_stage.mention_rows([item(None)], START, settings)[0].at == START
    assert burst_stage.mention_rows([item(START - timedelta(days=8))], START, settings) == []
    assert burst_stage.mention_rows([item(START, nodes=())], START, settings) == []
    two = burst_stage.mention_rows([item(START, nodes=(NODE, "chipworks-testburg"))], START, settings)
    assert [r.node_id for r in two] == [NODE, "chipworks-testburg"] and len({r.story for r in two}) == 1


def test_a_new_database_reports_no_burst_until_its_counts_cover_a_whole_baseline(server, sqlite_url, tmp_path):
    # a first poll brings a feed's backlog: nine papers at once look like a burst against
    # nothing, but there is no usual rate yet, so no burst is reported or raises anything
    entries = baseline(START) + chatter(range(9), 2, START, "new")
    entries.append(("https://harbour-times.example/fire", *FIRE, START))
    feed = Resource(rss(entries))
    h = harness(tmp_path, sqlite_url, {"Wire": server.route("/wire", feed)}, counting_since=None)
    try:
        h.pipeline.run_cycle(deliver=False)
        assert not current_bursts(h)
        [event] = h.all(m.Event)
        assert all(s["role"] != "burst" for s in event.evidence)
        with h.sessions() as s:
            complete = burst_stage.baseline_complete_at(s, h._runtime.settings.burst)
        assert complete == START + timedelta(days=7, hours=8)
        # a week and more later, the same crowd of papers is a burst
        h.clock.now = complete + timedelta(hours=1)
        feed.body = rss(entries + chatter(range(9), 2, h.clock(), "later"))
        h.pipeline.run_cycle(deliver=False)
        assert current_bursts(h)[NODE].sources == 9
    finally:
        h.close()


def test_an_edited_item_tagged_again_is_not_counted_twice(server, sqlite_url, tmp_path):
    link = "https://paper1.example/live"
    feed = Resource(rss([(link, "Port of Testhaven: ships queue at the entrance", "Live.", START)]))
    h = harness(tmp_path, sqlite_url, {"Wire": server.route("/wire", feed)})
    try:
        h.pipeline.run_cycle(deliver=False)
        assert len(mentions(h)) == 1
        # the publisher rewrites the headline of the same story (same guid): it is tagged again
        feed.body = rss([(link, "Port of Testhaven: the queue of ships grows longer", "Live, updated.", START)])
        h.clock.now = START + timedelta(minutes=11)
        h.pipeline.run_cycle(deliver=False)
        assert [i.title for i in h.items("Wire")] == ["Port of Testhaven: the queue of ships grows longer"]
        assert len(mentions(h)) == 1
    finally:
        h.close()
