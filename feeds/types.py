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
    """One numeric series (CSV/JSON, over HTTP or from a file).

    Detection settings (see :mod:`feeds.trade`): a value is *low* when it is
    below the baseline by more than ``drop`` (relative) **and** by more than
    ``sigma`` times the series' own robust spread; ``persist`` consecutive
    low values open a drop, ``persist`` consecutive values back at least
    halfway into the band close it. ``baseline`` is the reference window in
    observations (None: chosen from the series' frequency); ``seasonal``
    None means "once a year of history exists" for monthly, quarterly and
    weekly series.
    """

    name: str
    url: str
    target: str  # node id, or "from->to" for an edge
    format: str = "csv"  # csv | json
    time: str = "period"  # column / field holding the period
    value: str = "value"  # column / field holding the number
    drop: float = 0.3  # relative drop below baseline that counts
    baseline: int | None = None  # reference window (observations); None: by frequency
    seasonal: bool | None = None  # None: automatic once a year of history exists
    persist: int = 2  # consecutive low periods before a signal (and back in band before recovery)
    min_value: float | None = None  # ignore observations below this
    interval: float = 86400.0
    enabled: bool = True
    filters: tuple[tuple[str, str], ...] = ()  # (column, value) rows to keep (SDMX-CSV)
    sigma: float = 3.0  # low also means below baseline by more than sigma x robust spread
    gaps: str = "missing"  # missing periods: "missing" (skipped, reported) or "zero" (no trade)
    date_format: str | None = None  # strptime format of the period column, e.g. "%d/%m/%Y"
    decimal: str | None = None  # "." or ","; None: guessed per value (ambiguous d,ddd reported)
    thousands: str | None = None  # "", ",", ".", " " or "'"; None: guessed


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

    period: str  # as in the source, e.g. "2024-03" or "2024-Q1" (dates read with date_format: ISO)
    value: float
    flag: str = ""  # the publisher's flag, e.g. Eurostat "p" provisional, "e" estimated


@dataclass(frozen=True, slots=True)
class TradeSignal:
    """A change of state of a trade series against its baseline.

    ``kind`` is ``"drop"`` when the series has been below its low line for
    ``persist`` periods, ``"ongoing"`` for each later observation while the
    drop lasts (fresh evidence, so no TTL closes a continuing disruption),
    ``"recovered"`` when it is back inside the band.
    """

    source: str
    target: str
    kind: str  # "drop" | "ongoing" | "recovered"
    period: str
    value: float
    baseline: float
    change: float  # (value - baseline) / baseline, negative for a drop
    series: tuple[Observation, ...] = field(default=(), repr=False)
    since: str = ""  # period at which the drop was confirmed (the episode)
    periods: int = 0  # observations judged since the drop was confirmed (0 at confirmation)
    threshold: float = 0.0  # the low line the value was judged against
