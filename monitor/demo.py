"""``monitor demo``: the whole pipeline, offline, on the bundled data.

The bundled sample feeds are served from a real HTTP server on loopback, so
the demo exercises the same fetch -> parse -> store -> tag -> impact -> alert
path as the daemon, into a throw-away SQLite database.
"""

from __future__ import annotations

import functools
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from monitor.config import Runtime, load_runtime
from monitor.paths import default_config_dir, demo_data_dir
from monitor.pipeline import CycleStats, Pipeline
from monitor.settings import FeedsConfig, load_feeds, load_settings
from monitor.store import models as m
from monitor.store.db import make_engine, make_sessionmaker
from monitor.store.schema import ensure_schema
from monitor.store.status import store_totals


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` over HTTP on 127.0.0.1 (a free port); yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="demo-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def demo_feeds(base_url: str, data_dir: Path | None = None) -> FeedsConfig:
    """The demo's ``feeds.yaml`` with its file paths turned into loopback URLs."""
    data_dir = data_dir or demo_data_dir()
    feeds = load_feeds(data_dir, display="demo_data/feeds.yaml")
    root = data_dir.resolve()

    def to_url(url: str) -> str:
        path = Path(url)
        if path.is_absolute() and path.is_relative_to(root):
            return f"{base_url}/{path.relative_to(root).as_posix()}"
        return url

    news = tuple(replace(s, url=to_url(s.url)) for s in feeds.news)
    trade = tuple(replace(s, url=to_url(s.url)) for s in feeds.trade)
    return replace(feeds, news=news, trade=trade)


#: The sample data's "today": a few hours after its newest item (28 Nov 2026).
#: The demo runs on this clock, so what fires, what is old news and what
#: expired does not change as the calendar moves on.
DEMO_NOW = datetime(2026, 11, 28, 18, 0, tzinfo=UTC)


@dataclass
class DemoResult:
    runtime: Runtime
    stats: CycleStats
    database: str
    alerts: list[m.Alert]
    items: int
    events: int
    old_news: int = 0  # events kept out of every alert: published before alerts.max_age


def run_demo(database_dir: Path | None = None, now: datetime = DEMO_NOW) -> DemoResult:
    """Run one full cycle on the bundled config and sample feeds, at ``now``."""
    config_dir = default_config_dir()
    tmp = None
    if database_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="monitor-demo-")
        database_dir = Path(tmp.name)
    url = f"sqlite:///{database_dir / 'demo.db'}"
    try:
        with serve_directory(demo_data_dir()) as base_url:
            settings = replace(load_settings(config_dir), database=url, smtp=None)
            runtime = load_runtime(config_dir, feeds=demo_feeds(base_url), settings=settings)
            engine = make_engine(url)
            ensure_schema(engine)
            sessions = make_sessionmaker(engine)
            pipeline = Pipeline(lambda: runtime, sessions, instance_id="demo", clock=lambda: now)
            stats = pipeline.run_cycle(deliver=False)
        with sessions() as session:
            totals = store_totals(session)
        engine.dispose()
        return DemoResult(runtime, stats, url, totals.alerts, totals.items, totals.events, totals.old_news)
    finally:
        if tmp is not None:
            tmp.cleanup()


__all__ = ["DEMO_NOW", "DemoResult", "demo_feeds", "run_demo", "serve_directory"]
