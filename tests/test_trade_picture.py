"""A trade alert carries a picture of its series: a sparkline in the terminal and the
text mail, a chart inline in the HTML mail (multipart/related, shown by its Content-ID)."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

from rich.console import Console

from monitor.alerts.model import AlertSnapshot, series_picture
from monitor.notify.email import build_message
from monitor.notify.render import NoticeItem, OutgoingGroup
from monitor.notify.terminal import render_alert

T = datetime(2026, 11, 28, 18, tzinfo=UTC)
POINTS = [[f"2026-{m:02d}", v] for m, v in zip(range(1, 10), [1.10e6, 1.15e6, 1.12e6, 1.13e6, 1.16e6, 1.10e6,
                                                              0.90e6, 0.70e6, 0.65e6], strict=True)]


def _alert(alert_id: int, evidence: dict) -> AlertSnapshot:
    return AlertSnapshot(
        id=alert_id, fingerprint=f"fp{alert_id}", target="port-rotterdam", type="trade_drop", state="firing",
        severity="critical", confidence=0.99, score=0.9, title="Trade flow drop at Port of Rotterdam",
        sources=(evidence["source"],), impact={"target": {"name": "Port of Rotterdam"}}, first_seen=T, last_seen=T,
        evidence=(evidence,), types=("trade_drop",), published_at=T,
    )


TRADE = {"headline": "Rotterdam throughput: 650,000 in 2026-09", "source": "Rotterdam [bold]throughput[/bold]",
         "series": POINTS, "value": 650000.0, "baseline": 1130000.0, "change": -0.42, "time": T.isoformat()}
NEWS = {"headline": "Strike at the Port of Rotterdam", "source": "Wire", "time": T.isoformat()}


def _group(*alerts: AlertSnapshot) -> OutgoingGroup:
    items = tuple(NoticeItem(i, "firing", "critical", {}, a) for i, a in enumerate(alerts, 1))
    return OutgoingGroup("<g1@monitor>", "email", "ops@example.org", "ops", "d", items)


def test_the_newest_trade_evidence_gives_the_picture_and_news_gives_none():
    picture = series_picture([TRADE])
    assert picture is not None and picture.points[-1] == ("2026-09", 650000.0)
    assert picture.caption == "650,000 in 2026-09 against a baseline of 1,130,000 (-42%), last 9 periods"
    assert series_picture([NEWS]) is None
    assert series_picture([{**TRADE, "series": [["2026-09", "x"]]}]) is None  # unreadable points: no picture


def test_the_terminal_alert_shows_a_sparkline_and_its_caption():
    console = Console(width=120, record=True)
    console.print(render_alert(_alert(7, TRADE), now=T))
    out = console.export_text()
    row = next(line for line in out.splitlines() if "Series" in line)
    assert "██████▄▁▁" in row and "against a baseline of 1,130,000 (-42%)" in row
    assert "[bold]throughput[/bold]" in out  # feed text printed literally, never as markup


def test_the_mail_shows_the_chart_inline_and_the_text_part_a_sparkline():
    msg = build_message(_group(_alert(7, TRADE), _alert(8, NEWS)), sender="monitor@example.org", now=T)
    parsed = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)  # as a mail client reads it
    html_part = parsed.get_body(("html",))
    html = html_part.get_content()
    images = [p for p in parsed.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 1  # the trade alert's chart; the news alert has none
    png = images[0].get_content()
    assert png.startswith(b"\x89PNG") and len(png) > 1000
    cid = images[0]["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html and cid.startswith("series-7-")
    assert parsed.get_body(("related",)) is not None  # the image travels with the HTML, not as an attachment
    text = parsed.get_body(("plain",)).get_content()
    assert "Series: ██████▄▁▁  650,000 in 2026-09 against a baseline of 1,130,000 (-42%)" in text
    assert text.count("Series:") == 1


def test_chart_axis_labels_are_short_numbers_not_an_offset():
    from feeds._trade_chart import short_number

    assert [short_number(v) for v in (1.13e6, 650_000, 31, 12_345, -4_000)] == ["1.13M", "650k", "31", "12.3k", "-4k"]
