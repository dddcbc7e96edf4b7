"""Breaking-news bursts (graphs/burst.py): EARS C2 + Poisson per node, and how a burst
raises an event's confidence. Counts are built by hand; the clock is passed in."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import pytest

from graphs.burst import (
    BASELINE_HOURS,
    GUARD_HOURS,
    WINDOW_HOURS,
    BurstError,
    boosted,
    detect,
    hourly_counts,
    poisson_tail,
)
from graphs.tagger import DEFAULT_MIN_CONFIDENCE

HOURS = BASELINE_HOURS + GUARD_HOURS + WINDOW_HOURS


def quiet(sources: int = 12, every: int = 40) -> dict[str, list[int]]:
    """A node named now and then: each source names it once every ``every`` hours, staggered."""
    return {f"src{i}": [1 if (h + 7 * i) % every == 0 else 0 for h in range(HOURS)] for i in range(sources)}


def surge(counts: dict[str, list[int]], sources: int, per_source: int, hours: int = WINDOW_HOURS) -> None:
    """``per_source`` items from each of ``sources`` sources, spread over the last ``hours`` hours."""
    for i in range(sources):
        series = counts.setdefault(f"src{i}", [0] * HOURS)
        for k in range(per_source):
            series[HOURS - 1 - (k % hours)] += 1


def test_a_quiet_node_named_by_nine_sources_at_once_bursts_with_a_readable_reason():
    # usually named once every six hours (by one of four sources), never in the last 8 hours
    base_end = HOURS - WINDOW_HOURS - GUARD_HOURS
    counts = {f"src{i}": [0] * HOURS for i in range(4)}
    for h in range(base_end - BASELINE_HOURS, base_end, WINDOW_HOURS):
        counts[f"src{(h // WINDOW_HOURS) % 4}"][h] = 1
    assert not detect(counts).is_burst
    surge(counts, sources=9, per_source=4)
    b = detect(counts)
    assert b.is_burst and b.sources == 9 and b.items == 36 and b.expected == 1.0
    assert b.c2 > 3 and b.p_value < 1e-6 and b.score > 0.5
    assert b.evidence == "named in 36 items from 9 sources in 6 h, 36x its usual rate"


def test_the_usual_chatter_is_no_burst():
    b = detect(quiet())
    assert not b.is_burst and b.score == 0.0


def test_one_feed_repeating_itself_is_no_burst():
    counts = quiet()
    counts["liveblog"] = [0] * HOURS
    counts["liveblog"][-6:] = [8, 8, 8, 8, 8, 8]  # 48 posts from one source
    b = detect(counts)
    assert not b.is_burst
    # ... but the same volume from many sources is
    counts = quiet()
    surge(counts, sources=12, per_source=4)
    assert detect(counts).is_burst


def test_a_busy_node_needs_more_than_its_daily_volume():
    # Rotterdam-like: every source names it every other hour
    busy = {f"src{i}": [1 if (h + i) % 2 == 0 else 0 for h in range(HOURS)] for i in range(10)}
    assert not detect(busy).is_burst
    surge(busy, sources=10, per_source=1)  # a bit more than usual
    assert not detect(busy).is_burst
    busy = {f"src{i}": [1 if (h + i) % 2 == 0 else 0 for h in range(HOURS)] for i in range(10)}
    for i in range(10, 30):  # twenty more outlets pick the story up
        busy[f"src{i}"] = [0] * HOURS
        busy[f"src{i}"][-3:] = [1, 1, 1]
    assert detect(busy).is_burst


def test_a_node_never_named_before_needs_three_sources():
    counts = {f"src{i}": [0] * HOURS for i in range(5)}
    counts["src0"][-1] = 2
    counts["src1"][-2] = 1
    assert not detect(counts).is_burst  # two sources
    counts["src2"][-3] = 2
    b = detect(counts)
    assert b.is_burst
    assert b.evidence == "named in 5 items from 3 sources in 6 h, none in the previous 7 days"


def test_the_guard_band_keeps_a_burst_from_raising_its_own_baseline():
    counts = quiet()
    before = detect(counts).expected
    for series in counts.values():
        series[HOURS - WINDOW_HOURS - 1] += 3  # the story broke just before the window
    assert detect(counts).expected == pytest.approx(before)


def test_a_burst_with_disruption_cues_raises_a_weak_event_over_the_threshold():
    counts = quiet()
    surge(counts, sources=9, per_source=4)
    b = detect(counts)
    conf, why = boosted(0.45, b, cues=True)
    assert conf >= DEFAULT_MIN_CONFIDENCE and why == b.evidence
    # a sure event stays at most 1, a burst without cues (a derby, a celebrity) changes nothing
    assert boosted(0.95, b, cues=True)[0] <= 1.0
    assert boosted(0.45, b, cues=False) == (0.45, None)
    assert boosted(0.45, detect(quiet()), cues=True) == (0.45, None)
    with pytest.raises(BurstError, match="confidence 1.5"):
        boosted(1.5, b, cues=True)


def test_poisson_tail_matches_the_direct_sum_and_survives_large_counts():
    for k, lam in [(1, 0.3), (3, 3.0), (5, 1.2), (12, 4.0), (2, 9.0)]:
        direct = 1.0 - sum(math.exp(-lam) * lam**i / math.factorial(i) for i in range(k))
        assert poisson_tail(k, lam) == pytest.approx(direct, rel=1e-9, abs=1e-15)
    assert poisson_tail(0, 2.0) == 1.0
    assert poisson_tail(2000, 3.0) < 1e-300  # no overflow, no error
    assert poisson_tail(41, 3.4) < 1e-25


def test_bad_counts_are_refused_with_the_reason():
    counts = quiet()
    counts["short"] = [0] * 10
    with pytest.raises(BurstError, match="same number of hours"):
        detect(counts)
    with pytest.raises(BurstError, match="needs 176"):
        detect({"a": [0] * 20})
    with pytest.raises(BurstError, match="negative count for source 'a'"):
        detect({"a": [-1] * HOURS})


def test_hourly_counts_buckets_timestamps_up_to_an_injected_now():
    now = datetime(2024, 1, 6, 12, 0, tzinfo=timezone.utc)
    mentions = [
        ("nhk", now),  # ends the last hour
        ("nhk", now - timedelta(minutes=30)),
        ("kyodo", now - timedelta(hours=1)),  # on a boundary: ends the hour before
        ("kyodo", now - timedelta(hours=2, minutes=59)),
        ("kyodo", now - timedelta(hours=3)),  # the start of the range: left out
        ("kyodo", now + timedelta(minutes=1)),  # the future: left out
    ]
    assert hourly_counts(mentions, now=now, hours=3) == {"nhk": [0, 0, 2], "kyodo": [1, 1, 0]}
    with pytest.raises(BurstError, match="naive and aware"):
        hourly_counts([("nhk", datetime(2024, 1, 6, 11))], now=now, hours=3)
