"""Real parts for the pipeline tests: a config dir, a SQLite store, a clock, feed servers.

- :func:`write_config`: the tiny "Testhaven" graph of :mod:`tests.helpers_service`
  plus ``feeds.yaml`` (news and trade lists, written as JSON flow mappings, which
  YAML reads) and ``monitor.yaml``.
- :class:`Harness`: a :class:`monitor.pipeline.Pipeline` over a real SQLite file,
  a real :class:`feeds.http.Fetcher` and a hand-driven clock; ``reload()``
  re-reads the config the way the daemon does on SIGHUP.
- :class:`Resource`: a loopback route whose body tests change between polls,
  answering 304 to a matching ``If-None-Match`` (``etag=False``: no validators,
  so only the body-hash short-circuit can spare the parse).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from feeds.http import Fetcher
from monitor.config import Runtime, load_runtime
from monitor.pipeline import Pipeline
from monitor.store import models as m
from monitor.store.db import make_engine, make_sessionmaker
from monitor.store.schema import ensure_schema
from tests.helpers_feeds import send
from tests.helpers_service import GRAPH

START = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def write_config(
    root: Path,
    news: list[dict[str, Any]] = (),  # type: ignore[assignment]
    trade: list[dict[str, Any]] = (),  # type: ignore[assignment]
    *,
    monitor_yaml: str = "schedule: {jitter: 0}\nalerts: {group_wait: 0s}\n",
) -> Path:
    """(Re)write ``root/config`` with the Testhaven graph and the given feeds."""
    cfg = root / "config"
    (cfg / "graph").mkdir(parents=True, exist_ok=True)
    (cfg / "graph" / "test.yaml").write_text(GRAPH)
    lines = []
    for key, feeds in (("news", news), ("trade", trade)):
        if feeds:
            lines.append(f"{key}:")
            lines += ["  - " + json.dumps(f) for f in feeds]
    (cfg / "feeds.yaml").write_text("\n".join(lines) + "\n" if lines else "{}\n")
    (cfg / "monitor.yaml").write_text(monitor_yaml)
    return cfg


class Clock:
    """A clock the test moves by hand (the pipeline's injected ``clock``)."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


class Harness:
    """A pipeline on a real SQLite file with a real fetcher; the runtime swaps on :meth:`reload`."""

    def __init__(self, cfg: Path, db_url: str) -> None:
        self.cfg = cfg
        self.engine = make_engine(db_url)
        ensure_schema(self.engine)
        self.sessions = make_sessionmaker(self.engine)
        self.clock = Clock()
        self._runtime: Runtime = load_runtime(cfg)
        self.fetcher = Fetcher(trust_env=False, read_timeout=5.0, total_timeout=10.0)
        self.pipeline = Pipeline(lambda: self._runtime, self.sessions, fetcher=self.fetcher,
                                 clock=self.clock, instance_id="test")

    def reload(self) -> Runtime:
        self._runtime = load_runtime(self.cfg)
        return self._runtime

    def close(self) -> None:
        self.fetcher.close()
        self.engine.dispose()

    # -- reading the store --------------------------------------------------
    def feed(self, name: str) -> m.Feed:
        with self.sessions() as s:
            feed = s.scalar(select(m.Feed).where(m.Feed.name == name))
            assert feed is not None, f"no feed {name!r}"
            s.expunge(feed)
            return feed

    def items(self, name: str) -> list[m.Item]:
        with self.sessions() as s:
            rows = list(s.scalars(select(m.Item).join(m.Feed, m.Feed.id == m.Item.feed_id)
                                  .where(m.Feed.name == name).order_by(m.Item.id)))
            for r in rows:
                s.expunge(r)
            return rows

    def all(self, model: type) -> list[Any]:
        with self.sessions() as s:
            rows = list(s.scalars(select(model).order_by(model.id)))
            for r in rows:
                s.expunge(r)
            return rows

    def count(self, model: type) -> int:
        with self.sessions() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)


class Resource:
    """One route whose ``body`` the test may change; ETag = hash of the body (unless ``etag=False``)."""

    def __init__(self, body: bytes, content_type: str = "application/rss+xml; charset=utf-8",
                 etag: bool = True, status: int = 200) -> None:
        self.body = body
        self.content_type = content_type
        self.use_etag = etag
        self.status = status
        self.responses: list[int] = []

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest() + '"'

    def __call__(self, req: BaseHTTPRequestHandler) -> None:
        headers = {"Content-Type": self.content_type}
        if self.use_etag and self.status == 200:
            headers["ETag"] = self.etag
            if req.headers.get("If-None-Match") == self.etag:
                self.responses.append(304)
                send(req, 304, b"", {"ETag": self.etag})
                return
        self.responses.append(self.status)
        send(req, self.status, self.body, headers)


def csv_series(values: list[float], start_year: int = 2024, column: str = "teu") -> bytes:
    """A monthly CSV series ``period,<column>`` starting in January of ``start_year``."""
    rows = ["period," + column]
    for i, v in enumerate(values):
        rows.append(f"{start_year + i // 12}-{i % 12 + 1:02d},{v:g}")
    return ("\n".join(rows) + "\n").encode()


def spans_match(evidence: list[dict[str, Any]], title: str, text: str) -> Iterator[bool]:
    """For each evidence span: does ``text[start:end]`` of its field equal its ``text``?"""
    for span in evidence:
        source = title if span["field"] == "title" else text
        yield source[span["start"]:span["end"]] == span["text"]
