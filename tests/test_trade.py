"""feeds.trade: CSV/SDMX-CSV/JSON series, bad rows, drop detection with persistence and hysteresis."""

from __future__ import annotations

import json

import pytest

from feeds.http import Fetcher
from feeds.trade import (
    TradeFormatError,
    TradeState,
    detect,
    merge_observations,
    parse_series,
    period_key,
)
from feeds.types import Observation, TradeSource
from tests.helpers_feeds import ScriptedServer, cached

SRC = TradeSource(name="Rotterdam TEU", url="x", target="port-rotterdam", time="period", value="teu",
                  drop=0.3, baseline=6, persist=2)

SDMX = b"""DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE,OBS_FLAG
ESTAT:DS-045409(1.0),15/03/24 11:00:00,M,DE,CN,8541,1,VALUE_IN_EUROS,2023-01,1200,
ESTAT:DS-045409(1.0),15/03/24 11:00:00,M,DE,CN,8541,1,VALUE_IN_EUROS,2023-02,1180,
ESTAT:DS-045409(1.0),15/03/24 11:00:00,M,DE,CN,8541,2,VALUE_IN_EUROS,2023-01,999999,
ESTAT:DS-045409(1.0),15/03/24 11:00:00,M,DE,US,8541,1,VALUE_IN_EUROS,2023-01,5,
ESTAT:DS-045409(1.0),15/03/24 11:00:00,M,DE,CN,8541,1,VALUE_IN_EUROS,2023-03,:,c
ESTAT:DS-045409(1.0),15/03/24 11:00:00,M,DE,CN,8541,1,VALUE_IN_EUROS,2023-04,12x0,
ESTAT:DS-045409(1.0),15/03/24 11:00:00,M,DE,CN,8541,1,VALUE_IN_EUROS,2023-13,1000,
ESTAT:DS-045409(1.0),15/03/24 11:00:00,M,DE,CN,8541,1,VALUE_IN_EUROS,2023-05,1150,p
"""


def obs(values, start_year=2022):
    return [Observation(f"{start_year + i // 12}-{i % 12 + 1:02d}", float(v)) for i, v in enumerate(values)]


def test_sdmx_csv_with_filters_selects_one_series_and_reports_bad_rows():
    src = TradeSource(name="DE imports of PV cells from CN", url="x", target="de-solar", time="TIME_PERIOD",
                      value="OBS_VALUE", filters=(("partner", "CN"), ("flow", "1")))
    series = parse_series(SDMX, src)
    assert [(o.period, o.value) for o in series.observations] == [
        ("2023-01", 1200), ("2023-02", 1180), ("2023-05", 1150)]
    # ":" (confidential) is a missing value, not an error; the bad number and month are reported
    errors = [p for p in series.problems if p.level == "error"]
    assert [(p.line, p.field) for p in errors] == [(7, "OBS_VALUE"), (8, "TIME_PERIOD")]
    assert "12x0" in str(errors[0]) and "line 7" in str(errors[0])
    # March and April are left out: flagged, not silently compared across
    (gap,) = [p for p in series.problems if p.level == "warning"]
    assert gap.line == 3 and "2 period(s) missing" in gap.message


def test_csv_semicolon_decimal_comma_unsorted_and_duplicate_period():
    body = "period;teu\n2024-03;1.234,5\n2024-01;1000\n\n2024-02;1100,0\n2024-01;1010\n".encode()
    series = parse_series(body, SRC)
    assert [(o.period, o.value) for o in series.observations] == [
        ("2024-01", 1010), ("2024-02", 1100), ("2024-03", 1234.5)]
    assert len(series.problems) == 1 and "again" in series.problems[0].message


def test_missing_column_is_fatal_with_a_suggestion():
    with pytest.raises(TradeFormatError, match=r"'teus'.*did you mean 'teu'"):
        parse_series(b"period,teu\n2024-01,1\n", TradeSource(name="x", url="x", target="t", value="teus"))


def test_json_list_and_data_object_with_dotted_paths():
    src = TradeSource(name="j", url="x", target="t", format="json", time="attributes.period", value="attributes.v")
    rows = [{"attributes": {"period": "2024-Q2", "v": 3}}, {"attributes": {"period": "2024-Q1", "v": "2.5"}},
            {"attributes": {"period": "2024-Q3"}}, {"attributes": {"period": "2024-Q4", "v": "n/a"}},
            {"attributes": {"period": "2024-Q5", "v": 1}}]
    for body in (json.dumps(rows), json.dumps({"data": rows})):
        series = parse_series(body.encode(), src)
        assert [(o.period, o.value) for o in series.observations] == [("2024-Q1", 2.5), ("2024-Q2", 3.0)]
        assert [(p.line, p.field) for p in series.problems] == [(3, "attributes.v"), (5, "attributes.period")]
    with pytest.raises(TradeFormatError):
        parse_series(b"{not json", src)
    with pytest.raises(TradeFormatError, match="did you mean"):
        parse_series(json.dumps([{"attributes": {"period": "2024-Q1"}, "x": 1}]).encode(),
                     TradeSource(name="j", url="x", target="t", format="json", time="atributes.period",
                                 value="x"))


def test_period_keys_sort_and_align_seasons():
    assert period_key("2024-03") == period_key("2024M03") == (2024, "M", 3, 0)
    assert period_key("2024-Q1") < period_key("2024-Q2") < period_key("2025-Q1")
    assert period_key("2024-W05")[1:] == period_key("2023-W05")[1:]
    assert period_key("2024-02-30") is not None and period_key("2024-13") is None and period_key("soon") is None


def test_drop_needs_persist_periods_and_resolves_with_hysteresis():
    values = [100, 102, 98, 101, 99, 100,  # baseline 100
              60,  # one low month: not yet
              95,  # back: streak broken, no signal
              65, 62,  # two consecutive lows: drop at the second
              80,  # above the low line but not back halfway: still a drop (ongoing)
              90, 88,  # twice back at least halfway (>= 85): recovered at the second (persist on recovery)
              100]
    state, reported = None, []
    for n in range(1, len(values) + 1):
        state, signals = detect(obs(values[:n]), SRC, state)
        reported += [(s.kind, s.period, s.value) for s in signals]
    assert reported == [("drop", "2022-10", 62.0), ("ongoing", "2022-11", 80.0), ("ongoing", "2022-12", 90.0),
                        ("recovered", "2023-01", 88.0)]
    assert state.status == "normal"


def test_one_noisy_value_back_in_band_does_not_resolve_a_drop():
    values = [100, 102, 98, 101, 99, 100, 50, 45, 92, 40, 38]
    state, reported = None, []
    for n in range(1, len(values) + 1):
        state, signals = detect(obs(values[:n]), SRC, state)
        reported += [s.kind for s in signals]
    assert reported == ["drop", "ongoing", "ongoing", "ongoing"] and state.status == "drop"


def test_drop_signal_carries_evidence():
    state, signals = detect(obs([100] * 6 + [50, 40]), SRC)
    (sig,) = signals
    assert sig.kind == "drop" and sig.target == "port-rotterdam" and sig.source == "Rotterdam TEU"
    assert sig.change == pytest.approx(-0.6) and sig.series[-1] == Observation("2022-08", 40.0)
    assert state.status == "drop" and state.since == "2022-08"
    # polling again with the same series says nothing new
    assert detect(obs([100] * 6 + [50, 40]), SRC, state)[1] == []
    # the state round-trips through a plain dict (the store keeps it as JSON)
    assert TradeState.from_dict(state.to_dict()) == state


def test_long_drop_keeps_its_baseline():
    """Low values do not drag the baseline down: a long slump stays a drop, refreshed each period."""
    state, signals = detect(obs([100] * 6 + [50] * 12), SRC)
    assert state.status == "drop" and [s.kind for s in signals] == ["drop", "ongoing"]
    assert signals[1].baseline == 100 and signals[1].periods == 10 and signals[1].since == "2022-08"


def test_revision_that_erases_the_drop_resolves_it():
    state, _ = detect(obs([100] * 6 + [50, 40]), SRC)
    revised = merge_observations(obs([100] * 6 + [50, 40]), [Observation("2022-08", 98.0)])
    assert revised[-1] == Observation("2022-08", 98.0) and len(revised) == 8
    new_state, signals = detect(revised, SRC, state)
    assert new_state.status == "normal" and [s.kind for s in signals] == ["recovered"]


def test_seasonal_factor_learnt_after_a_year():
    src = TradeSource(name="s", url="x", target="t", drop=0.3, baseline=6, persist=1)
    # a deep dip every August and December: a plain trailing baseline would call each one a drop
    year = [100, 104, 98, 101, 99, 103, 100, 40, 102, 97, 101, 45]
    plain = TradeSource(name="s", url="x", target="t", drop=0.3, baseline=6, persist=1, seasonal=False)
    assert detect(obs(year * 3), plain)[1] != []
    state, signals = detect(obs(year * 3), src)
    # the first year's dips are judged before any seasonality is known; later years' are expected
    assert all(s.period < "2023" for s in signals if s.kind == "drop"), signals
    _, signals = detect(obs(year * 3 + [100] * 7 + [5]), src)  # an August far below earlier Augusts
    assert [(s.kind, s.period) for s in signals if s.kind == "drop"][-1] == ("drop", "2025-08")


def test_min_value_ignores_tiny_observations():
    src = TradeSource(name="s", url="x", target="t", drop=0.3, baseline=3, persist=1, min_value=10)
    state, signals = detect(obs([100, 100, 100, 0, 0, 100]), src)
    assert signals == [] and state.status == "normal"


def test_not_enough_history_means_no_judgement():
    assert detect(obs([100, 10, 10]), SRC)[1] == []


def test_series_over_http_and_from_file(tmp_path):
    body = b"period,teu\n" + b"".join(f"2024-{m:02d},{v}\n".encode() for m, v in
                                      zip(range(1, 10), [100] * 6 + [60, 50, 40]))
    path = tmp_path / "teu.csv"
    path.write_bytes(body)
    with ScriptedServer() as srv, Fetcher(trust_env=False) as f:
        url = srv.route("/teu.csv", cached(body, content_type="text/csv"))
        for location in (url, str(path), path.as_uri()):
            res = f.fetch(location)
            series = parse_series(res.body, SRC)
            _, signals = detect(series.observations, SRC)
            assert [(s.kind, s.period) for s in signals] == [("drop", "2024-08"), ("ongoing", "2024-09")]
