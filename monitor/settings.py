"""``monitor.yaml`` and ``feeds.yaml``: typed settings with file:line errors.

A missing ``monitor.yaml`` means defaults; a missing ``feeds.yaml`` means no
sources. Secrets never live in these files: the SMTP password is read from the
environment variable named by ``smtp.password_env``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from feeds.types import NewsSource, TradeSource
from graphs.yamlsrc import (
    ConfigError,
    LineDict,
    LineList,
    Problem,
    did_you_mean,
    load_file,
    parse_duration,
    unknown_keys,
)

SEVERITIES = ("low", "medium", "high", "critical")


class FetcherOptions(TypedDict):
    """The :class:`feeds.http.Fetcher` keyword arguments that ``fetch:`` sets."""

    connect_timeout: float
    read_timeout: float
    total_timeout: float
    max_bytes: int
    max_decoded_bytes: int
    per_host: int
    max_concurrency: int


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    ssl: bool = False
    sender: str = "monitor@localhost"
    username: str | None = None
    password_env: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True)
class Subscription:
    """Who gets which alerts: nodes (and everything upstream of them), ecosystems."""

    name: str
    email: tuple[str, ...] = ()
    webhook: tuple[str, ...] = ()
    nodes: tuple[str, ...] = ()
    ecosystems: tuple[str, ...] = ()
    min_severity: str = "medium"
    digest: str = "immediate"  # immediate | hourly | daily@HH:MM
    terminal: bool = True
    line: int = 0
    #: line of each entry of ``nodes`` / ``ecosystems``, for cross-checks against the graph
    node_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)
    ecosystem_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class AlertSettings:
    """Alertmanager-style routing knobs and the severity model."""

    group_wait: float = 30.0
    repeat_interval: float = 4 * 3600.0
    send_resolved: bool = True
    default_ttl: float = 3 * 86400.0
    ttl: dict[str, float] = field(default_factory=dict)  # per disruption type
    # reports published longer ago than this (or than their type's TTL, if longer) raise no alert
    max_age: float = 7 * 86400.0
    min_confidence: float = 0.5
    # severity = confidence x impact score, mapped by these lower bounds
    severity_thresholds: dict[str, float] = field(
        default_factory=lambda: {"low": 0.0, "medium": 0.25, "high": 0.5, "critical": 0.8}
    )
    impact_floor: float = 0.05
    max_attempts: int = 8


@dataclass(frozen=True)
class ScheduleSettings:
    tick: float = 30.0  # how often due feeds are looked for
    outbox: float = 15.0
    expiry: float = 300.0
    housekeeping: float = 3600.0
    retention: float = 90 * 86400.0  # items older than this are deleted
    jitter: float = 0.1  # fraction of a feed's interval
    lease: float = 60.0  # how long a claimed poll or delivery is held (renewed while a fetch runs)


@dataclass(frozen=True)
class FetchSettings:
    """How feeds are fetched: timeouts, size caps, concurrency."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0
    max_body_mb: float = 10.0  # bytes on the wire
    max_decoded_mb: float = 50.0  # after gzip/deflate
    per_host: int = 2
    concurrency: int = 16

    def fetcher_kwargs(self) -> FetcherOptions:
        """Keyword arguments for :class:`feeds.http.Fetcher`."""
        mb = 1024 * 1024
        return FetcherOptions(
            connect_timeout=self.connect_timeout, read_timeout=self.read_timeout,
            total_timeout=self.total_timeout, max_bytes=int(self.max_body_mb * mb),
            max_decoded_bytes=int(self.max_decoded_mb * mb), per_host=self.per_host,
            max_concurrency=self.concurrency,
        )


@dataclass(frozen=True)
class BurstSettings:
    """Breaking-news bursts (``burst:``): a node named far more often than usual by many
    publishers at once raises the confidence of the disruption events at it."""

    enabled: bool = True  # false: no mentions recorded, no confidence raised
    window: float = 6 * 3600.0  # the span a burst is looked for in (whole hours)
    baseline: float = 7 * 86400.0  # the node's usual rate is measured over this span before the window

    @property
    def window_hours(self) -> int:
        return round(self.window / 3600)

    @property
    def baseline_hours(self) -> int:
        return round(self.baseline / 3600)


@dataclass(frozen=True)
class Settings:
    database: str | None = None
    smtp: SmtpSettings | None = None
    subscriptions: tuple[Subscription, ...] = ()
    alerts: AlertSettings = field(default_factory=AlertSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    source: str = "<defaults>"
    smtp_line: int = field(default=0, compare=False, repr=False)  # line of smtp.password_env (or smtp)
    database_line: int = field(default=0, compare=False, repr=False)  # line of the database value
    burst: BurstSettings = field(default_factory=BurstSettings)


@dataclass(frozen=True)
class FeedsConfig:
    news: tuple[NewsSource, ...] = ()
    trade: tuple[TradeSource, ...] = ()
    source: str = "<none>"
    lines: dict[str, int] = field(default_factory=dict)  # feed name -> line
    target_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # trade feed -> line of target


# --------------------------------------------------------------------------- helpers


class _Checker:
    """Collects problems while reading one file."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, where: Any, key: Any, message: str, level: str = "error") -> None:
        """A problem at the line of ``where[key]``'s value (of ``where`` without a key)."""
        if isinstance(where, LineDict) and key is not None:
            line = where.value_line_of(key)
        elif isinstance(where, LineList) and key is not None:
            line = where.line_of(key)
        else:
            line = getattr(where, "line", 0)
        self.problems.append(Problem(self.file, line, message, level))

    def at(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def mapping(self, value: Any, where: Any, key: Any, what: str) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.add(where, key, f"{what} must be a mapping, got {type(value).__name__}")
        return None

    def seq(self, value: Any, where: Any, key: Any, what: str) -> LineList | None:
        if value is None:
            return LineList()
        if isinstance(value, LineList):
            return value
        self.add(where, key, f"{what} must be a list, got {type(value).__name__}")
        return None

    def entries(self, data: LineDict, key: str, allowed: tuple[str, ...], label: str) -> Iterator[tuple[LineDict, str]]:
        """Each mapping of the list ``data[key]`` with its label, after the
        unknown-keys check (entries that are not mappings are reported and skipped)."""
        seq = self.seq(data.get(key), data, key, key)
        for i, raw in enumerate(seq or []):
            m = self.mapping(raw, seq, i, f"{key}[{i}]")
            if m is None:
                continue
            what = f"{label} {m.get('name', i)!s}"
            self.problems += unknown_keys(m, allowed, what)
            yield m, what

    def string(self, m: LineDict, key: str, what: str, required: bool = False, default: str | None = None) -> str | None:
        if key not in m or m[key] is None:
            if required:
                self.add(m, None, f"{what}: missing required key {key!r}")
            return default
        v = m[key]
        if isinstance(v, (dict, list)) or isinstance(v, bool):
            self.add(m, key, f"{what}.{key} must be a string, got {type(v).__name__}")
            return default
        return str(v)

    def number(self, m: LineDict, key: str, what: str, default: float | None, lo: float | None = None, hi: float | None = None) -> float | None:
        if key not in m or m[key] is None:
            return default
        v = m[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            self.add(m, key, f"{what}.{key} must be a number, got {v!r}")
            return default
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            self.add(m, key, f"{what}.{key} must be between {lo} and {hi}, got {v!r}")
            return default
        return float(v)

    def boolean(self, m: LineDict, key: str, what: str, default: bool) -> bool:
        if key not in m or m[key] is None:
            return default
        v = m[key]
        if not isinstance(v, bool):
            self.add(m, key, f"{what}.{key} must be true or false, got {v!r}")
            return default
        return v

    def duration(self, m: LineDict, key: str, what: str, default: float, allow_zero: bool = False) -> float:
        if key not in m or m[key] is None:
            return default
        if allow_zero and m[key] in (0, "0", "0s"):
            return 0.0
        try:
            return parse_duration(m[key])
        except ValueError as exc:
            self.add(m, key, f"{what}.{key}: {exc}")
            return default

    def strings(self, m: LineDict, key: str, what: str) -> tuple[str, ...]:
        return self.strings_at(m, key, what)[0]

    def strings_at(self, m: LineDict, key: str, what: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """``m[key]`` as strings with the line of each; a bad item is reported at its own line."""
        if key not in m or m[key] is None:
            return (), ()
        v = m[key]
        if isinstance(v, str):
            return (v,), (m.value_line_of(key),)
        if not isinstance(v, list):
            self.add(m, key, f"{what}.{key} must be a list of strings, got {type(v).__name__}")
            return (), ()
        values: list[str] = []
        lines: list[int] = []
        for i, x in enumerate(v):
            line = v.line_of(i) if isinstance(v, LineList) else m.value_line_of(key)
            if isinstance(x, bool) or not isinstance(x, (str, int)):
                self.at(line, f"{what}.{key} item {i + 1} must be a string, got {x!r}")
                continue
            values.append(str(x))
            lines.append(line)
        return tuple(values), tuple(lines)


def _read(path: Path, display: str) -> Any:
    if not path.exists():
        return None
    return load_file(path, display)


# --------------------------------------------------------------------------- monitor.yaml

_TOP_KEYS = ("database", "smtp", "subscriptions", "alerts", "schedule", "fetch", "burst")
_BURST_KEYS = ("enabled", "window", "baseline")
_FETCH_KEYS = (
    "connect_timeout", "read_timeout", "total_timeout", "max_body_mb", "max_decoded_mb", "per_host", "concurrency",
)
_SMTP_KEYS = ("host", "port", "starttls", "ssl", "sender", "username", "password_env", "timeout")
_SUB_KEYS = ("name", "email", "webhook", "nodes", "ecosystems", "min_severity", "digest", "terminal")
_ALERT_KEYS = (
    "group_wait", "repeat_interval", "send_resolved", "default_ttl", "ttl", "max_age", "min_confidence",
    "severity_thresholds", "impact_floor", "max_attempts",
)
_SCHEDULE_KEYS = ("tick", "outbox", "expiry", "housekeeping", "retention", "jitter", "lease")


def _valid_digest(value: str) -> bool:
    if value in ("immediate", "hourly"):
        return True
    if value.startswith("daily@"):
        hh, _, mm = value[6:].partition(":")
        return hh.isdigit() and mm.isdigit() and 0 <= int(hh) < 24 and 0 <= int(mm) < 60
    return False


def load_settings(config_dir: Path) -> Settings:
    """Read ``<config_dir>/monitor.yaml``; raise :class:`ConfigError` on any error."""
    settings, problems = check_settings(config_dir)
    if settings is None or any(p.level == "error" for p in problems):
        raise ConfigError(problems)
    return settings


def check_settings(config_dir: Path) -> tuple[Settings | None, list[Problem]]:
    """Read ``<config_dir>/monitor.yaml`` and report every problem without raising.

    Returns the settings as far as they could be read (defaults replace bad
    values) and the problems; ``None`` when the file is not YAML or not a mapping.
    """
    display = "monitor.yaml"
    try:
        data = _read(config_dir / "monitor.yaml", display)
    except ConfigError as exc:
        return None, list(exc.problems)
    if data is None:
        return Settings(), []
    c = _Checker(display)
    if not isinstance(data, LineDict):
        return None, [Problem(display, 1, "monitor.yaml must be a mapping of settings")]
    c.problems += unknown_keys(data, _TOP_KEYS, "monitor.yaml")

    database = c.string(data, "database", "database")

    smtp = None
    if data.get("smtp") is not None and (m := c.mapping(data["smtp"], data, "smtp", "smtp")) is not None:
        c.problems += unknown_keys(m, _SMTP_KEYS, "smtp")
        host = c.string(m, "host", "smtp", required=True) or ""
        ssl = c.boolean(m, "ssl", "smtp", False)
        port = c.number(m, "port", "smtp", 465 if ssl else 587, 1, 65535)
        smtp = SmtpSettings(
            host=host,
            port=int(port or 587),
            starttls=c.boolean(m, "starttls", "smtp", not ssl),
            ssl=ssl,
            sender=c.string(m, "sender", "smtp", required=True) or "",
            username=c.string(m, "username", "smtp"),
            password_env=c.string(m, "password_env", "smtp"),
            timeout=c.number(m, "timeout", "smtp", 30.0, 1, 600) or 30.0,
        )
        if smtp.ssl and smtp.starttls and "starttls" in m:
            c.add(m, "starttls", "smtp: choose ssl or starttls, not both")
        if "password" in m:
            c.add(m, "password", "smtp.password is not read from files: put the password in an environment variable and name it in smtp.password_env")

    subs: list[Subscription] = []
    for i, (m, what) in enumerate(c.entries(data, "subscriptions", _SUB_KEYS, "subscription")):
        sev = c.string(m, "min_severity", what, default="medium") or "medium"
        if sev not in SEVERITIES:
            c.add(m, "min_severity", f"{what}: min_severity must be one of {', '.join(SEVERITIES)}, got {sev!r}{did_you_mean(sev, SEVERITIES)}")
        digest = c.string(m, "digest", what, default="immediate") or "immediate"
        if not _valid_digest(digest):
            c.add(m, "digest", f"{what}: digest must be immediate, hourly or daily@HH:MM, got {digest!r}")
        emails, email_lines = c.strings_at(m, "email", what)
        for addr, line in zip(emails, email_lines):
            if "@" not in addr or any(ch in addr for ch in "\r\n<>, "):
                c.at(line, f"{what}: {addr!r} is not an email address")
        nodes, node_lines = c.strings_at(m, "nodes", what)
        ecosystems, ecosystem_lines = c.strings_at(m, "ecosystems", what)
        sub = Subscription(
            name=c.string(m, "name", what, required=True) or f"subscription-{i}",
            email=emails,
            webhook=c.strings(m, "webhook", what),
            nodes=nodes,
            ecosystems=ecosystems,
            node_lines=node_lines,
            ecosystem_lines=ecosystem_lines,
            min_severity=sev,
            digest=digest,
            terminal=c.boolean(m, "terminal", what, True),
            line=m.line,
        )
        subs.append(sub)
    first_line: dict[str, int] = {}
    for s in subs:
        if s.name in first_line:
            c.problems.append(Problem(display, s.line, f"duplicate subscription name {s.name!r} (first at line {first_line[s.name]})"))
        else:
            first_line[s.name] = s.line

    alerts = AlertSettings()
    if data.get("alerts") is not None and (m := c.mapping(data["alerts"], data, "alerts", "alerts")) is not None:
        c.problems += unknown_keys(m, _ALERT_KEYS, "alerts")
        ttl: dict[str, float] = {}
        if m.get("ttl") is not None and (t := c.mapping(m["ttl"], m, "ttl", "alerts.ttl")) is not None:
            for k in t:
                ttl[str(k)] = c.duration(t, k, "alerts.ttl", alerts.default_ttl)
        thresholds = dict(alerts.severity_thresholds)
        if m.get("severity_thresholds") is not None and (
            t := c.mapping(m["severity_thresholds"], m, "severity_thresholds", "alerts.severity_thresholds")
        ) is not None:
            c.problems += unknown_keys(t, SEVERITIES, "alerts.severity_thresholds")
            for k in SEVERITIES:
                thresholds[k] = c.number(t, k, "alerts.severity_thresholds", thresholds[k], 0, 1) or 0.0
            ordered = [thresholds[k] for k in SEVERITIES]
            if ordered != sorted(ordered):
                c.add(m, "severity_thresholds", "alerts.severity_thresholds must increase from low to critical")
        alerts = AlertSettings(
            group_wait=c.duration(m, "group_wait", "alerts", alerts.group_wait, allow_zero=True),
            repeat_interval=c.duration(m, "repeat_interval", "alerts", alerts.repeat_interval),
            send_resolved=c.boolean(m, "send_resolved", "alerts", True),
            default_ttl=c.duration(m, "default_ttl", "alerts", alerts.default_ttl),
            ttl=ttl,
            max_age=c.duration(m, "max_age", "alerts", alerts.max_age),
            min_confidence=c.number(m, "min_confidence", "alerts", alerts.min_confidence, 0, 1) or 0.0,
            severity_thresholds=thresholds,
            impact_floor=c.number(m, "impact_floor", "alerts", alerts.impact_floor, 0, 1) or 0.0,
            max_attempts=int(c.number(m, "max_attempts", "alerts", alerts.max_attempts, 1, 1000) or 8),
        )

    schedule = ScheduleSettings()
    if data.get("schedule") is not None and (m := c.mapping(data["schedule"], data, "schedule", "schedule")) is not None:
        c.problems += unknown_keys(m, _SCHEDULE_KEYS, "schedule")
        d = ScheduleSettings()
        schedule = ScheduleSettings(
            tick=c.duration(m, "tick", "schedule", d.tick),
            outbox=c.duration(m, "outbox", "schedule", d.outbox),
            expiry=c.duration(m, "expiry", "schedule", d.expiry),
            housekeeping=c.duration(m, "housekeeping", "schedule", d.housekeeping),
            retention=c.duration(m, "retention", "schedule", d.retention),
            jitter=c.number(m, "jitter", "schedule", d.jitter, 0, 0.5) or 0.0,
            lease=c.duration(m, "lease", "schedule", d.lease),
        )

    fetch = FetchSettings()
    if data.get("fetch") is not None and (m := c.mapping(data["fetch"], data, "fetch", "fetch")) is not None:
        c.problems += unknown_keys(m, _FETCH_KEYS, "fetch")
        fd = FetchSettings()
        fetch = FetchSettings(
            connect_timeout=c.duration(m, "connect_timeout", "fetch", fd.connect_timeout),
            read_timeout=c.duration(m, "read_timeout", "fetch", fd.read_timeout),
            total_timeout=c.duration(m, "total_timeout", "fetch", fd.total_timeout),
            max_body_mb=c.number(m, "max_body_mb", "fetch", fd.max_body_mb, 0.01, 1024) or fd.max_body_mb,
            max_decoded_mb=c.number(m, "max_decoded_mb", "fetch", fd.max_decoded_mb, 0.01, 4096) or fd.max_decoded_mb,
            per_host=int(c.number(m, "per_host", "fetch", fd.per_host, 1, 64) or fd.per_host),
            concurrency=int(c.number(m, "concurrency", "fetch", fd.concurrency, 1, 512) or fd.concurrency),
        )

    burst = BurstSettings()
    if data.get("burst") is not None and (m := c.mapping(data["burst"], data, "burst", "burst")) is not None:
        c.problems += unknown_keys(m, _BURST_KEYS, "burst")
        bd = BurstSettings()
        window = c.duration(m, "window", "burst", bd.window)
        baseline = c.duration(m, "baseline", "burst", bd.baseline)
        if window % 3600 or not 3600 <= window <= 2 * 86400:
            c.add(m, "window", f"burst.window must be whole hours from 1h to 2d, got {m['window']!r}")
            window = bd.window
        if baseline % 3600 or not 86400 <= baseline <= 30 * 86400:
            c.add(m, "baseline", f"burst.baseline must be whole hours from 1d to 30d, got {m['baseline']!r}")
            baseline = bd.baseline
        elif baseline < 4 * window:
            c.add(m, "baseline", f"burst.baseline ({m['baseline']}) must be at least 4 windows "
                                 f"({4 * window / 3600:g}h): the usual rate needs several windows to compare with")
            baseline = max(bd.baseline, 4 * window)
        burst = BurstSettings(enabled=c.boolean(m, "enabled", "burst", bd.enabled), window=window, baseline=baseline)

    smtp_line = 0
    if isinstance(data.get("smtp"), LineDict):
        smtp_line = data["smtp"].value_line_of("password_env") if "password_env" in data["smtp"] else data.line_of("smtp")
    database_line = data.value_line_of("database") if "database" in data else 0
    return Settings(database, smtp, tuple(subs), alerts, schedule, fetch, display, smtp_line, database_line,
                    burst), c.problems


# --------------------------------------------------------------------------- feeds.yaml

_NEWS_KEYS = ("name", "url", "interval", "language", "enabled")
_TRADE_KEYS = (
    "name", "url", "format", "time", "value", "target", "drop", "baseline", "seasonal",
    "persist", "min_value", "interval", "enabled", "filters", "sigma", "gaps", "date_format",
    "decimal", "thousands",
)
_DECIMALS = (".", ",")
_THOUSANDS = ("", ",", ".", " ", "'")


def _check_date_format(c: _Checker, m: LineDict, what: str, fmt: str) -> str | None:
    """A strptime format must name a year and survive a round trip, else it is a config error."""
    from datetime import datetime

    if "%Y" not in fmt and "%y" not in fmt:
        c.add(m, "date_format", f"{what}.date_format {fmt!r} has no year (%Y or %y)")
        return None
    try:
        sample = datetime(2024, 11, 6).strftime(fmt)
        datetime.strptime(sample, fmt)
    except ValueError as exc:
        c.add(m, "date_format", f"{what}.date_format {fmt!r} is not a strptime format: {exc}")
        return None
    return fmt


def load_feeds(config_dir: Path, *, display: str = "feeds.yaml", base_dir: Path | None = None) -> FeedsConfig:
    """Read ``<config_dir>/feeds.yaml``. Relative ``url`` paths resolve against ``base_dir``."""
    feeds, problems = check_feeds(config_dir, display=display, base_dir=base_dir)
    if feeds is None or any(p.level == "error" for p in problems):
        raise ConfigError(problems)
    return feeds


def check_feeds(
    config_dir: Path, *, display: str = "feeds.yaml", base_dir: Path | None = None
) -> tuple[FeedsConfig | None, list[Problem]]:
    """Like :func:`load_feeds`, but returns ``(feeds as far as readable, problems)``."""
    try:
        data = _read(config_dir / "feeds.yaml", display)
    except ConfigError as exc:
        return None, list(exc.problems)
    if data is None:
        return FeedsConfig(), []
    if not isinstance(data, LineDict):
        return None, [Problem(display, 1, "feeds.yaml must be a mapping with 'news' and 'trade' lists")]
    c = _Checker(display)
    c.problems += unknown_keys(data, ("news", "trade"), "feeds.yaml")
    base = base_dir or config_dir

    def url_of(m: LineDict, what: str) -> str:
        url = c.string(m, "url", what, required=True) or ""
        if url and "://" not in url and not url.startswith("/"):
            url = str((base / url).resolve())
        return url

    name_lines: list[tuple[str, int]] = []  # (name, line of the name) of every entry, news then trade
    news: list[NewsSource] = []
    for m, what in c.entries(data, "news", _NEWS_KEYS, "news feed"):
        name_lines.append((str(m.get("name", "")), m.value_line_of("name") if "name" in m else m.line))
        news.append(
            NewsSource(
                name=c.string(m, "name", what, required=True) or "",
                url=url_of(m, what),
                interval=c.duration(m, "interval", what, 900.0),
                language=c.string(m, "language", what),
                enabled=c.boolean(m, "enabled", what, True),
            )
        )

    trade: list[TradeSource] = []
    target_lines: dict[str, int] = {}
    for m, what in c.entries(data, "trade", _TRADE_KEYS, "trade feed"):
        name_lines.append((str(m.get("name", "")), m.value_line_of("name") if "name" in m else m.line))
        target_lines[str(m.get("name", ""))] = m.value_line_of("target") if "target" in m else m.line
        fmt = c.string(m, "format", what, default="csv") or "csv"
        if fmt not in ("csv", "json"):
            c.add(m, "format", f"{what}: format must be csv or json, got {fmt!r}")
        gaps = c.string(m, "gaps", what, default="missing") or "missing"
        if gaps not in ("missing", "zero"):
            c.add(m, "gaps", f"{what}.gaps must be missing or zero, got {gaps!r}")
        date_format = c.string(m, "date_format", what)
        if date_format is not None:
            date_format = _check_date_format(c, m, what, date_format)
        decimal = c.string(m, "decimal", what)
        if decimal is not None and decimal not in _DECIMALS:
            c.add(m, "decimal", f'{what}.decimal must be "." or ",", got {decimal!r}')
        thousands = None if m.get("thousands") is None else str(m["thousands"])
        if thousands is not None and thousands not in _THOUSANDS:
            c.add(m, "thousands", f"{what}.thousands must be one of {', '.join(map(repr, _THOUSANDS))}, got {thousands!r}")
        elif thousands is not None and decimal is not None and thousands == decimal:
            c.add(m, "thousands", f"{what}.thousands and decimal are both {decimal!r}")
        seasonal = None if m.get("seasonal") in (None, "auto") else c.boolean(m, "seasonal", what, False)
        baseline = None if m.get("baseline") in (None, "auto") else int(c.number(m, "baseline", what, 12, 3, 520) or 12)
        filters: list[tuple[str, str]] = []
        if m.get("filters") is not None and (f := c.mapping(m["filters"], m, "filters", f"{what}.filters")) is not None:
            filters = [(str(k), str(v)) for k, v in f.items()]
        trade.append(
            TradeSource(
                name=c.string(m, "name", what, required=True) or "",
                url=url_of(m, what),
                target=c.string(m, "target", what, required=True) or "",
                format=fmt,
                time=c.string(m, "time", what, default="period") or "period",
                value=c.string(m, "value", what, default="value") or "value",
                drop=c.number(m, "drop", what, 0.3, 0.01, 0.99) or 0.3,
                baseline=baseline,
                seasonal=seasonal,
                persist=int(c.number(m, "persist", what, 2, 1, 60) or 2),
                sigma=c.number(m, "sigma", what, 3.0, 0, 20) or 0.0,
                gaps=gaps,
                date_format=date_format,
                decimal=decimal,
                thousands=thousands,
                min_value=c.number(m, "min_value", what, None),
                interval=c.duration(m, "interval", what, 86400.0),
                enabled=c.boolean(m, "enabled", what, True),
                filters=tuple(filters),
            )
        )

    seen: dict[str, int] = {}
    for name, line in name_lines:  # entries that are not mappings were reported and skipped above
        if name in seen:
            c.problems.append(Problem(display, line, f"duplicate feed name {name!r} (first at line {seen[name]})"))
        else:
            seen[name] = line

    return FeedsConfig(tuple(news), tuple(trade), display, seen, target_lines), c.problems


def check_subscription_targets(settings: Settings, node_ids: set[str], ecosystem_ids: set[str]) -> list[Problem]:
    """Subscriptions naming unknown nodes or ecosystems (needs the graph)."""
    problems = []
    for s in settings.subscriptions:
        for i, n in enumerate(s.nodes):
            if n not in node_ids:
                line = s.node_lines[i] if i < len(s.node_lines) else s.line
                problems.append(Problem(settings.source, line, f"subscription {s.name!r}: unknown node {n!r}{did_you_mean(n, node_ids)}"))
        for i, e in enumerate(s.ecosystems):
            if e not in ecosystem_ids:
                line = s.ecosystem_lines[i] if i < len(s.ecosystem_lines) else s.line
                problems.append(Problem(settings.source, line, f"subscription {s.name!r}: unknown ecosystem {e!r}{did_you_mean(e, ecosystem_ids)}"))
    return problems
