"""YAML that remembers where it came from.

Every mapping and sequence loaded here knows its file and the line of each key
or element, so validation can say ``graph/nodes.yaml:42: share must be in
(0, 1], got 1.5`` instead of "invalid config". Used for every file in
``config/`` (graph, lexicon, monitor.yaml, feeds.yaml).

When PyYAML has libyaml, :func:`load_text` builds the result straight from
libyaml's parse events (several times faster than even ``CSafeLoader``, which
still composes and resolves in Python); anything beyond plain mappings,
sequences and scalars -- and every error -- goes to the pure-Python
``SafeLoader`` subclass, so values, lines and messages are the same either way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a config file. ``level`` is ``error`` or ``warning``."""

    file: str
    line: int
    message: str
    level: str = "error"

    def __str__(self) -> str:
        tag = "" if self.level == "error" else "warning: "
        return f"{self.file}:{self.line}: {tag}{self.message}"


class ConfigError(Exception):
    """A config that must not be used; carries every problem found at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = [p for p in problems]
        errors = [p for p in self.problems if p.level == "error"] or self.problems
        first = str(errors[0]) if errors else "invalid configuration"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)


class LineDict(dict):
    """A mapping with ``file``, ``line``, ``key_lines`` (key -> line of the key)
    and ``value_lines`` (key -> line where its value starts)."""

    file: str = "<memory>"
    line: int = 0
    key_lines: dict[Any, int]
    value_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return getattr(self, "key_lines", {}).get(key, self.line)

    def value_line_of(self, key: Any) -> int:
        """Line of the value of ``key`` (differs from the key's when the value
        starts on a later line); the key's line if unknown."""
        return getattr(self, "value_lines", {}).get(key) or self.line_of(key)


class LineList(list):
    """A sequence with ``file``, ``line`` and ``item_lines`` (index -> line)."""

    file: str = "<memory>"
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        lines = getattr(self, "item_lines", [])
        return lines[index] if 0 <= index < len(lines) else self.line


def line_of(container: Any, key: Any = None, default: int = 0) -> int:
    """Line of ``container[key]`` (or of the container), whatever it is."""
    if isinstance(container, (LineDict, LineList)):
        return container.line_of(key) if key is not None else container.line
    return default


def value_line(container: Any, key: Any, default: int = 0) -> int:
    """Line where the value of ``container[key]`` starts (for a problem with the value)."""
    if isinstance(container, LineDict):
        return container.value_line_of(key)
    return line_of(container, key, default)


def _make_loader(file: str) -> type[yaml.SafeLoader]:
    # A fresh subclass per file: the constructors close over the file name.
    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
        loader.flatten_mapping(node)
        out = LineDict()
        out.file, out.line, out.key_lines, out.value_lines = file, node.start_mark.line + 1, {}, {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", key_node.start_mark
                ) from None
            if key in out:
                raise _DuplicateKey(key, out.key_lines[key], key_node.start_mark)
            out[key] = loader.construct_object(value_node, deep=True)
            out.key_lines[key] = key_node.start_mark.line + 1
            out.value_lines[key] = value_node.start_mark.line + 1
        return out

    def construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
        out = LineList(loader.construct_object(child, deep=True) for child in node.value)
        out.file, out.line = file, node.start_mark.line + 1
        out.item_lines = [child.start_mark.line + 1 for child in node.value]
        return out

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, first_line: int, mark: yaml.Mark):
        self.key, self.first_line, self.mark = key, first_line, mark


class _Fallback(Exception):
    """The fast path met something it leaves to the reference loader."""


#: libyaml's event parser when PyYAML was built with it, else ``None``.
_CParser: type[yaml._yaml.CParser] | None
try:
    from yaml._yaml import CParser as _LibyamlParser  # what yaml.cyaml uses
    _CParser = _LibyamlParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _CParser = None
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_RESOLVERS = yaml.SafeLoader.yaml_implicit_resolvers
_SAFE = yaml.SafeLoader("")  # only used for its scalar constructors (int, float, bool, ...)
_FAST_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_NO_KEY = object()


def _resolve_plain(value: str) -> Any:
    """A plain scalar's value, resolved exactly as ``yaml.SafeLoader`` does."""
    resolvers = _SCALAR_RESOLVERS.get(value[0] if value else "", [])
    for tag, regexp in resolvers + _SCALAR_RESOLVERS.get(None, []):
        if regexp.match(value):
            if tag not in _FAST_TAGS:
                raise _Fallback(tag)  # e.g. the merge key "<<"
            node = yaml.ScalarNode(tag, value)
            return _SAFE.yaml_constructors[tag](_SAFE, node)
    return value


def _line_of(event: yaml.Event) -> int:
    """The 1-based line an event starts on (libyaml always gives one)."""
    if event.start_mark is None:
        raise _Fallback("event without a position")
    return event.start_mark.line + 1


def _fast_load(text: str, file: str) -> Any:
    """Build ``LineDict``/``LineList`` straight from libyaml's events.

    Gives the same result as the ``SafeLoader`` subclass of :func:`_make_loader`
    for the YAML config files are made of, about ten times faster: libyaml
    parses, and no node tree is composed. Anything unusual (tags, anchors,
    aliases, merge keys, duplicate or complex keys, several documents, errors)
    raises :class:`_Fallback` so the reference loader decides, with its
    messages.
    """
    if _CParser is None or _NON_PRINTABLE.search(text):
        raise _Fallback("no libyaml, or characters the reference reader rejects")
    parser = _CParser(text)
    ev_scalar, ev_map, ev_seq = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ev_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    ev_doc, ev_stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
    plain_cache: dict[str, Any] = {}
    # Each frame: [container, is_mapping, pending key, pending key line]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if isinstance(event, ev_scalar):
                if event.anchor is not None or event.tag is not None:
                    raise _Fallback("tag or anchor")
                raw = event.value
                if event.implicit[0]:
                    try:
                        value = plain_cache[raw]
                    except KeyError:
                        value = plain_cache[raw] = _resolve_plain(raw)
                else:
                    value = raw
                line = _line_of(event)
            elif isinstance(event, (ev_map, ev_seq)):
                if event.anchor is not None or event.tag is not None:
                    raise _Fallback("tag or anchor")
                line = _line_of(event)
                if kind is ev_map:
                    value = LineDict()
                    value.key_lines = {}
                    value.value_lines = {}
                else:
                    value = LineList()
                    value.item_lines = []
                value.file, value.line = file, line
            elif kind in ev_end:
                stack.pop()
                continue
            elif kind is ev_doc:
                documents += 1
                if documents > 1:
                    raise _Fallback("several documents")
                continue
            elif kind is ev_stream_end:
                break
            elif kind is yaml.AliasEvent:
                raise _Fallback("alias")
            else:
                continue
            if not stack:
                root = value
            else:
                frame = stack[-1]
                container = frame[0]
                if not frame[1]:
                    container.append(value)
                    container.item_lines.append(line)
                elif frame[2] is _NO_KEY:
                    if isinstance(value, (list, dict)) or value in container:
                        raise _Fallback("complex or duplicate key")
                    frame[2], frame[3] = value, line
                else:
                    container[frame[2]] = value
                    container.key_lines[frame[2]] = frame[3]
                    container.value_lines[frame[2]] = line
                    frame[2] = _NO_KEY
            if kind is ev_map:
                stack.append([value, True, _NO_KEY, 0])
            elif kind is ev_seq:
                stack.append([value, False, _NO_KEY, 0])
    except yaml.YAMLError as exc:
        raise _Fallback("syntax error") from exc
    finally:
        parser.dispose()
    return root


def load_text(text: str, file: str) -> Any:
    """Parse YAML ``text``; raise :class:`ConfigError` naming ``file`` and line.

    Uses libyaml when available (see :func:`_fast_load`); the pure-Python
    ``SafeLoader`` subclass gives the same values and all error messages.
    """
    try:
        return _fast_load(text, file)
    except _Fallback:
        pass
    try:
        return yaml.load(text, Loader=_make_loader(file))  # noqa: S506 - SafeLoader subclass
    except _DuplicateKey as exc:
        raise ConfigError(
            [Problem(file, exc.mark.line + 1, f"duplicate key {exc.key!r} (first at line {exc.first_line})")]
        ) from None
    except yaml.MarkedYAMLError as exc:
        line, message = syntax_problem(exc, text)
        raise ConfigError([Problem(file, line, message)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise ConfigError([Problem(file, 0, f"YAML error: {exc}")]) from None


#: Constructs whose opening line is where the mistake usually is: a bracket
#: or quote left open makes the parser stop lines later.
_OPENERS = {
    "flow sequence": "'['",
    "flow mapping": "'{'",
    "quoted scalar": "quote",
}


def _clean_problem(text: str) -> str:
    return text.replace("'<stream end>'", "the end of the file").replace("<stream end>", "the end of the file").replace("end of stream", "end of the file")


def _open_bracket(text: str) -> tuple[str, int] | None:
    """The innermost ``[`` or ``{`` still open where the scanner stops, with its line."""
    stack: list[tuple[str, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                opener = "'['" if isinstance(token, yaml.FlowSequenceStartToken) else "'{'"
                stack.append((opener, token.start_mark.line + 1))
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and stack:
                stack.pop()
    except yaml.YAMLError:
        pass
    return stack[-1] if stack else None


def syntax_problem(exc: yaml.MarkedYAMLError, text: str = "") -> tuple[int, str]:
    """``(line, message)`` for a YAML syntax error in ``text``.

    An unclosed ``[``, ``{`` or quote is reported at the line that opened it,
    naming the line where the parser stopped; other errors at the line where
    the parser stopped, naming the construct they are in.
    """
    problem = _clean_problem(exc.problem or "invalid YAML")
    mark = exc.problem_mark
    stop = mark.line + 1 if mark else 0
    if mark is not None and mark.column == 0 and stop > 1 and "end of the file" in problem:
        stop -= 1  # the end of a file that ends with a newline is on the last line, not after it
    construct = (exc.context or "").removeprefix("while parsing ").removeprefix("while scanning ")
    construct = construct.removeprefix("a ").removeprefix("an ")
    opened = exc.context_mark.line + 1 if exc.context and exc.context_mark is not None else None
    opener = _OPENERS.get(construct)
    if opener is None and text:
        found = _open_bracket(text)
        if found is not None and (found[1] < stop or "end of the file" in problem):
            opener, opened = found
            construct = "flow sequence" if opener == "'['" else "flow mapping"
    if opener is not None and opened is not None:
        if stop == opened:
            return opened, f"YAML syntax error: {opener} opened here ({construct}) is not closed: {problem}"
        return opened, (
            f"YAML syntax error: {opener} opened here ({construct}) is not closed;"
            f" the parser stopped at line {stop}: {problem}"
        )
    if opened is not None and opened < stop:
        return stop, f"YAML syntax error: {problem} (in the {construct} that starts at line {opened})"
    return stop, f"YAML syntax error: {problem}"


def load_file(path: Path, display: str | None = None) -> Any:
    """Load one YAML file; ``display`` is the name used in messages."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError([Problem(name, 0, f"not UTF-8 text: {exc.reason}")]) from None
    except OSError as exc:
        raise ConfigError([Problem(name, 0, f"cannot read: {exc.strerror}")]) from None
    return load_text(text, name)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``' (did you mean "x"?)'`` for the closest choice, or ``''``."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def unknown_keys(
    mapping: LineDict, allowed: Iterable[str], what: str
) -> list[Problem]:
    """A problem for each key of ``mapping`` not in ``allowed``, with a suggestion."""
    allowed = list(allowed)
    problems = []
    for key in mapping:
        if key not in allowed:
            problems.append(
                Problem(
                    mapping.file,
                    mapping.line_of(key),
                    f"unknown key {key!r} in {what}{did_you_mean(key, allowed)}",
                )
            )
    return problems


def parse_duration(value: Any) -> float:
    """``"15m"`` -> 900.0. Units s, m, h, d, w; a bare number is seconds.

    Raises ``ValueError`` with a message fit for a :class:`Problem`.
    """
    if isinstance(value, bool):
        raise ValueError(f"expected a duration like 15m, 2h or 1d, got {value!r}")
    if isinstance(value, (int, float)):
        if value <= 0:
            raise ValueError(f"a duration must be positive, got {value!r}")
        return float(value)
    text = str(value).strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
    total, number = 0.0, ""
    for ch in text:
        if ch.isdigit() or ch == ".":
            number += ch
        elif ch in units and number:
            total += float(number) * units[ch]
            number = ""
        elif ch.isspace():
            continue
        else:
            raise ValueError(f"expected a duration like 15m, 2h or 1d, got {value!r}")
    if number:
        total += float(number)
    if total <= 0:
        raise ValueError(f"expected a positive duration like 15m, 2h or 1d, got {value!r}")
    return total
