"""Several instances on one PostgreSQL: alerts converge, each delivery goes out once."""

from __future__ import annotations

import random
import threading
import uuid

import pytest
from sqlalchemy.engine import make_url

from helpers_alerts import T0, SmtpServer, add_event, alerts, deliveries, later, make_runtime
from monitor.alerts.engine import process_pending_events
from monitor.notify.outbox import flush
from monitor.settings import Subscription
from monitor.store.db import make_engine, make_sessionmaker, resolve_url, transaction
from monitor.store.schema import ensure_schema

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(postgres_url):
    """A fresh database for this test on the server of ``postgres_url``."""
    import psycopg

    base = make_url(resolve_url(postgres_url))
    name = f"monitor_alerts_{uuid.uuid4().hex[:10]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = base.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    ensure_schema(engine)
    try:
        yield url, make_sessionmaker(engine)
    finally:
        engine.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _parallel(n, fn):
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run(i):
        try:
            barrier.wait()
            fn(i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors


def test_instances_converge_on_one_alert_and_send_each_delivery_once(pg):
    url, sessions = pg
    server = SmtpServer().start()
    try:
        subs = tuple(
            Subscription(f"desk{i}", email=(f"desk{i}@example.org",), nodes=("bavaria-auto",), min_severity="low")
            for i in range(12)
        )
        rt = make_runtime(subscriptions=subs, smtp=server.settings())
        for i, src in enumerate("ABCDEF"):
            add_event(sessions, target="fab-dresden", source=src, confidence=0.5, story=f"s{i}", title=f"report {i}")

        def process(_i):
            eng = make_engine(url)
            try:
                with transaction(make_sessionmaker(eng)) as s:
                    process_pending_events(s, rt, T0)
            finally:
                eng.dispose()

        _parallel(3, process)
        (a,) = alerts(sessions)
        assert sorted(a.sources) == list("ABCDEF")
        assert a.confidence == pytest.approx(1 - 0.5**6, abs=1e-3)
        assert len(deliveries(sessions)) == 12

        def send(i):
            eng = make_engine(url)
            try:
                flush(make_sessionmaker(eng), rt, later(30), instance_id=f"inst{i}", rng=random.Random(i), limit=2)
            finally:
                eng.dispose()

        _parallel(3, send)
        rows = deliveries(sessions)
        assert all(d.status == "sent" for d in rows)
        assert sorted(r for rec in server.received for r in rec.rcpt_tos) == sorted(f"desk{i}@example.org" for i in range(12))
        assert len({rec.message["Message-ID"] for rec in server.received}) == 12
    finally:
        server.stop()
