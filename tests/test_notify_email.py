"""The outbox against a real SMTP server (aiosmtpd on 127.0.0.1), with an injected clock."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from helpers_alerts import (
    T0,
    SmtpServer,
    add_event,
    deliveries,
    later,
    make_runtime,
    make_store,
    with_smtp,
)
from monitor.alerts import actions
from monitor.alerts.engine import expire_alerts, process_pending_events
from monitor.notify import outbox
from monitor.notify.outbox import NO_SMTP, flush, outbox_summary
from monitor.settings import Subscription
from monitor.store.db import transaction

HOSTILE = "<script>alert(1)</script> [bold]Fi\u200bre[/bold] \x1b[31mred\x1b[0m\r\nBcc: evil@x"
#: zero-width, bidi-mark and other invisible format characters: stored rows may predate ingestion stripping
INVISIBLE = "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064"


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def store(tmp_path):
    engine, sessions = make_store(tmp_path)
    yield sessions
    engine.dispose()


def subs(**overrides):
    base = dict(nodes=("bavaria-auto",), min_severity="low")
    base.update(overrides)
    return Subscription(**base)


def process(sessions, rt, now=T0):
    with transaction(sessions) as s:
        return process_pending_events(s, rt, now)


def expire(sessions, rt, now):
    with transaction(sessions) as s:
        return expire_alerts(s, rt, now)


def run_flush(sessions, rt, now, instance="i1"):
    return flush(sessions, rt, now, instance_id=instance, rng=random.Random(1))


def test_alert_reaches_exactly_the_right_subscribers_once(store, smtp):
    rt = make_runtime(
        subscriptions=(
            subs(name="bav", email=("bav@example.org",)),  # downstream 0.6
            subs(name="fab", email=("fab@example.org", "fab2@example.org"), nodes=("fab-dresden",)),  # at the node
            subs(name="tiny", email=("tiny@example.org",), nodes=("tiny-customer",)),  # below the impact floor
            subs(name="tex", email=("tex@example.org",), nodes=("far-away",)),  # unrelated
            subs(name="dealer-strict", email=("dealer@example.org",), nodes=("dealer",), min_severity="high"),  # 0.8x0.3
            subs(name="auto-eco", email=("eco@example.org", "bav@example.org"), nodes=(), ecosystems=("automotive",)),
        ),
        smtp=smtp.settings(),
    )
    add_event(store, target="fab-dresden")
    process(store, rt)
    assert run_flush(store, rt, later(29)).sent == 0  # group_wait not over yet
    stats = run_flush(store, rt, later(30))
    assert stats.sent == 4 and stats.messages == 4
    got = sorted(r for rec in smtp.received for r in rec.rcpt_tos)
    # bav@ is in two subscriptions: the delivery key (alert, recipient, channel, notice) makes it one notice
    assert got == ["bav@example.org", "eco@example.org", "fab2@example.org", "fab@example.org"]
    # flushing again, and processing again, sends nothing more
    process(store, rt, later(40))
    assert run_flush(store, rt, later(60)).sent == 0
    assert len(smtp.received) == 4
    msg = next(r.message for r in smtp.received if r.rcpt_tos == ["bav@example.org"])
    assert msg["To"] == "bav@example.org" and msg["From"] == "monitor@example.org"
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Dresden fab —semiconductors→ Bavarian automotive cluster" in text
    assert "monitor alerts ack 1 --by NAME" in text and "monitor alerts silence 1 --for 2d" in html
    assert "Villach fab could supply semiconductors" in text
    assert "https://news.example.org/a" in html


def test_hostile_title_is_escaped_in_html_and_never_reaches_a_header(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings())
    add_event(store, target="fab-dresden", title=HOSTILE + " " + INVISIBLE, link="javascript:alert(1)")
    process(store, rt)
    run_flush(store, rt, later(30))
    (rec,) = smtp.received
    assert rec.rcpt_tos == ["bav@example.org"]  # no Bcc smuggled into the envelope
    raw_headers = rec.data.split(b"\r\n\r\n", 1)[0].decode()
    assert "evil@x" not in [line.split(":", 1)[0] for line in raw_headers.splitlines()]
    assert not any(line.lower().startswith("bcc") for line in raw_headers.splitlines())
    msg = rec.message
    subject = msg["Subject"]
    assert "\r" not in subject and "\n" not in subject and "\x1b" not in subject
    assert len(subject) <= 150
    assert "Bcc: evil@x" in subject  # kept as harmless text inside the subject
    html = msg.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html  # only http(s) links become links
    assert "\x1b" not in html
    text = msg.get_body(("plain",)).get_content()
    assert "\x1b" not in text and "[bold]Fire[/bold]" in text
    for part in (subject, html, text):
        assert not set(INVISIBLE) & set(part)


def test_long_subject_is_capped(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings())
    add_event(store, target="fab-dresden", title="Feuer " * 200)
    process(store, rt)
    run_flush(store, rt, later(30))
    subject = smtp.received[0].message["Subject"]
    assert len(subject) <= 150 and subject.endswith("…")


def test_smtp_down_then_up_loses_nothing_and_doubles_nothing(store):
    server = SmtpServer()  # port chosen, not started: connection refused
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=server.settings())
    add_event(store, target="fab-dresden")
    add_event(store, target="bavaria-auto", type_="strike", title="Strike at BMW plant")
    process(store, rt)
    stats = run_flush(store, rt, later(30))
    assert stats.sent == 0 and stats.retried == 2
    rows = deliveries(store)
    assert all(d.status == "pending" and d.attempts == 1 and "Connection" in (d.last_error or "") for d in rows)
    assert all(d.message_id for d in rows) and len({d.message_id for d in rows}) == 1  # one group
    server.start()
    try:
        assert run_flush(store, rt, later(31)).sent == 0  # backoff: not due yet
        stats = run_flush(store, rt, later(30 + 200))
        assert stats.sent == 2 and stats.messages == 1
        assert run_flush(store, rt, later(30 + 400)).sent == 0
        (rec,) = server.received
        assert rec.message["Message-ID"] == rows[0].message_id  # same identity as the failed attempt
        assert all(d.status == "sent" and d.last_error is None for d in deliveries(store))
    finally:
        server.stop()


def test_4xx_then_success(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings())
    smtp.handler.replies = ["451 4.3.0 Try again later"]
    add_event(store, target="fab-dresden")
    process(store, rt)
    stats = run_flush(store, rt, later(30))
    assert stats.retried == 1 and not smtp.received
    (d,) = deliveries(store)
    assert d.status == "pending" and "451" in d.last_error
    first_retry = (d.next_attempt.replace(tzinfo=None) - later(30).replace(tzinfo=None)).total_seconds()
    assert 48 <= first_retry <= 72  # 60 s +- 20 %
    assert run_flush(store, rt, later(30 + 72)).sent == 1
    assert len(smtp.received) == 1
    (d,) = deliveries(store)
    assert d.status == "sent" and d.attempts == 2


def test_5xx_gives_up_and_is_reported(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings())
    smtp.handler.replies = ["550 5.1.1 No such user"]
    add_event(store, target="fab-dresden")
    process(store, rt)
    stats = run_flush(store, rt, later(30))
    assert stats.failed == 1
    (d,) = deliveries(store)
    assert d.status == "failed" and "550" in d.last_error
    assert run_flush(store, rt, later(30 + 86400)).claimed == 0
    assert not smtp.received
    with transaction(store) as s:
        summary = outbox_summary(s)
    assert summary["by_status"] == {"failed": 1}
    assert "550" in summary["failed"][0]["last_error"]


def test_max_attempts_then_failed(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings(), max_attempts=2)
    smtp.handler.replies = ["421 4.7.0 busy", "421 4.7.0 busy", "421 4.7.0 busy"]
    add_event(store, target="fab-dresden")
    process(store, rt)
    run_flush(store, rt, later(30))
    stats = run_flush(store, rt, later(30 + 3600))
    assert stats.failed == 1
    (d,) = deliveries(store)
    assert d.status == "failed" and d.last_error.startswith("gave up after 2 attempts")


def test_no_smtp_configured_keeps_email_pending_with_a_reason(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=None)
    add_event(store, target="fab-dresden")
    process(store, rt)
    stats = run_flush(store, rt, later(30))
    assert stats.waiting == 1 and stats.sent == 0
    (d,) = deliveries(store)
    assert d.status == "pending" and d.last_error == NO_SMTP and d.attempts == 0
    # configured later: it goes out
    assert run_flush(store, with_smtp(rt, smtp.settings()), later(60)).sent == 1
    assert len(smtp.received) == 1


def test_crash_after_claim_is_taken_over_with_the_same_message_id(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings())
    add_event(store, target="fab-dresden")
    process(store, rt)
    with transaction(store) as s:  # instance A claims, then "dies" before sending or recording
        (group,) = outbox.claim(s, later(30), instance_id="A", lease=120, channels={"email"}, domain="example.org")
    assert deliveries(store)[0].status == "sending"
    assert run_flush(store, rt, later(60), instance="B").claimed == 0  # lease still held
    stats = run_flush(store, rt, later(30 + 121), instance="B")
    assert stats.sent == 1
    (rec,) = smtp.received
    assert rec.message["Message-ID"] == group.message_id
    (d,) = deliveries(store)
    assert d.status == "sent" and d.attempts == 2 and d.lease_owner is None


def test_group_wait_groups_notices_for_one_recipient(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings(), group_wait=60.0)
    add_event(store, target="fab-dresden")
    process(store, rt, T0)
    add_event(store, target="bavaria-auto", type_="strike", title="Strike at the Bavarian cluster", now=later(40))
    process(store, rt, later(40))  # within the open group: same due time
    rows = deliveries(store)
    assert len({d.next_attempt for d in rows}) == 1
    assert run_flush(store, rt, later(59)).sent == 0
    stats = run_flush(store, rt, later(60))
    assert stats.sent == 2 and stats.messages == 1
    (rec,) = smtp.received
    assert rec.message["Subject"].startswith("[monitor] 2 alerts:")
    text = rec.message.get_body(("plain",)).get_content()
    assert "Strike at Bavarian automotive cluster" in text and "Fire at Dresden fab" in text
    # after the group went out, a new alert opens a new group
    add_event(store, target="port-hamburg", type_="congestion", title="Queue at Hamburg", now=later(100))
    process(store, rt, later(100))
    assert run_flush(store, rt, later(159)).sent == 0
    assert run_flush(store, rt, later(160)).sent == 1
    assert len(smtp.received) == 2


def test_repeat_interval_ack_and_silence_stop_repeats(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings(),
                      repeat_interval=3600.0, ttl={"fire": 10 * 86400, "strike": 10 * 86400})
    add_event(store, target="fab-dresden")
    add_event(store, target="bavaria-auto", type_="strike", title="Strike")
    process(store, rt)
    run_flush(store, rt, later(30))
    assert len(smtp.received) == 1
    expire(store, rt, later(30 + 3599))
    assert [d.notice for d in deliveries(store)] == ["firing", "firing"]
    expire(store, rt, later(30 + 3600))
    assert sorted(d.notice for d in deliveries(store)) == ["firing", "firing", "repeat:1", "repeat:1"]
    run_flush(store, rt, later(30 + 3600 + 30))
    assert len(smtp.received) == 2
    assert "STILL FIRING" in smtp.received[1].message.get_body(("plain",)).get_content()
    # acknowledge the fire, silence the strike: neither repeats any more
    fire, strike = sorted({d.alert_id for d in deliveries(store)})
    with transaction(store) as s:
        actions.acknowledge(s, fire, by="ana", comment=None, now=later(4000))
        actions.add_silence(s, {"alert": str(strike)}, duration=86400, author="ana", reason="known", now=later(4000))
    for hours in (3, 5, 8):
        expire(store, rt, later(hours * 3600))
        run_flush(store, rt, later(hours * 3600 + 60))
    assert len(smtp.received) == 2
    assert sorted(d.notice for d in deliveries(store)) == ["firing", "firing", "repeat:1", "repeat:1"]


def test_silence_cancels_a_pending_notice(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings())
    add_event(store, target="fab-dresden")
    (c,) = process(store, rt)
    with transaction(store) as s:
        actions.add_silence(s, {"node": "fab-dresden"}, duration=600, author="ana", reason="drill", now=later(5))
    assert run_flush(store, rt, later(30)).sent == 0
    assert deliveries(store)[0].status == "cancelled"
    # the silence ends while the alert still fires: it routes again
    expire(store, rt, later(700))
    assert run_flush(store, rt, later(700 + 30)).sent == 1
    assert len(smtp.received) == 1


@pytest.mark.parametrize("send_resolved", [True, False])
def test_send_resolved(store, smtp, send_resolved):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings(),
                      send_resolved=send_resolved)
    add_event(store, target="fab-dresden")
    process(store, rt)
    run_flush(store, rt, later(30))
    add_event(store, target="fab-dresden", recovery=True, title="Dresden fab restarts production", now=later(600))
    process(store, rt, later(600))
    run_flush(store, rt, later(700))
    if send_resolved:
        assert len(smtp.received) == 2
        msg = smtp.received[1].message
        assert msg["Subject"].startswith("[monitor] RESOLVED Fire at Dresden fab")
        assert "restarts production" in msg.get_body(("plain",)).get_content()
    else:
        assert len(smtp.received) == 1


def test_resolved_before_sending_tells_nobody(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings())
    add_event(store, target="fab-dresden")
    process(store, rt)
    add_event(store, target="fab-dresden", recovery=True, title="false alarm", now=later(10))
    process(store, rt, later(10))
    assert run_flush(store, rt, later(60)).sent == 0
    assert [d.status for d in deliveries(store)] == ["cancelled"]


def test_hourly_digest_gathers_a_subscribers_alerts(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",), digest="hourly"),), smtp=smtp.settings())
    add_event(store, target="fab-dresden", now=later(60))
    process(store, rt, later(60))
    add_event(store, target="bavaria-auto", type_="strike", title="Strike", now=later(1800))
    process(store, rt, later(1800))
    assert run_flush(store, rt, later(3599)).sent == 0
    stats = run_flush(store, rt, later(3600))  # 11:00
    assert stats.sent == 2 and stats.messages == 1
    assert smtp.received[0].message["Subject"].startswith("[monitor] 2 digest:")


def test_an_escalation_is_mailed_once_with_its_new_severity(store, smtp):
    rt = make_runtime(subscriptions=(subs(name="bav", email=("bav@example.org",)),), smtp=smtp.settings())
    add_event(store, target="fab-dresden", source="A", confidence=0.5, story="s1", title="Small fire at Dresden fab")
    process(store, rt)
    run_flush(store, rt, later(30))
    assert len(smtp.received) == 1 and "[monitor] MEDIUM" in smtp.received[0].message["Subject"]
    add_event(store, target="fab-dresden", source="B", confidence=0.9, story="s2", title="Fab fire spreads",
              now=later(600))
    process(store, rt, later(600))
    run_flush(store, rt, later(700))
    run_flush(store, rt, later(800))
    assert len(smtp.received) == 2
    mail = smtp.received[1].message
    assert mail["Subject"].startswith("[monitor] HIGH Fire at") and "(escalated)" in mail["Subject"]
    assert mail.get_body(("plain",)).get_content().startswith("ESCALATED [HIGH]")
    assert "Escalated:" in mail.get_body(("html",)).get_content()


def test_a_slow_server_keeps_the_batch_leased_so_no_other_instance_sends_it_again(store, smtp):
    """Five messages at 0.6 s each outlast a 1 s lease; the sender renews it while it sends."""
    recipients = [f"desk{i}@example.org" for i in range(5)]
    rt = make_runtime(subscriptions=tuple(subs(name=f"s{i}", email=(r,)) for i, r in enumerate(recipients)),
                      smtp=smtp.settings(), group_wait=0.0)
    rt = replace(rt, settings=replace(rt.settings, schedule=replace(rt.settings.schedule, lease=1.0)))
    smtp.handler.delay = 0.6
    start = datetime.now(UTC)
    add_event(store, target="fab-dresden", now=start)
    process(store, rt, start)
    first = threading.Thread(target=lambda: run_flush(store, rt, datetime.now(UTC), instance="A"))
    first.start()
    time.sleep(1.6)  # A's first lease has run out; A is still sending
    assert run_flush(store, rt, datetime.now(UTC), instance="B").claimed == 0
    first.join(30)
    assert sorted(r for rec in smtp.received for r in rec.rcpt_tos) == recipients  # each exactly once
    assert {d.status for d in deliveries(store)} == {"sent"}
