"""Find names in text: folding, word boundaries, inflections, longest match.

Everything that looks phrases up in news text goes through this module: node
aliases (:class:`Gazetteer`), disruption terms (:mod:`graphs.lexicon`) and
place names (:mod:`graphs.places`). One Aho-Corasick automaton (daachorse) per
phrase set is scanned over the *folded* text, so an item costs one native pass
per automaton whatever the number of phrases (no per-item work proportional to
the number of aliases).

The pieces live in small private modules, re-exported here: ``graphs._fold``
(folding and its offset map), ``graphs._inflection`` (suffixes, case endings
and compounding by language, read from ``graphs/data/inflection.yaml``; Polish
and German name forms) and ``graphs._matcher`` (:class:`PhraseMatcher`, the
automata and their boundary, case and language checks) and ``graphs._exonyms``
(the packaged name table ``graphs/data/exonyms.yaml``: a node that names a
well-known place also matches that place's names in the other languages, unless
the node says ``exonyms: false`` or ``MONITOR_EXONYMS=off``; each such entry's
``data`` is an :class:`Exonym`, so evidence can say "exonym of 'Red Sea'").
This module keeps the node gazetteer itself.

Folding (:func:`fold`)
    Each character is mapped on its own: Unicode NFKC, ``casefold``, NFKD with
    combining marks dropped (so "Malmö", "MALMO" and "Malmo\\u0308" all fold to
    "malmo"), a few letters NFKD does not decompose (ø→o, æ→ae, œ→oe, ł→l,
    đ→d, ı→i, ß→ss), and every character that is not a letter or digit becomes
    a space (hyphens, apostrophes, punctuation). Phrases are folded the same
    way, so "Antwerp-Bruges" matches "Antwerp Bruges" and the accent-stripped
    spelling matches the accented one in both directions. Aliases with German
    umlauts also get their ``ae/oe/ue`` spelling ("Muenchen").

    Folding can change length ("ß"→"ss", "ﬁ"→"fi", a combining accent → "",
    "İ" stays one letter), so :class:`Folded` keeps an index map from every
    folded position back to the original string; evidence offsets always
    point into the original text.

Boundaries
    A phrase must start at a word start (the folded character before it is a
    space) unless written with a leading ``*``; it must end at a word end
    unless written with a trailing ``*`` (then the match runs to the end of
    the word) or an allowed continuation follows:

    * inflection suffixes, by item language (:data:`SUFFIXES`, from
      ``graphs/data/inflection.yaml``; aliases of at least 5 letters, or 3 for
      the genitive "s"): "Rotterdams", "Hamburger", "Rotterdamse", "Gdańsku",
      "Hamburgā", "Kokkolassa", "Rotterdamban". English possessives need no
      rule: the apostrophe folds to a space ("Rotterdam's"). In hu fi et lv lt
      (``short_names``) a suffix of three letters or more also follows a
      four-letter name ("Audinál"; "Audit" stays a word).
    * case endings that replace a one-word name's final vowel
      (:data:`STEM_ENDINGS`: pl cs sk sl hr lt lv ro, or unknown language):
      "Tychach" for "Tychy", "Gdyni" for "Gdynia", "Klaipėdoje" for
      "Klaipėda", "Rīgā" for "Rīga".
    * multi-word names written with Polish letters, in Polish case forms
      (:func:`polish_phrase`): "Zakładach Azotowych Puławy" for "Zakłady
      Azotowe Puławy".
    * compound continuations in de/nl/sv/da/fi/et/hu (and unknown languages): the rest of
      the word, optionally after a linking "s", starts with a compound head
      (harbour, canal, plant, chips, ... and the disruption terms of those
      languages): "Suezkanal", "Nexperiachips", "Suezblockade". "Portugal"
      never matches "Port": "ugal" is neither a suffix nor a head.

    Names after a preposition (``initial`` in ``graphs/data/inflection.yaml``,
    :func:`initial_spellings`), as extra spellings scoped to their language:
    Irish initial mutations ("i gCalafort Bhaile Átha Cliath", "ó Chalafort")
    and a leading article contracted ("Le Havre" -> "du Havre", "au Havre";
    "La Spezia" -> "della Spezia").

    Chinese, Japanese and Korean (:func:`_fold_cjk`): folding puts a word
    boundary around every Han, Hiragana and Hangul character and around each
    katakana run, so names and terms in those scripts match inside unspaced
    text ("台积电" in "台积电工厂停电", "火災" in "工場で火災が発生") and before
    Korean particles ("부산항" in "부산항에서"), while a katakana name does not
    match inside a longer katakana word. A name in Hangul must start its
    word and may only be followed by a particle (:data:`KOREAN_PARTICLES`),
    or by a compound head and a particle (:data:`KOREAN_HEADS`:
    "현대차노조는"): "인텔" is not found in "인텔리전스"; terms match inside
    Korean compounds ("총파업", "공장화재"). Full-width Latin folds to ASCII
    (NFKC: "ＴＳＭＣ" is "tsmc"); kana keep their voicing marks. Aliases in
    other scripts written without spaces (Thai, Lao) match anywhere.

Case
    An alias written with capitals does not match an all-lowercase mention
    ("continental" is not Continental); an all-caps acronym of up to five
    letters only matches upper-case mentions ("ZF", not "zf"), or one written
    as a name that is no word ("la Msc", "Tsmc": three letters or more, at
    most one vowel in four; "Man" is not MAN).

Overlaps
    Overlapping matches of one kind are resolved longest first ("Port of
    Antwerp-Bruges" wins over "Antwerp"), ties to the leftmost.

Lists and appositions (``coordination`` and ``apposition`` in ``graphs/data/inflection.yaml``)
    A plural kind word before or after a list of capitalised names stands for its
    singular around each name: "os aeroportos de Frankfurt e Munique" names the nodes
    of "aeroporto de Frankfurt" and "aeroporto de Munique", "the Rotterdam and Antwerp
    ports" those of "Rotterdam port" and "Antwerp port" (the name alone is the
    evidence). An alias ending with an English kind word after a name ("Troll gas
    field") also matches with the kind word first ("gas field Troll").

Material words of one origin (``bare`` and ``origins`` in ``graphs/data/exonyms.yaml``)
    A bare material word ("terras raras", "レアアース") names a material node of one
    origin ("Chinese rare earths") only when a name of that origin ("China", "中国")
    stands in the same sentence; the hit's entry carries :class:`OriginNamed`, and the
    tagger pairs it only with a material's disruption types in that sentence.

Cues (a node's ``cues:`` in the graph)
    A name that stands for the node only where its sentence reports one of the node's
    own disruptions (:data:`CUE_TYPES`): an operator's name that business news uses as
    well ("QatarEnergy declares force majeure" is Ras Laffan; "QatarEnergy signs a
    supply deal, delays expected" is no congestion there). A cue of a chokepoint or route
    (a gulf the lane leads to or through: "Persian Gulf", "Gulf of Aden") reports only what
    happens on the water (:data:`WATER_CUE_TYPES`). The hit's entry carries :class:`Cue`;
    the tagger pairs it only with a term of its types in that sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphs import cache
from graphs.model import ValueChain

from graphs._fold import Folded, _cjk_class, fold, fold_phrase, phrase_keys, spellings
from graphs._inflection import (
    APPOSITION,
    COORDINATION,
    COMPOUNDING,
    Coordination,
    INFLECTION_PATH,
    PL_ALTERNATIONS,
    STEM_ENDINGS,
    STEM_SUFFIXES,
    SUFFIXES,
    _STEM_LANGUAGES,
    apposed,
    base_language,
    initial_spellings,
    looks_polish,
    possessive_spellings,
    polish_alternation,
    polish_phrase,
    polish_stem,
    polish_stems,
)
from graphs._matcher import (
    _TAILS, Entry, Hit, PhraseMatcher, _entry_from_state, _entry_state, register_data, resolve_longest,
)
from graphs._exonyms import (
    EXONYMS_PATH,
    ORIGIN_SCOPED_TYPES,
    Exonym,
    ExonymEntry,
    ExonymIndex,
    MaterialWord,
    OriginNamed,
    OriginWord,
    enabled_by_environment,
    load_exonyms,
)
from graphs._exonyms import default_index as default_exonyms_index

__all__ = [
    "CUE_TYPES", "Cue", "WATER_CUE_TYPES", "APPOSITION", "COMPOUNDING", "COORDINATION", "EXONYMS_PATH", "INFLECTION_PATH", "Exonym", "ExonymEntry", "ExonymIndex",
    "MaterialWord", "ORIGIN_SCOPED_TYPES", "OriginNamed", "OriginWord",
    "default_exonyms_index", "enabled_by_environment", "load_exonyms", "PL_ALTERNATIONS", "STEM_ENDINGS", "STEM_SUFFIXES", "SUFFIXES",
    "Entry", "Folded", "Gazetteer", "Hit", "PhraseMatcher", "base_language", "fold", "fold_phrase",
    "looks_polish", "phrase_keys", "polish_alternation", "polish_phrase", "polish_stem", "polish_stems",
    "resolve_longest", "spellings",
]


# -- the node gazetteer --------------------------------------------------------

#: The disruptions of a node's own operation that a cue name may report (see :class:`Cue`):
#: not congestion, lockdowns, shortages, trade measures or the firm's finances, which
#: business news of the same firm is full of ("delays", "restrictions", "sanctions").
CUE_TYPES = frozenset({"outage", "conflict", "blockage", "fire", "accident", "strike", "cyberattack"})
#: A sea's or a gulf's other name (a cue of a chokepoint or route) reports what happens on the
#: water only: ships attacked, stopped or queuing ("ships in the Persian Gulf told to leave"),
#: not a fire or a strike at a refinery on its coast.
WATER_CUE_TYPES = frozenset({"blockage", "conflict", "congestion"})
_WATER_CUE_KINDS = frozenset({"chokepoint", "route"})


@register_data  # kept in the cached gazetteer (graphs.cache)
@dataclass(frozen=True, slots=True)
class Cue:
    """How a node was named by one of its ``cues``: ``name`` as listed in the graph,
    reporting only ``types`` (:data:`CUE_TYPES`, :data:`WATER_CUE_TYPES`)."""

    name: str
    types: frozenset[str] = CUE_TYPES

    @property
    def note(self) -> str:
        return f"cue {self.name!r}, beside a disruption of its own in the sentence"





_PL_ONLY = frozenset({"pl"})
_DE_ONLY = frozenset({"de"})


def stem_entry(entry: Entry, endings: frozenset[str] | None = None) -> Entry:
    """The case-ending twin of an alias entry (see :func:`polish_stems`): with ``endings``
    (a Polish consonant alternation) for Polish only, else for every language whose case
    endings replace a name's final vowel (:data:`STEM_ENDINGS`)."""
    return Entry(
        kind=entry.kind, ref=entry.ref, data=entry.data, end_mode="stem",
        needs_upper=entry.needs_upper, acronym=False,
        languages=_PL_ONLY if endings is not None else _STEM_LANGUAGES, endings=endings,
    )


def german_adjectives(key: str) -> list[str]:
    """German city adjectives of a one-word folded name ending in "-en" (the adjective is
    indeclinable): "dresden" -> "dresdner", "bremen" -> "bremer", "munchen" -> "munchner".

    Names that simply add "-er" ("Hamburger", "Aachener") are covered by the suffix rule.
    """
    if " " in key or len(key) < 6 or not key.endswith("en") or not key.isalpha():
        return []
    stem = key[:-2]
    return [stem + "ner", stem + "er"]


def german_entry(entry: Entry) -> Entry:
    """The German-adjective twin of an alias or part entry (see :func:`german_adjectives`)."""
    return Entry(
        kind=entry.kind, ref=entry.ref, data=entry.data, end_mode="alias", needs_upper=True,
        acronym=False, languages=_DE_ONLY,
    )


def _unspaced(text: str) -> bool:
    """Written in a script without spaces between words and without CJK folding (Thai, Lao...)."""
    return any("\u0e00" <= ch <= "\u0eff" for ch in text)


def _cjk(text: str) -> bool:
    """Has Han, kana or Hangul (folded with a word boundary per character, see :func:`_fold_cjk`)."""
    return any(_cjk_class(ch) for ch in text)


#: Korean particles and endings that may follow a name inside its word ("부산항에서",
#: "삼성전자의", "한진해운발"): a Hangul name must start its word and be followed by
#: nothing else, so that "인텔" is not found in "인텔리전스" nor "부산항" in "신부산항만".
KOREAN_PARTICLES = frozenset(
    """은 는 이 가 을 를 의 에 에서 에게 께 께서 로 으로 와 과 도 만 까지 부터 보다 처럼 하고 이나 나 에도
    에서도 에는 에서는 으로는 로는 과의 와의 에서의 로의 으로의 와도 과도 이다 이며 이고 이라 라 란 이란 측
    측은 측이 측의 측도 측에 발 산 내 서 내에 내에서 등 등이 등의 등을 만의 마저 조차 께서는 로서 으로서 로부터
    으로부터 에서부터 이라는 라는 엔 에선 에서만 에만 이라도 라도 쪽 쪽은 쪽이 쪽에""".split()
)


#: Nouns that may follow a Korean name inside one word, as the head of a compound, before a
#: particle or nothing ("현대차노조는", "삼성전자노조", "부산항만").
KOREAN_HEADS = (
    "노조", "노동조합", "공장", "사업장", "지부", "지회", "본사", "직원", "근로자", "항만", "부두", "터미널",
    "물류", "생산", "라인", "제철소", "사태", "그룹", "계열사", "협력사", "노사",
    # administrative suffixes of a place ("부산시에서", "울산항에", "거제시")
    "시", "군", "구", "항",
)


def _hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _hangul_word_ok(text: str, start: int, end: int) -> bool:
    """A mention written in Hangul starts its word and is followed only by a particle."""
    if start >= len(text) or not _hangul(text[start]):
        return True
    if start > 0 and _hangul(text[start - 1]):
        return False
    stop = end
    n = len(text)
    while stop < n and _hangul(text[stop]):
        stop += 1
    if stop == end:
        return True
    rest = text[end:stop]
    if rest in KOREAN_PARTICLES:
        return True
    for head in KOREAN_HEADS:
        if rest.startswith(head):
            tail = rest[len(head):]
            return not tail or tail in KOREAN_PARTICLES
    return False


def _alias_entry(node_id: str, alias: str) -> Entry:
    if _cjk(alias):
        # folding puts word boundaries between CJK characters: whole words only, no
        # inflection or compound rules (and no capitals to check)
        return Entry(kind="node", ref=node_id, data=alias)
    if _unspaced(alias):
        # no word boundaries to check in scripts written without spaces
        return Entry(kind="node", ref=node_id, data=alias, start_bound=False, end_mode="any")
    letters = [ch for ch in alias if ch.isalpha()]
    acronym = bool(letters) and alias.isupper() and len(letters) <= 5 and " " not in alias.strip()
    return Entry(
        kind="node",
        ref=node_id,
        data=alias,
        end_mode="alias",
        needs_upper=any(ch.isupper() for ch in alias),
        acronym=acronym,
    )


_MATERIAL = "material"
_ORIGIN = "origin"
_PLURAL = "plural"
#: Where a sentence ends between two mentions (the title and the text are apart too).
_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”’)\]]*\s|\n|[。！？]")


def _origin_scoped(folded: Folded, hits: list[Hit]) -> list[Hit]:
    """Bare material words become node mentions when a name of the material's origin
    stands in the same sentence ("a China endureceu os controles sobre terras raras":
    Chinese rare earths), else they are dropped; origin names are no mentions."""
    scoped = [h for h in hits if any(e.kind == _MATERIAL or e.kind == _ORIGIN for e in h.entries)]
    if not scoped:
        return hits
    origins = [h for h in scoped if any(e.kind == _ORIGIN for e in h.entries)]
    text = folded.text
    out: list[Hit] = []
    for h in hits:
        if not any(e.kind == _MATERIAL or e.kind == _ORIGIN for e in h.entries):
            out.append(h)
            continue
        kept = [e for e in h.entries if e.kind != _MATERIAL and e.kind != _ORIGIN]
        for e in h.entries:
            if e.kind != _MATERIAL:
                continue
            word: MaterialWord = e.data
            for o in sorted(origins, key=lambda o: abs(o.ostart - h.ostart)):
                if not any(oe.kind == _ORIGIN and oe.ref == word.origin for oe in o.entries):
                    continue
                lo, hi = (o, h) if o.ostart < h.ostart else (h, o)
                if _SENTENCE_END.search(text, lo.oend, hi.ostart):
                    continue
                named = OriginNamed(text[h.ostart : h.oend], text[o.ostart : o.oend], word.of)
                kept.append(Entry(kind="node", ref=e.ref, data=named))
                break
        if kept:
            out.append(Hit(h.start, h.end, h.ostart, h.oend, kept))
    return out


#: A list ends at a sentence's or a clause's end.
_LIST_END = re.compile(r"[.;:!?()\[\]\n\"“”«»]")
#: At most so many names in a list, and words in one name.
MAX_LISTED = 8
MAX_NAME_WORDS = 4


def _listed_names(folded: Folded, at: int, ahead: bool, c: Coordination) -> list[tuple[int, int, int]]:
    """Folded spans of the capitalised names listed from ``at`` on (``ahead``) or up to
    ``at`` (backwards): "Frankfurt e Munique", "Berlim, Hamburgo e Colonia", "Santos e
    de Paranaguá"; empty unless two names or more, the last joined by ``c.joiners``.
    Each span is ``(start, end, from)``: ``from`` is where a repeated preposition starts
    ("de Paranaguá"), else ``start``."""
    norm, text = folded.norm, folded.text
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", norm[at : at + 200] if ahead else norm[max(0, at - 200) : at])]
    base = at if ahead else max(0, at - 200)
    words = [(a + base, b + base) for a, b in words]
    if not ahead:
        words.reverse()
    names: list[tuple[int, int, int]] = []
    current: tuple[int, int, int] | None = None
    repeated: int | None = None
    joined = False
    size = 0
    prev: tuple[int, int] | None = None
    for start, end in words:
        ostart, oend = folded.span(start, end)
        if prev is not None:
            pstart, pend = folded.span(*prev)
            gap = text[pend:ostart] if ahead else text[oend:pstart]
        else:
            gap = text[folded.span(at, at)[0] : ostart] if ahead else text[oend : folded.span(at, at)[0]]
        prev = (start, end)
        if _LIST_END.search(gap):
            break
        word = text[ostart:oend]
        token = norm[start:end]
        if not names and current is None and not ahead and (token in c.fillers or token.isdigit()):
            continue  # "フランクフルトやミュンヘンの7空港": "の", "7" before the kind word
        if _name_word(word):
            if current is not None and "," not in gap and "、" not in gap and size < MAX_NAME_WORDS:
                current = (min(current[0], start), max(current[1], end), min(current[2], start))
                size += 1
                continue
            if current is not None:
                names.append(current)
            current, size = (start, end, start if repeated is None else repeated), 1
            repeated = None
            continue
        if current is not None and token in c.joiners:
            names.append(current)
            current, joined = None, True
            continue
        if current is None and repeated is None and names and ahead and token in c.repeated:
            repeated = start  # "portos de Santos e de Paranaguá"
            continue
        break
    if current is not None:
        names.append(current)
    if len(names) < 2 or not joined or len(names) > MAX_LISTED:
        return []
    if not ahead:
        names.reverse()
    return names


#: How Japanese copy names a plant "X工場" of a place written in katakana: "Xの工場" (the plant
#: of X), "Xにある工場" (the plant at X), "Xの乗用車工場" (X's car plant).
JAPANESE_PLANT_FORMS = ("{}の工場", "{}にある工場", "{}の自動車工場", "{}の乗用車工場", "{}の完成車工場",
                        "{}の組立工場", "{}の組み立て工場")


def japanese_plant_forms(alias: str) -> tuple[str, ...]:
    """The other ways Japanese names the plant of an alias "<katakana place>工場" (see
    :data:`JAPANESE_PLANT_FORMS`): as precise as the alias, which already names the place's
    plant ("メルフィ工場"); none for any other alias ("VW本社工場", "Zwickau plant")."""
    if not alias.endswith("工場") or len(alias) < 4 or not ("\u30a1" <= alias[-3] <= "\u30fa" or alias[-3] == "\u30fc"):
        return ()
    place = alias[:-2]
    return tuple(f.format(place) for f in JAPANESE_PLANT_FORMS)


def _name_word(word: str) -> bool:
    """A word of a listed name: capitalised, or a katakana run (Japanese writes foreign
    names in katakana: "フランクフルト", "ミュンヘン")."""
    return word[:1].isupper() or (bool(word) and all("\u30a0" <= ch <= "\u30ff" for ch in word))


def _singular_phrase(singular: str, name: str, bare: str, repeated: bool, ahead: bool) -> str:
    """The singular kind phrase around one listed name: ``name`` with a repeated
    preposition ("de Paranaguá"), ``bare`` without."""
    if "{}" in singular:  # "airports in Frankfurt and Munich": "{} airport"
        return singular.format(bare)
    if repeated:  # "et de Rotterdam": the singular's head, the text's preposition
        return f"{singular.rsplit(' ', 1)[0]} {name}"
    if ahead:
        gap = "" if singular.endswith(("'", "’")) else " "  # "port d'Anvers"
        return f"{singular}{gap}{name}"
    return f"{name}{'' if _cjk(singular) else ' '}{singular}"  # "フランクフルト空港"


def _merged(hits: list[Hit], more: list[Hit]) -> list[Hit]:
    """``hits`` and ``more``, the entries of hits with the same span together."""
    by_span = {(h.start, h.end): h for h in hits}
    out = list(hits)
    for h in more:
        same = by_span.get((h.start, h.end))
        if same is None:
            by_span[(h.start, h.end)] = h
            out.append(h)
            continue
        refs = {e.ref for e in same.entries}
        same.entries = [*same.entries, *(e for e in h.entries if e.ref not in refs)]
    out.sort(key=lambda h: h.start)
    return out


#: Words that never count as one half of a two-part alias ("Port Sochaux").
_GENERIC = frozenset(
    """port ports hafen haven harbour harbor porto puerto porte port plant plants works werk
    fabrik usine site the of de di del la le el van von der den and und et group gruppe groupe
    ag gmbh se sa spa nv bv ab plc ltd inc co kg oy as asa terminal airport flughafen cluster
    region north south east west nord sud""".split()
)

#: Two halves of an alias may stand this many folded characters apart.
PART_GAP = 40
#: A word that is one half of more two-part aliases than this is too common
#: to stand for any of them ("Holding", "Energy").
MAX_PART_SHARE = 25


#: "the cache directory from the environment" (a ``directory`` argument left out)
_DEFAULT_DIR = object()


def _cache_key(chain: ValueChain, heads: list[str], exonyms: bool) -> str:
    """The on-disk cache key of a gazetteer (see :meth:`Gazetteer.cached`)."""
    here = Path(__file__).parent
    code = [Path(__file__), *(here / name for name in ("_fold.py", "_inflection.py", "_matcher.py", "_exonyms.py")),
            INFLECTION_PATH]
    nodes = hashlib.sha256(repr(list(chain.nodes.values())).encode("utf-8", "surrogatepass")).hexdigest()
    return cache.cache_key("gazetteer", nodes, heads, exonyms,
                           files=[*code, *([EXONYMS_PATH] if exonyms else [])])


class Gazetteer:
    """Every node's name and aliases in one automaton.

    Build it once per graph version (``chain.version``) and reuse it: building
    is the only step proportional to the number of aliases.
    ``compound_heads`` are the words that may follow an alias inside a
    compound (see the module docstring); the tagger passes the lexicon's.

    Two-part aliases: an alias of exactly two capitalised words that are not
    generic nor shared by more than :data:`MAX_PART_SHARE` aliases
    ("Stellantis Sochaux", "Airbus Hamburg", "Tesla Grünheide") also
    matches when both words stand in that sentence at most :data:`PART_GAP`
    characters apart, in either order, with no sentence end between them
    ("usine Stellantis de Sochaux", "Tesla's Grünheide plant").
    """

    def __init__(self, chain: ValueChain, compound_heads: Iterable[str] = (), *,
                 exonyms: ExonymIndex | bool | None = None) -> None:
        self.version = chain.version
        self.matcher = PhraseMatcher(compound_heads, longest=True)
        if exonyms is None:
            exonyms = enabled_by_environment()
        table = default_exonyms_index() if exonyms is True else (exonyms or None)
        count = 0
        exonym_count = 0
        #: some node has bare material words (see :meth:`_origin_scoped`)
        self.origin_scoped = False
        part_candidates: dict[str, list[tuple[str, str, int]]] = {}
        for node in chain.nodes.values():
            names = dict.fromkeys((node.name, *node.aliases))  # as written: the same build every run
            cued = {fold_phrase(c) for c in node.cues}  # a cue is no unconditional half of a two-part alias
            for alias in names:
                if not alias or not alias.strip():
                    continue
                count += self._add_alias(node.id, alias, None)
                inverted = apposed(alias)  # "gas field Troll" for "Troll gas field"
                if inverted is not None and inverted not in names:
                    count += self._add_alias(node.id, inverted, None)
                if node.kind == "site":
                    for form in japanese_plant_forms(alias):  # "ツイッカウ工場": "ツイッカウの工場"
                        if form not in names:
                            count += self._add_alias(node.id, form, None)
                if not _cjk(alias) and not _unspaced(alias):
                    # "i gCalafort Bhaile Átha Cliath", "au Havre", "Rotterdam's port": for that language only
                    base = _alias_entry(node.id, alias)
                    scoped_spellings = initial_spellings(alias, node.location.country)
                    for lang, variants in possessive_spellings(alias).items():  # "Rotterdam's port"
                        scoped_spellings.setdefault(lang, []).extend(variants)
                    for lang, variants in scoped_spellings.items():
                        scoped = Entry(
                            kind=base.kind, ref=base.ref, data=base.data, end_mode=base.end_mode,
                            needs_upper=base.needs_upper, acronym=False, languages=frozenset({lang}),
                        )
                        for variant in variants:
                            for key in spellings(variant):
                                self.matcher.add(key, scoped)
                                count += 1
                words = alias.split()
                if len(words) == 2 and all(w[:1].isupper() for w in words):
                    parts = [fold_phrase(w) for w in words]
                    if all(len(p) >= 3 and " " not in p and p not in _GENERIC and p not in cued for p in parts):
                        key = fold_phrase(alias)
                        for i, part in enumerate(parts):
                            part_candidates.setdefault(part, []).append((node.id, key, i))
            for cue in node.cues:
                if cue and cue.strip() and cue not in names:
                    types = WATER_CUE_TYPES if node.kind in _WATER_CUE_KINDS else CUE_TYPES
                    count += self._add_alias(node.id, cue, None, Cue(cue, types))
            if table is not None and node.exonyms:
                # other-language names of the place the node names ("홍해" for "Red Sea")
                for exo in table.for_node(node):
                    exonym_count += self._add_alias(node.id, exo.name, exo)
                # bare material words, kept only with their origin named ("terras raras" + "China")
                bare, origins = table.material_words(node)
                for word in bare:
                    exonym_count += self._add_scoped(_MATERIAL, node.id, word.name, word, word.languages)
                for origin in origins:
                    self._add_scoped(_ORIGIN, origin.origin, origin.name, None, origin.languages)
                self.origin_scoped = self.origin_scoped or bool(bare)
        self._plurals, self._plural_prefixes, self._plural_suffixes = self._add_plurals()
        for part, uses in part_candidates.items():
            if len({key for _, key, _ in uses}) > MAX_PART_SHARE:
                continue
            for node_id, key, i in uses:
                entry = Entry(kind="part", ref=node_id, data=(key, i), end_mode="alias", needs_upper=True)
                self.matcher.add(part, entry)
                for stem, endings in polish_stems(part):
                    self.matcher.add(stem, stem_entry(entry, endings))
                for adj in german_adjectives(part):  # "im Dresdner Werk von Infineon"
                    self.matcher.add(adj, german_entry(entry))
        self.alias_count = count
        self.exonym_count = exonym_count
        self.matcher.build()

    @classmethod
    def cached(cls, chain: ValueChain, compound_heads: Iterable[str] = (), *,
               exonyms: bool | None = None, directory: Path | None | object = _DEFAULT_DIR) -> Gazetteer:
        """The gazetteer of ``chain``, read from the on-disk cache (:mod:`graphs.cache`) when
        one was built from the same inputs, else built and stored there.

        The key covers everything the build reads: every node as loaded (``repr``), the
        compound heads, whether the name table is used and its file, the inflection
        table and the code of the gazetteer, folding, inflection, matcher and name-table
        modules (and the package version, see :func:`graphs.cache.cache_key`). The
        cached state is plain data (:meth:`PhraseMatcher.state`); reading it back
        rebuilds the automata from their keys. ``directory``: the cache directory
        (default :func:`graphs.cache.cache_dir`; ``None`` builds without a cache).
        """
        heads = list(compound_heads)
        use_table = enabled_by_environment() if exonyms is None else bool(exonyms)
        where = cache.cache_dir() if directory is _DEFAULT_DIR else directory
        if not isinstance(where, Path):
            return cls(chain, heads, exonyms=use_table)
        return cache.read_or_build(
            "gazetteer", _cache_key(chain, heads, use_table), where, lambda: cls(chain, heads, exonyms=use_table),
            Gazetteer._state, lambda state: cls._from_state(chain, heads, state), "gazetteer",
        )

    def _state(self) -> tuple[Any, ...]:
        def entries(es: list[Entry]) -> tuple[tuple[Any, ...], ...]:
            return tuple(_entry_state(e) for e in es)

        return (
            tuple(self.matcher.state()), self.origin_scoped, self._plurals,
            tuple((key, entries(es)) for key, es in self._plural_prefixes),
            tuple((key, entries(es), needs_s) for key, es, needs_s in self._plural_suffixes),
            self.alias_count, self.exonym_count,
        )

    @classmethod
    def _from_state(cls, chain: ValueChain, compound_heads: list[str], state: tuple[Any, ...]) -> Gazetteer:
        matcher, origin_scoped, plurals, prefixes, suffixes, alias_count, exonym_count = state
        sets: dict[tuple[str, ...], frozenset[str]] = {}
        self = cls.__new__(cls)
        self.version = chain.version
        self.matcher = PhraseMatcher.from_state(matcher, compound_heads, longest=True)
        self.origin_scoped = bool(origin_scoped)
        self._plurals = bool(plurals)
        self._plural_prefixes = [(str(k), [_entry_from_state(t, sets) for t in es]) for k, es in prefixes]
        self._plural_suffixes = [(str(k), [_entry_from_state(t, sets) for t in es], bool(s)) for k, es, s in suffixes]
        self.alias_count = int(alias_count)
        self.exonym_count = int(exonym_count)
        return self

    def _add_alias(self, node_id: str, alias: str, exonym: Exonym | None, cue: Cue | None = None) -> int:
        """Add one name of a node with its inflected forms; the number of spellings added.

        An ``exonym`` (a name from the packaged table) is kept as the entries' ``data``
        and matches in its ``languages`` only (inflected forms too); so is a ``cue``
        (without a language scope)."""
        count = 0
        scope = exonym.languages if exonym is not None else None

        def add(key: str, entry: Entry) -> None:
            if cue is not None:
                entry.data = cue
            if exonym is not None:
                entry.data = exonym
                if scope is not None:
                    langs = scope if entry.languages is None else entry.languages & scope
                    if not langs:
                        return
                    entry.languages = langs
            self.matcher.add(key, entry)

        for key in spellings(alias):
            entry = _alias_entry(node_id, alias)
            add(key, entry)
            count += 1
            if entry.end_mode == "alias":
                for stem, endings in polish_stems(key):
                    add(stem, stem_entry(entry, endings))
                if entry.needs_upper and not entry.acronym:
                    for adj in german_adjectives(key):  # "Dresdner", "Bremer"
                        add(adj, german_entry(entry))
            inflected = polish_phrase(key) if entry.end_mode == "alias" and looks_polish(alias) else None
            if inflected:
                head, tail = inflected
                pattern = _TAILS.get(tail) or _TAILS.setdefault(tail, re.compile(tail))
                pe = stem_entry(entry)
                pe.end_mode, pe.tail = "word", pattern
                add(head, pe)
        return count

    def _add_plurals(self) -> tuple[bool, list[tuple[str, list[Entry]]], list[tuple[str, list[Entry], bool]]]:
        """Add the plural kind words of :data:`COORDINATION` (entries of kind :data:`_PLURAL`,
        ``data`` = (language, before the list?, singular, the plural as written when it folds
        like the singular)); return whether any was added, and the plurals an alias may
        hide: folded "<plural> " an alias starts with ("hafen " of "Hafen Hamburg"), folded
        " <singular>" an alias ends with, and whether an "s" must follow ("Antwerp port" +
        "s"; Japanese has no plural: "ロッテルダムとアントワープ港" ends the alias "アントワープ港").
        """
        aliases = list(self.matcher._keys)
        prefixes: dict[str, list[Entry]] = {}
        suffixes: dict[tuple[str, bool], list[Entry]] = {}
        added = False
        for lang, rules in COORDINATION.items():
            for table, ahead in ((rules.before, True), (rules.after, False)):
                for key, singular in table.items():
                    written = rules.written.get(key)
                    entry = Entry(kind=_PLURAL, ref=key, data=(lang, ahead, singular, written),
                                  languages=frozenset({lang}))
                    self.matcher.add(key, entry)
                    added = True
                    if ahead and any(a.startswith(" " + key + " ") for a in aliases):
                        prefixes.setdefault(key + " ", []).append(entry)
                    if not ahead:
                        tail = " " + fold_phrase(singular)
                        needs_s = key == fold_phrase(singular) + "s"
                        if (needs_s or key == fold_phrase(singular)) and any(a.endswith(tail) for a in aliases):
                            suffixes.setdefault((tail, needs_s), []).append(entry)
        return added, list(prefixes.items()), [(k, e, s) for (k, s), e in suffixes.items()]

    def _add_scoped(self, kind: str, ref: str, name: str, data: MaterialWord | None,
                    languages: frozenset[str] | None) -> int:
        """Add a bare material word (``kind`` :data:`_MATERIAL`) or an origin's name
        (:data:`_ORIGIN`, ``ref`` its ISO code), whole words (and inflection suffixes) only."""
        count = 0
        for key in spellings(name):
            base = _alias_entry(ref, name)
            entry = Entry(kind=kind, ref=ref, data=data, start_bound=base.start_bound, end_mode=base.end_mode,
                          needs_upper=base.needs_upper, acronym=base.acronym, languages=languages)
            self.matcher.add(key, entry)
            count += 1
        return count

    def find(self, folded: Folded, language: str | None = None) -> list[Hit]:
        """Node mentions in ``folded``, overlaps resolved longest first."""
        hits = self.matcher.find(folded, language)
        if not hits:
            return hits
        if folded.starts is not None:  # (only text with CJK or expanding characters has the dense map)
            hits = [h for h in hits if _hangul_word_ok(folded.text, h.ostart, h.oend)]
        if self.origin_scoped:
            hits = _origin_scoped(folded, hits)
        listed: list[Hit] = []
        # (plural entries are added after every alias: last on a key an alias shares)
        if self._plurals and (self._plural_prefixes or self._plural_suffixes
                              or any(h.entries[-1].kind == _PLURAL for h in hits)):
            hits, listed = self._coordinated(folded, hits, language)
        parts: list[Hit] = []
        out: list[Hit] = []
        for h in hits:
            for e in h.entries:
                if e.kind == "part":
                    break
            else:  # no half of a two-part alias: the usual case
                out.append(h)
                continue
            parts.append(h)
            nodes = [e for e in h.entries if e.kind != "part"]
            if nodes:
                out.append(Hit(h.start, h.end, h.ostart, h.oend, nodes))
            else:
                # a half of a two-part alias ("Kanale" of "Kanale Sueskim") must not hide
                # a whole alias that starts inside it ("Kanale Panamskim")
                out += self._inside(folded, h, base_language(language))
        if len(parts) >= 2:
            out += self._composites(folded, parts)
        if listed:
            out = _merged(out, listed)
        return resolve_longest(out)

    def _coordinated(self, folded: Folded, hits: list[Hit], language: str | None) -> tuple[list[Hit], list[Hit]]:
        """``hits`` less the plural kind words, and the names of a list after (or before) a
        plural kind word, each found as the singular phrase around it would be
        ("aeroportos de Frankfurt e Munique": the nodes named "aeroporto de Frankfurt" and
        "aeroporto de Munique"; see ``coordination`` in ``graphs/data/inflection.yaml``).
        The plural words are keys of the alias automaton, so an item without them costs
        one look at each hit."""
        norm, text = folded.norm, folded.text
        triggers: list[tuple[int, int, Entry]] = []
        kept: list[Hit] = []
        for h in hits:
            if h.entries[0].kind == _PLURAL or any(e.kind == _PLURAL for e in h.entries):
                triggers += [(h.start, h.end, e) for e in h.entries if e.kind == _PLURAL]
                rest = [e for e in h.entries if e.kind != _PLURAL]
                if rest:
                    kept.append(Hit(h.start, h.end, h.ostart, h.oend, rest))
                continue
            kept.append(h)
            # a plural hidden in a longer alias: "Häfen Hamburg" is the alias "Hafen Hamburg",
            # "Antwerp ports" the alias "Antwerp port" with an "s"
            for key, entries in self._plural_prefixes:
                if norm.startswith(key, h.start):
                    triggers += [(h.start, h.start + len(key) - 1, e) for e in entries]
            for key, entries, needs_s in self._plural_suffixes:
                if needs_s and not (h.end < len(norm) and norm[h.end] == "s"):
                    continue
                if norm.endswith(key, h.start, h.end):
                    at = h.end - len(key) + 1
                    triggers += [(at, h.end + 1 if needs_s else h.end, e) for e in entries]
        if not triggers:
            return hits, []
        out: list[Hit] = []
        item_lang = base_language(language)
        for start, end, entry in triggers:
            lang, ahead, singular, written = entry.data
            if item_lang is not None and entry.languages is not None and item_lang not in entry.languages:
                continue  # (a plural hidden in an alias: the matcher did not check its language)
            if written is not None:
                ostart, oend = folded.span(start, end)
                if text[ostart:oend].casefold() != written:
                    continue  # "Hafen" is no plural, though it folds like "Häfen"
            rules = COORDINATION[lang]
            names = _listed_names(folded, end if ahead else start, ahead, rules)
            for nstart, full_end, at in names:
                # the longest run of the name's words that makes an alias ("Häfen Hamburg und
                # Bremerhaven Containerumschlag": German nouns are capitalised too)
                ends = [nstart + m.end() for m in re.finditer(r"\S+", norm[nstart:full_end])]
                for nend in reversed(ends if ahead else ends[-1:]):
                    ostart, oend = folded.span(nstart, nend)
                    name = text[folded.span(at, nend)[0] : oend]
                    entries = self._whole_phrase(_singular_phrase(singular, name, text[ostart:oend],
                                                                  at != nstart, ahead), language)
                    if entries:
                        out.append(Hit(nstart, nend, ostart, oend, entries))
                        break
        return kept, out

    def _whole_phrase(self, phrase: str, language: str | None) -> list[Entry]:
        """The node entries of an alias that is the whole of ``phrase``."""
        folded = fold(phrase)
        n = len(folded.norm)
        for hit in self.matcher.find(folded, language):
            if hit.start == 0 and hit.end == n:
                return [e for e in hit.entries if e.kind == "node"]
        return []

    def _inside(self, folded: Folded, part: Hit, lang: str | None) -> list[Hit]:
        """Whole-alias mentions nested in the span of a part-only hit."""
        out = []
        norm = folded.norm
        for s2, e2, entries in self.matcher._nested(folded, part.start, part.end):
            whole = [e for e in entries if e.kind != "part"]
            if s2 < 0 or not whole:
                continue
            hit = self.matcher._check(folded, norm, len(norm), s2, e2, whole, lang)
            if hit is not None:
                out.append(hit)
        return out

    @staticmethod
    def _composites(folded: Folded, parts: list[Hit]) -> list[Hit]:
        seen: dict[tuple[str, str], list[tuple[int, Hit]]] = {}
        for h in parts:
            for e in h.entries:
                if e.kind == "part":
                    key, idx = e.data
                    seen.setdefault((e.ref, key), []).append((idx, h))
        out = []
        for (node_id, _key), found in seen.items():
            firsts = [h for i, h in found if i == 0]
            seconds = [h for i, h in found if i == 1]
            for a in firsts:
                for b in seconds:
                    lo, hi = (a, b) if a.start < b.start else (b, a)
                    if lo.overlaps(hi) or hi.start - lo.end > PART_GAP:
                        continue
                    between = folded.text[lo.oend : hi.ostart]
                    if any(ch in between for ch in ".!?\n"):
                        continue
                    entry = Entry(kind="node", ref=node_id, data="two-part")
                    out.append(Hit(lo.start, hi.end, lo.ostart, hi.oend, [entry]))
        return out

    def mentions(self, text: str, language: str | None = None) -> list[tuple[str, int, int]]:
        """``(node_id, start, end)`` for each mention in ``text`` (original offsets)."""
        out = []
        for hit in self.find(fold(text), language):
            for entry in hit.entries:
                out.append((entry.ref, hit.ostart, hit.oend))
        return out

