"""Shared pieces for the alert and notify tests: a small graph, a runtime, a
real SQLite store, event insertion, a real SMTP server (aiosmtpd) and a real
loopback HTTP server."""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import select

from graphs.impact import ImpactEngine
from graphs.model import Ecosystem, Edge, Location, Node, ValueChain
from monitor.settings import AlertSettings, ScheduleSettings, Settings, SmtpSettings, Subscription
from monitor.store import models as m
from monitor.store.db import make_engine, make_sessionmaker, transaction
from monitor.store.schema import ensure_schema

T0 = datetime(2024, 3, 4, 10, 0, 0, tzinfo=UTC)


def _n(id_: str, name: str, kind: str, eco: str | None, provides: tuple[str, ...] = (), lat=None, lon=None) -> Node:
    return Node(id_, name, kind, eco, Location(lat=lat, lon=lon), (name,), provides)


def small_chain() -> ValueChain:
    """fab-dresden --0.6 (via port-hamburg)--> bavaria-auto --0.5--> dealer;
    fab-dresden --0.04--> tiny-customer (below the 0.05 floor);
    fab-villach provides semiconductors too (an alternative)."""
    nodes = [
        _n("fab-dresden", "Dresden fab", "site", "electronics", ("semiconductors",), 51.05, 13.74),
        _n("fab-villach", "Villach fab", "site", "electronics", ("semiconductors",), 46.61, 13.85),
        _n("port-hamburg", "Port of Hamburg", "port", "logistics", (), 53.55, 9.99),
        _n("bavaria-auto", "Bavarian automotive cluster", "cluster", "automotive", ("cars",), 48.14, 11.58),
        _n("dealer", "Dealer network", "company", "automotive", (), 50.11, 8.68),
        _n("tiny-customer", "Tiny customer", "company", "automotive", (), 50.0, 9.0),
        _n("far-away", "Unrelated site", "site", "textiles", (), 40.0, -3.7),
    ]
    edges = [
        Edge("fab-dresden", "bavaria-auto", "semiconductors", 0.6, ("port-hamburg",)),
        Edge("bavaria-auto", "dealer", "cars", 0.5),
        Edge("fab-dresden", "tiny-customer", "semiconductors", 0.04),
    ]
    return ValueChain(
        ecosystems={
            "electronics": Ecosystem("electronics", "Electronics"),
            "automotive": Ecosystem("automotive", "Automotive"),
            "logistics": Ecosystem("logistics", "Logistics"),
            "textiles": Ecosystem("textiles", "Textiles"),
        },
        nodes={n.id: n for n in nodes},
        edges=edges,
        version="alerts-test-1",
    )


@dataclass(frozen=True)
class TestRuntime:
    """The parts of :class:`monitor.config.Runtime` the alert code uses."""

    settings: Settings
    chain: ValueChain
    impact: ImpactEngine
    lexicon: Any = None
    version: str = "test"


def make_runtime(
    *, subscriptions: tuple[Subscription, ...] = (), smtp: SmtpSettings | None = None, **alert_kwargs: Any
) -> TestRuntime:
    alerts = replace(AlertSettings(group_wait=30.0, repeat_interval=3600.0), **alert_kwargs)
    settings = Settings(
        smtp=smtp, subscriptions=subscriptions, alerts=alerts,
        schedule=ScheduleSettings(lease=120.0), source="monitor.yaml",
    )
    chain = small_chain()
    return TestRuntime(settings, chain, ImpactEngine(chain, floor=alerts.impact_floor))


def with_smtp(runtime: TestRuntime, smtp: SmtpSettings | None) -> TestRuntime:
    return replace(runtime, settings=replace(runtime.settings, smtp=smtp))


def make_store(tmp_path: Path, name: str = "monitor.db"):
    engine = make_engine(f"sqlite:///{tmp_path / name}")
    ensure_schema(engine)
    return engine, make_sessionmaker(engine)




def add_event(
    sessions, *, target: str, type_: str = "fire", source: str = "Port news", confidence: float = 0.8,
    title: str = "Fire at the Dresden fab", link: str | None = "https://news.example.org/a", story: str = "",
    recovery: bool = False, now: datetime = T0, method: str = "mention", guid: str | None = None,
) -> int:
    """A feed item and its event, as the pipeline stores them; returns the event id."""
    with transaction(sessions) as s:
        feed = s.scalars(select(m.Feed).where(m.Feed.name == source)).first()
        if feed is None:
            feed = m.Feed(name=source, kind="news", url=f"https://{abs(hash(source))}.example.org/rss")
            s.add(feed)
            s.flush()
        item_id = None
        if method != "trade":
            item = m.Item(
                feed_id=feed.id, guid=guid or f"{source}:{title}:{now.isoformat()}:{target}:{type_}", link=link,
                title=title, text="", published=now, fetched_at=now, content_hash="",
            )
            s.add(item)
            s.flush()
            item_id = item.id
        ev = m.Event(
            origin=f"item:{item_id}" if item_id else f"trade:{feed.id}:{now.isoformat()}:{'recovered' if recovery else 'drop'}",
            item_id=item_id, source=source, target=target, type=type_, confidence=confidence,
            recovery=recovery, method=method,
            evidence=[{"field": "title", "start": 0, "end": len(title), "text": title, "role": "term", "ref": type_}],
            story=story, created_at=now, processed=False,
        )
        s.add(ev)
        s.flush()
        return ev.id


def deliveries(sessions) -> list[m.Delivery]:
    with transaction(sessions) as s:
        return list(s.scalars(select(m.Delivery).order_by(m.Delivery.id)).all())


def alerts(sessions) -> list[m.Alert]:
    with transaction(sessions) as s:
        return list(s.scalars(select(m.Alert).order_by(m.Alert.id)).all())


def later(seconds: float, base: datetime = T0) -> datetime:
    return base + timedelta(seconds=seconds)


# --------------------------------------------------------------------------- SMTP


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=default_policy)  # type: ignore[return-value]


@dataclass
class RecordingHandler:
    """Accepts mail and records it; ``replies`` (FIFO) overrides the DATA reply;
    ``delay`` seconds pass before each DATA is answered (a slow server)."""

    received: list[Received] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    delay: float = 0.0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            if self.replies:
                reply = self.replies.pop(0)
                if not reply.startswith("250"):
                    return reply
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content)))
        return "250 OK"


class SmtpServer:
    """A real SMTP server on 127.0.0.1 (aiosmtpd), startable on a fixed port."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.handler = RecordingHandler()
        self.controller: Controller | None = None

    def start(self) -> SmtpServer:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def settings(self, **kw: Any) -> SmtpSettings:
        return SmtpSettings(host="127.0.0.1", port=self.port, starttls=False, ssl=False,
                            sender="monitor@example.org", timeout=5.0, **kw)


# --------------------------------------------------------------------------- HTTP


class WebhookServer:
    """A real loopback HTTP server recording POSTs; ``statuses`` (FIFO) sets replies."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status = outer.statuses.pop(0) if outer.statuses else 200
                if status == 200:
                    outer.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self) -> WebhookServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


#: The config graph of the CLI tests: the chain of :func:`small_chain` as an analyst writes it.
CLI_GRAPH = """
ecosystems:
  - {id: electronics, name: Electronics}
  - {id: automotive, name: Automotive}
nodes:
  - {id: fab-dresden, name: Dresden fab, kind: site, ecosystem: electronics, provides: [semiconductors]}
  - {id: bavaria-auto, name: Bavarian automotive cluster, kind: cluster, ecosystem: automotive}
  - {id: port-hamburg, name: Port of Hamburg, kind: port, ecosystem: automotive}
edges:
  - {from: fab-dresden, to: bavaria-auto, product: semiconductors, share: 0.6}
"""

#: A desk subscribed to the Bavarian cluster (no ``smtp:`` block: its email notices wait).
DESK_YAML = "subscriptions:\n  - {name: desk, email: [desk@example.org], nodes: [bavaria-auto], min_severity: low}\n"


def cli_config(tmp_path: Path, monitor_yaml: str = "") -> Path:
    """A config directory for CLI tests: :data:`CLI_GRAPH` and a monitor.yaml whose
    database is ``tmp_path/monitor.db`` (the file :func:`make_store` opens)."""
    cfg = tmp_path / "config"
    (cfg / "graph").mkdir(parents=True)
    (cfg / "graph" / "g.yaml").write_text(CLI_GRAPH)
    (cfg / "monitor.yaml").write_text(f"database: sqlite:///{tmp_path / 'monitor.db'}\n" + monitor_yaml)
    return cfg
