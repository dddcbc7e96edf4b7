"""Names of well-known places, firms and materials in other languages (``graphs/data/exonyms.yaml``).

A graph's analyst writes "Red Sea" and "Port of Busan"; Korean news writes "홍해"
and "부산항". :func:`node_exonyms` gives a node the names of the table entry its
own name or aliases name (folded, see :func:`graphs._fold.fold_phrase`), within
the node kinds the entry's kind fits (:data:`ATTACH`). The gazetteer adds them as
aliases marked with :class:`Exonym` (the evidence says which of the node's names
they stand for); :mod:`graphs.places` adds the names of ports, cities and regions
to its place index. See the data file's header for the format.

This module is re-exported by :mod:`graphs.gazetteer`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from graphs._fold import _cjk_class, fold_phrase
from graphs._matcher import register_data
from graphs.model import Node
from graphs.util import switched_off
from graphs.yamlsrc import ConfigError, LineDict, LineList, Problem, did_you_mean, line_of, load_file, unknown_keys

EXONYMS_PATH = Path(__file__).resolve().parent / "data" / "exonyms.yaml"

#: The languages a name may be listed under (the 24 EU languages, Japanese, Chinese, Korean).
LANGUAGES = (
    "en de fr it es nl pl sv pt ro cs sk sl hr bg el da fi et lv lt hu mt ga ja zh ko".split()
)
_WATER = frozenset({"chokepoint", "route", "region", "hub"})
_SETTLEMENT = frozenset({"port", "hub", "cluster", "region", "site"})
#: Which node kinds an entry of each kind may attach to (places never to companies or materials).
ATTACH: dict[str, frozenset[str]] = {
    "sea": _WATER, "strait": _WATER, "canal": _WATER, "river": _WATER, "cape": _WATER, "bridge": _WATER,
    "port": _SETTLEMENT, "city": _SETTLEMENT, "region": frozenset({"region", "cluster"}),
    # an airport's names ("フランクフルト空港", "aeroporto de Frankfurt") name the airport node
    "airport": frozenset({"hub", "site"}),
    # a firm's name in another script ("マースク", "台积电") names the company node, or a
    # site the analyst named after the firm ("Foxconn (Zhengzhou)" with alias "Foxconn")
    "company": frozenset({"company", "site"}),
    # a material's names ("terras raras chinesas", "中国レアアース") name the material
    # node, or a cluster the analyst named after its product ("Chinese magnets")
    "material": frozenset({"material", "cluster"}),
}
#: The "port of X" forms of a port entry attach to port nodes, and to a hub the analyst
#: named "Port of X" (an inland port: "duisport" with alias "Port of Duisburg").
PORT_FORM_KINDS = frozenset({"port"})
PORT_NAMED_KINDS = frozenset({"port", "hub"})
#: Entry kinds whose names also go into the place index (with a country code).
PLACE_KINDS = frozenset({"port", "city", "region"})
_ENTRY_KEYS = ("en", "kind", "country", "names", "port", "bare")
#: The disruptions a bare material word with its origin may report: a material is
#: restricted or runs short, and a drought, a flood or a frost befalls where it grows or is
#: mined ("drought withers soy crops across Brazil"); a strike, fire or accident happens at a site, and a bare
#: material word names no site ("China's rare-earth miners strike" is not a strike of
#: the material).
ORIGIN_SCOPED_TYPES = frozenset({"trade_restriction", "shortage", "natural_disaster"})
#: English and local "port of X" wrappers around a city name in a node's name
#: ("Port of Hamburg", "Hamburg port", "Hafen Hamburg", "porto di Genova").
_PORT_PREFIXES = ("port of ", "port ", "hafen ", "porto di ", "porto de ", "puerto de ", "port de ", "haven van ")
_PORT_SUFFIXES = (" port", " harbour", " harbor", " hafen")


@register_data
@dataclass(frozen=True, slots=True)
class Exonym:
    """A name the table gave a node: ``name`` in ``languages``, standing for the node's
    own name ``of`` (as the analyst wrote it). ``languages`` is ``None`` when the name
    matches in any language (names of several words)."""

    name: str
    of: str
    languages: frozenset[str] | None = None

    @property
    def note(self) -> str:
        return f"exonym of {self.of!r}"


@register_data
@dataclass(frozen=True, slots=True)
class MaterialWord:
    """A bare material word ("terras raras") that names a material node only with a name
    of its ``origin`` (an ISO code: "China", "中国", "brasileiras") in the same sentence;
    ``of`` is the node's name the table entry was found by ("Chinese rare earths")."""

    name: str
    of: str
    origin: str
    languages: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class OriginWord:
    """A name of a material's origin country ("China", "brasileiras"), ``origin`` its ISO code."""

    name: str
    origin: str
    languages: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class OriginNamed:
    """How a node was named by a bare material word: ``word`` as written, with its
    origin written as ``origin`` in the same sentence (see :class:`MaterialWord`)."""

    word: str
    origin: str
    of: str

    @property
    def note(self) -> str:
        return f"{self.word!r} with its origin {self.origin!r} named, for {self.of!r}"


@dataclass(frozen=True, slots=True)
class ExonymEntry:
    """One place of the table: English ``label``, its ``kind``, ``country`` (ISO code
    or ""), and ``(language, name)`` pairs: ``names`` and, for ports, ``port`` forms
    (with the phrases of :data:`PORT_PHRASES` around its city names)."""

    label: str
    kind: str
    country: str
    english: tuple[str, ...]
    names: tuple[tuple[str, str], ...]
    port: tuple[tuple[str, str], ...] = ()
    #: (materials) the bare material words ("terras raras", "レアアース"), by language, and
    #: the names of the origin (``country``) that must stand in the same sentence
    bare: tuple[tuple[str, str], ...] = ()
    origin: tuple[tuple[str, str], ...] = ()

    def all_names(self) -> list[str]:
        """The English names and every other name (not the port forms)."""
        return [*self.english, *(n for _, n in self.names)]


def _names(c: list[Problem], file: str, value: Any, what: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        c.append(Problem(file, line_of(value), f"{what} must be a mapping of language -> name(s)"))
        return ()
    out: list[tuple[str, str]] = []
    for lang, names in value.items():
        line = value.line_of(lang) if isinstance(value, LineDict) else 0
        if lang not in LANGUAGES:
            c.append(Problem(file, line, f"{what}: unknown language {lang!r}{did_you_mean(str(lang), LANGUAGES)}"))
            continue
        items = names if isinstance(names, list) else [names]
        for name in items:
            if not isinstance(name, str) or not name.strip():
                c.append(Problem(file, line, f"{what}.{lang}: each name must be a non-empty string, got {name!r}"))
                continue
            out.append((str(lang), name.strip()))
    return tuple(out)


#: How news in each language writes "the port of X" around a city name (X as the language
#: names the city, or the English name where the table lists none): "porto de Santos",
#: "Hafen Hamburg", "haven van Antwerpen". Names of several words, so they match in any
#: language; a bare city name stays a place (see ``port`` in the data file's header).
PORT_PHRASES: dict[str, tuple[str, ...]] = {
    # and the port authority that speaks for it ("the Port Authority of Algeciras Bay announced")
    "en": ("Port of {}", "{} port", "Port Authority of {}", "{} Port Authority"),
    "de": ("Hafen {}", "Hafen von {}"),
    "fr": ("port de {}",),
    "it": ("porto di {}",),
    # the port authority speaks for the port in EFE's and Lusa's copy ("la Autoridad
    # Portuaria de Valencia suspendió la actividad", "a Autoridade Portuária de Roterdã")
    "es": ("puerto de {}", "autoridad portuaria de {}"),
    "pt": ("porto de {}", "autoridade portuária de {}"),
    "nl": ("haven van {}",),
    "ro": ("portul {}",),
    "sv": ("hamnen i {}",),
    "da": ("havnen i {}",),
    # Hungarian makes an adjective of the city with "-i", written lower case: "a hamburgi
    # kikötő", "a konstancai kikötőben" (the case endings follow by inflection.yaml)
    "hu": ("{}i kikötő",),
}


def _port_phrases(english: Iterable[str], names: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The :data:`PORT_PHRASES` of a port entry's city names ("Odessa port", "porto di
    Amburgo", "port d'Anvers")."""
    english = [e.strip() for e in english]
    local: dict[str, list[str]] = {}
    for lang, name in names:
        local.setdefault(lang, []).append(name)
    out: list[tuple[str, str]] = []
    for lang, phrases in PORT_PHRASES.items():
        for city in (english if lang == "en" else local.get(lang, english)):
            for phrase in phrases:
                form = phrase.format(city.lower() if lang == "hu" else city)
                if lang == "fr" and city[:1].lower() in "aeiouhéè":
                    form = f"port d'{city}"
                out.append((lang, form))
    return tuple(out)


def load_exonyms(path: Path = EXONYMS_PATH, display: str = "graphs/data/exonyms.yaml") -> tuple[ExonymEntry, ...]:
    """The entries of the table; :class:`~graphs.yamlsrc.ConfigError` naming file, line
    and field for anything malformed."""
    doc = load_file(path, display)
    problems: list[Problem] = []
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise ConfigError([Problem(display, line_of(doc), "expected a mapping with a list 'entries'")])
    raw: LineList = doc["entries"]
    origins = _origins(problems, display, doc.get("origins"))
    entries: list[ExonymEntry] = []
    for i, m in enumerate(raw):
        if not isinstance(m, LineDict):
            problems.append(Problem(display, line_of(raw, i), "each entry must be a mapping"))
            continue
        problems += unknown_keys(m, _ENTRY_KEYS, "exonym entry")
        en = m.get("en")
        english = [en] if isinstance(en, str) else en
        if not isinstance(english, list) or not english or not all(isinstance(e, str) and e.strip() for e in english):
            problems.append(Problem(display, m.line_of("en"), "entry: 'en' must be a name or a list of names"))
            continue
        what = f"entry {english[0]!r}"
        kind = m.get("kind")
        if kind not in ATTACH:
            problems.append(Problem(display, m.line_of("kind"),
                                    f"{what}: unknown kind {kind!r}{did_you_mean(str(kind), ATTACH)}"))
            continue
        country = m.get("country") or ""
        if country and (not isinstance(country, str) or len(country) != 2 or not country.isupper()):
            problems.append(Problem(display, m.line_of("country"), f"{what}: 'country' must be an ISO code like 'DE'"))
            country = ""
        names = _names(problems, display, m.get("names"), f"{what}: names")
        port = _names(problems, display, m.get("port"), f"{what}: port")
        if port and kind != "port":
            problems.append(Problem(display, m.line_of("port"), f"{what}: 'port' forms are for kind 'port' only"))
        if kind == "port":
            port += _port_phrases(english, names)
        bare = _names(problems, display, m.get("bare"), f"{what}: bare")
        origin: tuple[tuple[str, str], ...] = ()
        if bare:
            if kind != "material":
                problems.append(Problem(display, m.line_of("bare"), f"{what}: 'bare' words are for kind 'material' only"))
            elif country not in origins:
                problems.append(Problem(display, m.line_of("bare"),
                                        f"{what}: 'bare' words need a 'country' listed under 'origins'"
                                        f"{did_you_mean(str(country), origins)}"))
            else:
                origin = origins[country]
        entries.append(ExonymEntry(
            english[0].strip(), kind, country, tuple(e.strip() for e in english),
            names, port, bare, origin,
        ))
    if problems:
        raise ConfigError(problems)
    return tuple(entries)


def _origins(c: list[Problem], file: str, value: Any) -> dict[str, tuple[tuple[str, str], ...]]:
    """The ``origins`` table: ISO code -> (language, name) pairs."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        c.append(Problem(file, line_of(value), "'origins' must be a mapping of ISO code -> names by language"))
        return {}
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for code, names in value.items():
        if not isinstance(code, str) or len(code) != 2 or not code.isupper():
            line = value.line_of(code) if isinstance(value, LineDict) else 0
            c.append(Problem(file, line, f"origins: {code!r} is not an ISO code like 'CN'"))
            continue
        out[code] = _names(c, file, names, f"origins.{code}")
    return out


@lru_cache(maxsize=2)
def default_exonyms() -> tuple[ExonymEntry, ...]:
    """The packaged table, read once per process."""
    return load_exonyms()


def enabled_by_environment() -> bool:
    """``MONITOR_EXONYMS=off`` (or ``0``, ``false``, ``no``) switches the table off."""
    return not switched_off("MONITOR_EXONYMS")


def _scope(name: str, langs: Iterable[str]) -> frozenset[str] | None:
    """One-word names (CJK names included) match in their own languages only; English
    names and names of several words in any language."""
    langs = frozenset(langs)
    one_word = " " not in fold_phrase(name) or any(_cjk_class(ch) for ch in name)
    return langs if "en" not in langs and one_word else None


def _port_stripped(key: str) -> str | None:
    for p in _PORT_PREFIXES:
        if key.startswith(p):
            return key[len(p):]
    for s in _PORT_SUFFIXES:
        if key.endswith(s):
            return key[: -len(s)]
    return None


class ExonymIndex:
    """The table keyed by folded name, to find a node's entries."""

    def __init__(self, entries: Iterable[ExonymEntry]) -> None:
        self.entries = tuple(entries)
        self._by_name: dict[str, list[int]] = {}
        self._by_port: dict[str, list[int]] = {}
        for i, e in enumerate(self.entries):
            for name in e.all_names():
                self._by_name.setdefault(fold_phrase(name), []).append(i)
            for _, name in e.port:
                self._by_port.setdefault(fold_phrase(name), []).append(i)

    def for_node(self, node: Node) -> list[Exonym]:
        """The names the table gives ``node`` (none already among its own)."""
        own: dict[str, str] = {}
        for n in (node.name, *node.aliases):
            if n and n.strip():
                own.setdefault(fold_phrase(n), n)
        picked: dict[int, tuple[str, bool]] = {}  # entry -> (node's name it matched, bare name?)
        for key, written in own.items():
            for i in self._by_name.get(key, ()):
                # the first of the node's names that the entry names stands in the
                # evidence (its own name, then its aliases in the analyst's order)
                if node.kind in ATTACH[self.entries[i].kind] and not picked.get(i, ("", False))[1]:
                    picked[i] = (written, True)
            if node.kind in PORT_NAMED_KINDS:
                stripped = _port_stripped(key)
                for i in [*self._by_port.get(key, ()), *self._by_name.get(stripped or "\0", ())]:
                    if self.entries[i].kind == "port" and i not in picked:
                        picked[i] = (written, False)
        out: dict[str, Exonym] = {}
        for i, (of, bare) in picked.items():
            e = self.entries[i]
            pairs: list[tuple[str, str]] = []
            if bare:
                # a firm's English names only find the node: the analyst chose which of them
                # are aliases ("Ford" alone is also a president and an actor)
                pairs += ([] if e.kind == "company" else [("en", n) for n in e.english]) + list(e.names)
            if node.kind in PORT_FORM_KINDS or not bare:
                pairs += list(e.port)
            langs: dict[str, set[str]] = {}
            for lang, name in pairs:
                langs.setdefault(name, set()).add(lang)
            for name, ls in langs.items():
                key = fold_phrase(name)
                if key in own or not key:
                    continue
                out.setdefault(name, Exonym(name, of, _scope(name, ls)))
        return list(out.values())


    def material_words(self, node: Node) -> tuple[list[MaterialWord], list[OriginWord]]:
        """The bare material words of the material entries ``node`` is named by, and the
        names of their origins (see ``bare`` in the data file's header)."""
        if not any(e.bare for e in self.entries):
            return [], []
        own: dict[str, str] = {}
        for n in (node.name, *node.aliases):
            if n and n.strip():
                own.setdefault(fold_phrase(n), n)
        words: dict[tuple[str, str], MaterialWord] = {}
        origins: dict[tuple[str, str], OriginWord] = {}
        for key, written in own.items():
            for i in self._by_name.get(key, ()):
                e = self.entries[i]
                if not e.bare or node.kind not in ATTACH[e.kind]:
                    continue
                for name, langs in _by_name(e.bare).items():
                    words.setdefault((name, e.country), MaterialWord(name, written, e.country, frozenset(langs)))
                for name, langs in _by_name(e.origin).items():
                    origins.setdefault((name, e.country), OriginWord(name, e.country, _scope(name, langs)))
        return list(words.values()), list(origins.values())


def _by_name(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for lang, name in pairs:
        out.setdefault(name, set()).add(lang)
    return out


@lru_cache(maxsize=2)
def default_index() -> ExonymIndex:
    return ExonymIndex(default_exonyms())
