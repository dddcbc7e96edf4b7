"""Drop detection on real public series (tests/data/trade/README.md), replayed cut by cut as a daemon sees them.

Default settings throughout: the point is that they hold without tuning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.trade import TradeState, detect, false_alarms, parse_series, walk
from feeds.types import Observation, TradeSignal, TradeSource

DATA = Path(__file__).parent / "data" / "trade"


def series(file: str, time: str, value: str, **settings: object) -> tuple[TradeSource, list[Observation]]:
    src = TradeSource(name=file, url=str(DATA / file), target="t", time=time, value=value, **settings)  # type: ignore[arg-type]
    parsed = parse_series((DATA / file).read_bytes(), src)
    return src, parsed.observations


def replay(src: TradeSource, observations: list[Observation]) -> list[TradeSignal]:
    """Detect after each new observation, carrying the state, as ``monitor run`` does poll after poll."""
    state: TradeState | None = None
    reported: list[TradeSignal] = []
    for n in range(1, len(observations) + 1):
        state, signals = detect(observations[:n], src, state)
        reported += signals
    return reported


def test_gradual_fall_through_bab_el_mandeb_alerts_within_two_weeks_and_stays_open():
    """Red Sea crisis: ~78 transits/day in November 2023, a fall over six weeks from mid-December to ~33/day."""
    src, obs = series("bab-el-mandeb-daily-ais-2023-24.csv", "arrival_date", "transit_per_arrival_day")
    reported = replay(src, obs)
    kinds = [s.kind for s in reported]
    assert kinds.count("drop") == 1 and "recovered" not in kinds
    drop = next(s for s in reported if s.kind == "drop")
    onset = "2023-12-15"  # the first day of the fall (71, then 65, 56, 55 ...)
    assert onset < drop.period <= "2023-12-29", drop  # within two weeks of the onset
    assert drop.baseline > 70  # the pre-crisis level, not a baseline dragged down by the fall
    ongoing = [s for s in reported if s.kind == "ongoing"]
    # every later day refreshes the alert's evidence, so no TTL can close it while the fall lasts
    assert [s.period for s in ongoing] == [o.period for o in obs if o.period > drop.period]
    last = ongoing[-1]
    assert last.period == "2024-03-31" and last.since == drop.period and last.baseline == drop.baseline
    assert last.change < -0.5 and last.periods == len(ongoing)


def test_sharp_closure_of_the_suez_canal_alerts_within_3_observations_and_resolves_within_3_after_reopening():
    """Ever Given: canal blocked 23 March 2021, refloated 29 March; daily transits by arrival day."""
    src, obs = series("suez-canal-daily-ais-2021.csv", "arrival_date", "transit_per_arrival_day")
    reported = replay(src, obs)
    assert [s.kind for s in reported if s.kind != "ongoing"] == ["drop", "recovered"]
    drop, recovered = (s for s in reported if s.kind != "ongoing")
    days = [o.period for o in obs]
    assert 0 < days.index(drop.period) - days.index("2021-03-23") <= 3, drop
    assert 0 < days.index(recovered.period) - days.index("2021-03-29") <= 3, recovered
    # nothing in the ordinary weeks before and after (noisy days such as 17 March's 36 included)
    assert all("2021-03-23" <= s.period <= "2021-04-01" for s in reported)


@pytest.mark.parametrize("column, onset", [("Containership", "2023-12-18"), ("LNG", "2024-01-08")])
def test_weekly_transits_by_vessel_type_alert_within_two_weeks(column, onset):
    src, obs = series("bab-el-mandeb-weekly-ais-2023-24.csv", "arrival_date", column)
    reported = replay(src, obs)
    drop = next(s for s in reported if s.kind == "drop")
    weeks = [o.period for o in obs]
    assert 0 <= weeks.index(drop.period) - weeks.index(onset) <= 2, drop
    assert "recovered" not in [s.kind for s in reported]


def test_ordinary_monthly_imports_raise_at_most_one_false_alarm_per_ten_series_years():
    """54 real Comext import series (two products x EU reporters), no disruption known in 2023-2025."""
    body = (DATA / "comext-imports-world-2023-25.csv").read_bytes()
    reporters = sorted({line.split(b",")[3].decode() for line in body.splitlines()[1:]})
    products = ("39204910", "48114900")
    alarms, years, judged = 0, 0.0, 0
    for product in products:
        for reporter in reporters:
            src = TradeSource(name=f"{product} {reporter}", url="x", target="t", time="TIME_PERIOD",
                              value="OBS_VALUE", gaps="zero",
                              filters=(("reporter", reporter), ("product", product)))
            obs = parse_series(body, src).observations
            if len(obs) < 12:
                continue
            a, y = false_alarms(obs, src)
            alarms, years, judged = alarms + a, years + y, judged + 1
    assert judged >= 50 and years >= 100
    assert alarms <= years / 10, f"{alarms} alarms in {years:.0f} series-years"


def test_the_old_rule_would_have_missed_the_gradual_fall():
    """The trailing median follows a decline down: the walk's reference must not (regression guard)."""
    src, obs = series("bab-el-mandeb-daily-ais-2023-24.csv", "arrival_date", "transit_per_arrival_day")
    steps = walk(obs, src).steps
    expected_in_february = {s.expected for s in steps if s.period.startswith("2024-02")}
    assert min(expected_in_february) > 70  # still the November level, not the February one (~33)


def test_a_short_baseline_still_catches_the_gradual_fall():
    """baseline: 6 (the old README example) shortens the median window, not the noise estimate."""
    src, obs = series("bab-el-mandeb-daily-ais-2023-24.csv", "arrival_date", "transit_per_arrival_day", baseline=6)
    drop = next(s for s in replay(src, obs) if s.kind == "drop")
    assert "2023-12-15" < drop.period <= "2023-12-29" and drop.baseline > 70
