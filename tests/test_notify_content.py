"""What a mail says: a subject without repetition, why the severity is what it
is for this reader, alternatives for what they lose, paths that name products,
times in words. Real SMTP (aiosmtpd), real SQLite."""

from __future__ import annotations

import random
import re
from datetime import timedelta

import pytest

from helpers_alerts import T0, SmtpServer, add_event, later, make_runtime, make_store
from monitor.alerts.engine import process_pending_events
from monitor.alerts.routing import impact_json, route
from monitor.notify.outbox import flush
from monitor.settings import AlertSettings, Subscription
from monitor.store.db import transaction


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


def _mail(tmp_path, smtp, sub: Subscription, *events: dict, at=T0):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(sub,), smtp=smtp.settings())
    for ev in events:
        add_event(sessions, **ev)
    with transaction(sessions) as s:
        process_pending_events(s, rt, at)
    flush(sessions, rt, at + timedelta(seconds=30), instance_id="t", rng=random.Random(1))
    engine.dispose()
    (rec,) = smtp.received
    msg = rec.message
    # (a subject that fits on its own line may be folded before its first word: unfolding leaves a space)
    return msg["Subject"].strip(), msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


def test_subject_says_severity_types_target_and_one_headline_once(tmp_path, smtp):
    sub = Subscription("port", email=("port@example.org",), nodes=("port-hamburg",), min_severity="low")
    subject, text, _ = _mail(tmp_path, smtp, sub, dict(
        target="port-hamburg", type_="strike", title="Strike at Port of Hamburg halts container traffic"))
    assert subject == "[monitor] CRITICAL Strike at Port of Hamburg halts container traffic"
    # a headline that does not name the target keeps "TYPE at TARGET"
    smtp.handler.received.clear()
    subject, _, _ = _mail(tmp_path / "b", smtp, sub, dict(
        target="port-hamburg", type_="strike", title="Dockers walk out", guid="b"))
    assert subject == "[monitor] CRITICAL Strike at Port of Hamburg: Dockers walk out"


def test_subject_adds_only_the_types_the_headline_does_not_say(tmp_path, smtp):
    sub = Subscription("fab", email=("fab@example.org",), nodes=("fab-dresden",), min_severity="low")
    title = "Fire at the Dresden fab halts production"
    subject, text, html = _mail(tmp_path, smtp, sub, dict(target="fab-dresden", type_="outage", title=title, guid="a"),
                                dict(target="fab-dresden", type_="fire", title=title, guid="b"))
    assert subject == f"[monitor] CRITICAL {title} (+ outage)"
    assert subject.count("Dresden fab") == 1
    assert text.startswith("FIRING [CRITICAL] Fire and outage at Dresden fab (fab-dresden)")
    assert "Cause: fire; consequences: outage" in text


def test_the_mail_explains_the_readers_severity_and_differs_from_the_chain_view(tmp_path, smtp):
    # downstream reader: reached at 0.60 through the port
    auto = Subscription("auto", email=("auto@example.org",), nodes=("bavaria-auto",), min_severity="low")
    _, text, html = _mail(tmp_path, smtp, auto, dict(target="port-hamburg", type_="strike", title="Port strike"))
    assert ("MEDIUM for you: it reaches Bavarian automotive cluster at 0.60 via Port of Hamburg "
            "(confidence 0.80 × 0.60 = 0.48)") in text
    assert "for the value chain as a whole" not in text  # same severity as the alert's own
    assert "MEDIUM for you: it reaches Bavarian automotive cluster" in html
    # the port's own desk: CRITICAL for them, MEDIUM for the chain, and it says so
    smtp.handler.received.clear()
    port = Subscription("port", email=("port@example.org",), nodes=("port-hamburg",), min_severity="low")
    _, text, _ = _mail(tmp_path / "b", smtp, port, dict(target="port-hamburg", type_="strike", title="Port strike"))
    assert ("CRITICAL for you: Port of Hamburg is one of your nodes (confidence 0.80 × 1.00 = 0.80); "
            "MEDIUM for the value chain as a whole") in text
    # its own node is "directly affected", not "Port of Hamburg (impact 1.00): Port of Hamburg"
    assert "Port of Hamburg: directly affected (one of your nodes)" in text
    assert "(impact 1.00)" not in text


def test_paths_name_products_and_times_are_in_words_in_both_parts(tmp_path, smtp):
    auto = Subscription("auto", email=("auto@example.org",), nodes=("dealer",), min_severity="low")
    _, text, html = _mail(tmp_path, smtp, auto, dict(
        target="fab-dresden", type_="fire", title="Fire at the Dresden fab", now=T0 - timedelta(hours=2)), at=T0)
    assert "Dresden fab —semiconductors→ Bavarian automotive cluster —cars→ Dealer network" in text
    assert "Dresden fab —semiconductors→ Bavarian automotive cluster —cars→ Dealer network" in html
    assert "published Mon 04 Mar 2024, 08:00 UTC (2 h ago)" in text
    assert "published Mon 04 Mar 2024, 08:00 UTC (2 h ago)" in html
    assert "Products that stop flowing: semiconductors" in text
    for part in (text, html):
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", part)  # no raw ISO timestamps


def test_alternatives_only_for_products_the_reader_or_their_direct_suppliers_lose():
    rt = make_runtime()
    impact = impact_json(rt.chain, rt.impact, "fab-dresden")
    fors = {a["for"] for a in impact["alternatives"]}
    assert fors == {"bavaria-auto", "tiny-customer"}  # the fab supplies both
    settings = AlertSettings()
    # the dealer buys from Bavarian automotive (a direct supplier that loses semiconductors): that one only
    dealer = route(Subscription("d", nodes=("dealer",), min_severity="low"), target="fab-dresden", confidence=0.9,
                   impact=impact, settings=settings)
    assert {a["for"] for a in dealer.alternatives} == {"bavaria-auto"}
    assert {a["node"] for a in dealer.alternatives} == {"fab-villach"}
    # the fab's own desk loses no input: it gets none
    fab = route(Subscription("f", nodes=("fab-dresden",), min_severity="low"), target="fab-dresden", confidence=0.9,
                impact=impact, settings=settings)
    assert fab.alternatives == ()
    # a catch-all desk sees them all
    desk = route(Subscription("all", min_severity="low"), target="fab-dresden", confidence=0.9, impact=impact,
                 settings=settings)
    assert {a["for"] for a in desk.alternatives} == fors
