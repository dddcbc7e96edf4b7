"""feeds.http against a real loopback HTTP server: timeouts, caps, bombs, redirects, validators, limits."""

from __future__ import annotations

import gzip
import ipaddress
import itertools
import re
import socket
import threading
import time
import tracemalloc
import zlib
from email.utils import formatdate

import pytest

from feeds.http import USER_AGENT, ErrorKind, FetchRequest, Fetcher, address_class, parse_retry_after, resolve_host
from conftest import platform_lacks
from tests.helpers_feeds import (
    ConcurrencyGauge,
    ScriptedServer,
    cached,
    gzip_bomb,
    gzip_bytes,
    rss,
    send,
    static,
)

FEED = rss([{"title": "Port of Hamburg strike", "link": "http://example.org/a", "description": "Dock workers"}])
MB = 1024 * 1024


@pytest.fixture
def server():
    with ScriptedServer() as srv:
        yield srv


@pytest.fixture
def fetcher():
    with Fetcher(connect_timeout=2, read_timeout=2, total_timeout=5, trust_env=False) as f:
        yield f


def test_plain_fetch_sends_project_user_agent(server, fetcher):
    url = server.route("/feed", static(FEED, headers={"Content-Type": "application/rss+xml"}))
    res = fetcher.fetch(FetchRequest(url))
    assert res.ok and res.status == 200 and res.body == FEED
    assert res.content_type == "application/rss+xml"
    ua = server.hits("/feed")[0]["user-agent"]
    assert ua == USER_AGENT and ua.startswith("eu-supply-monitor/0.1 (+https://github.com/")


def test_read_timeout_when_server_stalls_before_headers(server):
    server.route("/stall", lambda req: server.stop.wait(10))
    with Fetcher(connect_timeout=1, read_timeout=0.5, total_timeout=5, trust_env=False) as f:
        res = f.fetch(server.url("/stall"))
    assert res.error_kind == ErrorKind.TIMEOUT and res.body is None


def test_total_deadline_cuts_a_trickling_body(server):
    def trickle(req):
        req.send_response(200)
        req.send_header("Content-Length", str(10_000))
        req.end_headers()
        for _ in range(10_000):
            if server.stop.wait(0.05):
                return
            req.wfile.write(b"x")
            req.wfile.flush()

    server.route("/trickle", trickle)
    # every byte arrives well within the read timeout, only the total deadline can stop it
    with Fetcher(connect_timeout=1, read_timeout=2, total_timeout=0.6, trust_env=False) as f:
        res = f.fetch(server.url("/trickle"))
    assert res.error_kind == ErrorKind.TIMEOUT
    assert "total timeout" in res.error


def test_body_cap_with_and_without_content_length(server):
    big = b"<rss>" + b"x" * (2 * MB)
    server.route("/big", static(big))
    server.route("/big-nolength", static(big, content_length=False))
    with Fetcher(max_bytes=1 * MB, trust_env=False) as f:
        a, b = f.fetch_many([server.url("/big"), server.url("/big-nolength")])
    assert a.error_kind == ErrorKind.TOO_LARGE and a.body is None
    assert b.error_kind == ErrorKind.TOO_LARGE and b.body is None


def test_content_encoding_gzip_and_deflate_are_decoded(server, fetcher):
    server.route("/gz", static(gzip_bytes(FEED), headers={"Content-Encoding": "gzip"}))
    server.route("/deflate", static(zlib.compress(FEED), headers={"Content-Encoding": "deflate"}))
    raw = zlib.compressobj(wbits=-15)
    server.route("/raw-deflate", static(raw.compress(FEED) + raw.flush(), headers={"Content-Encoding": "deflate"}))
    results = fetcher.fetch_many([server.url(p) for p in ("/gz", "/deflate", "/raw-deflate")])
    assert [r.body for r in results] == [FEED, FEED, FEED]
    assert "gzip" in server.hits("/gz")[0]["accept-encoding"]


def test_gzip_without_content_encoding_header_is_unpacked(server, fetcher):
    server.route("/sneaky", static(gzip_bytes(FEED), headers={"Content-Type": "application/xml"}))
    res = fetcher.fetch(server.url("/sneaky"))
    assert res.ok and res.body == FEED


@pytest.mark.parametrize("with_header", [True, False], ids=["content-encoding", "no-header"])
def test_gzip_bomb_is_stopped_without_inflating_it(server, with_header):
    # 10 GB of zeros in ~10 MB of gzip when declared; ~1 GB in ~1 MB when sneaked in without a header
    bomb = gzip_bomb(10_240 if with_header else 1024)
    headers = {"Content-Encoding": "gzip"} if with_header else {}
    server.route("/bomb", static(bomb, headers=headers))
    with Fetcher(max_bytes=16 * MB, max_decoded_bytes=4 * MB, trust_env=False) as f:
        tracemalloc.start()
        try:
            res = f.fetch(server.url("/bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert res.error_kind == ErrorKind.TOO_LARGE and res.body is None
    assert "decompressed" in res.error
    # far below the 1-10 GB it would inflate to: the cap plus the wire buffer at most
    assert peak < (16 + 4 * 3) * MB


def test_corrupt_gzip_is_a_decode_error(server, fetcher):
    server.route("/corrupt", static(b"\x1f\x8b\x08\x00garbage-not-deflate", headers={"Content-Encoding": "gzip"}))
    res = fetcher.fetch(server.url("/corrupt"))
    assert res.error_kind == ErrorKind.DECODE


def _redirect(status: int, location: str):
    return static(b"", status, {"Location": location})


def test_301_and_308_report_permanent_redirect(server, fetcher):
    server.route("/feed", static(FEED))
    server.route("/old", _redirect(301, "/feed"))
    server.route("/older", _redirect(308, server.url("/old")))
    a, b = fetcher.fetch_many([server.url("/old"), server.url("/older")])
    assert a.ok and a.body == FEED and a.permanent_redirect == server.url("/feed")
    assert b.ok and b.final_url == server.url("/feed") and b.permanent_redirect == server.url("/feed")


def test_302_and_307_do_not_update_the_stored_url(server, fetcher):
    server.route("/feed", static(FEED))
    server.route("/tmp", _redirect(302, "/feed"))
    server.route("/tmp7", _redirect(307, "/feed"))
    server.route("/perm-then-tmp", _redirect(301, "/tmp"))
    a, b, c = fetcher.fetch_many([server.url(p) for p in ("/tmp", "/tmp7", "/perm-then-tmp")])
    assert a.body == FEED and a.permanent_redirect is None and a.final_url == server.url("/feed")
    assert b.body == FEED and b.permanent_redirect is None
    # only the leading permanent hop counts: store /tmp, not the temporary target
    assert c.body == FEED and c.permanent_redirect == server.url("/tmp")


def test_redirect_loops_limits_and_file_targets_are_refused(server, fetcher, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER")
    server.route("/loop1", _redirect(302, "/loop2"))
    server.route("/loop2", _redirect(302, "/loop1"))
    server.route("/to-file", _redirect(301, secret.as_uri()))
    for i in range(8):
        server.route(f"/chain{i}", _redirect(302, f"/chain{i + 1}"))
    loop, to_file, chain = fetcher.fetch_many([server.url("/loop1"), server.url("/to-file"), server.url("/chain0")])
    assert loop.error_kind == ErrorKind.REDIRECT and "loop" in loop.error
    assert to_file.error_kind == ErrorKind.REDIRECT and to_file.body is None
    assert chain.error_kind == ErrorKind.REDIRECT and "redirects" in chain.error


# ----------------------------------------------------------------------------- SSRF by redirect
# The "public" feed server listens on 127.0.0.2; the injected classifier calls
# that one address public (standing for a feed on the internet) and judges every
# other address with the real address_class. The "internal" server on 127.0.0.1
# stands for a metrics endpoint or admin API on the daemon's own machine.

PUBLIC_IP = ipaddress.ip_address("127.0.0.2")


def _as_if_public(ip):
    return None if ip == PUBLIC_IP else address_class(ip)


@pytest.fixture
def public_and_internal():
    try:
        public = ScriptedServer(str(PUBLIC_IP))
    except OSError:
        platform_lacks("127.0.0.2 as a usable loopback address")
    with public, ScriptedServer("127.0.0.1") as internal:
        internal.route("/metrics", static(b"webhook_token 42\n"))
        with Fetcher(connect_timeout=2, read_timeout=2, total_timeout=5, trust_env=False,
                     classify=_as_if_public) as f:
            yield public, internal, f


def test_public_feed_redirecting_to_loopback_is_refused_and_never_stored(public_and_internal):
    public, internal, f = public_and_internal
    metrics = internal.url("/metrics")
    public.route("/tmp", _redirect(302, metrics))
    public.route("/moved", _redirect(301, metrics))
    public.route("/perm", _redirect(308, metrics))
    tmp, moved, perm = f.fetch_many([public.url(p) for p in ("/tmp", "/moved", "/perm")])
    for res in (tmp, moved, perm):
        assert not res.ok and res.body is None
        assert res.error_kind == ErrorKind.REDIRECT
        assert res.error == (f"redirect to {metrics} refused: 127.0.0.1 is a loopback address "
                             "(the feed's own URL is public)")
        assert res.permanent_redirect is None  # a 301/308 there must never become the feed's URL
    assert internal.hits("/metrics") == []  # refused before connecting


def test_every_hop_is_checked_and_a_name_is_judged_by_what_it_resolves_to(public_and_internal):
    public, internal, f = public_and_internal
    public.route("/feed", static(FEED))
    public.route("/a", _redirect(301, "/b"))  # public -> public: fine
    public.route("/b", _redirect(302, internal.url("/metrics")))  # second hop goes inside
    public.route("/ok", _redirect(301, "/feed"))
    localhost_metrics = f"http://localhost:{internal.port}/metrics"
    public.route("/by-name", _redirect(307, localhost_metrics))
    public.route("/cloud", _redirect(302, "http://169.254.169.254/latest/meta-data/iam/"))
    public.route("/cloud6", _redirect(302, "http://[fd00:ec2::254]/latest/api/token"))
    public.route("/mapped", _redirect(302, f"http://[::ffff:127.0.0.1]:{internal.port}/metrics"))
    ok, two_hops, by_name, cloud, cloud6, mapped = f.fetch_many(
        [public.url(p) for p in ("/ok", "/a", "/by-name", "/cloud", "/cloud6", "/mapped")])
    assert ok.ok and ok.body == FEED and ok.permanent_redirect == public.url("/feed")
    assert two_hops.error_kind == ErrorKind.REDIRECT and two_hops.permanent_redirect is None
    assert two_hops.error.startswith(f"redirect to {internal.url('/metrics')} refused: 127.0.0.1 is a loopback")
    assert re.fullmatch(rf"redirect to {re.escape(localhost_metrics)} refused: localhost resolves to "
                        r"(127\.0\.0\.1|::1), a loopback address \(the feed's own URL is public\)", by_name.error)
    assert "169.254.169.254 is a cloud metadata address" in cloud.error
    assert "fd00:ec2::254 is a cloud metadata address" in cloud6.error
    assert re.search(r"refused: ::ffff:(127\.0\.0\.1|7f00:1) is a loopback address", mapped.error)
    assert internal.hits("/metrics") == []


def test_a_feed_on_loopback_may_redirect_within_loopback_but_not_to_metadata(server, fetcher):
    server.route("/feed", static(FEED))
    server.route("/old", _redirect(301, f"http://localhost:{server.port}/feed"))
    server.route("/cloud", _redirect(301, "http://169.254.169.254/latest/meta-data/"))
    moved, cloud = fetcher.fetch_many([server.url("/old"), server.url("/cloud")])
    assert moved.ok and moved.body == FEED and moved.permanent_redirect == f"http://localhost:{server.port}/feed"
    assert cloud.error == ("redirect to http://169.254.169.254/latest/meta-data/ refused: 169.254.169.254 is "
                           "a cloud metadata address (the feed's own URL is a loopback address)")
    assert cloud.permanent_redirect is None


def test_a_name_that_rebinds_to_loopback_between_check_and_connect_is_refused(public_and_internal):
    """DNS rebinding: the check sees a public address, the connection would go to 127.0.0.1."""
    public, internal, _ = public_and_internal
    answers = {"rebind.test": [[PUBLIC_IP], [ipaddress.ip_address("127.0.0.1")]]}

    def resolve(host, port):
        if host == "pinned.test":  # not in any real DNS: reachable only through the checked address
            return [PUBLIC_IP]
        if host in answers:
            seq = answers[host]
            return seq.pop(0) if len(seq) > 1 else seq[0]
        return resolve_host(host, port)

    public.route("/feed", static(FEED))
    public.route("/pinned", _redirect(301, f"http://pinned.test:{public.port}/feed"))
    public.route("/rebind", _redirect(301, f"http://rebind.test:{internal.port}/metrics"))
    with Fetcher(connect_timeout=2, read_timeout=2, total_timeout=5, trust_env=False, resolve=resolve,
                 classify=_as_if_public) as f:
        pinned = f.fetch(public.url("/pinned"))
        rebound = f.fetch(public.url("/rebind"))
    assert pinned.ok and pinned.body == FEED and pinned.permanent_redirect == f"http://pinned.test:{public.port}/feed"
    assert rebound.error == (f"redirect to http://rebind.test:{internal.port}/metrics refused: rebind.test "
                             "resolves to 127.0.0.1, a loopback address (the feed's own URL is public)")
    assert rebound.error_kind == ErrorKind.REDIRECT and rebound.permanent_redirect is None
    assert internal.hits("/metrics") == []


def test_address_classes():
    cases = {
        "169.254.169.254": "metadata", "fd00:ec2::254": "metadata", "0.0.0.0": "unspecified",
        "::": "unspecified", "127.0.0.1": "loopback", "127.9.9.9": "loopback", "::1": "loopback",
        "::ffff:127.0.0.1": "loopback", "169.254.1.1": "link-local", "fe80::1": "link-local",
        "10.0.0.1": "private", "172.16.5.4": "private", "192.168.1.1": "private", "fd12:3456::1": "private",
        "::ffff:10.0.0.1": "private", "224.0.0.1": "multicast", "100.64.0.1": "non-global",
        "93.184.216.34": None, "2606:2800:220:1::1": None,
    }
    assert {a: address_class(ipaddress.ip_address(a)) for a in cases} == cases


def test_conditional_get_gives_304_not_modified(server, fetcher):
    url = server.route("/cached", cached(FEED, etag='"abc"', last_modified="Tue, 02 Jan 2024 10:00:00 GMT"))
    first = fetcher.fetch(FetchRequest(url))
    assert first.body == FEED and first.etag == '"abc"' and not first.not_modified
    second = fetcher.fetch(FetchRequest(url, etag=first.etag, last_modified=first.last_modified))
    assert second.ok and second.not_modified and second.body is None and second.status == 304
    assert second.etag == '"abc"' and second.last_modified == "Tue, 02 Jan 2024 10:00:00 GMT"
    sent = server.hits("/cached")[1]
    assert sent["if-none-match"] == '"abc"' and sent["if-modified-since"] == "Tue, 02 Jan 2024 10:00:00 GMT"
    # Last-Modified alone works too
    third = fetcher.fetch(FetchRequest(url, last_modified=first.last_modified))
    assert third.not_modified


def test_429_and_503_carry_retry_after(server, fetcher):
    server.route("/busy", static(b"slow down", 429, {"Retry-After": "120"}))
    when = formatdate(time.time() + 3600, usegmt=True)
    server.route("/down", static(b"maintenance", 503, {"Retry-After": when}))
    server.route("/down-bare", static(b"", 503))
    busy, down, bare = fetcher.fetch_many([server.url("/busy"), server.url("/down"), server.url("/down-bare")])
    assert busy.error_kind == ErrorKind.RATE_LIMITED and busy.retry_after == 120 and busy.status == 429
    assert down.error_kind == ErrorKind.UNAVAILABLE and 3500 < down.retry_after <= 3600
    assert bare.error_kind == ErrorKind.UNAVAILABLE and bare.retry_after is None


def test_retry_after_parsing():
    assert parse_retry_after("0") == 0
    assert parse_retry_after("not a date") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 + 60) == 0  # past: now
    assert parse_retry_after("99999999") == 7 * 86400  # clamped


def test_410_gone_and_other_errors(server, fetcher):
    server.route("/gone", static(b"", 410))
    server.route("/err", static(b"boom", 500))
    gone, err = fetcher.fetch_many([server.url("/gone"), server.url("/err"), ])
    assert gone.gone and gone.error_kind == ErrorKind.GONE and gone.status == 410
    assert not err.gone and err.error_kind == ErrorKind.HTTP and err.status == 500


def test_fetch_many_never_raises(server, fetcher):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]
    reqs = ["http://127.0.0.1:%d/x" % dead_port, "ftp://example.org/feed", "http://[::1", "", server.url("/nope")]
    results = fetcher.fetch_many(reqs)
    assert [r.error_kind for r in results] == [
        ErrorKind.CONNECT, ErrorKind.INVALID_URL, ErrorKind.INVALID_URL, ErrorKind.IO, ErrorKind.HTTP,
    ]
    assert all(r.error for r in results)


def _slow(server, body=FEED, hold=0.3):
    def handler(req):
        server.stop.wait(hold)
        send(req, 200, body)
    return handler


def test_per_host_limit_and_concurrency_across_hosts():
    gauge = ConcurrencyGauge()
    try:
        other = ScriptedServer("127.0.0.2", gauge)
    except OSError:
        platform_lacks("127.0.0.2 as a usable loopback address")
    with ScriptedServer("127.0.0.1", gauge) as one, other as two:
        urls = []
        for srv in (one, two):
            for i in range(6):
                urls.append(srv.route(f"/f{i}", _slow(srv)))
        with Fetcher(per_host=2, max_concurrency=16, trust_env=False) as f:
            results = f.fetch_many(urls)
        assert all(r.ok for r in results)
        assert [r.url for r in results] == urls  # results come back in request order
        assert one.gauge.max_active == 2 and two.gauge.max_active == 2  # never more than 2 per host
        assert gauge.max_active > 2  # but both hosts were served at the same time


def test_global_concurrency_limit(server):
    urls = [server.route(f"/g{i}", _slow(server, hold=0.2)) for i in range(6)]
    with Fetcher(per_host=10, max_concurrency=3, trust_env=False) as f:
        assert all(r.ok for r in f.fetch_many(urls))
    assert server.gauge.max_active == 3


def test_file_urls_and_plain_paths(tmp_path, fetcher):
    plain = tmp_path / "series.csv"
    plain.write_bytes(b"period,value\n2024-01,1\n")
    zipped = tmp_path / "feed.xml"
    zipped.write_bytes(gzip.compress(FEED))
    a = fetcher.fetch(str(plain))
    b = fetcher.fetch(zipped.as_uri())
    assert a.ok and a.body == b"period,value\n2024-01,1\n" and a.etag
    assert b.ok and b.body == FEED  # gzipped on disk, recognised by its magic bytes
    again = fetcher.fetch(FetchRequest(str(plain), etag=a.etag))
    assert again.not_modified and again.body is None
    missing = fetcher.fetch(str(tmp_path / "nope.csv"))
    assert missing.error_kind == ErrorKind.IO and "nope.csv" in missing.error
    remote = fetcher.fetch("file://evil.example.org/etc/passwd")
    assert remote.error_kind == ErrorKind.INVALID_URL


def test_refill_adds_work_while_a_slow_fetch_is_in_flight(server):
    """A poll stuck on one slow feed keeps taking new work: what ``refill``
    returns is fetched and yielded before the slow one answers."""
    gate = threading.Event()

    def held(req):
        gate.wait(10)
        send(req, 200, FEED)

    slow = server.route("/slow", held)
    fast = server.route("/fast", static(FEED))
    later = [server.route(f"/later{i}", static(FEED)) for i in range(3)]
    batches = [[later[0]], later[1:]]
    refills = []

    def refill():
        refills.append(time.monotonic())
        return batches.pop(0) if batches else []

    order = []
    with Fetcher(per_host=4, trust_env=False) as f:
        for idx, res in f.fetch_iter([slow, fast], refill=refill, refill_every=0.05):
            assert res.ok, res.error
            order.append(idx)
            if sorted(order) == [1, 2, 3, 4]:  # the fast one and every refilled one are in (any order):
                gate.set()  # let the slow feed answer
    # indices run on across refills; everything else came back before the slow feed
    assert order.index(0) == len(order) - 1 and sorted(order) == [0, 1, 2, 3, 4]
    assert [h for h in ("/later0", "/later1", "/later2") if not server.hits(h)] == []
    # once refill had nothing more, it was asked again only every refill_every
    assert len(refills) >= 3
    gaps = [b - a for a, b in itertools.pairwise(refills[2:])]
    assert all(g >= 0.04 for g in gaps), gaps


def test_without_refill_fetch_iter_ends_with_its_requests(server, fetcher):
    urls = [server.route(f"/r{i}", static(FEED)) for i in range(3)]
    assert sorted(i for i, _ in fetcher.fetch_iter(urls)) == [0, 1, 2]
