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
    Series,
    TradeFormatError,
    filtered_rows,
    parse_series,
    read_table,
    series_of,
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


def _series_profile(series_or_error: Series | str, source: TradeSource,
                    key: tuple[tuple[str, str], ...]) -> SeriesProfile:
    if isinstance(series_or_error, str):
        return SeriesProfile(key, 0, None, None, "", 0, (), 0, 0, 0.0, "", "", series_or_error)
    series = series_or_error
    one = replace(source, filters=source.filters + key)
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


def _read(body: bytes, source: TradeSource) -> Series | str:
    try:
        return parse_series(body, source)
    except TradeFormatError as exc:
        return str(exc)


def profile(body: bytes, source: TradeSource) -> SourceProfile:
    """Profile ``body`` read with ``source``'s settings (format, columns, filters, detection)."""
    whole = _read(body, source)
    error = whole if isinstance(whole, str) else None
    if (source.format or "csv").lower() != "csv":
        return SourceProfile("json", 0, {}, {}, (_series_profile(whole, source, ()),), 0, error)
    try:
        table = read_table(body, source)
        varying = varying_columns(table, source)
        rows = filtered_rows(table, source)
    except TradeFormatError as exc:
        return SourceProfile("?", 0, {}, {}, (), 0, str(exc))
    if not (error and varying):
        return SourceProfile(table.layout, len(table.rows), varying, {}, (_series_profile(whole, source, ()),), 0,
                             error)
    # several series: group the rows once by the columns that vary, and read each group
    index = {h: i for i, h in enumerate(table.header)}
    groups: dict[tuple[tuple[str, str], ...], list[tuple[int, tuple[str, ...]]]] = {}
    for line, row in rows:
        key = tuple((c, row[index[c]].strip() if index[c] < len(row) else "") for c in varying)
        groups.setdefault(key, []).append((line, row))
    profiles = []
    for key, group in list(groups.items())[:_MAX_SERIES]:
        one = replace(source, filters=source.filters + key)
        try:
            profiles.append(_series_profile(series_of(table, group, one), source, key))
        except TradeFormatError as exc:
            profiles.append(_series_profile(str(exc), source, key))
    suggested = dict(next(iter(groups)))
    return SourceProfile(table.layout, len(table.rows), varying, suggested, tuple(profiles),
                         max(0, len(groups) - _MAX_SERIES), error)
