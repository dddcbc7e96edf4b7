"""Delivery under SMTP faults, against a real SMTP server (aiosmtpd on 127.0.0.1).

The server follows a script, one step per DATA: accept, drop the connection
before answering (the client sent the message and never hears back), or
answer ``451``. Whatever it does, every delivery must go out, and a receiver
that keeps the first message of each Message-ID (as the README tells it to)
must lose nothing: one Message-ID never names two different messages.
"""

from __future__ import annotations

import random
import threading
from collections import defaultdict
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from helpers_alerts import T0, Received, add_event, deliveries, free_port, later, make_runtime, make_store
from monitor.alerts.engine import process_pending_events
from monitor.notify.outbox import flush
from monitor.settings import SmtpSettings, Subscription
from monitor.store.db import transaction

RECIPIENTS = ("a@example.org", "b@example.org", "c@example.org")


class ScriptedHandler:
    """DATA replies from ``script`` (FIFO): ``ok``, ``drop`` or an SMTP reply line;
    ``ok`` once the script is used up."""

    def __init__(self, script: list[str]):
        self.script = list(script)
        self.received: list[Received] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        with self.lock:
            step = self.script.pop(0) if self.script else "ok"
            if step == "ok":
                self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                              bytes(envelope.original_content)))
                return "250 OK"
        if step == "drop":
            server.transport.abort()  # the session dies before the server answers DATA
            return "421 gone"  # never reaches the client
        return step


@pytest.fixture
def scripted_smtp():
    servers: list[Controller] = []

    def start(script: list[str]) -> tuple[ScriptedHandler, SmtpSettings]:
        handler = ScriptedHandler(script)
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        return handler, SmtpSettings(host="127.0.0.1", port=port, starttls=False, ssl=False,
                                     sender="monitor@example.org", timeout=5.0)

    yield start
    for c in servers:
        c.stop()


def _alerts_for_three_recipients(sessions, smtp: SmtpSettings):
    rt = make_runtime(
        subscriptions=tuple(
            Subscription(name=f"s{i}", email=(addr,), nodes=("bavaria-auto",), min_severity="low")
            for i, addr in enumerate(RECIPIENTS)
        ),
        smtp=smtp, group_wait=30.0,
    )
    add_event(sessions, target="fab-dresden")
    add_event(sessions, target="bavaria-auto", type_="strike", title="Strike at the Bavarian cluster")
    add_event(sessions, target="port-hamburg", type_="congestion", title="Queue at Hamburg")
    with transaction(sessions) as s:
        process_pending_events(s, rt, T0)
    return rt


def _flush_until_done(sessions, rt, *, step_s: float = 5.0, horizon_s: float = 4 * 3600.0) -> int:
    """Flush on an injected clock every ``step_s`` until nothing is pending; the flushes run."""
    rng = random.Random(7)
    t, runs = later(30), 0
    while t <= later(horizon_s):
        flush(sessions, rt, t, instance_id="i1", rng=rng)
        runs += 1
        if all(d.status in ("sent", "failed", "cancelled") for d in deliveries(sessions)):
            return runs
        t += timedelta(seconds=step_s)
    raise AssertionError("deliveries still pending after the horizon")


def _assert_one_message_per_id(received: list[Received]) -> dict[str, set[str]]:
    """Every copy of a Message-ID is the same message; returns the alert ids each recipient got."""
    by_id: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    got: dict[str, set[str]] = defaultdict(set)
    for rec in received:
        msg = rec.message
        body = msg.get_body(("plain",)).get_content()
        by_id[msg["Message-ID"]].add((msg["To"], msg["X-Monitor-Alerts"], body))
        got[msg["To"]].update(msg["X-Monitor-Alerts"].split(","))
    for mid, versions in by_id.items():
        assert len(versions) == 1, f"{mid} names {len(versions)} different messages"
    return got


@pytest.mark.parametrize("script", [
    pytest.param(["ok", "drop", "451 4.3.0 Try again later", "drop"], id="drop-mid-DATA"),
    pytest.param(["451 4.3.0 Try again later"] * 5, id="451"),
])
def test_a_failed_group_retries_as_one_message_under_one_message_id(tmp_path, scripted_smtp, script):
    engine, sessions = make_store(tmp_path)
    handler, smtp = scripted_smtp(script)
    rt = _alerts_for_three_recipients(sessions, smtp)
    rows = deliveries(sessions)
    assert len(rows) == 9 and {d.recipient for d in rows} == set(RECIPIENTS)
    alert_ids = {str(d.alert_id) for d in rows}

    _flush_until_done(sessions, rt)

    assert {d.status for d in deliveries(sessions)} == {"sent"}
    got = _assert_one_message_per_id(handler.received)
    assert dict(got) == {addr: alert_ids for addr in RECIPIENTS}
    # each group went out whole: one message per recipient, however often it was retried
    assert sorted(rec.message["To"] for rec in handler.received) == sorted(RECIPIENTS)
    engine.dispose()


def test_a_group_that_loses_rows_before_its_retry_gets_a_new_message_id(tmp_path, scripted_smtp):
    """An alert resolved while its group waits for a retry: what goes out is a different
    message (two notices, not three), so it must not reuse the first attempt's Message-ID."""
    engine, sessions = make_store(tmp_path)
    handler, smtp = scripted_smtp(["451 4.3.0 Try again later"] * 3)
    rt = _alerts_for_three_recipients(sessions, smtp)
    flush(sessions, rt, later(30), instance_id="i1", rng=random.Random(1))
    first_ids = {d.message_id for d in deliveries(sessions)}
    by_group: dict[str, set] = defaultdict(set)
    for d in deliveries(sessions):
        by_group[d.message_id].add(d.next_attempt)
    assert all(len(times) == 1 for times in by_group.values())  # one next attempt per group
    assert len(first_ids) == 3 and all(first_ids)
    victim = deliveries(sessions)[0]
    with transaction(sessions) as s:  # as a silence or a resolution before sending does
        s.get(type(victim), victim.id).status = "cancelled"
    _flush_until_done(sessions, rt)
    by_recipient = {rec.message["To"]: rec.message for rec in handler.received}
    assert len(by_recipient) == 3
    shrunk = by_recipient[victim.recipient]
    assert shrunk["Message-ID"] not in first_ids
    assert len(shrunk["X-Monitor-Alerts"].split(",")) == 2
    others = {by_recipient[r]["Message-ID"] for r in RECIPIENTS if r != victim.recipient}
    assert others <= first_ids  # the same rows again: the same Message-ID
    engine.dispose()
