"""feeds.health: backoff with jitter, parking with one notice, 410, Retry-After, recovery."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from feeds.health import FeedHealth, HealthPolicy, next_state
from feeds.http import FetchResult, Fetcher
from tests.helpers_feeds import ScriptedServer, rss, send

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
OK = FetchResult(url="u", final_url="u", status=200, body=b"<rss/>")
NOT_MODIFIED = FetchResult(url="u", final_url="u", status=304, not_modified=True)
ERR = FetchResult(url="u", final_url="u", status=500, error="HTTP 500", error_kind="http")
TIMEOUT = FetchResult(url="u", final_url="u", error="timed out", error_kind="timeout")
GONE = FetchResult(url="u", final_url="u", status=410, gone=True, error="HTTP 410 Gone", error_kind="gone")


def mid(): return 0.5  # jitter factor exactly 1.0


def delay(state: FeedHealth, now=NOW) -> float:
    return (state.next_poll - now).total_seconds()


def test_success_schedules_next_poll_one_interval_later():
    st = next_state(FeedHealth(), OK, NOW, 900)
    assert st.error_count == 0 and st.last_status == "200" and st.last_error is None
    assert delay(st) == 900 and not st.parked and st.notify is None
    assert next_state(st, NOT_MODIFIED, NOW, 900).last_status == "304"


def test_exponential_backoff_doubles_and_is_capped():
    st, delays = FeedHealth(), []
    for _ in range(8):
        st = next_state(st, ERR, NOW, 900, rand=mid)
        delays.append(delay(st))
    assert delays[:7] == [300, 600, 1200, 2400, 4800, 9600, 19200]
    assert delays[7] == 6 * 3600  # max_backoff
    assert st.error_count == 8 and st.last_error == "HTTP 500" and st.last_status == "500"


def test_jitter_spreads_retries_within_bounds():
    lo = next_state(FeedHealth(), ERR, NOW, 900, rand=lambda: 0.0)
    hi = next_state(FeedHealth(), ERR, NOW, 900, rand=lambda: 0.999999)
    assert delay(lo) == pytest.approx(240) and delay(hi) == pytest.approx(360, rel=1e-4)


def test_short_interval_feeds_back_off_from_their_interval():
    st = next_state(FeedHealth(), TIMEOUT, NOW, 60, rand=mid)
    assert delay(st) == 60 and st.last_status == "timeout"


def test_parking_after_n_errors_notifies_once_and_retries_daily():
    st = FeedHealth()
    notices = []
    for _ in range(13):
        st = next_state(st, ERR, NOW, 900, rand=mid)
        notices.append(st.notify)
    assert notices.count("parked") == 1 and notices[9] == "parked"  # the 10th consecutive error
    assert st.parked and st.error_count == 13
    assert 0.9 * 86400 <= delay(st) <= 1.1 * 86400
    back = next_state(st, OK, NOW, 900)
    assert not back.parked and back.error_count == 0 and back.notify == "recovered"
    assert next_state(back, OK, NOW, 900).notify is None


def test_custom_park_threshold():
    st = FeedHealth()
    for _ in range(3):
        st = next_state(st, ERR, NOW, 900, policy=HealthPolicy(park_after=3))
    assert st.parked and st.notify == "parked"


def test_410_disables_with_a_reason():
    st = next_state(FeedHealth(error_count=2), GONE, NOW, 900)
    assert st.disabled_reason and "410" in st.disabled_reason and st.next_poll is None
    assert st.notify == "disabled"
    assert next_state(st, GONE, NOW, 900).notify is None  # said once


def test_retry_after_is_honoured_as_a_lower_bound():
    limited = FetchResult(url="u", final_url="u", status=429, error="HTTP 429", error_kind="rate_limited",
                          retry_after=7200)
    st = next_state(FeedHealth(), limited, NOW, 900, rand=mid)
    assert delay(st) == 7200
    short = FetchResult(url="u", final_url="u", status=503, error="HTTP 503", error_kind="unavailable",
                        retry_after=5)
    assert delay(next_state(FeedHealth(), short, NOW, 900, rand=mid)) == 300  # backoff is longer


def test_parse_error_counts_as_an_error():
    st = next_state(FeedHealth(), OK, NOW, 900, parse_error="not a feed: HTML page", rand=mid)
    assert st.error_count == 1 and st.last_error == "not a feed: HTML page"


def test_backoff_and_parking_sequence_against_a_real_failing_server():
    """A server that fails, then rate-limits, then recovers: the health follows it."""
    script = [500] * 9 + [429, 200]
    calls = []

    def flaky(req):
        status = script[len(calls)]
        calls.append(status)
        if status == 429:
            send(req, 429, b"", {"Retry-After": "3600"})
        elif status == 200:
            send(req, 200, rss([{"title": "ok", "link": "http://e.org/1"}]))
        else:
            send(req, status, b"err")

    with ScriptedServer() as srv, Fetcher(trust_env=False) as f:
        url = srv.route("/flaky", flaky)
        st, now, seen = FeedHealth(), NOW, []
        for _ in script:
            st = next_state(st, f.fetch(url), now, 900, rand=mid)
            seen.append((st.error_count, st.parked, st.notify))
            now = st.next_poll
    assert seen[8] == (9, False, None)
    assert seen[9] == (10, True, "parked")  # the 429 is the 10th error: parked, one notice
    assert seen[10] == (0, False, "recovered")
    assert len(calls) == len(script)
