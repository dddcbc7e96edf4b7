"""Drop detection on a trade series: a reference that does not chase a decline,
thresholds relative to the series' own noise, hysteresis both ways.

Walking the series in period order (:func:`walk`):

* **reference** — the observations that were *in band*. Baseline = the
  median of the last ``baseline`` of them (None: 28 for daily, 8 weekly, 18
  monthly, 8 quarterly series); spread = 1.4826 × the median absolute
  deviation of at least the frequency's default number of them, and at
  least 5 % of the baseline. Nothing is judged before half a baseline
  window is in the reference (by default 14 daily, 4 weekly, 9 monthly).
* **seasonal** (monthly, quarterly, weekly; automatic once a year of history
  exists unless ``seasonal: false``): the expected value is the baseline ×
  this season's factor, the median ratio value/baseline of the same season
  in earlier years, shrunk towards 1 when few years are known.
* **bands** — *low* below ``expected − max(drop × expected, sigma × spread)``;
  *departing* below ``expected − max(drop/2 × expected, sigma/2 × spread)``.
  Departing and low observations do **not** enter the reference, so a
  gradual fall cannot drag its own baseline down; when a series has been
  out of band for a whole window (at least the frequency's default one)
  without ever being low twice, its new level is accepted as the reference
  (a step change that is not a drop).
* **drop** — ``persist`` low observations without one back in band (a
  departing one pauses the count) open a drop; the expected value and
  spread freeze. Every later observation while it lasts is *ongoing*
  evidence. ``persist`` consecutive observations at or above the departing
  line of the frozen reference resolve it (**recovered**).
* **gaps** — periods the series skips are missing (judged as nothing, and
  reported), or zero trade when ``gaps: zero`` (Comext omits months
  without trade).
* observations below ``min_value`` are ignored.
"""

from __future__ import annotations

import statistics
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from feeds._trade_periods import Regular, mad_spread, period_label, regularise
from feeds.types import Observation, TradeSignal, TradeSource

_EVIDENCE = 24  # observations attached to a signal
_SPREAD_FLOOR = 0.05  # spread never below 5 % of the baseline


@dataclass(frozen=True, slots=True)
class Step:
    """The verdict on one observation."""

    period: str
    value: float
    expected: float | None  # None: not judged (not enough history)
    low_line: float | None
    status: str  # "warmup" | "normal" | "departing" | "low" | "drop" | "ongoing" | "recovered"


@dataclass(frozen=True, slots=True)
class Episode:
    """One drop: where it was confirmed, against what, and where it ended (None: still open)."""

    confirmed: Step
    expected: float
    low_line: float
    periods: int
    recovered: Step | None


@dataclass(frozen=True, slots=True)
class Walk:
    """Everything :func:`walk` saw: the regular series, the verdict on each observation, the drops."""

    regular: Regular
    steps: tuple[Step, ...]
    episodes: tuple[Episode, ...]


@dataclass(frozen=True, slots=True)
class TradeState:
    """What :func:`detect` remembers between runs (store it as :meth:`to_dict`).

    ``status`` is "normal" or "drop"; ``since`` the period at which the
    current drop was confirmed (the episode's identity); ``baseline`` the
    frozen expected value of that drop; ``last_period`` the last period
    reported (a drop is refreshed once per new observation after it).
    """

    status: str = "normal"
    since: str | None = None
    baseline: float | None = None
    last_period: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> TradeState:
        if not data:
            return cls()
        known: dict[str, Any] = {k: data[k] for k in ("status", "since", "baseline", "last_period")
                                 if data.get(k) is not None}
        return cls(**known)


def _season_factor(ratios: Mapping[Any, list[float]], season: Any) -> float:
    seen = ratios.get(season) or []
    if not seen:
        return 1.0
    n = len(seen)
    factor = 1.0 + (statistics.median(seen) - 1.0) * n / (n + 1.0)
    return min(5.0, max(0.2, factor))


def walk(observations: Iterable[Observation], source: TradeSource) -> Walk:
    """Judge every observation of the series in period order (a pure function of the whole series)."""
    reg = regularise(observations)
    window = source.baseline or reg.default_window
    # judged once half a window is known: the default window, or the analyst's own `baseline`
    min_history = max(4, (source.baseline or reg.default_window) // 2)
    persist = max(1, source.persist)
    settle = max(window, reg.default_window)  # departing this long without a drop: the series has moved
    seasonal_ok = bool(reg.slots) and source.seasonal is not False and reg.season(reg.slots[0][0]) is not None
    # the baseline is the median of the last `window` in-band values; the spread is measured over
    # at least the frequency's default window, so a short baseline does not make the noise estimate noisy
    reference: deque[float] = deque(maxlen=max(window, reg.default_window))
    ratios: dict[Any, list[float]] = {}
    ratio_year: dict[Any, int] = {}
    steps: list[Step] = []
    episodes: list[Episode] = []
    status = "normal"
    low_run = 0
    outside = 0
    out_values: list[float] = []
    frozen: tuple[float, float] | None = None  # expected and departing line at the first low of the streak
    confirmed: Step | None = None
    drop_periods = 0
    back_run = 0
    first_year: int | None = None

    for key, obs in reg.slots:
        if obs is None:
            if source.gaps != "zero":
                continue
            obs = Observation(period_label(key), 0.0)
        if source.min_value is not None and obs.value < source.min_value:
            continue
        v = obs.value
        first_year = key[0] if first_year is None else first_year
        if len(reference) < min_history and status == "normal":
            reference.append(v)
            steps.append(Step(obs.period, v, None, None, "warmup"))
            continue
        recent = list(reference)
        base = statistics.median(recent[-window:])
        spread = max(mad_spread(recent), _SPREAD_FLOOR * abs(base))
        season = reg.season(key) if seasonal_ok else None
        factor = 1.0
        if season is not None and (source.seasonal or key[0] > first_year):
            factor = _season_factor(ratios, season)
        expected, spread_s = base * factor, spread * factor
        low_line = expected - max(source.drop * expected, source.sigma * spread_s)
        warn_line = expected - max(source.drop / 2 * expected, source.sigma / 2 * spread_s)

        if status == "drop":
            assert frozen is not None and confirmed is not None
            f_expected, f_warn = frozen
            drop_periods += 1
            back_run = back_run + 1 if v >= f_warn else 0
            if back_run >= persist:
                step = Step(obs.period, v, f_expected, f_warn, "recovered")
                episodes.append(Episode(confirmed, f_expected, confirmed.low_line or 0.0, drop_periods, step))
                status, frozen, confirmed, low_run, outside, out_values = "normal", None, None, 0, 0, []
            else:
                step = Step(obs.period, v, f_expected, f_warn, "ongoing")
            steps.append(step)
            continue

        if base <= 0:  # nothing to compare against (a series of zeros)
            reference.append(v)
            steps.append(Step(obs.period, v, None, None, "normal"))
            continue
        if season is not None:
            year = key[0]
            if ratio_year.get((season, year)) is None:  # one ratio per season and year
                ratio_year[(season, year)] = 1
                ratios.setdefault(season, []).append(v / base)
        if v < low_line:
            if low_run == 0:
                frozen = (expected, warn_line)
            low_run += 1
            outside += 1
            out_values.append(v)
            if low_run >= persist:
                assert frozen is not None
                confirmed = Step(obs.period, v, frozen[0], low_line, "drop")
                status, drop_periods, back_run = "drop", 0, 0
                steps.append(confirmed)
            else:
                steps.append(Step(obs.period, v, expected, low_line, "low"))
            continue
        if v < warn_line:
            outside += 1
            out_values.append(v)
            steps.append(Step(obs.period, v, expected, low_line, "departing"))
            if outside >= settle:  # out of band this long, never a drop: a new level
                reference.clear()
                reference.extend(out_values[-settle:])
                low_run, outside, out_values = 0, 0, []
            continue
        low_run, outside, out_values, frozen = 0, 0, [], None
        reference.append(v / factor if factor else v)
        steps.append(Step(obs.period, v, expected, low_line, "normal"))

    if status == "drop" and confirmed is not None and frozen is not None:
        episodes.append(Episode(confirmed, frozen[0], confirmed.low_line or 0.0, drop_periods, None))
    return Walk(reg, tuple(steps), tuple(episodes))


def detect(
    observations: Iterable[Observation],
    source: TradeSource,
    previous_state: TradeState | None = None,
) -> tuple[TradeState, list[TradeSignal]]:
    """Judge the whole series; return the new state and the signals not reported before.

    A drop is reported once when confirmed, then once per later observation
    while it lasts (``ongoing``: value, baseline, change and duration as
    fresh evidence), and once when it recovers — or when a revision erases it.
    """
    prev = previous_state or TradeState()
    result = walk(observations, source)
    steps = result.steps
    evidence = tuple(Observation(s.period, s.value) for s in steps[-_EVIDENCE:])
    open_ep = result.episodes[-1] if result.episodes and result.episodes[-1].recovered is None else None
    last = steps[-1] if steps else None
    signals: list[TradeSignal] = []

    def signal(kind: str, step: Step, ep: Episode, periods: int) -> TradeSignal:
        base = ep.expected
        return TradeSignal(
            source=source.name, target=source.target, kind=kind, period=step.period, value=step.value,
            baseline=base, change=(step.value - base) / base if base else 0.0, series=evidence,
            since=ep.confirmed.period, periods=periods, threshold=ep.low_line,
        )

    if prev.status == "drop" and (open_ep is None or open_ep.confirmed.period != prev.since):
        # the reported episode is over: recovered, revised away, or replaced by a new one
        done = next((e for e in reversed(result.episodes) if e.confirmed.period == prev.since), None)
        if done is not None and done.recovered is not None:
            signals.append(signal("recovered", done.recovered, done, done.periods))
        elif last is not None:
            base = prev.baseline or 0.0
            signals.append(TradeSignal(
                source=source.name, target=source.target, kind="recovered", period=last.period, value=last.value,
                baseline=base, change=(last.value - base) / base if base else 0.0, series=evidence,
                since=prev.since or "",
            ))
    if open_ep is not None:
        assert last is not None
        if prev.status != "drop" or prev.since != open_ep.confirmed.period:
            signals.append(signal("drop", open_ep.confirmed, open_ep, 0))
            if last.period != open_ep.confirmed.period:
                signals.append(signal("ongoing", last, open_ep, open_ep.periods))
        elif last.period != prev.last_period:
            signals.append(signal("ongoing", last, open_ep, open_ep.periods))
        state = TradeState("drop", open_ep.confirmed.period, open_ep.expected, last.period)
    else:
        state = TradeState("normal", None, None, last.period if last else None)
    return state, signals


def false_alarms(observations: Iterable[Observation], source: TradeSource) -> tuple[int, float]:
    """Drops the current settings would have raised over the series' own history, and the years judged.

    On a series believed ordinary this is its false-alarm count; per year it
    is what ``monitor feeds check`` shows.
    """
    result = walk(observations, source)
    judged = sum(1 for s in result.steps if s.status != "warmup")
    per_year = result.regular.per_year or 1
    return len(result.episodes), judged / per_year
