"""Terminal panels: feed text shown literally, no markup, no escape sequences."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from helpers_alerts import T0, add_event, make_runtime, make_store
from monitor.alerts.engine import process_pending_events
from monitor.notify.terminal import print_changes, render_change
from monitor.notify.text import clean, one_line, safe_url
from monitor.store.db import transaction

HOSTILE = "[bold]Fi\u200bre[/bold] at f\u00adab\u2060 \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07 \u202eevil\r\nnext\x00"


def plain_console() -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=120, color_system=None, force_terminal=False, highlight=False), buf


@pytest.fixture
def change(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime()
    add_event(sessions, target="fab-dresden", title=HOSTILE, source="Evil [red]feed[/red]")
    with transaction(sessions) as s:
        (c,) = process_pending_events(s, rt, T0)
    yield c
    engine.dispose()


def test_panel_shows_feed_text_literally_without_escapes(change):
    out, buf = plain_console()
    assert print_changes(out, [change]) == 1
    text = buf.getvalue()
    assert "[bold]Fire[/bold] at fab" in text
    assert "Evil [red]feed[/red]" in text
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text and "\u202e" not in text
    assert not set("\u200b\u00ad\u2060") & set(text)
    assert "NEW" in text and "Fire at Dresden fab" in text
    assert "Dresden fab —semiconductors→ Bavarian automotive cluster" in text  # the path, by name and product
    assert "Villach fab" in text  # an alternative
    assert "monitor alerts ack 1 --by NAME" in text


def test_an_incident_over_before_it_was_seen_prints_one_dim_line(tmp_path):
    from datetime import timedelta

    engine, sessions = make_store(tmp_path)
    rt = make_runtime(ttl={"outage": 86400.0})
    add_event(sessions, target="fab-dresden", type_="outage", title="Power cut", now=T0 - timedelta(days=3))
    with transaction(sessions) as s:
        (c,) = process_pending_events(s, rt, T0)
    engine.dispose()
    out, buf = plain_console()
    out.print(render_change(c, now=T0))
    assert buf.getvalue().strip() == "old news: Outage at Dresden fab (published 3 days ago, over before it was seen)"


def test_colour_terminal_output_has_only_riches_own_escapes(change):
    buf = io.StringIO()
    out = Console(file=buf, width=120, force_terminal=True, color_system="truecolor")
    out.print(render_change(change))
    text = buf.getvalue()
    assert "[bold]Fire[/bold]" in text
    assert "\x1b[31mred" not in text and "\x1b]8;;http://evil" not in text


def test_text_helpers():
    assert clean("a\x1b[1;31mb\x1b[0mc\x9b2Jd") == "abcd"
    assert one_line("x\r\ny\tz", 10) == "x y z"
    assert one_line("abcdefghijkl", 5) == "abcd…"
    assert safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in ("javascript:alert(1)", "data:text/html,x", "https://ex ample.org", "http://x\r\n.org", "", None, "ftp://x.org"):
        assert safe_url(bad) is None
