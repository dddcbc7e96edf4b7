"""Trade series: read them as published, and detect drops that hold on real data.

Reading (:func:`parse_series`, in ``_trade_read``): CSV — long (a period
column) or wide (periods as columns, Eurostat TSV included), SDMX-CSV with
``filters`` picking one series of many — and JSON (a list of objects or
``{"data": [...]}``; dotted field paths). ``date_format``, ``decimal`` and
``thousands`` read files as their publishers write them; flags are stripped
and kept; unreadable rows are :class:`RowProblem` entries and skipped; a
file that yields no usable observation, or several series without
``filters``, is a :class:`TradeFormatError` — a feed error, never ``ok``.

Detection (:func:`detect`, in ``_trade_detect``) is a pure function of the
*whole* series, so a caller that merges revised observations into the stored
series and calls it again gets the right answer for free. The reference
window excludes values departing from it (a gradual fall cannot drag its
own baseline down); low means below the baseline by ``drop`` *and* by
``sigma`` robust spreads; ``persist`` applies both ways; a drop is refreshed
by each later observation (``ongoing``) until it recovers. :func:`walk`
gives the verdict on every observation and :func:`false_alarms` what the
settings would have raised over the series' own history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from feeds._trade_check import SeriesProfile, SourceProfile, profile, sparkline
from feeds._trade_detect import Episode, Step, TradeState, Walk, detect, false_alarms, walk
from feeds._trade_periods import Regular, period_key, regularise
from feeds._trade_read import (
    RowProblem,
    Series,
    Table,
    TradeFormatError,
    parse_csv,
    parse_json,
    parse_series,
    read_table,
    suggest_date_format,
    varying_columns,
)
from feeds.types import Observation

__all__ = [
    "TradeFormatError",
    "RowProblem",
    "Series",
    "TradeState",
    "parse_series",
    "parse_csv",
    "parse_json",
    "period_key",
    "merge_observations",
    "detect",
    "walk",
    "false_alarms",
    "regularise",
    "Regular",
    "Walk",
    "Step",
    "Episode",
    "Table",
    "read_table",
    "varying_columns",
    "suggest_date_format",
    "profile",
    "sparkline",
    "SourceProfile",
    "SeriesProfile",
    "chart_png",
]


def chart_png(series: Sequence[tuple[str, float]], baseline: float | None = None,
              low_line: float | None = None, title: str = "") -> bytes:
    """A small PNG chart of a series for an alert email (see ``feeds._trade_chart``; imports matplotlib)."""
    from feeds._trade_chart import chart_png as draw

    return draw(series, baseline, low_line, title)


def merge_observations(stored: Iterable[Observation], fresh: Iterable[Observation]) -> list[Observation]:
    """Merge a fresh fetch into the stored series: fresh values replace stored ones (revisions)."""
    merged: dict[Any, Observation] = {}
    for obs in list(stored) + list(fresh):
        key = period_key(obs.period) or (obs.period,)
        merged[key] = obs
    return [merged[k] for k in sorted(merged, key=lambda k: (0, k) if len(k) == 4 else (1, k))]
