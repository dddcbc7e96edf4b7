"""Trade series: read CSV/JSON observations, and detect drops against a baseline.

Reading (:func:`parse_series`): CSV — including Eurostat's SDMX-CSV layout
(``DATAFLOW,LAST UPDATE,freq,...,TIME_PERIOD,OBS_VALUE,OBS_FLAG``), where
``TradeSource.filters`` pick one series out of many — and JSON (a list of
objects, or ``{"data": [...]}``; ``time``/``value`` may be dotted paths such
as ``attributes.period``). Rows that cannot be read are reported as
:class:`RowProblem` (line, field, message) and skipped; they never stop the
series. A missing column is fatal (:class:`TradeFormatError`), since then
no row can be read. Empty values and Eurostat's ``:`` are missing
observations and are skipped silently. A period given twice keeps the later
row (a revision inside the file) and is reported.

Detection (:func:`detect`) is a pure function of the *whole* series, so a
caller that merges revised observations into the stored series and calls it
again gets the right answer for free. Walking the series in period order:

* observations below ``min_value`` are ignored (neither judged nor used in a
  baseline);
* baseline = median of the ``baseline`` observations before the current one,
  or, when ``seasonal``, of the same period (month, quarter, week, day) in up
  to ``baseline`` earlier years (at least one is needed). No baseline, no
  judgement;
* an observation below ``(1 - drop) × baseline`` is *low*. The baseline is
  frozen at the first low observation of a streak, so low values do not drag
  their own baseline down; ``persist`` consecutive low observations make a
  **drop** (signal at the period that completes the streak);
* hysteresis: a drop resolves (**recovered**) only when an observation is back
  at or above ``(1 - drop / 2) × frozen baseline`` — halfway back into the band
  — so a series hovering around the threshold does not flap.

``previous_state`` only decides which signals are new: a drop already
reported (same episode, identified by the period it was confirmed at) is not
reported again, and a recovery is reported once.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from feeds._trade_detect import Episode, Step, TradeState, Walk, detect, false_alarms, walk
from feeds._trade_periods import Regular, period_key, regularise
from feeds.types import Observation, TradeSource

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
]

_MISSING = {"", ":", "NaN", "nan", "NA", "n/a", "-", ".."}


class TradeFormatError(ValueError):
    """The body cannot be read as the configured series at all (bad JSON, missing column)."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One unreadable row: ``line`` is the 1-based CSV line, or the JSON array index + 1."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass(slots=True)
class Series:
    """Observations sorted by period, and the rows that could not be read."""

    observations: list[Observation] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." in text:  # the later separator is the decimal one
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")  # 1.234,5
            else:
                text = text.replace(",", "")  # 1,234.5
        elif text.count(",") == 1:
            text = text.replace(",", ".")  # decimal comma: 1234,5
        elif "," in text:
            text = text.replace(",", "")  # 1,234,567
        value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return value


def _collect(rows: Iterable[tuple[int, Any, Any]], time_name: str, value_name: str) -> Series:
    by_period: dict[tuple[int, str, int, int], Observation] = {}
    problems: list[RowProblem] = []
    for line, raw_period, raw_value in rows:
        period = "" if raw_period is None else str(raw_period).strip()
        key = period_key(period) if period else None
        if key is None:
            problems.append(RowProblem(line, time_name, f"unreadable period {period[:40]!r}"))
            continue
        if raw_value is None or (isinstance(raw_value, str) and raw_value.strip() in _MISSING):
            continue  # a missing observation, not an error
        try:
            value = _number(raw_value)
        except (TypeError, ValueError):
            problems.append(RowProblem(line, value_name, f"not a number: {str(raw_value)[:40]!r}"))
            continue
        if key in by_period:
            problems.append(RowProblem(line, time_name, f"period {period} given again; the later row wins"))
        by_period[key] = Observation(period=period, value=value)
    return Series([by_period[k] for k in sorted(by_period)], problems)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("cp1252", "replace")


def _unknown(name: str, available: Iterable[str], what: str) -> TradeFormatError:
    avail = list(available)
    close = difflib.get_close_matches(name, avail, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return TradeFormatError(f"{what} {name!r} not found{hint}; available: {', '.join(avail[:30])}")


def parse_csv(body: bytes, source: TradeSource) -> Series:
    """Read a CSV series (delimiter sniffed among ``, ; tab |``); ``filters`` select rows."""
    text = _decode(body)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise TradeFormatError("empty CSV: no header row") from None
    header = [h.strip() for h in header]
    index = {h: i for i, h in enumerate(header)}
    # Eurostat names some columns with a label suffix ("freq: Time frequency"); accept the code part
    for i, h in enumerate(header):
        if ":" in h:
            index.setdefault(h.split(":", 1)[0].strip(), i)
    for name, what in ((source.time, "time column"), (source.value, "value column")):
        if name not in index:
            raise _unknown(name, header, what)
    for col, _ in source.filters:
        if col not in index:
            raise _unknown(col, header, "filter column")
    ti, vi = index[source.time], index[source.value]
    filters = [(index[c], v) for c, v in source.filters]

    def rows() -> Iterable[tuple[int, Any, Any]]:
        for row in reader:
            line = reader.line_num
            if not row or all(not c.strip() for c in row):
                continue
            if any(i >= len(row) or row[i].strip() != v for i, v in filters):
                continue
            if max(ti, vi) >= len(row):
                yield line, row[ti] if ti < len(row) else None, None
                continue
            yield line, row[ti], row[vi]

    try:
        return _collect(rows(), source.time, source.value)
    except csv.Error as exc:
        raise TradeFormatError(f"CSV error at line {reader.line_num}: {exc}") from None


def _dig(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(obj, Mapping) and part in obj:
            obj = obj[part]
        elif isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            obj = obj[int(part)]
        else:
            return _ABSENT
    return obj


_ABSENT = object()


def parse_json(body: bytes, source: TradeSource) -> Series:
    """Read a JSON series: a list of objects or ``{"data": [...]}``; dotted field paths allowed."""
    try:
        doc = json.loads(_decode(body))
    except (ValueError, RecursionError) as exc:
        raise TradeFormatError(f"not JSON: {exc}") from None
    if isinstance(doc, Mapping):
        for key in ("data", "observations", "values", "items"):
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
        else:
            raise TradeFormatError('JSON object without a "data" list')
    if not isinstance(doc, list):
        raise TradeFormatError("JSON is neither a list nor an object with a \"data\" list")

    def rows() -> Iterable[tuple[int, Any, Any]]:
        for n, obj in enumerate(doc, start=1):
            t = _dig(obj, source.time)
            v = _dig(obj, source.value)
            if t is _ABSENT:
                problems_extra.append(RowProblem(n, source.time, "field missing"))
                continue
            if v is _ABSENT:
                problems_extra.append(RowProblem(n, source.value, "field missing"))
                continue
            yield n, t, v

    problems_extra: list[RowProblem] = []
    series = _collect(rows(), source.time, source.value)
    if doc and len(problems_extra) == len(doc):
        first = doc[0] if isinstance(doc[0], Mapping) else {}
        missing = source.time if _dig(first, source.time) is _ABSENT else source.value
        raise _unknown(missing, list(first) if isinstance(first, Mapping) else [], "field")
    series.problems = sorted(series.problems + problems_extra, key=lambda p: p.line)
    return series


def parse_series(body: bytes, source: TradeSource) -> Series:
    """Read ``body`` according to ``source.format`` ("csv" or "json")."""
    fmt = (source.format or "csv").lower()
    if fmt == "csv":
        return parse_csv(body, source)
    if fmt == "json":
        return parse_json(body, source)
    raise TradeFormatError(f"unknown format {source.format!r} (csv or json)")


def merge_observations(stored: Iterable[Observation], fresh: Iterable[Observation]) -> list[Observation]:
    """Merge a fresh fetch into the stored series: fresh values replace stored ones (revisions)."""
    merged: dict[Any, Observation] = {}
    for obs in list(stored) + list(fresh):
        key = period_key(obs.period) or (obs.period,)
        merged[key] = obs
    return [merged[k] for k in sorted(merged, key=lambda k: (0, k) if len(k) == 4 else (1, k))]


