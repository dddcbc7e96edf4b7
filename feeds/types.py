"""Plain data types that leave the ``feeds`` package.

``feeds`` knows nothing about the value-chain graph or the store: it turns
configured sources into :class:`Item` objects (news) and :class:`TradeSignal`
objects (numeric series), which ``monitor`` joins with the other stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class NewsSource:
    """One RSS/Atom feed as configured in ``feeds.yaml``."""

    name: str
    url: str
    interval: float = 900.0  # seconds between polls
    language: str | None = None  # ISO 639-1 hint; items may override it
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class TradeSource:
    """One numeric series (CSV/JSON, over HTTP or from a file)."""

    name: str
    url: str
    target: str  # node id, or "from->to" for an edge
    format: str = "csv"  # csv | json
    time: str = "period"  # column / field holding the period
    value: str = "value"  # column / field holding the number
    drop: float = 0.3  # relative drop below baseline that counts
    baseline: int = 6  # trailing observations in the median
    seasonal: bool = False  # compare with the same period in earlier years
    persist: int = 2  # consecutive low periods before a signal
    min_value: float | None = None  # ignore observations below this
    interval: float = 86400.0
    enabled: bool = True
    filters: tuple[tuple[str, str], ...] = ()  # (column, value) rows to keep (SDMX-CSV)


@dataclass(frozen=True, slots=True)
class Item:
    """One normalised news entry.

    ``guid`` is the stable identity within ``source``: the entry's id, else its
    link, else a hash of title and date, so that feeds which churn GUIDs do not
    re-alert. ``content_hash`` changes when the text changes.
    """

    source: str
    guid: str
    title: str
    text: str = ""
    link: str | None = None
    language: str | None = None
    published: datetime | None = None  # timezone-aware (UTC)
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class Observation:
    """One point of a trade series."""

    period: str  # as in the source, e.g. "2024-03" or "2024-Q1"
    value: float


@dataclass(frozen=True, slots=True)
class TradeSignal:
    """A change of state of a trade series against its baseline.

    ``kind`` is ``"drop"`` when the series has been below
    ``(1 - drop) * baseline`` for ``persist`` periods, ``"recovered"`` when it
    is back inside the band.
    """

    source: str
    target: str
    kind: str  # "drop" | "recovered"
    period: str
    value: float
    baseline: float
    change: float  # (value - baseline) / baseline, negative for a drop
    series: tuple[Observation, ...] = field(default=(), repr=False)
