"""``monitor feeds ...``: list, add, remove, check, import-opml, export-opml.

``add``/``remove``/``import-opml`` edit ``<config>/feeds.yaml`` in place with
ruamel.yaml's round-trip mode, so the analysts' comments and layout survive;
the new text is validated with :func:`monitor.settings.load_feeds` and then
swapped in atomically. Each edit reads, changes and writes the file under an
exclusive lock (:func:`edit_lock`), so edits run at the same moment (two
analysts, a script adding many feeds) all land. ``check`` fetches a feed once
and tags its items against the config's graph without storing anything.
"""

from __future__ import annotations

import fcntl
import io
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from monitor.cli import cli
from monitor.cli.common import BadInput, MonitorError, MonitorGroup, config_dir, config_option, json_option, print_json


@cli.group("feeds", cls=MonitorGroup)
@config_option
def feeds_group() -> None:
    """News and trade feeds: list their health and schedule, manage them."""


def _configured(cfg: Any) -> list[tuple[str, Any]]:
    from monitor.settings import load_feeds

    feeds = load_feeds(cfg)
    return [("news", s) for s in feeds.news] + [("trade", s) for s in feeds.trade]


@feeds_group.command("list")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_cmd(as_json: bool) -> None:
    """Every feed with its stored items, last status and error, next poll.

    Reads the database (what the daemon knows); feeds in feeds.yaml that the
    daemon has not synced yet are listed with no history.
    """
    from monitor.cli.db import open_store
    from monitor.cli.run import wide_console
    from monitor.store.status import feed_listing

    cfg = config_dir()
    configured = _configured(cfg)
    engine, sessions = open_store(cfg, migrate=False)
    try:
        rows = feed_listing(sessions, configured)
    finally:
        engine.dispose()
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo("no feeds (add some to feeds.yaml)")
        return
    table = Table("name", "kind", "items", "status", "errors", "next poll", "state", "url", box=None, pad_edge=False)
    for r in rows:
        if not r["in_config"]:
            state = "removed"
        elif r["disabled_reason"]:
            state = "disabled (gone)"
        elif not r["enabled"]:
            state = "disabled"
        elif r["parked"]:
            state = "parked"
        elif r["error_count"]:
            state = "failing"
        else:
            state = "ok"
        table.add_row(
            Text(r["name"]), r["kind"], str(r["items"]), Text(r["last_status"] or "-"), str(r["error_count"]),
            r["next_poll"] or "-", state, Text(r["url"]),
        )
    out = wide_console()
    out.print(table)
    for r in rows:
        if r["last_error"]:
            out.print(Text(f"{r['name']}: {r['last_error']}"))
        if r["skipped_entries"]:
            out.print(Text(f"{r['name']}: {r['skipped_entries']} entries of the last poll could not be read "
                           "(skipped; the others were stored)"))


# =========================================================================== editing feeds.yaml
#
# feeds.yaml is edited by analysts (in git, reviewed like code), so the CLI
# must change only the entry it adds or removes: ruamel.yaml's round-trip mode
# keeps comments, quoting, flow/block style and key order; the indentation is
# guessed from the file. ruamel attaches a comment that follows a block entry
# to that entry's last value (and a comment that precedes a flow entry to the
# entry), so adding and removing move those comments to the neighbour that
# keeps them in place.

FEEDS_FILE = "feeds.yaml"
_NEW_FILE = "news:\n"


class FeedsFile:
    """``<config>/feeds.yaml`` loaded in ruamel.yaml round-trip mode."""

    def __init__(self, config: Path) -> None:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError
        from ruamel.yaml.util import load_yaml_guess_indent

        self.config = config
        self.path = config / FEEDS_FILE
        self.exists = self.path.exists()
        try:
            self.text = self.path.read_text(encoding="utf-8") if self.exists else _NEW_FILE
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"{FEEDS_FILE}: cannot read: {exc}") from None
        try:
            _, indent, dash = load_yaml_guess_indent(self.text)
        except YAMLError as exc:
            raise BadInput(f"{FEEDS_FILE}: not valid YAML: {str(exc).splitlines()[0]}") from None
        self.yaml = YAML()  # round-trip
        self.yaml.preserve_quotes = True
        self.yaml.width = 1 << 16  # never re-wrap long lines
        self.yaml.indent(mapping=indent or 2, sequence=indent or 2, offset=dash or 0)
        self.data = self.yaml.load(self.text)
        if self.data is None:
            from ruamel.yaml.comments import CommentedMap

            self.data = CommentedMap()
        if not hasattr(self.data, "lc") or not isinstance(self.data, dict):
            raise BadInput(f"{FEEDS_FILE}:1: must be a mapping with 'news' and 'trade' lists")

    def section(self, kind: str, *, create: bool = False) -> Any:
        """The ``news`` or ``trade`` list (a CommentedSeq), created empty if asked."""
        from ruamel.yaml.comments import CommentedSeq

        seq = self.data.get(kind)
        if seq is None and create:
            seq = CommentedSeq()
            if kind in self.data:
                # keep a comment that sat after ``news:`` with an empty value
                self.data[kind] = seq
            else:
                self.data.insert(0 if kind == "news" else len(self.data), kind, seq)
        if seq is not None and not isinstance(seq, list):
            raise BadInput(f"{FEEDS_FILE}:{self.data.lc.line + 1}: {kind} must be a list")
        return seq

    def render(self) -> str:
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        return out.getvalue()

    def entry_line(self, kind: str, index: int) -> int:
        """1-based line of entry ``index`` of ``kind``."""
        seq = self.section(kind)
        return seq.lc.item(index)[0] + 1


def _tail(seq: Any, index: int) -> tuple[Any, Any, int]:
    """Where ruamel keeps the comment lines that follow ``seq[index]``.

    For a block mapping or list that is the last scalar inside it (mapping
    values use comment slot 2, list items slot 0); for a flow entry or a
    scalar it is the entry's own slot in ``seq``.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    container, key, slot = seq, index, 0
    for _ in range(50):
        node = container[key]
        if not isinstance(node, (CommentedMap, CommentedSeq)) or not node or node.fa.flow_style():
            break
        if isinstance(node, CommentedMap):
            container, key, slot = node, list(node.keys())[-1], 2
        else:
            container, key, slot = node, len(node) - 1, 0
    return container, key, slot


def _split_trailing(seq: Any, index: int) -> str | None:
    """Detach and return the comment lines after ``seq[index]`` (its end-of-line comment stays)."""
    from ruamel.yaml.tokens import CommentToken

    container, key, slot = _tail(seq, index)
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if not isinstance(token, CommentToken) or "\n" not in token.value:
        return None
    own, rest = token.value.split("\n", 1)
    if not rest:
        return None
    token.value = own + "\n"
    return rest


def _attach_trailing(seq: Any, index: int, rest: str) -> None:
    """Put comment lines ``rest`` after ``seq[index]`` (after its own comments)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    container, key, slot = _tail(seq, index)
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    token = entry[slot]
    if isinstance(token, CommentToken):
        token.value = token.value + rest if token.value.endswith("\n") else token.value + "\n" + rest
    else:
        entry[slot] = CommentToken("\n" + rest, CommentMark(0), None)


def _pre_comments(seq: Any, index: int) -> list[Any] | None:
    entry = seq.ca.items.get(index)
    return entry[1] if entry and len(entry) > 1 and entry[1] else None


def append_entry(seq: Any, entry: Any) -> None:
    """Append ``entry`` so that comments after the old last entry stay after the list."""
    rest = _split_trailing(seq, len(seq) - 1) if len(seq) else None
    seq.append(entry)
    if rest:
        _attach_trailing(seq, len(seq) - 1, rest)


def remove_entry(seq: Any, index: int) -> str | None:
    """Delete ``seq[index]``, handing the comments around it to its neighbours.

    A comment line above the entry (a section heading) moves to the next
    entry; comment lines after it join the previous entry (or, for the first
    entry, go before the next one). Returns the comment lines that had no
    neighbour to go to (the list is now empty): the caller places them.
    """
    rest = _split_trailing(seq, index)
    pre = _pre_comments(seq, index)
    if pre and index + 1 < len(seq):
        nxt = seq.ca.items.setdefault(index + 1, [None, None, None, None])
        nxt[1] = list(pre) + list(nxt[1] or [])
    elif pre and index > 0:
        _attach_trailing(seq, index - 1, "".join(t.value for t in pre))
    if rest:
        if index > 0:
            _attach_trailing(seq, index - 1, rest)
        elif index + 1 < len(seq):
            nxt = seq.ca.items.setdefault(index + 1, [None, None, None, None])
            nxt[1] = _comment_lines(rest) + list(nxt[1] or [])
    del seq[index]
    return rest if index == 0 and not seq else None


def _comment_lines(text: str) -> list[Any]:
    """Comment text (lines with their indentation) as ruamel pre-comment tokens."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    tokens = []
    for line in text.splitlines():
        body = line.lstrip()
        tokens.append(CommentToken(body + "\n", CommentMark(len(line) - len(body) if body else 0), None))
    return tokens


def remove_feed(data: Any, kind: str, index: int) -> None:
    """Remove entry ``index`` of ``data[kind]``; an emptied list becomes ``kind:`` with its comments."""
    from ruamel.yaml.tokens import CommentToken

    seq = data[kind]
    rest = remove_entry(seq, index)
    if seq:
        return
    data[kind] = None
    if rest:
        entry = data.ca.items.setdefault(kind, [None, None, None, None])
        token = entry[2]
        if isinstance(token, CommentToken):
            token.value = token.value + rest if token.value.endswith("\n") else token.value + "\n" + rest
        else:
            from ruamel.yaml.error import CommentMark

            entry[2] = CommentToken("\n" + rest, CommentMark(0), None)


@contextmanager
def edit_lock(config: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<config>/.feeds.yaml.lock`` while feeds.yaml is read,
    changed and replaced (the OS releases it if the process dies)."""
    path = config / f".{FEEDS_FILE}.lock"
    try:
        config.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+b")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise BadInput(f"{path}: cannot lock feeds.yaml for editing: {exc.strerror or exc}") from None
    with fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def save_feeds(config: Path, text: str) -> Any:
    """Validate ``text`` as feeds.yaml, then replace the file atomically.

    The text is written to a temporary directory inside ``config`` (same file
    system), loaded there with :func:`monitor.settings.load_feeds` (relative
    URLs resolved against ``config``), and only then moved over the old file
    with :func:`os.replace`, so a reader (the daemon reloading) sees either
    the old or the new file, never half of one, and never an invalid one.
    """
    from monitor.settings import load_feeds

    target = config / FEEDS_FILE
    if target.is_symlink():  # replace the file the link points at, keep the link
        target = target.resolve()
    config.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix=".feeds-", dir=target.parent))
    try:
        tmp = tmpdir / FEEDS_FILE
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        loaded = load_feeds(tmpdir, display=FEEDS_FILE, base_dir=config)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return loaded


# =========================================================================== helpers


def _terminal(text: str | None, limit: int = 1000) -> str:
    """Feed text made safe for a terminal line: no controls, no ANSI escapes."""
    from feeds.normalise import fold_line

    return fold_line(text or "", limit)


def _same_url(a: str, b: str) -> bool:
    return a == b or a.rstrip("/") == b.rstrip("/")


def _find_existing(cfg: Path, name: str | None, url: str | None) -> tuple[str, Any] | None:
    """An existing feed (kind, source) with this name or URL."""
    from monitor.settings import load_feeds

    feeds = load_feeds(cfg)
    resolved = _resolve_url(cfg, url) if url else None
    for kind, src in [("news", s) for s in feeds.news] + [("trade", s) for s in feeds.trade]:
        if name is not None and src.name == name:
            return kind, src
        if url is not None and (_same_url(src.url, url) or (resolved and _same_url(src.url, resolved))):
            return kind, src
    return None


def _resolve_url(cfg: Path, url: str) -> str:
    """What ``load_feeds`` makes of ``url``: relative paths resolve against the config dir."""
    if "://" not in url and not url.startswith("/"):
        return str((cfg / url).resolve())
    return url


def _entry_lines(ff: FeedsFile) -> dict[tuple[str, str], int]:
    """``("name", name)`` and ``("url", url)`` -> 1-based line of that entry in feeds.yaml."""
    lines: dict[tuple[str, str], int] = {}
    for kind in ("news", "trade"):
        seq = ff.data.get(kind)
        if not isinstance(seq, list):
            continue
        for i, entry in enumerate(seq):
            if isinstance(entry, dict):
                line = ff.entry_line(kind, i)
                for key in ("name", "url"):
                    if entry.get(key) is not None:
                        lines.setdefault((key, str(entry[key])), line)
    return lines


def _check_interval(value: str) -> str:
    from graphs.yamlsrc import parse_duration

    try:
        parse_duration(value)
    except ValueError as exc:
        raise BadInput(f"--interval: {exc}") from None
    return value


def _check_language(value: str | None) -> str | None:
    from feeds.normalise import normalise_language

    if value is None:
        return None
    lang = normalise_language(value)
    if lang is None or lang != value.strip().lower():
        raise BadInput(f"--language: expected a language code like en or de, got {value!r}")
    return lang


def _plain_safe(value: str) -> Any:
    """``value``, double-quoted if a YAML 1.1 reader would not read it back as that string.

    ruamel writes YAML 1.2, where ``yes``, ``no`` (Norwegian!) and ``on`` are
    plain strings; the project's loader (PyYAML) reads them as booleans.
    """
    import yaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    return value if tag == "tag:yaml.org,2002:str" else DoubleQuotedScalarString(value)


def _new_entry(name: str, url: str, interval: str, language: str | None, flow: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    entry = CommentedMap([("name", _plain_safe(name)), ("url", DoubleQuotedScalarString(url)),
                          ("interval", _plain_safe(interval))])
    if language:
        entry["language"] = _plain_safe(language)
    if flow:
        entry.fa.set_flow_style()
    return entry


def _flow_style(news: Any) -> bool:
    """New entries follow the last entry's style; one line each (flow) in a new list."""
    if not news:
        return True
    from ruamel.yaml.comments import CommentedMap

    last = news[-1]
    return bool(isinstance(last, CommentedMap) and last.fa.flow_style())


def _fetch_feed(url: str, language: str | None = None) -> tuple[Any, Any]:
    """Fetch ``url`` (http(s) or a local path) once and parse it; MonitorError if it fails."""
    from feeds.http import Fetcher
    from feeds.parse import parse_feed
    from feeds.types import NewsSource

    with Fetcher(total_timeout=30.0) as fetcher:
        res = fetcher.fetch(url)
    if not res.ok or res.body is None:
        raise MonitorError(f"{_terminal(url, 300)}: {_terminal(res.error or 'no body', 300)}")
    parsed = parse_feed(
        res.body, source=NewsSource(name="check", url=url, language=language),
        base_url=res.final_url, content_type=res.content_type,
    )
    return res, parsed


def _require_feed(url: str, parsed: Any) -> None:
    if not parsed.is_feed:
        reason = f" ({_terminal(parsed.bozo_reason, 200)})" if parsed.bozo_reason else ""
        raise MonitorError(f"{_terminal(url, 300)}: not a readable RSS/Atom feed{reason}")


# =========================================================================== add / remove


@feeds_group.command("add")
@config_option
@click.argument("url")
@click.option("--name", help="Name of the source (default: the feed's title).")
@click.option("--interval", default="15m", show_default=True, help="Polling period (15m, 2h, 1d).")
@click.option("--language", help="Language hint (ISO 639-1) for items that do not declare one.")
@click.option("--no-check", is_flag=True, help="Do not fetch the feed first.")
@json_option
def add_cmd(url: str, name: str | None, interval: str, language: str | None, no_check: bool, as_json: bool) -> None:
    """Add a news feed to feeds.yaml (comments and layout kept).

    Unless --no-check, the feed is fetched once and refused if it is not a
    readable RSS/Atom feed. The daemon picks it up on its next reload.
    """
    cfg = config_dir()
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        raise BadInput(f"not a URL or path: {url!r}")
    interval = _check_interval(interval)
    language = _check_language(language)
    if name is not None:
        name = _terminal(name, 200)
        if not name:
            raise BadInput("--name must not be empty")
    ff = FeedsFile(cfg)
    _load_current(cfg)  # an invalid feeds.yaml is reported as it is, before we touch it
    _refuse_duplicate(cfg, ff, name, url)  # before fetching: fail fast
    title = ""
    if not no_check:
        _res, parsed = _fetch_feed(url, language)
        _require_feed(url, parsed)
        title = _terminal(parsed.title, 200)
    if name is None:
        name = title or _terminal(url, 200)
    with edit_lock(cfg):  # the file as it is now: another edit may have landed meanwhile
        ff = FeedsFile(cfg)
        _load_current(cfg)
        _refuse_duplicate(cfg, ff, name, url)
        news = ff.section("news", create=True)
        flow = _flow_style(news)
        append_entry(news, _new_entry(name, url, interval, language, flow))
        saved = save_feeds(cfg, ff.render())
    # plain lines (click.echo: no markup, no wrapping); feed text was folded by _terminal
    line = saved.lines.get(name, 0)
    if as_json:
        print_json({
            "kind": "news", "name": name, "url": url, "interval": interval, "language": language,
            "file": FEEDS_FILE, "line": line, "entries": None if no_check else parsed.entries,
        })
        return
    click.echo(f"added news feed {name!r} at {cfg / FEEDS_FILE}:{line} ({_terminal(url, 500)}), polled every {interval}")
    if not no_check:
        click.echo(f"  {parsed.entries} entries in the feed now")


def _load_current(cfg: Path) -> Any:
    from monitor.settings import load_feeds

    return load_feeds(cfg)


def _refuse_duplicate(cfg: Path, ff: FeedsFile, name: str | None, url: str | None) -> None:
    found = _find_existing(cfg, name, url)
    if found is None:
        return
    kind, src = found
    lines = _entry_lines(ff)
    line = lines.get(("name", src.name), 0)
    what = f"named {src.name!r}" if name is not None and src.name == name else f"with this URL ({src.name!r})"
    raise BadInput(f"{FEEDS_FILE}:{line}: a {kind} feed {what} is already there")


@feeds_group.command("remove")
@config_option
@click.argument("name_or_url")
@json_option
def remove_cmd(name_or_url: str, as_json: bool) -> None:
    """Remove a feed from feeds.yaml, by name or URL (comments elsewhere kept).

    Its stored items stay in the database as history; the daemon stops polling
    it on its next reload. An unknown feed exits 1.
    """
    cfg = config_dir()
    with edit_lock(cfg):
        kind, name, line = _remove(cfg, name_or_url)
    if as_json:
        print_json({"kind": kind, "name": name, "file": FEEDS_FILE, "line": line})
        return
    click.echo(f"removed {kind} feed {_terminal(name)!r} (was {FEEDS_FILE}:{line}); its stored items stay as history")


def _remove(cfg: Path, name_or_url: str) -> tuple[str, str, int]:
    """Remove the feed named (or with the URL) ``name_or_url``; ``(kind, name, its former line)``."""
    from graphs.yamlsrc import did_you_mean

    if not (cfg / FEEDS_FILE).exists():
        raise MonitorError(f"{cfg / FEEDS_FILE}: no such file, so no feed {name_or_url!r}")
    current = _load_current(cfg)
    ff = FeedsFile(cfg)
    target = name_or_url.strip()
    hit: tuple[str, int, str] | None = None
    for kind in ("news", "trade"):
        seq = ff.data.get(kind)
        if not isinstance(seq, list):
            continue
        for i, entry in enumerate(seq):
            if isinstance(entry, dict) and str(entry.get("name")) == target:
                hit = (kind, i, str(entry.get("name")))
                break
        if hit:
            break
    if hit is None:
        resolved = _resolve_url(cfg, target)
        for kind in ("news", "trade"):
            seq = ff.data.get(kind)
            if not isinstance(seq, list):
                continue
            for i, entry in enumerate(seq):
                if not isinstance(entry, dict) or entry.get("url") is None:
                    continue
                raw = str(entry["url"])
                if _same_url(raw, target) or _same_url(_resolve_url(cfg, raw), resolved):
                    hit = (kind, i, str(entry.get("name")))
                    break
            if hit:
                break
    if hit is None:
        choices = [s.name for s in current.news + current.trade] + [s.url for s in current.news + current.trade]
        raise MonitorError(f"{FEEDS_FILE}: no feed named {target!r}{did_you_mean(target, choices)}")  # not found: 1
    kind, index, name = hit
    line = ff.entry_line(kind, index)
    remove_feed(ff.data, kind, index)
    save_feeds(cfg, ff.render())
    return kind, name, line


# =========================================================================== check


def _target_name(chain: Any, target: str) -> str:
    from graphs.model import split_edge_id

    def name(node_id: str) -> str:
        node = chain.nodes.get(node_id)
        return node.name if node is not None else node_id

    pair = split_edge_id(target)
    return f"{name(pair[0])} -> {name(pair[1])}" if pair else name(target)


def check_report(url: str, language: str | None, tagger: Any, chain: Any) -> dict[str, Any]:
    """Fetch ``url`` once, parse it and tag every item; nothing is stored.

    The shape is the one ``monitor feeds check --json`` prints. Text fields are
    as the feed parser normalised them (control characters removed); the
    terminal view escapes nothing else because it never interprets markup.
    """
    res, parsed = _fetch_feed(url, language)
    _require_feed(url, parsed)
    items = []
    for item in parsed.items:
        events = tagger.tag(item.title, item.text, item.language)
        items.append({
            "title": item.title,
            "link": item.link,
            "language": item.language,
            "published": item.published.isoformat() if item.published else None,
            "events": [
                {
                    "target": ev.target,
                    "name": _target_name(chain, ev.target),
                    "type": ev.type,
                    "confidence": round(float(ev.confidence), 3),
                    "recovery": bool(ev.recovery),
                }
                for ev in events
            ],
        })
    return {
        "url": url,
        "status": res.status,
        "title": parsed.title,
        "bozo": bool(parsed.bozo),
        "bozo_reason": parsed.bozo_reason,
        "entries": parsed.entries,
        "items": items,
    }


def trade_check_report(source: Any) -> dict[str, Any]:
    """Fetch a trade source once and profile it with its configured settings (stores nothing).

    The shape is the one ``monitor feeds check NAME --json`` prints for a trade source.
    """
    from feeds.http import Fetcher
    from feeds.trade import profile

    with Fetcher(total_timeout=30.0) as fetcher:
        res = fetcher.fetch(source.url)
    if not res.ok or res.body is None:
        raise MonitorError(f"{_terminal(source.url, 300)}: {_terminal(res.error or 'no body', 300)}")
    prof = profile(res.body, source)
    settings = {k: getattr(source, k) for k in ("drop", "sigma", "persist", "baseline", "seasonal", "gaps")}
    return {
        "name": source.name, "url": source.url, "kind": "trade", "status": res.status, "layout": prof.layout,
        "rows": prof.rows, "error": prof.error, "settings": settings,
        "filters": dict(source.filters), "varying": {k: len(v) for k, v in prof.varying.items()},
        "suggested_filters": prof.suggested_filters, "more_series": prof.more_series,
        "series": [
            {
                "key": dict(sp.key), "observations": sp.observations, "first": sp.first, "last": sp.last,
                "frequency": sp.frequency, "gaps": sp.gaps, "units": list(sp.units), "flagged": sp.flagged,
                "alarms": sp.alarms, "years": round(sp.years, 2),
                "alarms_per_year": None if sp.alarms_per_year is None else round(sp.alarms_per_year, 3),
                "status": sp.status, "sparkline": sp.sparkline, "error": sp.error,
                "problems": [str(p) for p in sp.problems[:5]],
            }
            for sp in prof.series
        ],
    }


def _print_trade_check(report: dict[str, Any]) -> None:
    from monitor.cli.run import wide_console

    out = wide_console()
    head = Text()
    head.append(_terminal(report["name"]), style="bold")
    head.append(f"  {_terminal(report['url'], 500)}  (trade, {report['layout']} table, {report['rows']} rows)")
    out.print(head)
    s = report["settings"]
    out.print(Text(f"settings: drop {s['drop']:g}  sigma {s['sigma']:g}  persist {s['persist']}  "
                   f"baseline {s['baseline'] or 'auto'}  seasonal {'auto' if s['seasonal'] is None else s['seasonal']}  "
                   f"gaps {s['gaps']}", style="dim"))
    if report["error"]:
        out.print(Text("feed error: " + _terminal(report["error"], 600), style="red"))
    if report["varying"]:
        cols = ", ".join(f"{_terminal(k, 80)} ({n} values)" for k, n in report["varying"].items())
        out.print(Text(f"columns that vary: {cols}"))
    if report["suggested_filters"]:
        sug = ", ".join(f"{_terminal(k, 80)}: {_terminal(v, 80)}" for k, v in report["suggested_filters"].items())
        out.print(Text(f"{len(report['series']) + report['more_series']} series; pick one with "
                       f"filters: {{{sug}}}", style="yellow"))
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    for col in ("series", "periods", "obs", "freq", "gaps", "units", "flags", "alarms/yr", "now", ""):
        table.add_column(col, overflow="fold")
    for sp in report["series"]:
        key = " ".join(f"{k}={v}" for k, v in sp["key"].items()) or "(configured)"
        if sp["error"]:
            table.add_row(Text(_terminal(key, 120)), Text(_terminal(sp["error"], 300), style="red"))
            continue
        rate = "-" if sp["alarms_per_year"] is None else f"{sp['alarms_per_year']:.2f} ({sp['alarms']} in {sp['years']:.1f}y)"
        table.add_row(*(Text(_terminal(str(x), 200)) for x in (
            key, f"{sp['first']} .. {sp['last']}", sp["observations"], sp["frequency"], sp["gaps"],
            ", ".join(sp["units"]) or "-", sp["flagged"], rate, sp["status"], sp["sparkline"])))
    out.print(table)
    if report["more_series"]:
        out.print(Text(f"... and {report['more_series']} more series", style="dim"))
    for sp in report["series"][:1]:
        for problem in sp["problems"]:
            out.print(Text("  " + _terminal(problem, 300), style="dim"))


@feeds_group.command("check")
@config_option
@click.argument("url")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--language", help="Language hint for items that do not declare one.")
def check_cmd(url: str, as_json: bool, language: str | None) -> None:
    """Fetch a feed once and show what tagging makes of its items (stores nothing).

    URL may be http(s) or a local file. Events come from the graph and lexicon
    in --config. For a configured trade source (its name or URL): the series
    the file holds, the columns that vary (with suggested filters), periods,
    gaps, units, and each series' false alarms per year with its settings.
    """
    from monitor.config import load_runtime

    language = _check_language(language)
    runtime = load_runtime(config_dir())
    wanted = url.strip()
    trade = next((t for t in runtime.feeds.trade if t.name == wanted or _same_url(t.url, wanted)), None)
    if trade is not None:
        trade_report = trade_check_report(trade)
        if as_json:
            print_json(trade_report)
        else:
            _print_trade_check(trade_report)
        return
    try:
        report = check_report(url.strip(), language, runtime.tagger, runtime.chain)
    except MonitorError as exc:
        if "not a readable RSS/Atom feed" in str(exc) and wanted.lower().split("?")[0].endswith((".csv", ".tsv", ".json")):
            raise MonitorError(f"{exc}; a trade series? add it under trade: in feeds.yaml and check it "
                               "by name (monitor feeds check NAME)") from None
        raise
    if as_json:
        report = {k: report[k] for k in ("url", "status", "title", "bozo", "items")}
        print_json(report)
        return
    from monitor.cli.run import wide_console

    out = wide_console()
    tagged = sum(1 for it in report["items"] if it["events"])
    head = Text()
    head.append(_terminal(report["title"]) or "(untitled feed)", style="bold")
    head.append(f"  {_terminal(url, 500)}")
    out.print(head)
    bozo = "yes" + (f" ({_terminal(report['bozo_reason'], 200)})" if report["bozo_reason"] else "") if report["bozo"] else "no"
    out.print(Text(
        f"HTTP {report['status'] or '-'}  bozo: {bozo}  items: {len(report['items'])} "
        f"(of {report['entries']} entries)  with events: {tagged}"
    ))
    for it in report["items"]:
        line = Text("- ")
        line.append(_terminal(it["title"]) or "(no title)")
        meta = " ".join(x for x in (it["language"] or "?", it["published"] or "") if x)
        line.append(f"  [{meta}]", style="dim")
        out.print(line)
        for ev in it["events"]:
            ev_line = Text("    ")
            ev_line.append(ev["type"] + (" (recovery)" if ev["recovery"] else ""), style="yellow")
            ev_line.append(f" at {_terminal(ev['name'])} [{ev['target']}]  confidence {ev['confidence']:.2f}")
            out.print(ev_line)


# =========================================================================== OPML


@feeds_group.command("import-opml")
@config_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--interval", default="30m", show_default=True, help="Polling period for the imported feeds.")
@click.option("--dry-run", is_flag=True, help="Show what would be added; change nothing.")
@json_option
def import_opml_cmd(file: Path, interval: str, dry_run: bool, as_json: bool) -> None:
    """Add every feed of an OPML file that is not in feeds.yaml yet (by URL)."""
    from feeds.opml import OpmlError, parse_opml

    cfg = config_dir()
    interval = _check_interval(interval)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise BadInput(f"{file}: cannot read: {exc.strerror or exc}") from None
    try:
        sources = parse_opml(data)
    except OpmlError as exc:
        raise BadInput(f"{file}: {exc}") from None
    with edit_lock(cfg):
        current = _load_current(cfg)
        existing = current.news + current.trade
        names = {s.name for s in existing}
        ff = FeedsFile(cfg)
        news = ff.section("news", create=True)
        flow = _flow_style(news)
        added: list[Any] = []
        skipped = 0
        for src in sources:
            resolved = _resolve_url(cfg, src.url)
            if any(_same_url(s.url, src.url) or _same_url(s.url, resolved) for s in existing):
                skipped += 1
                continue
            name, n = src.name, 2
            while name in names:
                name, n = f"{src.name} ({n})", n + 1
            names.add(name)
            added.append((name, src))
            if not dry_run:
                append_entry(news, _new_entry(name, src.url, interval, src.language, flow))
        if added and not dry_run:
            save_feeds(cfg, ff.render())
    if as_json:
        print_json({
            "dry_run": dry_run, "skipped": skipped,
            "added": [{"name": name, "url": src.url, "language": src.language, "interval": interval}
                      for name, src in added],
        })
        return
    verb = "would add" if dry_run else "added"
    for name, src in added:
        click.echo(f"  + {_terminal(name)}  {_terminal(src.url)}")
    click.echo(f"{verb} {len(added)} feed(s), skipped {skipped} already present")


@feeds_group.command("export-opml")
@config_option
@click.option("--out", "-o", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of stdout.")
def export_opml_cmd(out_file: Path | None) -> None:
    """Write the news feeds of feeds.yaml as OPML 2.0."""
    import sys

    from feeds.opml import to_opml

    data = to_opml(_load_current(config_dir()).news)
    if out_file is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    tmp = out_file.with_name(f".{out_file.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, out_file)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise MonitorError(f"{out_file}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"wrote {out_file}", err=True)
