"""Webhook channel against a real loopback HTTP server: same outbox guarantees."""

from __future__ import annotations

import json
import random

import pytest

from helpers_alerts import T0, WebhookServer, add_event, deliveries, later, make_runtime, make_store
from monitor.alerts.engine import process_pending_events
from monitor.notify.outbox import flush
from monitor.settings import Subscription
from monitor.store.db import transaction


@pytest.fixture
def store(tmp_path):
    engine, sessions = make_store(tmp_path)
    yield sessions
    engine.dispose()


def setup(store, url):
    rt = make_runtime(subscriptions=(Subscription("chat", webhook=(url,), nodes=("bavaria-auto",), min_severity="low"),))
    add_event(store, target="fab-dresden", title="Fi\u200bre <b>at</b> Dresden\u2062 fab \x1b[31m\u061c")
    with transaction(store) as s:
        process_pending_events(s, rt, T0)
    return rt


def run(store, rt, now):
    return flush(store, rt, now, instance_id="i1", rng=random.Random(2))


def test_webhook_posts_json_once_with_an_idempotency_key(store):
    with WebhookServer() as hook:
        rt = setup(store, hook.url)
        assert run(store, rt, later(30)).sent == 1
        assert run(store, rt, later(90)).sent == 0
        (headers, body) = hook.requests[0]
        data = json.loads(body)
        assert headers["idempotency-key"] == data["message_id"] == deliveries(store)[0].message_id
        (n,) = data["notices"]
        assert n["kind"] == "firing" and n["alert"]["target_id"] == "fab-dresden"
        assert n["alert"]["paths"][0]["path"] == "Dresden fab —semiconductors→ Bavarian automotive cluster"
        assert n["alert"]["types"] == ["fire"] and n["alert"]["products_cut"] == ["semiconductors"]
        assert n["why"].startswith(f"{n['severity'].upper()} for you: it reaches Bavarian automotive cluster at 0.60")
        assert "\x1b" not in body.decode() and "\\u001b" not in body.decode()
        for ch in "\u200b\u2062\u061c":  # invisible characters, raw or JSON-escaped
            assert ch not in body.decode("utf-8") and f"\\u{ord(ch):04x}" not in body.decode().lower()
        assert "Fire at Dresden fab" in data["text"]


def test_webhook_5xx_retries_then_succeeds(store):
    with WebhookServer() as hook:
        rt = setup(store, hook.url)
        hook.statuses = [503]
        stats = run(store, rt, later(30))
        assert stats.retried == 1 and not hook.requests
        assert "HTTP 503" in deliveries(store)[0].last_error
        assert run(store, rt, later(30 + 80)).sent == 1
        assert run(store, rt, later(30 + 3600)).sent == 0
        assert len(hook.requests) == 1


def test_webhook_4xx_gives_up(store):
    with WebhookServer() as hook:
        rt = setup(store, hook.url)
        hook.statuses = [404]
        assert run(store, rt, later(30)).failed == 1
        (d,) = deliveries(store)
        assert d.status == "failed" and "HTTP 404" in d.last_error
        assert run(store, rt, later(3600)).claimed == 0


def test_webhook_unreachable_is_retried(store):
    with WebhookServer() as hook:
        url = hook.url
    rt = setup(store, url)  # server gone: connection refused
    stats = run(store, rt, later(30))
    assert stats.retried == 1 and deliveries(store)[0].status == "pending"
