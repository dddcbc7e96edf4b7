"""Reading trade series as published: CSV/SDMX-CSV (long or wide), Eurostat TSV, JSON.

Files as statistics offices publish them carry day-first dates, decimal
commas and thousands separators, flags glued to numbers (``119000 p``),
periods as columns, several series in one file, and months left out. Each
of these either reads correctly or is a clear :class:`TradeFormatError`
(a feed error), never a silently wrong series:

* ``date_format`` (strptime) reads ``06/11/2023``; without it such a period
  is a row problem whose message suggests the format that fits the file.
* numbers: ``decimal``/``thousands`` when set; else guessed once per file
  from the values that tell (``1234,5``, ``1.234,5``, ``1,234,567``). A file
  whose only evidence is ``d,ddd``/``d.ddd`` is read with a thousands
  separator (trade figures are counts and euros) and a warning says so.
* flags: a trailing Eurostat flag (``p`` provisional, ``e`` estimated,
  ``c`` confidential ...) is stripped and kept on the :class:`Observation`,
  as is an ``OBS_FLAG`` column; ``:`` is a missing value.
* wide tables (periods as columns, Eurostat TSV included) are read when one
  row remains after ``filters``.
* several series in one file (a period repeated while other columns vary)
  without ``filters`` that pick one: an error naming the varying columns.
* no usable observation at all: an error with the first row's problem.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from feeds._trade_periods import PeriodKey, period_key, regularise
from feeds.types import Observation, TradeSource

_MISSING = {"", ":", "NaN", "nan", "NA", "n/a", "-", "..", "x"}
_FLAG = re.compile(r"^(?P<num>.*?\d)\s*(?P<flag>[bcdefnprsuz]{1,3})$")  # Eurostat flags
_FLAG_COLUMNS = ("OBS_FLAG", "OBS_STATUS", "flag", "flags")
_META_COLUMNS = {"DATAFLOW", "LAST UPDATE", "LAST_UPDATE", "CONF_STATUS", "STRUCTURE", "STRUCTURE_ID", "ACTION"}
_UNIT_COLUMNS = ("unit", "UNIT_MEASURE", "indicators", "unit_measure", "UNIT", "currency")
_DAYFIRST_HINTS = ("%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d", "%d/%m/%y")


class TradeFormatError(ValueError):
    """The body cannot be read as the configured series at all: a feed error, with the reason."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One unreadable row, or a warning about how rows were read.

    ``line`` is the 1-based CSV line, or the JSON array index + 1.
    """

    line: int
    field: str
    message: str
    level: str = "error"  # "error": the row was skipped; "warning": read, but check it

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass(slots=True)
class Series:
    """Observations sorted by period, the rows that could not be read, and how the file was laid out."""

    observations: list[Observation] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    layout: str = "long"  # "long" (a period column) or "wide" (periods as columns)
    units: tuple[str, ...] = ()  # values of unit-like columns among the rows read


@dataclass(frozen=True, slots=True)
class Table:
    """A CSV as cells: header, rows with their line numbers, and the layout found."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    layout: str  # "long" | "wide"
    period_columns: tuple[int, ...] = ()  # wide: the columns that are periods


# --- periods and numbers -------------------------------------------------------


def _read_period(raw: str, date_format: str | None) -> str | None:
    """The period as the canonical string period_key understands, or None."""
    text = raw.strip()
    if date_format:
        try:
            d = datetime.strptime(text, date_format)
        except ValueError:
            return None
        if "%d" in date_format or "%j" in date_format:
            return d.date().isoformat()
        if any(x in date_format for x in ("%m", "%b", "%B")):
            return f"{d.year:04d}-{d.month:02d}"
        return f"{d.year:04d}"
    return text if period_key(text) is not None else None


def suggest_date_format(samples: Iterable[str]) -> str | None:
    """The one format among common ones that reads every sample (day-first wins ties it cannot tell)."""
    values = [s.strip() for s in samples if s and s.strip()][:200]
    if not values:
        return None
    for fmt in _DAYFIRST_HINTS:
        try:
            for v in values:
                datetime.strptime(v, fmt)
        except ValueError:
            continue
        return fmt
    return None


@dataclass(frozen=True, slots=True)
class NumberFormat:
    decimal: str  # "." or ","
    thousands: str  # "" or one of , . space '
    guessed: bool  # True when nothing in the file told (every value was d,ddd or d.ddd)
    mixed: bool = False  # values told both ways: the majority won, the others may be misread


def _split_flag(raw: str) -> tuple[str, str]:
    text = raw.strip().replace("\u00a0", " ")
    if m := _FLAG.match(text):
        return m["num"].strip(), m["flag"]
    return text, ""


def guess_number_format(samples: Iterable[str], source: TradeSource) -> NumberFormat:
    """Decide decimal and thousands separators once per file (settings win)."""
    if source.decimal is not None and source.thousands is not None:
        return NumberFormat(source.decimal, source.thousands, False)
    mixed = False
    votes: Counter[str] = Counter()  # decimal "." or ","
    for raw in samples:
        text = _split_flag(raw)[0].replace(" ", "").replace("'", "").lstrip("+-")
        has_c, has_d = "," in text, "." in text
        if has_c and has_d:
            votes["," if text.rfind(",") > text.rfind(".") else "."] += 1
        elif has_c or has_d:
            sep = "," if has_c else "."
            parts = text.split(sep)
            if len(parts) > 2:
                votes["." if sep == "," else ","] += 1  # repeated: a thousands separator
            elif len(parts[1]) != 3:
                votes[sep] += 1  # 1234,5 or 1234.56: a decimal separator
    decimal = source.decimal
    guessed = False
    if decimal is None:
        if votes:
            decimal = votes.most_common(1)[0][0]
            mixed = len(votes) > 1
        else:
            decimal, guessed = ".", True  # only d,ddd / d.ddd (or plain integers): see _number
    thousands = source.thousands
    if thousands is None:
        thousands = "," if decimal == "." else "."
    return NumberFormat(decimal, thousands, guessed, mixed)


def _number(text: str, fmt: NumberFormat) -> tuple[float, bool]:
    """The value, and whether reading it relied on a guess (``d,ddd`` / ``d.ddd`` with nothing else to tell)."""
    t = text.replace(" ", "").replace("'", "")
    ambiguous = False
    if fmt.guessed and re.fullmatch(r"[-+]?\d{1,3}([.,]\d{3})+", t):
        ambiguous = True
        t = t.replace(",", "").replace(".", "")  # read as thousands: 119,000 -> 119000
    else:
        if fmt.thousands:
            t = t.replace(fmt.thousands, "")
        if fmt.decimal == ",":
            t = t.replace(",", ".")
        elif "," in t:
            raise ValueError("a comma in a number whose decimal separator is '.'")
    value = float(t)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return value, ambiguous


# --- CSV ------------------------------------------------------------------------


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


def read_table(body: bytes, source: TradeSource) -> Table:
    """Cells of a CSV (delimiter sniffed among ``, ; tab |``); Eurostat TSV key columns split; layout found."""
    text = _decode(body)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise TradeFormatError("empty CSV: no header row") from None
    except csv.Error as exc:
        raise TradeFormatError(f"CSV error at line 1: {exc}") from None
    split_first = delimiter != "," and header and "\\" in header[0] and "," in header[0]
    if split_first:  # Eurostat TSV: "freq,unit,geo\TIME_PERIOD<TAB>2023-01 <TAB>..."
        keys = header[0].split("\\", 1)[0].split(",")
        header = keys + header[1:]
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            if split_first:
                row = row[0].split(",") + row[1:]
            rows.append((reader.line_num, tuple(row)))
    except csv.Error as exc:
        raise TradeFormatError(f"CSV error at line {reader.line_num}: {exc}") from None
    names = {h for h in header}
    names |= {h.split(":", 1)[0].strip() for h in header if ":" in h}
    if source.time in names:
        return Table(tuple(header), tuple(rows), "long")
    periods = tuple(i for i, h in enumerate(header) if _read_period(h, source.date_format) is not None)
    if len(periods) >= 3:
        return Table(tuple(header), tuple(rows), "wide", periods)
    raise _unknown(source.time, header, "time column")


def _index(header: Sequence[str]) -> dict[str, int]:
    index = {h: i for i, h in enumerate(header)}
    # Eurostat names some columns with a label suffix ("freq: Time frequency"); accept the code part
    for i, h in enumerate(header):
        if ":" in h:
            index.setdefault(h.split(":", 1)[0].strip(), i)
    return index


def _cell(row: Sequence[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def varying_columns(table: Table, source: TradeSource) -> dict[str, list[str]]:
    """Columns (other than period, value, flags, metadata) whose values differ between rows kept by ``filters``."""
    index = _index(table.header)
    skip = {source.time, source.value, *_FLAG_COLUMNS, *_META_COLUMNS}
    candidates = [(h, i) for h, i in index.items() if h in table.header and h not in skip
                  and i not in table.period_columns]
    rows = filtered_rows(table, source)
    limit = len(rows)
    if table.layout == "long":
        ti = _index(table.header).get(source.time)
        periods = Counter(_cell(r, ti) for _, r in rows) if ti is not None else Counter()
        if not periods or periods.most_common(1)[0][1] < 2:
            return {}  # no period repeats: one series, whatever else differs between rows
        limit = periods.most_common(1)[0][1]  # at least as many series as rows sharing a period
    out: dict[str, list[str]] = {}
    for name, i in candidates:
        seen = list(dict.fromkeys(_cell(r, i) for _, r in rows))
        if 1 < len(seen) <= max(2, limit):  # more values than series: a measure, not a dimension
            out[name] = seen
    return out


def filtered_rows(table: Table, source: TradeSource) -> list[tuple[int, tuple[str, ...]]]:
    index = _index(table.header)
    for col, _ in source.filters:
        if col not in index:
            raise _unknown(col, table.header, "filter column")
    filters = [(index[c], v) for c, v in source.filters]
    return [(line, row) for line, row in table.rows if all(_cell(row, i) == v for i, v in filters)]


def _several(varying: Mapping[str, list[str]], count: int) -> TradeFormatError:
    cols = ", ".join(f"{k} ({len(v)} values)" for k, v in list(varying.items())[:6])
    example = ", ".join(f"{k}: {v[0]}" for k, v in list(varying.items())[:4])
    return TradeFormatError(
        f"the file holds {count} series ({cols} vary); pick one with filters, e.g. filters: {{{example}}}")


def parse_csv(body: bytes, source: TradeSource) -> Series:
    """Read one series from a CSV, long (a period column) or wide (periods as columns)."""
    table = read_table(body, source)
    return series_of(table, filtered_rows(table, source), source)


def series_of(table: Table, rows: Sequence[tuple[int, tuple[str, ...]]], source: TradeSource) -> Series:
    """The one series in ``rows`` of ``table`` (already filtered); TradeFormatError if there are several or none."""
    index = _index(table.header)
    if not rows:
        if table.rows and source.filters:
            raise TradeFormatError(f"filters {dict(source.filters)} match none of the {len(table.rows)} rows")
        raise TradeFormatError("no observation: the file has a header and no rows")
    units = tuple(dict.fromkeys(_cell(r, index[c]) for c in _UNIT_COLUMNS if c in index for _, r in rows))
    if table.layout == "wide":
        if len(rows) > 1:
            raise _several(varying_columns(table, source) or {"row": [str(n) for n, _ in rows]}, len(rows))
        line, row = rows[0]
        cells: list[tuple[int, str, str | None, str]] = [
            (line, table.header[i], _cell(row, i), "") for i in table.period_columns]
        series = _collect(cells, source, source.time, "value")
        series.layout = "wide"
    else:
        if source.value not in index:
            raise _unknown(source.value, table.header, "value column")
        ti, vi = index[source.time], index[source.value]
        fi = next((index[c] for c in _FLAG_COLUMNS if c in index), None)
        periods = Counter(_cell(r, ti) for _, r in rows)
        if periods and periods.most_common(1)[0][1] > 1:
            varying = varying_columns(table, source)
            if varying:
                combos = {tuple(_cell(r, index[c]) for c in varying) for _, r in rows}
                if len(combos) > 1:
                    raise _several(varying, len(combos))
        cells = [(line, _cell(r, ti), _cell(r, vi) if vi < len(r) else None,
                  _cell(r, fi) if fi is not None else "") for line, r in rows]
        series = _collect(cells, source, source.time, source.value)
    series.units = units
    return series


def _collect(cells: Sequence[tuple[int, str | None, str | None, str]], source: TradeSource, time_name: str,
             value_name: str) -> Series:
    """Turn (line, period, value, flag) cells into a sorted series; report what cannot be read."""
    fmt = guess_number_format((str(v) for _, _, v, _ in cells if isinstance(v, str)), source)
    by_period: dict[PeriodKey, Observation] = {}
    problems: list[RowProblem] = []
    ambiguous: list[tuple[int, str, float]] = []
    bad_periods: list[str] = []
    for line, raw_period, raw_value, flag in cells:
        period_text = "" if raw_period is None else str(raw_period).strip()
        period = _read_period(period_text, source.date_format) if period_text else None
        if period is None:
            bad_periods.append(period_text)
            hint = "" if source.date_format else " (set date_format?)" if re.search(r"\d[/.]\d", period_text) else ""
            what = f"does not match date_format {source.date_format!r}" if source.date_format else "unreadable period"
            problems.append(RowProblem(line, time_name, f"{what} {period_text[:40]!r}{hint}"))
            continue
        key = period_key(period)
        assert key is not None
        if raw_value is None:
            continue
        if isinstance(raw_value, bool):
            problems.append(RowProblem(line, value_name, "a boolean is not a number"))
            continue
        if isinstance(raw_value, (int, float)):
            value, vague = float(raw_value), False
            if value != value or value in (float("inf"), float("-inf")):
                problems.append(RowProblem(line, value_name, "not a finite number"))
                continue
        else:
            text = str(raw_value).strip()
            if text in _MISSING or text.startswith(":"):
                continue  # a missing observation (Eurostat ":" and ": c"), not an error
            number, glued = _split_flag(text)
            flag = flag or glued
            try:
                value, vague = _number(number, fmt)
            except ValueError:
                problems.append(RowProblem(line, value_name, f"not a number: {text[:40]!r}"))
                continue
            if vague:
                ambiguous.append((line, text, value))
        if key in by_period:
            problems.append(RowProblem(line, time_name, f"period {period_text} given again; the later row wins"))
        by_period[key] = Observation(period=period, value=value, flag=flag)
    if fmt.mixed and cells:
        problems.append(RowProblem(
            cells[0][0], value_name,
            f"numbers are written with both '.' and ',' as the decimal separator; read with {fmt.decimal!r} "
            f"(the majority): set decimal and thousands", "warning"))
    if ambiguous:
        line, text, value = ambiguous[0]
        sep = "," if "," in text else "."
        alt = float(re.sub(r"[^\d.,+-]", "", text).replace(",", ".").replace(" ", ""))
        problems.append(RowProblem(
            line, value_name,
            f"{len(ambiguous)} value(s) like {text!r} read as {value:g} ({sep!r} as thousands separator): "
            f"nothing else in the file tells; set decimal: {sep!r} if it means {alt:g}", "warning"))
    observations = [by_period[k] for k in sorted(by_period)]
    gaps = regularise(observations).gaps if source.gaps != "zero" else ()
    if gaps:
        after, _ = gaps[0]
        line = next((ln for ln, p, _, _ in cells if str(p).strip() and _read_period(str(p), source.date_format) == after), 0)
        problems.append(RowProblem(
            line, time_name,
            f"{sum(n for _, n in gaps)} period(s) missing in {len(gaps)} gap(s), the first after {after}: skipped "
            f"(gaps: zero if the publisher leaves out periods without trade)", "warning"))
    if not observations and cells:
        first = next((p for p in problems if p.level == "error"), None)
        reason = f"; first: {first}" if first else ""
        if bad_periods and not source.date_format and (fmt_hint := suggest_date_format(bad_periods)):
            reason += f" — the periods read with date_format: {fmt_hint!r}"
        raise TradeFormatError(f"no usable observation in {len(cells)} rows{reason}")
    return Series(observations, sorted(problems, key=lambda p: p.line))


# --- JSON -----------------------------------------------------------------------


_ABSENT = object()


def _dig(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(obj, Mapping) and part in obj:
            obj = obj[part]
        elif isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            obj = obj[int(part)]
        else:
            return _ABSENT
    return obj


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
    missing: list[RowProblem] = []
    cells: list[tuple[int, Any, Any, str]] = []
    for n, obj in enumerate(doc, start=1):
        t, v = _dig(obj, source.time), _dig(obj, source.value)
        if t is _ABSENT:
            missing.append(RowProblem(n, source.time, "field missing"))
        elif v is _ABSENT:
            missing.append(RowProblem(n, source.value, "field missing"))
        else:
            cells.append((n, t, v, ""))
    if doc and len(missing) == len(doc):
        first = doc[0] if isinstance(doc[0], Mapping) else {}
        name = source.time if _dig(first, source.time) is _ABSENT else source.value
        raise _unknown(name, list(first) if isinstance(first, Mapping) else [], "field")
    if not doc:
        raise TradeFormatError("no observation: the JSON list is empty")
    series = _collect(cells, source, source.time, source.value)
    series.problems = sorted(series.problems + missing, key=lambda p: p.line)
    return series


def parse_series(body: bytes, source: TradeSource) -> Series:
    """Read ``body`` according to ``source.format`` ("csv" or "json")."""
    fmt = (source.format or "csv").lower()
    if fmt == "csv":
        return parse_csv(body, source)
    if fmt == "json":
        return parse_json(body, source)
    raise TradeFormatError(f"unknown format {source.format!r} (csv or json)")
