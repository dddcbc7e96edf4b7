"""feeds.yaml trade settings: detection and file-format keys are validated with file, line and field."""

from __future__ import annotations

import pytest

from monitor.settings import ConfigError, load_feeds


def _errors(tmp_path, body: str) -> str:
    (tmp_path / "feeds.yaml").write_text(body)
    with pytest.raises(ConfigError) as exc:
        load_feeds(tmp_path)
    return "\n".join(str(p) for p in exc.value.problems)


def test_defaults_leave_the_window_and_seasonality_to_the_series(tmp_path):
    (tmp_path / "feeds.yaml").write_text("trade:\n  - {name: T, url: t.csv, target: a}\n")
    (t,) = load_feeds(tmp_path).trade
    assert (t.baseline, t.seasonal, t.drop, t.sigma, t.persist, t.gaps) == (None, None, 0.3, 3.0, 2, "missing")
    assert (t.date_format, t.decimal, t.thousands) == (None, None, None)


def test_format_settings_are_read(tmp_path):
    (tmp_path / "feeds.yaml").write_text(
        "trade:\n"
        "  - {name: T, url: t.csv, target: a, date_format: '%d/%m/%Y', decimal: ',', thousands: '.',\n"
        "     gaps: zero, sigma: 2.5, baseline: 24, seasonal: false}\n")
    (t,) = load_feeds(tmp_path).trade
    assert (t.date_format, t.decimal, t.thousands, t.gaps, t.sigma, t.baseline, t.seasonal) == (
        "%d/%m/%Y", ",", ".", "zero", 2.5, 24, False)


def test_bad_trade_settings_name_line_and_field(tmp_path):
    text = _errors(tmp_path,
                   "trade:\n"
                   "  - {name: T, url: t.csv, target: a, gaps: fill, decimal: ';'}\n"
                   "  - {name: U, url: u.csv, target: a, date_format: '%d/%m', thousands: '_'}\n"
                   "  - {name: V, url: v.csv, target: a, decimal: ',', thousands: ',', sigma: -1}\n")
    assert "feeds.yaml:2: trade feed T.gaps must be missing or zero, got 'fill'" in text
    assert "feeds.yaml:2: trade feed T.decimal must be \".\" or \",\", got ';'" in text
    assert "feeds.yaml:3: trade feed U.date_format '%d/%m' has no year (%Y or %y)" in text
    assert "feeds.yaml:3: trade feed U.thousands must be one of" in text
    assert "feeds.yaml:4: trade feed V.thousands and decimal are both ','" in text
    assert "feeds.yaml:4: trade feed V.sigma must be between 0 and 20, got -1" in text


def test_auto_is_the_default_spelled_out(tmp_path):
    (tmp_path / "feeds.yaml").write_text("trade:\n  - {name: T, url: t.csv, target: a, baseline: auto, seasonal: auto}\n")
    (t,) = load_feeds(tmp_path).trade
    assert (t.baseline, t.seasonal) == (None, None)
    text = _errors(tmp_path, "trade:\n  - {name: T, url: t.csv, target: a, baseline: 2, seasonal: maybe}\n")
    assert "feeds.yaml:2: trade feed T.baseline must be between 3 and 520, got 2" in text
    assert "feeds.yaml:2: trade feed T.seasonal" in text
