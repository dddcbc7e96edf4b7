"""Trade files as published: dates, number formats, flags, wide tables, several series, gaps, no data.

Real files from tests/data/trade where the case occurs there; small literal files for the rest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from feeds.trade import TradeFormatError, detect, parse_series, regularise, walk
from feeds.types import TradeSource
from tests.helpers_service import GRAPH, cli

DATA = Path(__file__).parent / "data" / "trade"
LLOYDS = DATA / "bab-el-mandeb-weekly-lloyds-2023-24.csv"
COMEXT = DATA / "comext-imports-world-2023-25.csv"


def src(**kw) -> TradeSource:
    return TradeSource(**{"name": "s", "url": "x", "target": "t", **kw})


def values(series) -> list[tuple[str, float]]:
    return [(o.period, o.value) for o in series.observations]


def test_day_first_dates_are_an_error_that_names_the_format_and_read_with_date_format():
    body = LLOYDS.read_bytes()  # Lloyd's List weekly counts: "06/11/2023" ... "04/03/2024"
    with pytest.raises(TradeFormatError, match=r"no usable observation in 18 rows.*date_format: '%d/%m/%Y'"):
        parse_series(body, src(time="Dates", value="Containership"))
    series = parse_series(body, src(time="Dates", value="Containership", date_format="%d/%m/%Y"))
    assert values(series)[:2] == [("2023-11-06", 130), ("2023-11-13", 156)] and len(series.observations) == 18
    assert series.problems == [] and regularise(series.observations).frequency == "weekly"
    _, signals = detect(series.observations, src(time="Dates", value="Containership", date_format="%d/%m/%Y"))
    assert [s.kind for s in signals] == ["drop", "ongoing"] and signals[0].period == "2023-12-25"


def test_month_formats_read_as_months():
    body = b"month;value\n03.2024;10\n04.2024;11\n"
    series = parse_series(body, src(time="month", date_format="%m.%Y"))
    assert values(series) == [("2024-03", 10), ("2024-04", 11)]
    with pytest.raises(TradeFormatError, match="does not match date_format"):
        parse_series(body, src(time="month", date_format="%Y-%m"))


@pytest.mark.parametrize("cell, decimal, thousands, expected", [
    ('"119,000"', None, None, 119000.0),
    ("119.000", None, None, 119000.0),
    ('"119,000"', ",", ".", 119.0),
    ("119.000", ".", ",", 119.0),
])
def test_d_ddd_is_read_as_thousands_with_a_warning_unless_the_settings_say(cell, decimal, thousands, expected):
    body = f"period,value\n2024-01,{cell}\n2024-02,120\n".encode()
    series = parse_series(body, src(decimal=decimal, thousands=thousands))
    assert series.observations[0].value == expected
    warnings = [p for p in series.problems if p.level == "warning"]
    if decimal is None:
        (w,) = warnings
        assert w.line == 2 and "thousands separator" in w.message and "set decimal" in w.message
    else:
        assert warnings == []


def test_a_file_that_shows_its_decimal_separator_reads_every_value_without_a_warning():
    body = 'period;value\n2024-01;"1.234,5"\n2024-02;119.000\n2024-03;"17,25"\n'.encode()
    series = parse_series(body, src())
    assert values(series) == [("2024-01", 1234.5), ("2024-02", 119000.0), ("2024-03", 17.25)]
    assert series.problems == []
    body = b"period,value\n2024-01,4031132.0\n2024-02,\"1,234\"\n"  # Comext writes 4031132.0
    assert values(parse_series(body, src())) == [("2024-01", 4031132.0), ("2024-02", 1234.0)]


def test_numbers_written_both_ways_are_read_by_the_majority_with_a_warning():
    body = b'period;value\n2024-01;"1234,5"\n2024-02;"17,25"\n2024-03;1.5\n'
    series = parse_series(body, src())
    assert [o.value for o in series.observations] == [1234.5, 17.25, 15.0]
    (w,) = [p for p in series.problems if p.level == "warning"]
    assert "both '.' and ','" in w.message and "set decimal" in w.message
    assert [o.value for o in parse_series(body, src(decimal=".", thousands=",")).observations][2] == 1.5


def test_flags_are_stripped_and_kept_and_colon_is_missing():
    body = (b"period,value,OBS_FLAG\n2024-01,119000 p,\n2024-02,118500e,\n2024-03,:,c\n2024-04,: c,\n"
            b"2024-05,117000,p\n2024-06,12x0,\n")
    series = parse_series(body, src())
    assert [(o.period, o.value, o.flag) for o in series.observations] == [
        ("2024-01", 119000, "p"), ("2024-02", 118500, "e"), ("2024-05", 117000, "p")]
    assert [(p.line, p.field) for p in series.problems if p.level == "error"] == [(7, "value")]


EUROSTAT_TSV = (
    "freq,unit,partner,geo\\TIME_PERIOD\t2024-01 \t2024-02 \t2024-03 \t2024-04 \n"
    "M,MIO_EUR,WORLD,DE\t100.5 \t98.1 p\t:\t97.0 e\n"
    "M,MIO_EUR,WORLD,FR\t50.0 \t51.2 \t49.9 \t48.0 \n"
).encode()


def test_wide_table_reads_one_row_and_names_the_columns_that_vary_otherwise():
    series = parse_series(EUROSTAT_TSV, src(time="TIME_PERIOD", filters=(("geo", "DE"),)))
    assert series.layout == "wide" and series.units == ("MIO_EUR",)
    assert [(o.period, o.value, o.flag) for o in series.observations] == [
        ("2024-01", 100.5, ""), ("2024-02", 98.1, "p"), ("2024-04", 97.0, "e")]
    with pytest.raises(TradeFormatError, match=r"2 series \(geo \(2 values\) vary\).*filters: \{geo: DE\}"):
        parse_series(EUROSTAT_TSV, src(time="TIME_PERIOD"))


def test_several_series_without_filters_is_an_error_with_suggested_filters():
    body = COMEXT.read_bytes()  # 54 series: 27 reporters x 2 products
    with pytest.raises(TradeFormatError) as exc:
        parse_series(body, src(time="TIME_PERIOD", value="OBS_VALUE"))
    text = str(exc.value)
    assert "54 series" in text and "reporter (27 values)" in text and "product (2 values)" in text
    assert "filters: {reporter: AT, product: 39204910}" in text
    with pytest.raises(TradeFormatError, match="27 series"):
        parse_series(body, src(time="TIME_PERIOD", value="OBS_VALUE", filters=(("product", "39204910"),)))
    with pytest.raises(TradeFormatError, match=r"filters \{'reporter': 'XX'\} match none of the 1903 rows"):
        parse_series(body, src(time="TIME_PERIOD", value="OBS_VALUE", filters=(("reporter", "XX"),)))


def test_months_comext_leaves_out_are_gaps_missing_or_zero():
    cy = src(time="TIME_PERIOD", value="OBS_VALUE", filters=(("reporter", "CY"), ("product", "48114900")))
    series = parse_series(COMEXT.read_bytes(), cy)
    reg = regularise(series.observations)
    assert reg.frequency == "monthly" and len(series.observations) == 30
    missing = sum(n for _, n in reg.gaps)
    assert missing == 36 - 30 - (1 if series.observations[-1].period < "2025-12" else 0) and reg.gaps
    assert len(reg.slots) == len(series.observations) + missing
    # flagged where the log shows it, unless the source says the left-out months are zeros
    (w,) = [p for p in series.problems if p.level == "warning"]
    assert f"{missing} period(s) missing" in w.message and "gaps: zero" in w.message and w.line > 1
    zero_src = TradeSource(**{**_fields(cy), "gaps": "zero"})
    assert parse_series(COMEXT.read_bytes(), zero_src).problems == []
    # as missing, the walk judges 30 months at most; as zero trade, the left-out months are judged too
    judged = {s.period for s in walk(series.observations, cy).steps}
    zero = {s.period: s.value for s in walk(series.observations, TradeSource(**{**_fields(cy), "gaps": "zero"})).steps}
    assert len(judged) == 30 and len(zero) == 30 + missing
    assert all(zero[p] == 0.0 for p in zero if p not in judged)


def _fields(s: TradeSource) -> dict:
    return {f: getattr(s, f) for f in s.__dataclass_fields__}


def test_an_empty_file_or_one_without_rows_is_an_error():
    with pytest.raises(TradeFormatError, match="no header"):
        parse_series(b"", src())
    with pytest.raises(TradeFormatError, match="no rows"):
        parse_series(b"period,value\n", src())
    with pytest.raises(TradeFormatError, match="empty"):
        parse_series(b"[]", src(format="json"))


def test_unreadable_sources_are_feed_errors_in_feeds_list_and_status(tmp_path):
    """run --once over real files: day-first dates and a multi-series SDMX-CSV are errors, never ok."""
    cfg = tmp_path / "config"
    (cfg / "graph").mkdir(parents=True)
    (cfg / "graph" / "test.yaml").write_text(GRAPH)
    feeds = [
        {"name": "Lloyds", "url": str(LLOYDS), "time": "Dates", "value": "Containership", "target": "port-testhaven"},
        {"name": "Comext all", "url": str(COMEXT), "time": "TIME_PERIOD", "value": "OBS_VALUE",
         "target": "port-testhaven"},
        {"name": "Comext DE", "url": str(COMEXT), "time": "TIME_PERIOD", "value": "OBS_VALUE",
         "target": "port-testhaven", "filters": {"reporter": "DE", "product": "39204910"}, "gaps": "zero"},
    ]
    (cfg / "feeds.yaml").write_text("trade:\n" + "".join(f"  - {json.dumps(f)}\n" for f in feeds))
    (cfg / "monitor.yaml").write_text("alerts: {group_wait: 0s}\n")
    db = tmp_path / "monitor.db"
    res = cli(cfg, db, "run", "--once", "--no-alerts")
    assert res.returncode == 0, res.stderr
    rows = {r["name"]: r for r in json.loads(cli(cfg, db, "feeds", "list", "--json").stdout)}
    assert rows["Comext DE"]["error_count"] == 0 and rows["Comext DE"]["last_error"] is None
    assert rows["Lloyds"]["error_count"] == 1 and "date_format: '%d/%m/%Y'" in rows["Lloyds"]["last_error"]
    assert rows["Comext all"]["error_count"] == 1 and "54 series" in rows["Comext all"]["last_error"]
    status = json.loads(cli(cfg, db, "status", "--json").stdout)
    assert sorted(f["name"] for f in status["feeds"]["failing_feeds"]) == ["Comext all", "Lloyds"]


@pytest.mark.parametrize("period", ["2024", "2024-03", "2024-Q1", "2024-S2", "2024-W05", "2024-03-15"])
def test_a_filled_gap_is_named_like_the_periods_around_it(period):
    # the label of a zero-filled gap is the inverse of the key the series was read with
    from feeds._trade_periods import period_key, period_label

    key = period_key(period)
    assert key is not None and period_label(key) == period
