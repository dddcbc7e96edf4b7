"""A feed whose redirect is refused, through the pipeline: the error shows in feed health
and the feed keeps its configured URL (a 301 into loopback is never stored).

The feed server listens on 127.0.0.2 and the fetcher's injected classifier calls
that address public (standing for a feed on the internet without using it); the
internal server on 127.0.0.1 stands for the daemon's own metrics endpoint.
"""

from __future__ import annotations

import ipaddress

import pytest

from feeds.http import Fetcher, address_class
from monitor.pipeline import Pipeline
from monitor.service import feed_listing
from tests.helpers_feeds import ScriptedServer, send
from tests.helpers_pipeline import Harness, write_config
from conftest import platform_lacks

PUBLIC_IP = ipaddress.ip_address("127.0.0.2")


def test_refused_permanent_redirect_is_a_feed_error_and_the_url_is_kept(tmp_path, sqlite_url):
    try:
        public = ScriptedServer(str(PUBLIC_IP))
    except OSError:
        platform_lacks("127.0.0.2 as a usable loopback address")
    with public, ScriptedServer("127.0.0.1") as internal:
        metrics = internal.route("/metrics", lambda req: send(req, 200, b"secret 1\n"))
        feed_url = public.route("/feed", lambda req: send(req, 301, b"", {"Location": metrics}))
        h = Harness(write_config(tmp_path, [{"name": "Moved", "url": feed_url, "interval": "10m"}]), sqlite_url)
        try:
            h.fetcher.close()
            h.fetcher = Fetcher(trust_env=False, read_timeout=5.0, total_timeout=10.0,
                                classify=lambda ip: None if ip == PUBLIC_IP else address_class(ip))
            h.pipeline = Pipeline(lambda: h._runtime, h.sessions, fetcher=h.fetcher, clock=h.clock,
                                  instance_id="test")
            stats = h.pipeline.poll_due()
            assert (stats.polled, stats.errors, stats.items) == (1, 1, 0)
            (row,) = feed_listing(h.sessions)
            assert row["url"] == feed_url  # not the metrics URL
            assert row["error_count"] == 1
            assert row["last_error"] == (f"redirect to {metrics} refused: 127.0.0.1 is a loopback address "
                                         "(the feed's own URL is public)")
            feed = h.feed("Moved")
            assert (feed.url, feed.config_url) == (feed_url, feed_url)
            assert internal.hits("/metrics") == []
        finally:
            h.close()
