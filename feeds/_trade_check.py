"""An analyst's view of a trade source as published: what is in the file, and what the settings would do.

:func:`profile` is pure (bytes and settings in, a :class:`SourceProfile`
out): the series the file holds and the columns that tell them apart (with
the ``filters`` that would pick one), and for each series its periods,
gaps, units, flags and how many drops the current settings would have
raised over its own history — false alarms per year, if the history was
ordinary. ``monitor feeds check`` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from feeds._trade_detect import walk
from feeds._trade_read import (
    RowProblem,
    TradeFormatError,
    parse_series,
    read_table,
    varying_columns,
)
from feeds.types import Observation, TradeSource

_MAX_SERIES = 60  # series profiled one by one in a multi-series file
_SPARK = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class SeriesProfile:
    """One series of the source: its key (extra filters), calendar, and what the settings would have done."""

    key: tuple[tuple[str, str], ...]  # the filters, beyond the configured ones, that pick it
    observations: int
    first: str | None
    last: str | None
    frequency: str
    gaps: int  # periods left out between first and last
    units: tuple[str, ...]
    flagged: int  # observations carrying a publisher's flag
    alarms: int  # drops the current settings raise over this history
    years: float  # years judged (after the warm-up)
    status: str  # the verdict on the last observation: normal, departing, low, drop, ...
    sparkline: str
    error: str | None = None  # this series cannot be read (then the other fields are empty)
    problems: tuple[RowProblem, ...] = ()

    @property
    def alarms_per_year(self) -> float | None:
        return self.alarms / self.years if self.years > 0 else None


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """What a trade source holds: layout, series and the columns that vary, and each series' profile."""

    layout: str
    rows: int
    varying: dict[str, list[str]]  # after the configured filters
    suggested_filters: dict[str, str]  # empty when the configured filters already pick one series
    series: tuple[SeriesProfile, ...]
    more_series: int  # series not profiled (over the cap)
    error: str | None  # the feed error the pipeline would record for this source, if any


def sparkline(values: list[float], width: int = 24) -> str:
    """The last ``width`` values as block characters (lowest ▁, highest █); a pure function.

    For the terminal alert of a trade drop: ``sparkline([o.value for o in signal.series])``.
    """
    tail = [v for v in values if v == v][-width:]
    if not tail:
        return ""
    lo, hi = min(tail), max(tail)
    if hi == lo:
        return _SPARK[len(_SPARK) // 2] * len(tail)
    return "".join(_SPARK[min(len(_SPARK) - 1, int((v - lo) / (hi - lo) * len(_SPARK)))] for v in tail)


def _series_profile(body: bytes, source: TradeSource, key: tuple[tuple[str, str], ...]) -> SeriesProfile:
    one = replace(source, filters=source.filters + key)
    try:
        series = parse_series(body, one)
    except TradeFormatError as exc:
        return SeriesProfile(key, 0, None, None, "", 0, (), 0, 0, 0.0, "", "", str(exc))
    obs: list[Observation] = series.observations
    result = walk(obs, one)
    judged = [s for s in result.steps if s.status != "warmup"]
    per_year = result.regular.per_year or 1
    last = result.steps[-1].status if result.steps else "none"
    if last in ("ongoing", "drop") and result.episodes and result.episodes[-1].recovered is None:
        last = f"drop since {result.episodes[-1].confirmed.period}"
    return SeriesProfile(
        key=key, observations=len(obs), first=obs[0].period if obs else None, last=obs[-1].period if obs else None,
        frequency=result.regular.frequency, gaps=sum(n for _, n in result.regular.gaps), units=series.units,
        flagged=sum(1 for o in obs if o.flag), alarms=len(result.episodes), years=len(judged) / per_year,
        status=last, sparkline=sparkline([o.value for o in obs]), problems=tuple(series.problems),
    )


def profile(body: bytes, source: TradeSource) -> SourceProfile:
    """Profile ``body`` read with ``source``'s settings (format, columns, filters, detection)."""
    error: str | None = None
    try:
        parse_series(body, source)
    except TradeFormatError as exc:
        error = str(exc)
    if (source.format or "csv").lower() != "csv":
        return SourceProfile("json", 0, {}, {}, (_series_profile(body, source, ()),), 0, error)
    try:
        table = read_table(body, source)
        varying = varying_columns(table, source)
    except TradeFormatError as exc:
        return SourceProfile("?", 0, {}, {}, (), 0, str(exc))
    index = {h: i for i, h in enumerate(table.header)}
    rows = [r for _, r in table.rows if all(i < len(r) and r[i].strip() == v for c, v in source.filters
                                            if (i := index.get(c, -1)) >= 0)]
    keys: list[tuple[tuple[str, str], ...]] = [()]
    if error and varying:
        cols = list(varying)
        keys = list(dict.fromkeys(
            tuple((c, r[index[c]].strip() if index[c] < len(r) else "") for c in cols) for r in rows))
    profiles = tuple(_series_profile(body, source, k) for k in keys[:_MAX_SERIES])
    suggested = {c: v for c, v in keys[0]} if len(keys) > 1 else {}
    return SourceProfile(table.layout, len(table.rows), varying, suggested, profiles,
                         max(0, len(keys) - _MAX_SERIES), error)
