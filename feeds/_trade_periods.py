"""Periods of a trade series: keys, frequency, and the periods a series skips."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from feeds.types import Observation

PeriodKey = tuple[int, str, int, int]

_P_YEAR = re.compile(r"^(\d{4})$")
_P_MONTH = re.compile(r"^(\d{4})[-/.]?M?(\d{1,2})$", re.I)
_P_QUARTER = re.compile(r"^(\d{4})[-/ ]?Q([1-4])$", re.I)
_P_HALF = re.compile(r"^(\d{4})[-/ ]?[SH]([12])$", re.I)
_P_WEEK = re.compile(r"^(\d{4})[-/ ]?W(\d{1,2})$", re.I)
_P_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_P_MONTH_TEXT = re.compile(r"^(\d{4})M(\d{2})$", re.I)  # Eurostat's old 2024M03


def period_key(period: str) -> PeriodKey | None:
    """Sortable key ``(year, kind, index, day)`` of a period string, or None if unreadable.

    Understands ``2024``, ``2024-03``/``2024M03``, ``2024-Q1``, ``2024-S1``/``H1``,
    ``2024-W05`` and ``2024-03-15``. ``(kind, index, day)`` is the same for
    the same period of different years, which is what ``seasonal`` compares.
    """
    p = period.strip()
    if m := _P_DAY.match(p):
        month, day = int(m[2]), int(m[3])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return int(m[1]), "D", month, day
        return None
    if m := _P_YEAR.match(p):
        return int(m[1]), "A", 0, 0
    if m := _P_QUARTER.match(p):
        return int(m[1]), "Q", int(m[2]), 0
    if m := _P_HALF.match(p):
        return int(m[1]), "S", int(m[2]), 0
    if m := _P_WEEK.match(p):
        week = int(m[2])
        return (int(m[1]), "W", week, 0) if 1 <= week <= 53 else None
    if m := (_P_MONTH_TEXT.match(p) or _P_MONTH.match(p)):
        month = int(m[2])
        return (int(m[1]), "M", month, 0) if 1 <= month <= 12 else None
    return None


def period_label(key: PeriodKey) -> str:
    """The period string of ``key`` (the inverse of :func:`period_key`: ``2024-03``,
    ``2024-Q1``, ``2024-S1``, ``2024-W05``, ``2024-03-15``, ``2024``)."""
    year, kind, index, day = key
    if kind == "M":
        return f"{year}-{index:02d}"
    if kind == "Q":
        return f"{year}-Q{index}"
    if kind == "S":
        return f"{year}-S{index}"
    if kind == "W":
        return f"{year}-W{index:02d}"
    if kind == "D":
        return f"{year}-{index:02d}-{day:02d}"
    return str(year)


def _ordinal(key: PeriodKey) -> int:
    """A running number of the period within its kind (days for dates)."""
    year, kind, index, day = key
    if kind == "D":
        try:
            return date(year, index, day).toordinal()
        except ValueError:  # 2024-02-30: readable, not a day
            return date(year, index, 1).toordinal() + day - 1
    per_year = {"A": 1, "S": 2, "Q": 4, "M": 12, "W": 53}[kind]
    return year * per_year + max(index, 1) - 1


# frequency name, periods per year, default reference window, steps in days (dates only)
_FREQUENCIES = {
    "daily": (365, 28), "weekly": (52, 8), "monthly": (12, 18), "quarterly": (4, 8),
    "half-yearly": (2, 6), "annual": (1, 6),
}
_KIND_FREQ = {"A": "annual", "S": "half-yearly", "Q": "quarterly", "M": "monthly", "W": "weekly"}


@dataclass(frozen=True, slots=True)
class Regular:
    """A series on its own calendar: one slot per expected period, None where it has no observation."""

    frequency: str  # daily | weekly | monthly | quarterly | half-yearly | annual | irregular
    slots: tuple[tuple[PeriodKey, Observation | None], ...]
    gaps: tuple[tuple[str, int], ...]  # (period after which periods are missing, how many)

    @property
    def per_year(self) -> int:
        return _FREQUENCIES.get(self.frequency, (0, 6))[0]

    @property
    def default_window(self) -> int:
        return _FREQUENCIES.get(self.frequency, (0, 6))[1]

    def season(self, key: PeriodKey) -> tuple[int, int] | None:
        """The position within the year compared across years, or None when the frequency has none."""
        if self.frequency in ("monthly", "quarterly", "half-yearly") or (
            self.frequency == "weekly" and key[1] == "W"
        ):
            return key[2], 0
        if self.frequency == "weekly":  # dated weekly series: ISO week of the date
            d = date.fromordinal(_ordinal(key))
            return min(d.isocalendar()[1], 52), 0
        return None


def _key_at(kind: str, frequency: str, ordinal: int) -> PeriodKey:
    """The key of the period at ``ordinal`` (inverse of the running numbers used in :func:`regularise`)."""
    if kind == "D" and frequency == "monthly":
        return ordinal // 12, "D", ordinal % 12 + 1, 1
    if kind == "D":
        d = date.fromordinal(ordinal)
        return d.year, "D", d.month, d.day
    per_year = {"A": 1, "S": 2, "Q": 4, "M": 12, "W": 53}[kind]
    return ordinal // per_year, kind, ordinal % per_year + 1 if kind != "A" else 0, 0


def regularise(observations: Iterable[Observation]) -> Regular:
    """Sort ``observations`` by period, infer the frequency, and mark the periods the series skips.

    Unreadable periods are dropped; when several kinds of period are mixed,
    the most common kind wins. Dated series get their step from the median
    gap between dates (1 day, 7 days, about a month).
    """
    keyed = sorted(((k, o) for o in observations if (k := period_key(o.period)) is not None), key=lambda ko: ko[0])
    if not keyed:
        return Regular("irregular", (), ())
    kinds = statistics.multimode(k[1] for k, _ in keyed)
    kind = sorted(kinds)[0]
    keyed = [(k, o) for k, o in keyed if k[1] == kind]
    ords = [_ordinal(k) for k, _ in keyed]
    if kind != "D":
        frequency, step = _KIND_FREQ[kind], 1
    else:
        diffs = [b - a for a, b in zip(ords, ords[1:]) if b > a]
        typical = statistics.median(diffs) if diffs else 1
        if typical <= 1.5:
            frequency, step = "daily", 1
        elif 6 <= typical <= 8:
            frequency, step = "weekly", 7
        elif 27 <= typical <= 32:
            frequency, step = "monthly", 0  # months of varying length: count by calendar month
        else:
            frequency, step = "irregular", 0
        if frequency == "monthly":
            ords = [k[0] * 12 + k[2] - 1 for k, _ in keyed]
            step = 1
    slots: list[tuple[PeriodKey, Observation | None]] = []
    gaps: list[tuple[str, int]] = []
    for i, (key, obs) in enumerate(keyed):
        if i and step:
            missing = (ords[i] - ords[i - 1]) // step - 1
            if missing > 0:
                gaps.append((keyed[i - 1][1].period, missing))
                slots.extend((_key_at(kind, frequency, ords[i - 1] + n * step), None) for n in range(1, missing + 1))
        slots.append((key, obs))
    return Regular(frequency, tuple(slots), tuple(gaps))


def mad_spread(values: Sequence[float]) -> float:
    """Robust spread: 1.4826 x median absolute deviation (equals sigma for normal noise)."""
    if not values:
        return 0.0
    med = statistics.median(values)
    return 1.4826 * statistics.median(abs(v - med) for v in values)
