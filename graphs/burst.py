"""Breaking-news bursts: a node named far more often than usual, by many sources at once.

Europe Media Monitor's breaking-news detection, for one graph node: how many items
named the node in the last few hours, across independent sources, against the node's
own trailing baseline. It needs no language: it counts mentions, not words.

The test (:func:`detect`)
    ``counts`` holds, per source, the node's mentions per hour, oldest first, the last
    entry being the current hour. The last ``window_hours`` hours are the *window*; the
    ``baseline_hours`` before them, less a guard band of ``guard_hours`` right before
    the window (EARS C2: the start of a burst must not inflate its own baseline), are
    cut into windows of the same length, whose counts give the usual mean and standard
    deviation. Two statistics:

    * **EARS C2** ``(observed - mean) / max(sd, MIN_SD)``, flagged at :data:`C2_THRESHOLD`
      (3 standard deviations, as in the CDC's Early Aberration Reporting System);
    * **Poisson** the probability of at least ``observed`` items in the window if the
      node kept its usual rate (floored at :data:`MIN_RATE` per hour, so that a node
      never named before still needs several items), flagged below :data:`P_THRESHOLD`.

    A burst needs both, plus at least :data:`MIN_SOURCES` distinct sources in the
    window. Each source counts at most :data:`SOURCE_CAP` items per window, so one feed
    repeating itself (a live blog, a syndicated story re-posted every hour) is not a
    burst. The *score* (0..1) grows with the Poisson surprise: ``-log10(p)`` scaled so
    that p = 1e-3 gives 0.5 and p <= 1e-9 gives 1.

Combining (:func:`boosted`)
    A burst is attention, not a disruption: a derby in Rotterdam bursts too. It raises
    an event's confidence only when the node's items carry disruption cues (the tagger
    found an event for the node in at least one of them). Then the confidence moves
    toward 1 by ``BOOST × score`` of the remaining gap, so that a weak cross-sentence
    event (0.45) named in a burst crosses the alerting threshold and a sure one stays
    sure; without cues the confidence is unchanged. The evidence says why:
    "named in 41 items from 9 sources in 6 h, 12x its usual rate".

Integration (``monitor/burst_stage.py``; the pipeline and the store belong to ``monitor/``)
    * The store keeps a table of mentions, one per ``(node, publisher, story)`` with the
      item's publication time, recorded for every node the tagger finds named in an
      item's title or text (:meth:`graphs.tagger.Tagger.read`), whether or not a
      disruption term pairs with it, so the baseline counts ordinary news too. It lives
      in the database so that every instance of the daemon sees the same counts; rows
      older than the baseline (7 days, the guard band and the window) are pruned.
    * Before alerts are raised, for each pending disruption event at a node named by
      enough publishers in the window, the tag step reads the node's mentions of the
      last ``baseline_hours + guard_hours + window_hours`` hours (:func:`hourly_counts`
      turns them into the series), calls :func:`detect`, and :func:`boosted` with
      ``cues=True`` (the item has an event for the node); the burst's
      :attr:`Burst.evidence` is shown under the item's headline in alerts. Events
      already taken up by the alert step are not re-scored.
    * Everything here is pure: clock and counts are passed in, nothing is read.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

#: Hours of the window in which a burst is looked for.
WINDOW_HOURS = 6
#: Hours of trailing baseline (7 days).
BASELINE_HOURS = 7 * 24
#: Hours between the baseline and the window (EARS C2's two-period guard band).
GUARD_HOURS = 2
#: EARS C2 flag: observed count this many standard deviations above the mean.
C2_THRESHOLD = 3.0
#: Standard deviation floor: a node with a flat baseline must still jump by several items.
MIN_SD = 1.0
#: Poisson flag: the window's count is this unlikely at the usual rate.
P_THRESHOLD = 1e-3
#: Usual rate floor (items per hour): a node never named before needs a few items at once.
MIN_RATE = 0.05
#: Distinct sources a burst needs in the window.
MIN_SOURCES = 3
#: Items one source may contribute to a window (a feed repeating itself is one voice).
SOURCE_CAP = 5
#: Share of the gap to 1 that a full-score burst closes on a cued event's confidence.
BOOST = 0.5


class BurstError(ValueError):
    """Counts that cannot be tested (ragged, negative, or too short for the baseline)."""


@dataclass(frozen=True, slots=True)
class Burst:
    """The test's result for one node at one hour."""

    items: int  # items in the window (each source capped at SOURCE_CAP)
    sources: int  # distinct sources in the window
    window_hours: int
    expected: float  # usual items per window (mean of the baseline windows, floored)
    sd: float  # standard deviation of the baseline windows
    c2: float  # EARS C2 statistic
    p_value: float  # Poisson P(X >= items | expected)
    is_burst: bool
    score: float  # 0..1, 0 when not a burst
    baseline_hours: int

    @property
    def ratio(self) -> float:
        """Observed over usual rate (``expected`` is floored, so this is finite)."""
        return self.items / self.expected

    @property
    def evidence(self) -> str:
        """One line for an alert: "named in 41 items from 9 sources in 6 h, 12x its usual rate"."""
        noun = "item" if self.items == 1 else "items"
        src = "source" if self.sources == 1 else "sources"
        head = f"named in {self.items} {noun} from {self.sources} {src} in {self.window_hours} h"
        if self.sd == 0.0 and self.expected <= MIN_RATE * self.window_hours + 1e-12:
            days = self.baseline_hours // 24
            return f"{head}, none in the previous {days} days"
        return f"{head}, {self.ratio:.0f}x its usual rate"


def detect(
    counts: Mapping[str, Sequence[int]],
    *,
    window_hours: int = WINDOW_HOURS,
    baseline_hours: int = BASELINE_HOURS,
    guard_hours: int = GUARD_HOURS,
) -> Burst:
    """EARS C2 and Poisson test of one node's hourly mention counts per source
    (oldest first, the last entry the current hour; see the module docstring)."""
    if window_hours <= 0 or baseline_hours < window_hours or guard_hours < 0:
        raise BurstError(
            f"window_hours ({window_hours}) must be > 0 and <= baseline_hours ({baseline_hours}); "
            f"guard_hours ({guard_hours}) >= 0"
        )
    need = baseline_hours + guard_hours + window_hours
    lengths = {len(series) for series in counts.values()}
    if len(lengths) > 1:
        raise BurstError(f"every source needs the same number of hours, got {sorted(lengths)}")
    hours = lengths.pop() if lengths else need
    if hours < need:
        raise BurstError(f"{hours} hours of counts, the test needs {need} (baseline + guard + window)")
    for source, series in counts.items():
        if any(c < 0 for c in series):
            raise BurstError(f"negative count for source {source!r}")

    n_windows = baseline_hours // window_hours
    window_end = hours
    window_start = hours - window_hours
    base_end = window_start - guard_hours
    base_start = base_end - n_windows * window_hours

    items = 0
    sources = 0
    per_window = [0.0] * n_windows
    for series in counts.values():
        now = sum(series[window_start:window_end])
        if now > 0:
            sources += 1
            items += min(now, SOURCE_CAP)
        for w in range(n_windows):
            a = base_start + w * window_hours
            per_window[w] += min(sum(series[a : a + window_hours]), SOURCE_CAP)

    mean = sum(per_window) / n_windows if n_windows else 0.0
    var = sum((x - mean) ** 2 for x in per_window) / (n_windows - 1) if n_windows > 1 else 0.0
    sd = math.sqrt(var)
    expected = max(mean, MIN_RATE * window_hours)
    c2 = (items - mean) / max(sd, MIN_SD)
    p = poisson_tail(items, expected)
    is_burst = c2 >= C2_THRESHOLD and p <= P_THRESHOLD and sources >= MIN_SOURCES
    score = _score(p) if is_burst else 0.0
    return Burst(items, sources, window_hours, expected, sd, c2, p, is_burst, score, baseline_hours)


def poisson_tail(k: int, lam: float) -> float:
    """P(X >= k) for X ~ Poisson(lam), computed in log space (no overflow for large k)."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    # 1 - P(X <= k-1); for a far tail sum the upper terms directly (more exact)
    if k > lam:
        log_term = -lam + k * math.log(lam) - math.lgamma(k + 1)
        total = 0.0
        i = k
        term = math.exp(log_term)
        while term > 1e-300 and i < k + 10_000:
            total += term
            i += 1
            term *= lam / i
            if term < total * 1e-17:
                break
        return min(1.0, total)
    cdf = 0.0
    term = math.exp(-lam)
    for i in range(k):
        cdf += term
        term *= lam / (i + 1)
    return max(0.0, 1.0 - cdf)


def _score(p: float) -> float:
    """0.5 at p = P_THRESHOLD (1e-3), 1 at p <= 1e-9, linear in -log10(p) between."""
    surprise = -math.log10(max(p, 1e-300))
    return round(min(1.0, max(0.0, 0.5 + 0.5 * (surprise - 3.0) / 6.0)), 3)


def boosted(confidence: float, burst: Burst, *, cues: bool) -> tuple[float, str | None]:
    """An event's confidence given the node's burst: raised toward 1 by ``BOOST × score``
    of the remaining gap when the node's items carry disruption cues, unchanged otherwise.
    Returns the confidence and the evidence line (``None`` when the burst changed nothing)."""
    if not (0.0 <= confidence <= 1.0):
        raise BurstError(f"confidence {confidence} is not within 0..1")
    if not burst.is_burst or not cues:
        return confidence, None
    raised = confidence + BOOST * burst.score * (1.0 - confidence)
    return round(min(1.0, raised), 3), burst.evidence


def hourly_counts(
    mentions: Iterable[tuple[str, datetime]], *, now: datetime, hours: int
) -> dict[str, list[int]]:
    """``(source, published)`` pairs -> per source, mentions per hour for the ``hours``
    hours up to ``now`` (the last entry is the hour ending at ``now``); older or future
    mentions are left out. ``now`` is passed in: no clock is read here."""
    if hours <= 0:
        raise BurstError(f"hours must be > 0, got {hours}")
    start = now - timedelta(hours=hours)
    out: dict[str, list[int]] = {}
    for source, when in mentions:
        if (when.tzinfo is None) != (now.tzinfo is None):
            raise BurstError(f"mention of {source!r} at {when.isoformat()}: mix of naive and aware times")
        if not (start < when <= now):
            continue
        # hour i is (start + i h, start + (i + 1) h]: an item on a boundary ends its hour
        idx = math.ceil((when - start) / timedelta(hours=1)) - 1
        series = out.setdefault(source, [0] * hours)
        series[idx] += 1
    return out
