"""`monitor feeds check NAME` on a trade source: what the file holds and what the settings would do."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from feeds.trade import false_alarms, parse_series, sparkline
from feeds.types import TradeSource
from monitor.cli import cli
from tests.helpers_service import GRAPH

DATA = Path(__file__).parent / "data" / "trade"
COMEXT = str(DATA / "comext-imports-world-2023-25.csv")
LLOYDS = str(DATA / "bab-el-mandeb-weekly-lloyds-2023-24.csv")


def _config(tmp_path: Path, feeds: list[dict]) -> Path:
    cfg = tmp_path / "config"
    (cfg / "graph").mkdir(parents=True)
    (cfg / "graph" / "test.yaml").write_text(GRAPH)
    base = {"target": "port-testhaven"}
    (cfg / "feeds.yaml").write_text("trade:\n" + "".join(f"  - {json.dumps({**base, **f})}\n" for f in feeds))
    return cfg


def _check(cfg: Path, name: str, *extra: str):
    res = CliRunner().invoke(cli, ["feeds", "check", name, *extra, "--config", str(cfg)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return json.loads(res.output) if "--json" in extra else res.output


def test_multi_series_file_lists_varying_columns_suggested_filters_and_each_series_alarm_rate(tmp_path):
    cfg = _config(tmp_path, [{"name": "Comext", "url": COMEXT, "time": "TIME_PERIOD", "value": "OBS_VALUE",
                              "gaps": "zero"}])
    report = _check(cfg, "Comext", "--json")
    assert "54 series" in report["error"]
    assert report["varying"] == {"reporter": 27, "product": 2}
    assert report["suggested_filters"] == {"reporter": "AT", "product": "39204910"}
    assert len(report["series"]) == 54 and report["more_series"] == 0
    de = next(s for s in report["series"] if s["key"] == {"reporter": "DE", "product": "39204910"})
    assert (de["first"], de["last"], de["frequency"], de["units"]) == ("2023-01", "2025-11", "monthly", ["VALUE_IN_EUROS"])
    # the rate is the walk's own count over the judged years, with the source's settings
    src = TradeSource(name="x", url=COMEXT, target="t", time="TIME_PERIOD", value="OBS_VALUE", gaps="zero",
                      filters=(("reporter", "DE"), ("product", "39204910")))
    alarms, years = false_alarms(parse_series(Path(COMEXT).read_bytes(), src).observations, src)
    assert (de["alarms"], de["years"]) == (alarms, round(years, 2))
    total = sum(s["alarms"] for s in report["series"])
    assert total <= sum(s["years"] for s in report["series"]) / 10  # defaults: <= 1 per 10 series-years
    cy = next(s for s in report["series"] if s["key"] == {"reporter": "CY", "product": "48114900"})
    assert cy["gaps"] >= 4  # Comext leaves out months without trade
    text = _check(cfg, "Comext")
    assert "columns that vary: reporter (27 values), product (2 values)" in text
    assert "54 series; pick one with filters: {reporter: AT, product: 39204910}" in text
    assert "reporter=DE product=39204910" in text and "alarms/yr" in text


def test_configured_filters_and_an_unreadable_file(tmp_path):
    cfg = _config(tmp_path, [
        {"name": "DE PVC", "url": COMEXT, "time": "TIME_PERIOD", "value": "OBS_VALUE",
         "filters": {"reporter": "DE", "product": "39204910"}},
        {"name": "Lloyds", "url": LLOYDS, "time": "Dates", "value": "Containership"},
        {"name": "Lloyds fixed", "url": LLOYDS, "time": "Dates", "value": "Containership", "date_format": "%d/%m/%Y"},
    ])
    report = _check(cfg, "DE PVC", "--json")
    assert report["error"] is None and report["suggested_filters"] == {} and len(report["series"]) == 1
    assert report["series"][0]["observations"] == 35 and report["series"][0]["key"] == {}
    lloyds = _check(cfg, LLOYDS, "--json")  # by URL: the first source with it
    assert "date_format: '%d/%m/%Y'" in lloyds["error"]
    assert "feed error:" in _check(cfg, "Lloyds")
    fixed = _check(cfg, "Lloyds fixed", "--json")["series"][0]
    assert fixed["frequency"] == "weekly" and fixed["status"] == "drop since 2023-12-25" and fixed["alarms"] == 1


def test_sparkline_scales_between_lowest_and_highest():
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert sparkline([5, 5, 5]) == "▅▅▅" and sparkline([]) == ""
    assert len(sparkline(list(range(100)), width=10)) == 10 and sparkline([10, 0])[::-1] == "▁█"


def test_file_text_reaches_the_terminal_literally_and_without_escapes(tmp_path):
    rows = ["period,site,value"]
    for site in ("[bold]A[/bold]", "B\x1b[31mred"):
        rows += [f"2024-{m:02d},{site},{100 + m}" for m in range(1, 13)]
    hostile = tmp_path / "hostile.csv"
    hostile.write_text("\n".join(rows) + "\n")
    cfg = _config(tmp_path, [{"name": "Hostile", "url": str(hostile)}])
    text = _check(cfg, "Hostile")
    assert "\x1b" not in text and "site=[bold]A[/bold]" in text and "site=Bred" in text


def test_an_unconfigured_csv_is_pointed_to_the_trade_section(tmp_path):
    cfg = _config(tmp_path, [{"name": "Other", "url": COMEXT, "time": "TIME_PERIOD", "value": "OBS_VALUE",
                              "filters": {"reporter": "DE", "product": "39204910"}}])
    other = tmp_path / "series.csv"
    other.write_text("period,value\n2024-01,1\n")
    res = CliRunner().invoke(cli, ["feeds", "check", str(other), "--config", str(cfg)])
    assert res.exit_code == 1 and "a trade series? add it under trade: in feeds.yaml" in res.output


def test_chart_png_of_an_alert_series():
    from feeds.trade import chart_png

    png = chart_png([("2023-11-06", 119.0), ("2023-11-13", 124.0), ("2024-01-01", 29.0)], baseline=120,
                    low_line=84, title="Cost $5 $x^2$ [bold]")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (480, 160)
    assert chart_png([]) == b""
