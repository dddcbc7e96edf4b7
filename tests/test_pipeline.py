"""The pipeline end to end: real SQLite file, real loopback HTTP, the Testhaven graph.

Each test drives :class:`monitor.pipeline.Pipeline` step by step with a hand-moved
clock (so "due" is decided by the test, not by sleeping) and checks what a user
of ``monitor feeds list`` / ``monitor alerts list`` would see in the store.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import update

from monitor.store import models as m
from monitor.store.db import transaction
from tests.helpers_feeds import ScriptedServer, send
from tests.helpers_pipeline import Harness, Resource, csv_series, spans_match, write_config
from tests.helpers_service import FIRE_ITEM, quiet_items, rss


@pytest.fixture()
def server():
    with ScriptedServer() as srv:
        yield srv


def _harness(tmp_path: Path, sqlite_url: str, news=(), trade=()) -> Harness:
    return Harness(write_config(tmp_path, list(news), list(trade)), sqlite_url)


@pytest.fixture()
def make(tmp_path, sqlite_url):
    made: list[Harness] = []

    def build(news=(), trade=()) -> Harness:
        h = _harness(tmp_path, sqlite_url, news, trade)
        made.append(h)
        return h

    yield build
    for h in made:
        h.close()


def _news(name: str, url: str, interval: str = "10m") -> dict:
    return {"name": name, "url": url, "interval": interval}


# ----------------------------------------------------------------------------- sync_feeds


def test_sync_new_feeds_are_due_now_url_change_resets_removed_feed_is_not_polled(server, make, tmp_path):
    a = server.route("/a", Resource(rss(quiet_items("a", 2))))
    b_res = Resource(rss(quiet_items("b", 3)))
    b = server.route("/b", b_res)
    h = make([_news("A", a), _news("B", b)])
    h.pipeline.sync_feeds()
    for name, url in (("A", a), ("B", b)):
        f = h.feed(name)
        assert (f.url, f.config_url, f.in_config, f.enabled) == (url, url, True, True)
        assert f.next_poll.replace(tzinfo=None) == h.clock.now.replace(tzinfo=None)  # due at once

    stats = h.pipeline.poll_due()
    assert (stats.polled, stats.items, stats.errors) == (2, 5, 0)
    assert h.feed("B").etag == b_res.etag
    assert h.feed("B").next_poll.replace(tzinfo=None) > h.clock.now.replace(tzinfo=None)

    # the analyst points B somewhere else: validators reset, polled at once (not in 10 minutes)
    b2 = server.route("/b2", Resource(rss(quiet_items("b2", 1))))
    write_config(tmp_path, [_news("A", a), _news("B", b2)])
    h.reload()
    h.clock.advance(1)
    h.pipeline.sync_feeds()
    f = h.feed("B")
    assert (f.url, f.config_url, f.etag, f.last_modified, f.body_hash) == (b2, b2, None, None, None)
    stats = h.pipeline.poll_due()
    assert stats.polled == 1 and stats.items == 1
    assert "if-none-match" not in server.hits("/b2")[0]

    # A leaves the config: kept (history) but no longer polled
    write_config(tmp_path, [_news("B", b2)])
    h.reload()
    h.pipeline.sync_feeds()
    assert h.feed("A").in_config is False
    assert len(h.items("A")) == 2
    h.clock.advance(3600)
    stats = h.pipeline.poll_due()
    assert stats.polled == 1
    assert len(server.hits("/a")) == 1


def test_permanent_redirect_updates_url_and_a_later_sync_does_not_revert_it(server, make):
    old = server.route("/old", lambda req: send(req, 301, b"", {"Location": "/new"}))
    new_res = Resource(rss(quiet_items("n", 2)))
    new = server.route("/new", new_res)
    h = make([_news("Moved", old)])
    h.pipeline.poll_due()
    f = h.feed("Moved")
    assert (f.url, f.config_url) == (new, old)
    assert len(h.items("Moved")) == 2

    h.reload()  # same config again (e.g. SIGHUP after another feed changed)
    h.pipeline.sync_feeds()
    assert h.feed("Moved").url == new
    h.clock.advance(3600)
    h.pipeline.poll_due()
    assert len(server.hits("/old")) == 1  # the stored URL is used, not the configured one
    assert server.hits("/new")[-1].get("if-none-match") == new_res.etag


# ----------------------------------------------------------------------------- polling


def test_every_item_stored_once_same_body_and_304_store_nothing_new(server, make):
    plain = Resource(rss(quiet_items("p", 4)), etag=False)  # no validators: the body hash decides
    cached = Resource(rss(quiet_items("c", 3)))
    h = make([_news("Plain", server.route("/plain", plain)), _news("Cached", server.route("/cached", cached))])
    s1 = h.pipeline.poll_due()
    assert (s1.items, s1.unchanged, s1.not_modified) == (7, 0, 0)
    # identity: the item-specific link wins over an isPermaLink="false" guid (feeds.normalise)
    assert sorted(i.guid for i in h.items("Plain")) == [f"http://127.0.0.1/p-{i}" for i in range(4)]

    h.clock.advance(3600)
    s2 = h.pipeline.poll_due()
    assert (s2.polled, s2.items, s2.unchanged, s2.not_modified, s2.errors) == (2, 0, 1, 1, 0)
    assert cached.responses == [200, 304]
    assert h.count(m.Item) == 7
    assert h.feed("Plain").last_status == "200" and h.feed("Cached").last_status == "304"

    # a new entry among the old ones: only it is added
    plain.body = rss(quiet_items("p", 5))
    h.clock.advance(3600)
    assert h.pipeline.poll_due().items == 1
    assert h.count(m.Item) == 8


def test_item_whose_text_changes_is_tagged_again(server, make):
    res = Resource(rss([("story-1", "Quiet day at the harbour", "Nothing to report.")]))
    h = make([_news("Port news", server.route("/port", res))])
    h.pipeline.poll_due()
    assert h.pipeline.tag_pending() == 0
    assert h.items("Port news")[0].tagged is True

    res.body = rss([("story-1", FIRE_ITEM[1], FIRE_ITEM[2])])  # same guid, new text
    h.clock.advance(3600)
    h.pipeline.poll_due()
    [item] = h.items("Port news")
    assert item.tagged is False and item.title == FIRE_ITEM[1]
    assert h.pipeline.tag_pending() >= 1
    events = h.all(m.Event)
    assert {(e.target, e.type) for e in events} >= {("port-testhaven", "fire")}
    assert all(e.item_id == item.id for e in events)


def test_poll_stores_items_tagged_with_their_events_and_tag_pending_is_idempotent(server, make):
    res = Resource(rss([FIRE_ITEM, *quiet_items("q", 3)]))
    h = make([_news("Port news", server.route("/port", res))])
    stats = h.pipeline.poll_due()
    events = h.all(m.Event)
    assert stats.events == len(events) >= 1  # tagged as they were stored: nothing left for tag_pending
    assert all(i.tagged for i in h.items("Port news"))
    assert h.pipeline.tag_pending() == 0
    fire = next(e for e in events if e.target == "port-testhaven" and e.type == "fire")
    item = next(i for i in h.items("Port news") if i.guid.endswith("/fire-1"))
    assert fire.origin == f"item:{item.id}" and fire.source == "Port news" and not fire.processed
    roles = {s["role"] for s in fire.evidence}
    assert {"node", "term"} <= roles
    assert any(s["role"] == "node" and s["ref"] == "port-testhaven" for s in fire.evidence)
    assert all(spans_match(fire.evidence, item.title, item.text))
    assert all(i.tagged for i in h.items("Port news"))

    # again: nothing pending; and forcing a re-tag (as after a crash) adds no duplicate event
    assert h.pipeline.tag_pending() == 0
    with transaction(h.sessions) as s:
        s.execute(update(m.Item).values(tagged=False))
    assert h.pipeline.tag_pending() == 0
    assert h.count(m.Event) == len(events)
    assert all(i.tagged for i in h.items("Port news"))


# ----------------------------------------------------------------------------- trade


def _trade(name: str, url: str, **kw) -> dict:
    return {"name": name, "url": url, "format": "csv", "time": "period", "value": "teu",
            "target": "port-testhaven", "drop": 0.3, "baseline": 4, "persist": 2, "interval": "1d", **kw}


def _alerts(h: Harness) -> list[m.Alert]:
    return [a for a in h.all(m.Alert) if a.type == "trade_drop"]


def test_trade_drop_makes_one_alert_and_recovery_resolves_it(server, make):
    normal = [100.0] * 6
    res = Resource(csv_series(normal + [50, 48]))
    h = make(trade=[_trade("Testhaven TEU", server.route("/teu.csv", res))])
    h.pipeline.poll_due()
    assert h.pipeline.process_trade() == 1
    [ev] = h.all(m.Event)
    assert (ev.type, ev.target, ev.recovery, ev.method) == ("trade_drop", "port-testhaven", False, "trade")
    assert ev.evidence[0]["period"] == "2024-08" and ev.evidence[0]["baseline"] == 100
    h.pipeline.alert_pending()
    [alert] = _alerts(h)
    assert alert.state == "firing" and alert.target == "port-testhaven"

    # same series again (unchanged body), then one more low month: the same episode, refreshed
    h.clock.advance(86400 * 2)
    h.pipeline.poll_due()
    assert h.pipeline.process_trade() == 0
    res.body = csv_series(normal + [50, 48, 47])
    h.clock.advance(86400 * 2)
    h.pipeline.poll_due()
    assert h.pipeline.process_trade() == 1  # "ongoing": fresh evidence for the open alert
    h.pipeline.alert_pending()
    assert len(_alerts(h)) == 1 and h.count(m.Event) == 2

    # the series recovers (twice back in band: persist applies to recovery too): it resolves the alert
    res.body = csv_series(normal + [50, 48, 47, 99, 99])
    h.clock.advance(86400 * 2)
    h.pipeline.poll_due()
    assert h.pipeline.process_trade() == 1
    rec = [e for e in h.all(m.Event) if e.recovery]
    assert len(rec) == 1 and rec[0].type == "trade_drop" and rec[0].target == "port-testhaven"
    h.pipeline.alert_pending()
    [alert] = _alerts(h)
    assert alert.state == "resolved"
    # and it stays that way: re-running detection adds nothing
    h.clock.advance(86400 * 2)
    h.pipeline.poll_due()
    assert h.pipeline.process_trade() == 0
    # a new episode months later is a new drop, and the alert fires again
    res.body = csv_series(normal + [50, 48, 47, 99, 99] + [100.0] * 3 + [40, 41])
    h.clock.advance(86400 * 2)
    h.pipeline.poll_due()
    assert h.pipeline.process_trade() == 1
    assert [e.evidence[0]["period"] for e in h.all(m.Event) if not e.recovery] == ["2024-08", "2024-09", "2025-04"]
    h.pipeline.alert_pending()
    assert [a.state for a in _alerts(h)] == ["firing"]


def test_trade_drop_revised_away_resolves_the_alert(server, make):
    res = Resource(csv_series([100.0] * 6 + [50, 48]))
    h = make(trade=[_trade("Testhaven TEU", server.route("/teu.csv", res))])
    h.pipeline.poll_due()
    h.pipeline.process_trade()
    h.pipeline.alert_pending()
    assert [a.state for a in _alerts(h)] == ["firing"]
    # the statistics office revises the two low months: there never was a drop
    res.body = csv_series([100.0] * 6 + [97, 98])
    h.clock.advance(86400 * 2)
    h.pipeline.poll_due()
    with h.sessions() as s:
        values = dict(s.query(m.TradeObservation.period, m.TradeObservation.value).all())
    assert values["2024-07"] == 97 and values["2024-08"] == 98  # revisions replace
    assert h.pipeline.process_trade() == 1
    h.pipeline.alert_pending()
    assert [a.state for a in _alerts(h)] == ["resolved"]


def test_trade_detection_looks_again_only_at_series_that_changed(server, make):
    """A tick with nothing new reads no observations; a new poll or new thresholds do."""
    from dataclasses import replace

    from sqlalchemy import event

    res = Resource(csv_series([100.0] * 6 + [80, 79]))  # -20 %: under the 30 % drop threshold
    h = make(trade=[_trade("Testhaven TEU", server.route("/teu.csv", res))])
    statements: list[str] = []
    event.listen(h.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

    def observation_reads() -> int:
        return sum(1 for sql in statements if "FROM trade_observations" in sql and "GROUP BY" not in sql)

    h.pipeline.poll_due()
    assert h.pipeline.process_trade() == 0 and observation_reads() == 1
    for _ in range(3):  # ticks with nothing new
        assert h.pipeline.process_trade() == 0
    assert observation_reads() == 1
    # an analyst tightens the threshold (a reload): the series is looked at again, and now it is a drop
    trade = tuple(replace(src, drop=0.15) for src in h._runtime.feeds.trade)
    h._runtime = replace(h._runtime, feeds=replace(h._runtime.feeds, trade=trade))
    assert h.pipeline.process_trade() == 1 and observation_reads() == 2
    # a new poll with a new month: looked at again
    res.body = csv_series([100.0] * 6 + [80, 79, 100, 100])  # twice back in band: recovered
    h.clock.advance(86400 * 2)
    h.pipeline.poll_due()
    assert h.pipeline.process_trade() == 1 and observation_reads() == 3  # the recovery
    assert h.pipeline.process_trade() == 0 and observation_reads() == 3


def test_broken_trade_csv_and_html_page_are_feed_errors_and_others_still_work(server, make):
    broken = Resource(b"month,containers\n2024-01,100\n", content_type="text/csv")
    html = Resource(b"<!doctype html><html><head><title>Welcome</title></head><body><p>Our new website!</p>"
                    b"</body></html>", content_type="text/html; charset=utf-8")
    good = Resource(rss(quiet_items("g", 2)))
    h = make(news=[_news("Web page", server.route("/page", html)), _news("Good", server.route("/good", good))],
             trade=[_trade("Broken TEU", server.route("/broken.csv", broken))])
    stats = h.pipeline.poll_due()
    assert (stats.polled, stats.errors, stats.items) == (3, 2, 2)
    bad = h.feed("Broken TEU")
    assert bad.error_count == 1
    assert bad.last_error.startswith("unreadable series: time column 'period' not found")
    assert "available: month, containers" in bad.last_error
    page = h.feed("Web page")
    assert page.error_count == 1 and page.last_error.startswith("not a readable feed")
    assert h.feed("Good").error_count == 0 and len(h.items("Good")) == 2
    assert h.count(m.TradeObservation) == 0
    # the publisher fixes the file: the next poll reads it although the body hash was never stored
    broken.body = csv_series([100.0] * 3)
    h.clock.advance(86400 * 2)
    h.pipeline.poll_due()
    fixed = h.feed("Broken TEU")
    assert fixed.error_count == 0 and fixed.last_error is None
    assert h.count(m.TradeObservation) == 3
    # the web page has not changed: still an error, not a "304 = healthy" (its ETag must not be kept)
    page = h.feed("Web page")
    assert page.error_count == 2 and page.last_error.startswith("not a readable feed")
    assert html.responses == [200, 200]


# ----------------------------------------------------------------------------- cycle


def test_run_cycle_records_a_cycle_row_with_counts(server, make):
    res = Resource(rss([FIRE_ITEM, *quiet_items("q", 2)]))
    gone = server.route("/gone", lambda req: send(req, 500, b"oops"))
    h = make([_news("Port news", server.route("/port", res)), _news("Broken", gone)])
    stats = h.pipeline.run_cycle(deliver=False)
    assert stats.polls.polled == 2 and stats.polls.items == 3 and stats.polls.errors == 1
    assert stats.events >= 1 and stats.errors == 0
    [cycle] = h.all(m.Cycle)
    assert (cycle.instance, cycle.polls, cycle.items, cycle.errors) == ("test", 2, 3, 1)
    assert cycle.events == stats.events + stats.trade_events
    assert cycle.alerts == len(stats.alert_changes) >= 1
    assert cycle.finished_at is not None
    assert h.feed("Broken").last_error == "HTTP 500 Internal Server Error"


def test_trade_series_from_a_json_file_and_a_disabled_feed(server, make, tmp_path):
    """Trade series may live on disk (relative to the config dir); ``enabled: false`` is never polled."""
    off = server.route("/off", Resource(rss(quiet_items("o", 1))))
    cfg_dir = tmp_path / "config"
    cfg_dir.mkdir(parents=True, exist_ok=True)
    data = cfg_dir / "teu.json"
    months = [f"2024-{i:02d}" for i in range(1, 9)]
    values = [100, 100, 100, 100, 100, 100, 50, 48]
    data.write_text(json.dumps({"data": [{"attributes": {"month": p, "teu": v}} for p, v in zip(months, values)]}))
    h = make(news=[{**_news("Off", off), "enabled": False}],
             trade=[_trade("Disk TEU", "teu.json", format="json", time="attributes.month", value="attributes.teu")])
    h.pipeline.sync_feeds()
    assert h.feed("Disk TEU").url == str(data)
    stats = h.pipeline.poll_due()
    assert (stats.polled, stats.errors) == (1, 0)
    assert server.hits("/off") == []
    assert h.count(m.TradeObservation) == 8
    assert h.pipeline.process_trade() == 1
    h.clock.advance(86400 * 2)
    assert h.pipeline.poll_due().not_modified == 1  # an unchanged file is "304" (size + mtime as ETag)


def test_gone_feed_is_disabled_until_the_analyst_re_enables_it_or_fixes_its_url(server, make, tmp_path):
    res = Resource(b"gone", status=410)
    url = server.route("/feed", res)
    h = make([_news("Gone", url)])
    h.pipeline.poll_due()
    f = h.feed("Gone")
    assert "410 Gone" in f.disabled_reason and f.next_poll is None
    h.clock.advance(86400)
    assert h.pipeline.poll_due().polled == 0

    # the publisher restores the feed; the analyst switches it off and on again in feeds.yaml
    res.status, res.body = 200, rss(quiet_items("g", 2))
    write_config(tmp_path, [{**_news("Gone", url), "enabled": False}])
    h.reload()
    h.pipeline.sync_feeds()
    assert h.pipeline.poll_due().polled == 0
    write_config(tmp_path, [_news("Gone", url)])
    h.reload()
    h.pipeline.sync_feeds()
    f = h.feed("Gone")
    assert f.disabled_reason is None and f.error_count == 0
    assert h.pipeline.poll_due().items == 2

    # gone again; this time the analyst fixes the URL instead
    res.status = 410
    h.clock.advance(3600)
    h.pipeline.poll_due()
    assert h.feed("Gone").disabled_reason
    new = server.route("/feed-v2", Resource(rss(quiet_items("v2", 1))))
    write_config(tmp_path, [_news("Gone", new)])
    h.reload()
    h.pipeline.sync_feeds()
    assert h.pipeline.poll_due().items == 1



def test_an_item_the_tagger_cannot_handle_does_not_stall_the_others(server, make, caplog):
    """A tagger bug on one item: it is stored untagged, the items around it are tagged
    as they are stored; tag_pending retries it once, logs the failure and moves on."""
    from dataclasses import replace

    poison = ("poison-1", "poison", "an item the tagger chokes on")
    url = server.route("/p", Resource(rss([FIRE_ITEM, poison, ("q-1", "Weather report", "Mild.")])))
    h = make([_news("P", url)])
    real = h._runtime.tagger

    class Flaky:
        def read(self, title, text="", language=None):
            if title == "poison":
                raise RuntimeError("tagger bug")
            return real.read(title, text, language)

    h._runtime = replace(h._runtime, tagger=Flaky())
    assert h.pipeline.poll_due().items == 3
    # said at once, not swallowed until tag_pending runs
    assert any("tagging item" in r.getMessage() and "poison-1" in r.getMessage() and "tagger bug" in r.getMessage()
               for r in caplog.records), caplog.text
    assert {i.title: i.tagged for i in h.items("P")} == {
        FIRE_ITEM[1]: True, "poison": False, "Weather report": True}
    assert h.pipeline.tag_pending() == 0
    assert all(item.tagged for item in h.items("P"))
    assert [(e.target, e.type) for e in h.all(m.Event)] == [("port-testhaven", "fire")]
    assert "tagger bug" in caplog.text


def test_tagging_at_insert_and_tag_pending_make_the_same_events(server, tmp_path):
    """The two paths to events (a poll tags new items; tag_pending tags what is left) agree."""
    from dataclasses import replace

    items = [FIRE_ITEM, ("strike-1", "Dockers strike at Testhaven port", "Ships wait outside."),
             *quiet_items("q", 3)]
    url = server.route("/mixed", Resource(rss(items)))

    def events_of(h: Harness) -> list[tuple]:
        by_id = {i.id: i.guid for i in h.items("Mixed")}
        return sorted((by_id[e.item_id], e.target, e.type, e.confidence, e.story, e.source,
                       tuple(tuple(sorted(s.items())) for s in e.evidence)) for e in h.all(m.Event))

    at_insert = _harness(tmp_path / "a", f"sqlite:///{tmp_path / 'a.db'}", [_news("Mixed", url)])
    later = _harness(tmp_path / "b", f"sqlite:///{tmp_path / 'b.db'}", [_news("Mixed", url)])
    try:
        assert at_insert.pipeline.poll_due().events >= 2
        real = later._runtime.tagger

        class Down:
            def read(self, *a, **k):
                raise RuntimeError("tagger down")

        later._runtime = replace(later._runtime, tagger=Down())
        assert later.pipeline.poll_due().events == 0
        assert not any(i.tagged for i in later.items("Mixed"))
        later._runtime = replace(later._runtime, tagger=real)
        assert later.pipeline.tag_pending() >= 2
        assert events_of(later) == events_of(at_insert)
    finally:
        at_insert.close()
        later.close()
