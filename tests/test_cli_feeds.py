"""``monitor feeds add|remove|check|import-opml|export-opml`` against real parts.

Feeds are served by a real loopback HTTP server (tests/helpers_feeds.py);
config dirs are temp directories with a real feeds.yaml full of comments, a
tiny graph naming "Port of Testhaven", and (for the reload test) a real SQLite
store driven by the real pipeline.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from feeds.opml import parse_opml
from monitor.cli import cli
from monitor.settings import load_feeds
from tests.helpers_feeds import ScriptedServer, rss, static

MONITOR = str(Path(sys.executable).with_name("monitor"))

GRAPH = """\
nodes:
  - id: port-testhaven
    name: Port of Testhaven
    kind: port
    location: {country: NL, lat: 51.9, lon: 4.1}
    aliases: ["Port of Testhaven"]
"""

#: A feeds.yaml as analysts write it: header, section comments, flow entries,
#: an end-of-line comment, blank lines, a commented-out trade example.
FLOW_FEEDS = """\
# feeds.yaml -- the sources the monitor polls.
#
# Keep this list reviewed.

news:
  # shipping (English)
  - {name: Ship news, url: "http://127.0.0.1:9/ship.xml", interval: 15m, language: en}   # the main one
  - {name: Port wire, url: "http://127.0.0.1:9/port.xml", interval: 30m}
  # business, several languages
  - {name: Wirtschaft, url: "http://127.0.0.1:9/wirtschaft.xml", interval: 15m, language: de}
  - {name: Economie, url: "http://127.0.0.1:9/eco.xml", interval: 30m, language: fr}

trade:
  # - name: Rotterdam container throughput
  #   url: "https://data.example.org/rotterdam-teu.csv"
  #   target: port-rotterdam
"""

#: The same in block style with 4-space indentation and comments after entries.
BLOCK_FEEDS = """\
# my feeds
news:
    # ports
    -   name: Ship news   # the main one
        url: 'http://127.0.0.1:9/ship.xml'
        interval: 15m

    -   name: "Port wire"
        url: http://127.0.0.1:9/port.xml
# trailing comment about the news list
trade: []   # none yet
"""


def _config(tmp_path: Path, feeds: str | None = FLOW_FEEDS, graph: bool = True) -> Path:
    cfg = tmp_path / "config"
    cfg.mkdir(parents=True)
    if graph:
        (cfg / "graph").mkdir()
        (cfg / "graph" / "nodes.yaml").write_text(GRAPH, encoding="utf-8")
    if feeds is not None:
        (cfg / "feeds.yaml").write_text(feeds, encoding="utf-8")
    return cfg


def _run(cfg: Path, *args: str):
    return CliRunner().invoke(cli, ["feeds", *args, "--config", str(cfg)], catch_exceptions=False)


def _without(text: str, lines: list[str]) -> str:
    """``text`` with each of ``lines`` removed once (the added entry)."""
    out = text.splitlines(keepends=True)
    for line in lines:
        out.remove(line)
    return "".join(out)


def _added_lines(before: str, after: str) -> list[str]:
    old = before.splitlines(keepends=True)
    return [line for line in after.splitlines(keepends=True) if line not in old]


@pytest.fixture()
def server():
    with ScriptedServer() as srv:
        yield srv


FIRE_TITLE = "Fire at Port of Testhaven halts container traffic"


def _feed_body(title: str = "Harbour Times") -> bytes:
    return rss(
        [
            {"title": FIRE_TITLE, "link": "http://example.org/1", "guid": "a1",
             "description": "A large fire broke out at a terminal.", "pubDate": "Mon, 01 Jan 2024 10:00:00 GMT"},
            {"title": "Quarterly results beat expectations", "link": "http://example.org/2", "guid": "a2"},
        ],
        title=title,
    )


# --------------------------------------------------------------------------- add


@pytest.mark.parametrize("layout", [FLOW_FEEDS, BLOCK_FEEDS], ids=["flow", "block"])
def test_add_checks_names_from_title_and_keeps_every_other_byte(tmp_path, server, layout):
    url = server.route("/harbour.xml", static(_feed_body("Harbour Times"), headers={"Content-Type": "application/rss+xml"}))
    cfg = _config(tmp_path, layout)

    res = _run(cfg, "add", url, "--interval", "20m", "--language", "en")

    assert res.exit_code == 0, res.output
    assert "Harbour Times" in res.output
    assert len(server.hits("/harbour.xml")) == 1  # checked once
    after = (cfg / "feeds.yaml").read_text(encoding="utf-8")
    added = _added_lines(layout, after)
    assert added and all("Harbour Times" in line or url in line or "interval" in line or "language" in line for line in added)
    # every byte outside the new entry is as the analyst left it, comments included
    assert _without(after, added) == layout
    # the new entry comes after the last news entry, not after the trailing comments
    assert after.index(url) < after.index("trade:")
    if layout is BLOCK_FEEDS:
        assert after.index(url) < after.index("# trailing comment")
    news = load_feeds(cfg).news
    assert news[-1].name == "Harbour Times"
    assert (news[-1].url, news[-1].interval, news[-1].language) == (url, 1200.0, "en")
    assert [s.name for s in news[:-1]] == ["Ship news", "Port wire", "Wirtschaft", "Economie"][: len(news) - 1]


def test_add_refuses_duplicates_naming_the_line(tmp_path, server):
    url = server.route("/harbour.xml", static(_feed_body()))
    cfg = _config(tmp_path)
    before = (cfg / "feeds.yaml").read_bytes()

    same_url = _run(cfg, "add", "http://127.0.0.1:9/port.xml", "--no-check")
    assert same_url.exit_code == 2
    assert "feeds.yaml:8:" in same_url.output and "Port wire" in same_url.output

    same_name = _run(cfg, "add", url, "--name", "Wirtschaft")
    assert same_name.exit_code == 2
    assert "feeds.yaml:10:" in same_name.output and "'Wirtschaft'" in same_name.output

    # the default name (the feed's title) collides too
    titled = server.route("/eco2.xml", static(_feed_body("Economie")))
    same_title = _run(cfg, "add", titled)
    assert same_title.exit_code == 2
    assert "feeds.yaml:11:" in same_title.output

    assert (cfg / "feeds.yaml").read_bytes() == before


def test_add_refuses_what_is_not_a_readable_feed(tmp_path, server):
    html = server.route("/page.html", static(b"<!doctype html><html><body><p>Hello</p></body></html>",
                                             headers={"Content-Type": "text/html"}))
    missing = server.url("/missing.xml")
    cfg = _config(tmp_path)
    before = (cfg / "feeds.yaml").read_bytes()

    for target, reason in ((html, "not a readable RSS/Atom feed"), (missing, "HTTP 404")):
        res = _run(cfg, "add", target)
        assert res.exit_code == 1
        assert res.stdout == ""
        # (the loopback server's own thread may log to the same stderr: look at our lines only)
        ours = [line for line in res.stderr.splitlines() if line.startswith("monitor:")]
        assert len(ours) == 1 and ours[0].startswith(f"monitor: error: {target}: ") and reason in ours[0]
    assert (cfg / "feeds.yaml").read_bytes() == before


def test_add_creates_the_file_and_no_check_fetches_nothing(tmp_path, server):
    url = server.url("/later.xml")  # not served yet
    cfg = _config(tmp_path, feeds=None)

    res = _run(cfg, "add", url, "--no-check", "--name", "Later: feed #1", "--interval", "1h")

    assert res.exit_code == 0, res.output
    assert server.requests == []
    news = load_feeds(cfg).news
    assert [(s.name, s.url, s.interval) for s in news] == [("Later: feed #1", url, 3600.0)]
    assert not [p for p in cfg.iterdir() if p.name.startswith(".feeds-")]  # temp dir cleaned up


def test_add_rejects_bad_options_without_touching_the_file(tmp_path):
    cfg = _config(tmp_path)
    before = (cfg / "feeds.yaml").read_bytes()
    bad_interval = _run(cfg, "add", "http://127.0.0.1:9/x.xml", "--no-check", "--interval", "soon")
    assert bad_interval.exit_code == 2 and "--interval" in bad_interval.output
    bad_lang = _run(cfg, "add", "http://127.0.0.1:9/x.xml", "--no-check", "--language", "english")
    assert bad_lang.exit_code == 2 and "--language" in bad_lang.output
    assert (cfg / "feeds.yaml").read_bytes() == before


def test_add_reports_a_broken_feeds_yaml_instead_of_rewriting_it(tmp_path):
    broken = FLOW_FEEDS.replace("interval: 30m}", "interval: often}", 1)
    cfg = _config(tmp_path, broken)
    res = _run(cfg, "add", "http://127.0.0.1:9/x.xml", "--no-check", "--name", "X")
    assert res.exit_code == 2
    assert "feeds.yaml:8:" in res.output and "interval" in res.output
    assert (cfg / "feeds.yaml").read_text(encoding="utf-8") == broken


# --------------------------------------------------------------------------- remove


@pytest.mark.parametrize(
    ("layout", "target", "removed", "gone"),
    [
        (FLOW_FEEDS, "Port wire", "Port wire", ['  - {name: Port wire, url: "http://127.0.0.1:9/port.xml", interval: 30m}\n']),
        # the section heading above the removed entry stays (it now heads the next one)
        (FLOW_FEEDS, "http://127.0.0.1:9/wirtschaft.xml", "Wirtschaft",
         ['  - {name: Wirtschaft, url: "http://127.0.0.1:9/wirtschaft.xml", interval: 15m, language: de}\n']),
        (FLOW_FEEDS, "Economie", "Economie", ['  - {name: Economie, url: "http://127.0.0.1:9/eco.xml", interval: 30m, language: fr}\n']),
        # the comment after the last block entry stays where it was
        (BLOCK_FEEDS, "Port wire", "Port wire", ['    -   name: "Port wire"\n', "        url: http://127.0.0.1:9/port.xml\n"]),
        (BLOCK_FEEDS, "Ship news", "Ship news", ["    -   name: Ship news   # the main one\n",
                                    "        url: 'http://127.0.0.1:9/ship.xml'\n", "        interval: 15m\n"]),
    ],
    ids=["flow-middle", "flow-under-heading-by-url", "flow-last", "block-last", "block-first"],
)
def test_remove_deletes_only_the_entry(tmp_path, layout, target, removed, gone):
    cfg = _config(tmp_path, layout)
    before = [s.name for s in load_feeds(cfg).news]
    res = _run(cfg, "remove", target)
    assert res.exit_code == 0, res.output
    assert "removed news feed" in res.output and "history" in res.output
    after = (cfg / "feeds.yaml").read_text(encoding="utf-8")
    assert after == _without(layout, gone)
    names = [s.name for s in load_feeds(cfg).news]
    assert len(names) == len(before) - 1
    assert [n for n in before if n not in names] == [removed]


def test_remove_last_feed_keeps_comments(tmp_path):
    text = "news:   # our list\n  # the only one\n  - {name: Solo, url: http://127.0.0.1:9/solo.xml}  # eol\n  # after\n\n# section\ntrade: []\n"
    cfg = _config(tmp_path, text)
    assert _run(cfg, "remove", "Solo").exit_code == 0
    after = (cfg / "feeds.yaml").read_text(encoding="utf-8")
    for comment in ("# our list", "# the only one", "# after", "# section"):
        assert comment in after
    assert "Solo" not in after and load_feeds(cfg).news == ()


def test_remove_unknown_suggests_and_changes_nothing(tmp_path):
    cfg = _config(tmp_path)
    res = _run(cfg, "remove", "Port wyre")
    assert res.exit_code == 1  # not found (2 is for bad input)
    assert res.output.strip() == "monitor: error: feeds.yaml: no feed named 'Port wyre' (did you mean \"Port wire\"?)"
    assert (cfg / "feeds.yaml").read_text(encoding="utf-8") == FLOW_FEEDS


def test_removed_feed_keeps_its_items_and_is_no_longer_polled(tmp_path, server, sqlite_url):
    """CLI remove, then the daemon's reload: the row stays (history) with in_config false."""
    from sqlalchemy import func, select

    from monitor.config import load_runtime
    from monitor.pipeline import Pipeline
    from monitor.store import models as m
    from monitor.store.db import make_engine, make_sessionmaker
    from monitor.store.schema import ensure_schema

    url = server.route("/harbour.xml", static(_feed_body()))
    cfg = _config(tmp_path, "news:\n  # watched\n")
    assert _run(cfg, "add", url).exit_code == 0
    engine = make_engine(sqlite_url)
    ensure_schema(engine)
    sessions = make_sessionmaker(engine)
    try:
        runtime = [load_runtime(cfg)]
        pipe = Pipeline(lambda: runtime[0], sessions)
        pipe.sync_feeds()
        pipe.poll_due()
        with sessions() as s:
            assert s.scalar(select(func.count()).select_from(m.Item)) == 2

        assert _run(cfg, "remove", url).exit_code == 0
        runtime[0] = load_runtime(cfg)  # what the daemon does on reload
        pipe.sync_feeds()
        hits = len(server.hits("/harbour.xml"))
        pipe.poll_due()
        assert len(server.hits("/harbour.xml")) == hits  # not polled any more
        with sessions() as s:
            feed = s.scalars(select(m.Feed)).one()
            assert (feed.name, feed.in_config) == ("Harbour Times", False)
            assert s.scalar(select(func.count()).select_from(m.Item)) == 2
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- check


def test_check_json_tags_items_against_the_config_graph(tmp_path, server):
    url = server.route("/harbour.xml", static(_feed_body(), headers={"Content-Type": "application/rss+xml; charset=utf-8"}))
    cfg = _config(tmp_path, feeds=None)  # only the graph: no monitor.yaml, no feeds.yaml

    res = _run(cfg, "check", url, "--json")

    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert {"url", "status", "title", "bozo", "items"} <= set(report)
    assert (report["url"], report["status"], report["title"], report["bozo"]) == (url, 200, "Harbour Times", False)
    assert [it["title"] for it in report["items"]] == [FIRE_TITLE, "Quarterly results beat expectations"]
    fire, quiet = report["items"]
    assert {"title", "link", "language", "published", "events"} <= set(fire)
    assert fire["link"] == "http://example.org/1" and fire["language"] == "en"
    assert fire["published"] == "2024-01-01T10:00:00+00:00"
    assert [(e["target"], e["type"], e["recovery"]) for e in fire["events"]] == [("port-testhaven", "fire", False)]
    assert 0.0 < fire["events"][0]["confidence"] <= 1.0
    assert quiet["events"] == []
    assert not (cfg / "feeds.yaml").exists()  # check stores nothing
    assert not list(cfg.glob("*.db"))


def test_check_prints_hostile_titles_literally(tmp_path, server):
    body = rss([{"title": "Fire at Port of Testhaven \x1b[31mRED\x1b[0m [bold]x[/bold] [link=http://evil]y[/link]",
                 "guid": "h1"}], title="[red]Feed[/red]")
    url = server.route("/hostile.xml", static(body))
    cfg = _config(tmp_path, feeds=None)

    res = _run(cfg, "check", url)

    assert res.exit_code == 0, res.output
    assert "\x1b" not in res.output
    assert "[bold]x[/bold]" in res.output and "[link=http://evil]y[/link]" in res.output
    assert "[red]Feed[/red]" in res.output
    assert "Port of Testhaven" in res.output and "fire" in res.output  # the event is shown
    assert "HTTP 200" in res.output


def test_check_reads_local_files(tmp_path):
    cfg = _config(tmp_path, feeds=None)
    path = tmp_path / "saved.xml"
    path.write_bytes(_feed_body("Saved copy"))
    res = _run(cfg, "check", str(path), "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["title"] == "Saved copy"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_check_fetch_errors_exit_1_with_one_line_subprocess(tmp_path):
    cfg = _config(tmp_path, feeds=None)
    url = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    proc = subprocess.run([MONITOR, "feeds", "check", url, "--config", str(cfg)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"monitor: error: {url}: ")


def test_remove_unknown_exit_1_subprocess(tmp_path):
    cfg = _config(tmp_path)
    proc = subprocess.run([MONITOR, "feeds", "remove", "Nope", "--config", str(cfg)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "monitor: error: feeds.yaml: no feed named 'Nope'"


# --------------------------------------------------------------------------- OPML


OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="Logistics">
      <outline type="rss" text="Port wire (dup)" xmlUrl="http://127.0.0.1:9/port.xml"/>
      <outline type="rss" text="Rail freight" xmlUrl="http://127.0.0.1:9/rail.xml" language="de-DE"/>
    </outline>
    <outline type="rss" title="Wirtschaft" xmlUrl="http://127.0.0.1:9/wirtschaft-neu.xml"/>
    <outline text="A folder without feeds"/>
  </body>
</opml>
"""


def test_import_then_export_opml_round_trip(tmp_path):
    cfg = _config(tmp_path)
    opml = tmp_path / "subs.opml"
    opml.write_bytes(OPML)

    dry = _run(cfg, "import-opml", str(opml), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would add 2 feed(s), skipped 1 already present" in dry.output
    assert (cfg / "feeds.yaml").read_text(encoding="utf-8") == FLOW_FEEDS

    res = _run(cfg, "import-opml", str(opml), "--interval", "45m")
    assert res.exit_code == 0, res.output
    assert "added 2 feed(s), skipped 1 already present" in res.output
    after = (cfg / "feeds.yaml").read_text(encoding="utf-8")
    assert _without(after, _added_lines(FLOW_FEEDS, after)) == FLOW_FEEDS
    news = {s.name: s for s in load_feeds(cfg).news}
    assert news["Rail freight"].language == "de" and news["Rail freight"].interval == 2700.0
    assert news["Wirtschaft (2)"].url == "http://127.0.0.1:9/wirtschaft-neu.xml"  # names stay unique

    again = _run(cfg, "import-opml", str(opml))
    assert "added 0 feed(s), skipped 3 already present" in again.output
    assert (cfg / "feeds.yaml").read_text(encoding="utf-8") == after

    out = tmp_path / "export.opml"
    exp = _run(cfg, "export-opml", "--out", str(out))
    assert exp.exit_code == 0, exp.output
    exported = parse_opml(out.read_bytes())
    assert [(s.name, s.url, s.language) for s in exported] == [
        (s.name, s.url, s.language) for s in load_feeds(cfg).news
    ]
    # and the export imports into an empty config as the same feeds
    other = _config(tmp_path / "other", feeds=None)
    assert _run(other, "import-opml", str(out)).exit_code == 0
    assert [(s.name, s.url) for s in load_feeds(other).news] == [(s.name, s.url) for s in load_feeds(cfg).news]


def test_export_opml_to_stdout(tmp_path):
    cfg = _config(tmp_path)
    res = _run(cfg, "export-opml")
    assert res.exit_code == 0
    assert [s.url for s in parse_opml(res.stdout_bytes)] == [s.url for s in load_feeds(cfg).news]


def test_import_opml_rejects_a_broken_file(tmp_path):
    cfg = _config(tmp_path)
    bad = tmp_path / "bad.opml"
    bad.write_bytes(b"<opml><body><outline xmlUrl='x'></body>")
    res = _run(cfg, "import-opml", str(bad))
    assert res.exit_code == 2
    assert res.output.startswith(f"monitor: error: {bad}: ") and len(res.output.strip().splitlines()) == 1
    assert (cfg / "feeds.yaml").read_text(encoding="utf-8") == FLOW_FEEDS


def test_add_quotes_values_yaml_would_misread(tmp_path):
    """``yes``/``no``/``null``/``123`` must come back as the strings that were given."""
    cfg = _config(tmp_path, feeds=None)
    for i, name in enumerate(["yes", "null", "123", "a: b #c"]):
        res = _run(cfg, "add", f"http://127.0.0.1:9/{i}.xml", "--no-check", "--name", name, "--language", "no")
        assert res.exit_code == 0, res.output
    news = load_feeds(cfg).news
    assert [(s.name, s.language) for s in news] == [("yes", "no"), ("null", "no"), ("123", "no"), ("a: b #c", "no")]


def test_list_shows_added_feeds(tmp_path, sqlite_url, monkeypatch):
    """``feeds list`` (the service helper's) sees what ``feeds add`` wrote."""
    monkeypatch.setenv("MONITOR_DATABASE_URL", sqlite_url)
    cfg = _config(tmp_path, feeds=None)
    assert _run(cfg, "add", "http://127.0.0.1:9/new.xml", "--no-check", "--name", "Newcomer").exit_code == 0
    from monitor.store.db import make_engine
    from monitor.store.schema import ensure_schema

    engine = make_engine(sqlite_url)
    ensure_schema(engine)
    engine.dispose()
    res = _run(cfg, "list", "--json")
    assert res.exit_code == 0, res.output
    assert [r["name"] for r in json.loads(res.output)] == ["Newcomer"]


def test_concurrent_edits_lose_no_feed(tmp_path):
    """Eight `feeds add` and one `feeds remove` at the same moment: every change lands."""
    cfg = _config(tmp_path)
    procs = [
        subprocess.Popen([MONITOR, "feeds", "add", f"http://127.0.0.1:9/new-{i}.xml", "--name", f"New {i}",
                          "--no-check", "--config", str(cfg)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for i in range(8)
    ]
    procs.append(subprocess.Popen([MONITOR, "feeds", "remove", "Port wire", "--config", str(cfg)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    names = [s.name for s in load_feeds(cfg).news]
    assert sorted(n for n in names if n.startswith("New ")) == [f"New {i}" for i in range(8)]
    assert "Port wire" not in names and "Ship news" in names and "Economie" in names
    assert (cfg / "feeds.yaml").read_text(encoding="utf-8").startswith("# feeds.yaml -- the sources")


def test_add_remove_and_import_print_json(tmp_path, server):
    """Every feeds action has --json: one document on stdout, the same change to feeds.yaml."""
    url = server.route("/h.xml", static(_feed_body("Harbour Times"), headers={"Content-Type": "application/rss+xml"}))
    cfg = _config(tmp_path)
    res = _run(cfg, "add", url, "--interval", "1h", "--json")
    assert res.exit_code == 0, res.output
    added = json.loads(res.stdout)
    assert (added["kind"], added["name"], added["url"], added["interval"], added["entries"]) == (
        "news", "Harbour Times", url, "1h", 2)
    lines = (cfg / "feeds.yaml").read_text(encoding="utf-8").splitlines()
    assert "Harbour Times" in lines[added["line"] - 1]
    res = _run(cfg, "remove", "Harbour Times", "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == {"kind": "news", "name": "Harbour Times", "file": "feeds.yaml",
                                      "line": added["line"]}
    assert "Harbour Times" not in (cfg / "feeds.yaml").read_text(encoding="utf-8")
    opml = tmp_path / "subs.opml"
    opml.write_bytes(OPML)
    res = _run(cfg, "import-opml", str(opml), "--dry-run", "--json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["dry_run"] is True and doc["skipped"] == 1
    assert [a["name"] for a in doc["added"]] == ["Rail freight", "Wirtschaft (2)"]  # names stay unique
