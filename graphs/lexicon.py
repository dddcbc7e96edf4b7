"""The disruption lexicon: types, their terms in many languages, and contexts.

The default ships inside the package (``graphs/data/lexicon.yaml``, with one
file per further language in ``graphs/data/lexicon.d/``, merged in name order
like an override file); a config's ``lexicon.yaml`` extends or overrides it
(:func:`load_lexicon`).

File layout::

    compound_heads: {de: [hafen, kanal, ...]}   # words that may follow an alias in a compound
    cancel:   {en: [fire drill, ...], de: [...]} # cancel every type in the same sentence
    recovery: {en: [back to normal, ...]}        # recovery of whatever type the sentence names
    ended_by: {en: [end of the, ...], fr: [fin du, ...]}  # right before a term: that disruption is over
    disable: [lockdown]                          # (override files) types to switch off
    types:
      fire:
        radius_km: 25      # places near nodes: how far a disruption at a place reaches (0: off)
        ttl: 3d            # how long an alert lives without new evidence
        country: false     # may a country-wide mention tag the nodes in that country?
        terms:    {en: [fire(s), blaze*], de: ["*brand", ...], any: [...]}
        cancel:   {en: [fire drill, ...]}   # cancel this type only
        recovery: {en: [fire (is) under control, ...]}
        at_node:  {en: [clos(e|es|ed|ing) (the )@, "@ closed", ...]}  # '@' is a closable
                                            # node's name (see below)
        replace: true      # (override files) replace the default definition of this type

Term syntax (terms, cancel and recovery phrases alike): a phrase is matched on
folded text (case, accents and punctuation ignored, see
:mod:`graphs.gazetteer`) at word boundaries.

* ``word*`` - a trailing star matches any word continuing the stem:
  ``streik*`` matches "Streik", "Streiks", "streikende".
* ``*word`` - a leading star matches the word at the end of a compound:
  ``*brand`` matches "Großbrand" and "Brand" but not "Brandenburg"; ``*streik*``
  matches it anywhere in a word ("Warnstreiks").
* ``vor * Jahren`` - a star standing alone is any one word ("vor zehn Jahren").
* ``fire(s) <the|its> <ceo|boss>`` - angle brackets are required alternatives.
* ``word(s)`` - optional letters; ``word(e|en)`` optional alternatives:
  ``fire(s)`` is "fire" and "fires"; ``Angriff(e|en)`` is "Angriff",
  "Angriffe" and "Angriffen".
* the language key ``any`` holds phrases used whatever the item's language.
* ``運転再開!の|めど`` - a trailing ``!`` lists words that must not follow the
  phrase: "運転再開" but not "運転再開の見通し" nor "運転再開めど立たず"
  (for Japanese, Chinese and Korean, whose negations and outlooks follow
  the verb; only after a phrase without ``*``).

``at_node`` phrases are words too common to be terms ("closes", "closed": markets,
deals, the year) that report the disruption next to the name of a node that can be
closed - a chokepoint, route, port or airport. ``@`` stands for the name:
``clos(e|es|ed|ing) (the )@`` ("Iran closes the Strait of Hormuz"), ``@ closed``
("Suez Canal closed"), ``<halt|halts|pause|pauses> @ <transits|traffic>`` ("Maersk
pauses Strait of Hormuz transits": the words after the name are plain alternatives,
no ``*``). A phrase after the name followed by a determiner or a number ("closed the
year", "closed 2023 with ...") is something else, and none counts after a threat, a
wish or a condition ("threatens to close", "could block", "if Iran closed").

Merging an override file into the default: lists under ``terms``, ``cancel``,
``recovery`` (per language) and ``compound_heads`` are appended; scalars
(``radius_km``, ``ttl``, ``country``) replace the default's; ``replace: true``
on a type replaces its whole default definition; ``disable`` switches types
off. Every error names the file and line, with a "did you mean" for unknown
keys, languages and types.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from graphs import cache
from graphs._fold import has_cjk
from graphs._matcher import register_data
from graphs.gazetteer import Entry, PhraseMatcher, fold, fold_phrase, phrase_keys
from graphs.types import DISRUPTION_TYPES
from graphs.yamlsrc import (
    ConfigError,
    LineDict,
    Problem,
    did_you_mean,
    line_of,
    load_file,
    parse_duration,
    unknown_keys,
    value_line,
)

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "lexicon.yaml"
#: One file per further language (``pt.yaml``, ``ja.yaml``, ...), merged into the default in name order.
LANGUAGE_DIR = DEFAULT_PATH.parent / "lexicon.d"

#: Languages a lexicon may hold: the EU's official languages, plus ``any``.
KNOWN_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu",
    "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "no", "uk",
    "ja", "zh", "ko", "any",
)  # fmt: skip

#: Languages the shipped default must cover for every type.
REQUIRED_LANGUAGES = ("en", "de", "fr", "it", "es", "nl", "pl", "sv")

_TOP_KEYS = ("types", "cancel", "recovery", "ended_by", "compound_heads", "disable")
_TYPE_KEYS = ("terms", "cancel", "recovery", "at_node", "radius_km", "ttl", "country", "replace")

PhraseLists = dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Phrase:
    """One automaton key made from a written phrase."""

    key: str  # folded
    start_bound: bool
    end_mode: str  # "word" | "prefix"
    tail: str | None = None  # regex for the rest of a phrase with an inner '*'


_GROUP = re.compile(r"(\([^()<>]*\)|<[^()<>]*>)")


def _longest_first(alternative: str) -> tuple[int, str]:
    """Order of a regex alternation: the longest reading first, then by text, so that the
    compiled pattern is the same in every process (a set's order follows the hash seed)."""
    return -len(alternative), alternative


def _tail_regex(rest: str, prefix: bool, after_space: bool) -> str:
    """Regex for the part of a phrase after its first inner '*'."""
    regex = (" +" if after_space else "") + _option_regex(rest, after_space)
    return regex + ("[^ ]*" if prefix else "(?![^ ])")


def _option_regex(option: str, space_before: bool) -> str:
    """Regex for written text after a phrase's first '*' (a whole rest, :func:`_tail_regex`, or
    one option of a group, :func:`_star_phrases`): a '*' standing for a word is ``[^ ]+``, one
    ending a word ``[^ ]*`` (an inner '*' is always followed by a space or the end: the syntax
    check refuses any other); folded punctuation leaves runs of spaces, so a space is `` +``."""
    out = []
    pieces = re.split(r"(\*)", option)
    for i, piece in enumerate(pieces):
        if piece == "*":
            before = pieces[i - 1] if i else ""
            whole = before.endswith(" ") or (not before and space_before)
            out.append("[^ ]+" if whole else "[^ ]*")
        elif piece:
            lit = re.sub(" +", " ", fold(piece).norm)
            out.append(re.escape(lit).replace("\\ ", " +"))
    return "".join(out)


def _star_phrases(choices: list[list[str]], prefix: bool, start_bound: bool) -> list[Phrase] | None:
    """Keys and one tail regex for a phrase with a '*' inside: the written alternatives before
    the first position holding a '*' are expanded into keys, everything from there on becomes
    a single regex checked after the key. Expanding it all instead ("<a|b> (* )(* )(* ) <c|d>")
    gave tens of thousands of (key, tail) pairs, one regex each, compiled at every start.
    ``None``: no '*' inside, one in the first position, or a CJK phrase (expanded the old way)."""
    first = next((i for i, opts in enumerate(choices) if any("*" in o for o in opts)), None)
    if first is None or any(has_cjk(o) for opts in choices for o in opts):
        return None  # (CJK folding spaces characters apart: those phrases are spelled out)
    head_choices = [list(c) for c in choices[:first]]
    rest = [list(c) for c in choices[first:]]
    if len(rest[0]) == 1:  # a literal with the '*' inside: "vor * Jahren"
        before, star, after = rest[0][0].partition("*")
        head_choices.append([before])
        rest[0] = [star + after]
    if not any(o for c in head_choices for o in c):
        return None
    heads = {"".join(combo) for combo in itertools.product(*head_choices)}
    out: list[Phrase] = []
    seen: set[tuple[str, str]] = set()
    for head in sorted(heads):
        after_space = head.endswith(" ")
        regex, space_before = [], after_space
        for opts in rest:
            alts = [_option_regex(o, space_before) for o in opts]
            nonempty = sorted({a for a in alts if a}, key=_longest_first)
            if not nonempty:
                continue
            group = "(?:" + "|".join(nonempty) + ")"
            regex.append(group + ("?" if len(nonempty) < len(alts) else ""))
            space_before = all(o.endswith(" ") for o in opts if o) and all(o for o in opts)
        tail = (" +" if after_space else "") + "".join(regex) + ("[^ ]*" if prefix else "(?![^ ])")
        for key in phrase_keys(head):
            if key and (key, tail) not in seen:
                seen.add((key, tail))
                out.append(Phrase(key, start_bound, "word", tail))
    return out or None


@register_data
@dataclass(frozen=True, slots=True)
class AtNode:
    """Where an ``at_node`` phrase stands: ``before`` the node's name (then ``follow``, if
    any, must match right after the name) or ``after`` it."""

    side: str  # "before" | "after"
    follow: re.Pattern[str] | None = None


def parse_at_node(text: str) -> tuple[list[Phrase], AtNode]:
    """Automaton keys and placement of an ``at_node`` phrase (module docstring).

    Raises ``ValueError`` with a message fit for a :class:`Problem`.
    """
    raw = str(text)
    if raw.count("@") != 1:
        raise ValueError(f"{text!r}: an at_node phrase has one '@' where the node's name stands")
    left, _, right = (part.strip() for part in raw.partition("@"))
    if not left and not right:
        raise ValueError(f"{text!r}: words before or after '@' are needed")
    if not left:
        return parse_phrase(right), AtNode("after")
    follow = None
    if right:
        if "*" in right or "!" in right:
            raise ValueError(f"{text!r}: the words after '@' are plain alternatives, without '*' or '!'")
        keys = sorted({p.key for p in parse_phrase(right)}, key=_longest_first)
        follow = re.compile(r"\s+(?:" + "|".join(re.escape(k).replace("\\ ", " ") for k in keys) + r")(?![^ ])")
    return parse_phrase(left), AtNode("before", follow)


def parse_phrase(text: str) -> list[Phrase]:
    """Expand the term syntax (module docstring) into automaton keys.

    Raises ``ValueError`` with a message fit for a :class:`Problem`. The keys of a
    phrase are worked out once per process (:func:`_parsed`): loading the lexicon
    checks every phrase, and building its automaton (:attr:`Lexicon.matcher`)
    expands the same phrases again.
    """
    if type(text) is str:
        return list(_parsed(text))
    return _parse_phrase(text)


@functools.lru_cache(maxsize=1 << 16)
def _parsed(text: str) -> tuple[Phrase, ...]:
    """:func:`_parse_phrase` of ``text``, kept (a phrase's keys are immutable; errors are not kept)."""
    return tuple(_parse_phrase(text))


def _parse_phrase(text: str) -> list[Phrase]:
    """:func:`parse_phrase`, worked out."""
    raw = str(text).strip()
    if not raw:
        raise ValueError("empty phrase")
    raw, bang, unless = raw.partition("!")
    raw = raw.strip()
    not_before = None
    if bang:
        words = [fold_phrase(w) for w in unless.split("|")]
        if not raw or not all(words) or "*" in raw or "!" in unless:
            raise ValueError(f"{text!r}: '!' must follow a phrase without '*' and list words separated by '|'")
        # at a word end, and not followed by any of the words
        alts = "|".join(re.escape(w).replace("\\ ", " ") for w in sorted(set(words), key=_longest_first))
        not_before = f"(?![^ ])(?! (?:{alts}))"
    start_bound = not raw.startswith("*")
    prefix = raw.endswith("*") and not raw.endswith(" *")
    body = raw[1:] if raw.startswith("*") else raw
    body = body[:-1] if prefix else body
    body = body.strip()
    if re.search(r"\*\S", body) or body.startswith("*"):
        raise ValueError(f"{text!r}: '*' may only end a word, stand for a whole word, or start the phrase")
    if body.count("(") != body.count(")") or body.count("<") != body.count(">") or re.search(r"[(<][^)>]*[(<]", body):
        raise ValueError(f"{text!r}: unbalanced or nested parentheses")
    parts = _GROUP.split(body)
    # parts alternate literal, group, literal, group, ...
    choices: list[list[str]] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if i % 2 == 0:
            choices.append([part])
        elif part.startswith("("):
            # an optional group: "(e|en)" is "", "e" or "en"
            options = part[1:-1].split("|")
            # a run of one optional word, "(* )(* )(* )": 0 to 3 copies, 4 choices rather than
            # 2**3 combinations that are the same strings (a gap of up to seven words was 128)
            copies = 1
            while len(options) == 1 and i + 2 < len(parts) and parts[i + 1] == "" and parts[i + 2] == part:
                copies += 1
                i += 2
            if copies > 1:
                choices.append([options[0] * k for k in range(copies + 1)])
            else:
                choices.append(list(dict.fromkeys(["", *options])))
        else:
            # a required group: "<ceo|boss>" is "ceo" or "boss"
            choices.append(list(dict.fromkeys(part[1:-1].split("|"))))
        i += 1
    gapped = _star_phrases(choices, prefix, start_bound) if not_before is None else None
    if gapped is not None:
        return gapped
    out: list[Phrase] = []
    seen: set[tuple[str, str | None]] = set()
    for combo in itertools.product(*choices):
        written = "".join(combo)
        head, star, rest = written.partition("*")
        tail = None
        if star:
            # inner '*': the key is the text before it, the rest a regex checked after the key
            tail = _tail_regex("*" + rest, prefix, head.endswith(" "))
        if not_before is not None:
            tail = not_before
        for key in phrase_keys(head):
            if key and (key, tail) not in seen:
                seen.add((key, tail))
                out.append(Phrase(key, start_bound, "prefix" if prefix and not star else "word", tail))
    if not out:
        raise ValueError(f"{text!r}: nothing left to match after folding")
    return out


@dataclass(frozen=True)
class DisruptionType:
    """One disruption type: its phrases and how far and long it reaches."""

    name: str
    terms: PhraseLists
    cancel: PhraseLists = field(default_factory=dict)
    recovery: PhraseLists = field(default_factory=dict)
    radius_km: float = 0.0
    ttl_s: float = 3 * 86400.0
    country: bool = False
    #: phrases that are a term only next to a closable node's name (module docstring)
    at_node: PhraseLists = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    """Disruption types plus global cancelling and recovery phrases."""

    types: dict[str, DisruptionType]
    cancel: PhraseLists = field(default_factory=dict)
    recovery: PhraseLists = field(default_factory=dict)
    compound_heads: PhraseLists = field(default_factory=dict)
    #: phrases that, standing right before a term, report that disruption as
    #: over ("Fin du blocage", "Ende des Streiks", "koniec strajku")
    ended_by: PhraseLists = field(default_factory=dict)
    disabled: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    version: str = ""  # content hash of the files (default + override): caches key on it

    @property
    def languages(self) -> frozenset[str]:
        """Languages some term is written in (without ``any``)."""
        langs: set[str] = set()
        for t in self.types.values():
            langs.update(t.terms)
        langs.discard("any")
        return frozenset(langs)

    def heads(self) -> list[str]:
        """Compound heads: the listed ones plus single-word terms of de/nl/sv."""
        out: set[str] = set()
        for words in self.compound_heads.values():
            out.update(words)
        for t in self.types.values():
            for lang in ("de", "nl", "sv"):
                for phrase in t.terms.get(lang, ()):
                    try:
                        keys = parse_phrase(phrase)
                    except ValueError:
                        continue
                    out.update(p.key for p in keys if " " not in p.key and len(p.key) >= 4)
        return sorted(out)

    @cached_property
    def matcher(self) -> PhraseMatcher:
        """One automaton over every term, cancelling, recovery, ``ended_by`` and ``at_node`` phrase.

        Read from the on-disk cache (:mod:`graphs.cache`) when one was built from the
        same phrases (the key: every phrase list in order, and the code that expands
        them), else built and stored there.
        """
        directory = cache.cache_dir()
        return cache.read_or_build(
            "terms", self._matcher_key() if directory is not None else None, directory, self._build_matcher,
            lambda m: tuple(m.state()), PhraseMatcher.from_state, "lexicon matcher",
        )

    def _matcher_key(self) -> str:
        lists = (
            [(name, t.terms, t.cancel, t.recovery, t.at_node) for name, t in self.types.items()],
            self.cancel, self.recovery, self.ended_by,
        )
        return cache.cache_key("terms", lists, files=_code_files())

    def _build_matcher(self) -> PhraseMatcher:
        groups: dict[tuple[str, bool, str, str | None, str, str, AtNode | None], set[str]] = {}

        def put(kind: str, ref: str, lists: PhraseLists) -> None:
            for lang, phrases in lists.items():
                for phrase in phrases:
                    keys, where = parse_at_node(phrase) if kind == "at_node" else (parse_phrase(phrase), None)
                    for p in keys:
                        groups.setdefault((p.key, p.start_bound, p.end_mode, p.tail, kind, ref, where), set()).add(lang)

        for name, t in self.types.items():
            put("term", name, t.terms)
            put("cancel", name, t.cancel)
            put("recovery", name, t.recovery)
            put("at_node", name, t.at_node)
        put("cancel", "*", self.cancel)
        put("recovery", "*", self.recovery)
        put("ended", "*", self.ended_by)
        matcher = PhraseMatcher()
        compiled: dict[str, re.Pattern[str]] = {}
        for (key, start_bound, end_mode, tail, kind, ref, where), langs in groups.items():
            languages = None if "any" in langs else frozenset(langs)
            pattern = None
            if tail is not None:
                pattern = compiled.get(tail) or compiled.setdefault(tail, re.compile(tail))
            matcher.add(
                key,
                Entry(
                    kind=kind, ref=ref, data=where, start_bound=start_bound, end_mode=end_mode,
                    languages=languages, tail=pattern,
                ),
            )
        return matcher.build()


# -- loading -----------------------------------------------------------------


def _as_map(value: Any, what: str, file: str, line: int, problems: list[Problem]) -> LineDict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(Problem(file, line, f"{what} must be a mapping, got {type(value).__name__}"))
        return None
    return value  # type: ignore[return-value]


def _phrase_lists(
    value: Any, what: str, file: str, line: int, problems: list[Problem],
    parse: Callable[[str], object] = parse_phrase,
) -> PhraseLists:
    mapping = _as_map(value, what, file, line, problems)
    if mapping is None:
        return {}
    out: PhraseLists = {}
    for lang, phrases in mapping.items():
        lline = line_of(mapping, lang, line)
        if lang not in KNOWN_LANGUAGES:
            problems.append(
                Problem(file, lline, f"unknown language {lang!r} in {what}{did_you_mean(lang, KNOWN_LANGUAGES)}")
            )
            continue
        if phrases is None:
            continue
        if not isinstance(phrases, list):
            problems.append(Problem(file, lline, f"{what}.{lang} must be a list of phrases"))
            continue
        kept = []
        for i, phrase in enumerate(phrases):
            pline = line_of(phrases, i, lline)
            if not isinstance(phrase, (str, int, float)) or isinstance(phrase, bool):
                problems.append(Problem(file, pline, f"{what}.{lang}: a phrase must be text, got {phrase!r}"))
                continue
            try:
                parse(str(phrase))
            except ValueError as exc:
                problems.append(Problem(file, pline, f"{what}.{lang}: {exc}"))
                continue
            kept.append(str(phrase))
        out[str(lang)] = tuple(kept)
    return out


def _merge_lists(base: PhraseLists, extra: PhraseLists) -> PhraseLists:
    out = dict(base)
    for lang, phrases in extra.items():
        out[lang] = tuple(dict.fromkeys(out.get(lang, ()) + phrases))
    return out


def _read(path: Path, display: str, base: Lexicon | None, *, packaged: bool = False) -> Lexicon:
    """Parse one file; merged into ``base`` when given (an override file).

    ``packaged`` marks the files shipped with the package (the default and
    its per-language files), which may not use ``disable`` or ``replace``.
    """
    packaged = packaged or base is None
    doc = load_file(path, display)
    problems: list[Problem] = []
    if doc is None:
        doc = LineDict()
        doc.file, doc.line, doc.key_lines = display, 1, {}
    if not isinstance(doc, LineDict):
        raise ConfigError([Problem(display, 1, "a lexicon must be a mapping with 'types:'")])
    file = display
    problems += unknown_keys(doc, _TOP_KEYS, "lexicon")
    if packaged and "disable" in doc:
        problems.append(Problem(file, doc.line_of("disable"), "'disable' belongs in a config's lexicon.yaml"))

    types: dict[str, DisruptionType] = dict(base.types) if base else {}
    cancel = _phrase_lists(doc.get("cancel"), "cancel", file, doc.line_of("cancel"), problems)
    recovery = _phrase_lists(doc.get("recovery"), "recovery", file, doc.line_of("recovery"), problems)
    heads = _phrase_lists(doc.get("compound_heads"), "compound_heads", file, doc.line_of("compound_heads"), problems)
    ended = _phrase_lists(doc.get("ended_by"), "ended_by", file, doc.line_of("ended_by"), problems)

    tmap = _as_map(doc.get("types"), "types", file, doc.line_of("types"), problems)
    if base is None and tmap is None:
        problems.append(Problem(file, doc.line, "the lexicon has no 'types:'"))
    for name, spec in (tmap or {}).items():
        tline = line_of(tmap, name, doc.line)
        if name not in DISRUPTION_TYPES:
            problems.append(
                Problem(file, tline, f"unknown disruption type {name!r}{did_you_mean(name, DISRUPTION_TYPES)}")
            )
            continue
        spec = _as_map(spec, f"types.{name}", file, tline, problems)
        if spec is None:
            spec = LineDict()
        problems += unknown_keys(spec, _TYPE_KEYS, f"types.{name}") if isinstance(spec, LineDict) else []
        what = f"types.{name}"
        terms = _phrase_lists(spec.get("terms"), f"{what}.terms", file, line_of(spec, "terms", tline), problems)
        tcancel = _phrase_lists(spec.get("cancel"), f"{what}.cancel", file, line_of(spec, "cancel", tline), problems)
        trec = _phrase_lists(spec.get("recovery"), f"{what}.recovery", file, line_of(spec, "recovery", tline), problems)
        tnode = _phrase_lists(
            spec.get("at_node"), f"{what}.at_node", file, line_of(spec, "at_node", tline), problems, parse_at_node
        )
        replace = spec.get("replace", False)
        if not isinstance(replace, bool):
            problems.append(Problem(file, value_line(spec, "replace", tline), f"{what}.replace must be true or false"))
            replace = False
        if replace and packaged:
            problems.append(Problem(file, value_line(spec, "replace", tline), "'replace' belongs in a config's lexicon.yaml"))
        old = types.get(name)
        if old is None or replace:
            old = DisruptionType(name, {}, radius_km=0.0)
            if not terms:
                problems.append(Problem(file, tline, f"{what} has no terms"))
        radius = old.radius_km
        if "radius_km" in spec:
            r = spec["radius_km"]
            if isinstance(r, bool) or not isinstance(r, (int, float)) or r < 0:
                problems.append(
                    Problem(file, value_line(spec, "radius_km", tline), f"{what}.radius_km must be a number >= 0, got {r!r}")
                )
            else:
                radius = float(r)
        ttl = old.ttl_s
        if "ttl" in spec:
            try:
                ttl = parse_duration(spec["ttl"])
            except ValueError as exc:
                problems.append(Problem(file, value_line(spec, "ttl", tline), f"{what}.ttl: {exc}"))
        country = old.country
        if "country" in spec:
            if not isinstance(spec["country"], bool):
                problems.append(Problem(file, value_line(spec, "country", tline), f"{what}.country must be true or false"))
            else:
                country = spec["country"]
        types[name] = DisruptionType(
            name,
            _merge_lists(old.terms, terms),
            _merge_lists(old.cancel, tcancel),
            _merge_lists(old.recovery, trec),
            radius,
            ttl,
            country,
            _merge_lists(old.at_node, tnode),
        )

    disabled: list[str] = list(base.disabled) if base else []
    dis = doc.get("disable")
    if dis is not None and not packaged:
        if not isinstance(dis, list):
            problems.append(Problem(file, doc.line_of("disable"), "disable must be a list of types"))
        else:
            for i, name in enumerate(dis):
                if name not in types:
                    problems.append(
                        Problem(
                            file,
                            line_of(dis, i, doc.line_of("disable")),
                            f"cannot disable unknown type {name!r}{did_you_mean(name, list(types))}",
                        )
                    )
                elif name not in disabled:
                    disabled.append(name)

    if base is None:
        for name, t in types.items():
            missing = [lang for lang in REQUIRED_LANGUAGES if lang not in t.terms and "any" not in t.terms]
            if missing:
                problems.append(
                    Problem(file, line_of(tmap, name, doc.line), f"types.{name} has no terms in {', '.join(missing)}")
                )
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise ConfigError(problems)
    return Lexicon(
        types={k: v for k, v in types.items() if k not in disabled},
        cancel=_merge_lists(base.cancel, cancel) if base else cancel,
        recovery=_merge_lists(base.recovery, recovery) if base else recovery,
        compound_heads=_merge_lists(base.compound_heads, heads) if base else heads,
        ended_by=_merge_lists(base.ended_by, ended) if base else ended,
        disabled=tuple(disabled),
        files=(base.files if base else ()) + (display,),
        version=hashlib.sha256(((base.version if base else "") + _digest(path)).encode()).hexdigest()[:16],
    )


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


_DEFAULT: Lexicon | None = None


def default_lexicon() -> Lexicon:
    """The packaged default with its per-language files (parsed once per process, or
    read from the on-disk cache: see :func:`_cached`)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = _cached(None, "", _read_default)
    return _DEFAULT


def _read_default() -> Lexicon:
    lexicon = _read(DEFAULT_PATH, "graphs/data/lexicon.yaml", None)
    for path in _language_files():
        lexicon = _read(path, f"graphs/data/lexicon.d/{path.name}", lexicon, packaged=True)
    return lexicon


def _language_files() -> list[Path]:
    return sorted(LANGUAGE_DIR.glob("*.yaml"))


def load_lexicon(path: Path | None = None, *, display: str | None = None) -> Lexicon:
    """The packaged default, extended or overridden by ``path`` if given.

    ``display`` names the file in messages (default: ``path`` as given; a
    config directory's loader passes ``lexicon.yaml``). Raises
    :class:`ConfigError` (file:line problems) for a bad file.
    """
    if path is None:
        return default_lexicon()
    path = Path(path)
    shown = display or str(path)
    return _cached(path, shown, lambda: _read(path, shown, default_lexicon()))


def _cached(path: Path | None, display: str, read: Callable[[], Lexicon]) -> Lexicon:
    """``read()``, or the lexicon it gave before from the same files (on-disk cache,
    :mod:`graphs.cache`): checking ~17,000 phrases and reading the YAML costs seconds
    in every process. The key covers the bytes of the packaged files and of ``path``,
    ``display`` and the code that reads them. Only a lexicon without errors is ever
    stored (one with errors raises :class:`ConfigError` from ``read``, every time)."""
    directory = cache.cache_dir()
    key = None
    if directory is not None:
        languages = _language_files()
        try:
            key = cache.cache_key("lexicon", [p.name for p in languages], display,
                                  files=[DEFAULT_PATH, *languages, *([path] if path else []), *_code_files()])
        except OSError:
            key = None  # a file that cannot be read: ``read`` says which, as always
    return cache.read_or_build("lexicon", key, directory, read, _lexicon_state, _lexicon_from_state, "lexicon")


def _code_files() -> list[Path]:
    """The code (and tables) that reading a lexicon and expanding its phrases runs:
    part of the cache keys, so that a change to any of them is a new key."""
    here = Path(__file__).parent
    names = ("lexicon.py", "yamlsrc.py", "types.py", "gazetteer.py", "_fold.py", "_inflection.py", "_matcher.py")
    return [*(here / name for name in names), here / "data" / "inflection.yaml"]


def _lexicon_state(lex: Lexicon) -> tuple[Any, ...]:
    types = tuple(
        (t.name, t.terms, t.cancel, t.recovery, t.radius_km, t.ttl_s, t.country, t.at_node) for t in lex.types.values()
    )
    return (types, lex.cancel, lex.recovery, lex.compound_heads, lex.ended_by, lex.disabled, lex.files, lex.version)


def _lists(value: Any) -> PhraseLists:
    if not isinstance(value, dict):
        raise TypeError("phrase lists must be a mapping")
    return {str(lang): tuple(str(p) for p in phrases) for lang, phrases in value.items()}


def _lexicon_from_state(state: tuple[Any, ...]) -> Lexicon:
    types, cancel, recovery, heads, ended, disabled, files, version = state
    out: dict[str, DisruptionType] = {}
    for name, terms, tcancel, trec, radius, ttl, country, at_node in types:
        out[str(name)] = DisruptionType(str(name), _lists(terms), _lists(tcancel), _lists(trec), radius, ttl,
                                        country, _lists(at_node))  # (numbers and flags as marshal kept them)
    return Lexicon(
        types=out, cancel=_lists(cancel), recovery=_lists(recovery), compound_heads=_lists(heads),
        ended_by=_lists(ended), disabled=tuple(map(str, disabled)), files=tuple(map(str, files)), version=str(version),
    )


def iter_phrases(lists: PhraseLists) -> Iterable[tuple[str, str]]:
    """``(language, phrase)`` pairs of a phrase mapping."""
    for lang, phrases in lists.items():
        for phrase in phrases:
            yield lang, phrase
