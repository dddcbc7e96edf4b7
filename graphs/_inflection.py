"""How names inflect: suffixes, case endings and compounds by language (``graphs/data/inflection.yaml``),
Polish and German name forms.

See :mod:`graphs.gazetteer` for the rules; this module is re-exported there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


from graphs._fold import fold_phrase


# -- inflection and compound rules --------------------------------------------

INFLECTION_PATH = Path(__file__).resolve().parent / "data" / "inflection.yaml"


def _load_inflection(path: Path = INFLECTION_PATH) -> tuple[
    dict[str, frozenset[str]], dict[str, frozenset[str]], frozenset[str]
]:
    """``(suffixes, stem endings, compounding languages)`` of ``graphs/data/inflection.yaml``,
    endings folded like text."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))

    def endings(table: dict[str, list[str]]) -> dict[str, frozenset[str]]:
        return {lang: frozenset(fold_phrase(str(e)) for e in (words or ())) - {""} for lang, words in table.items()}

    return endings(doc["suffixes"]), endings(doc["stem_endings"]), frozenset(doc["compounding"])


def _load_initial(path: Path = INFLECTION_PATH) -> tuple[
    dict[str, dict[str, tuple[str, ...]]], dict[str, dict[str, tuple[str, ...]]], dict[str, frozenset[str]],
    frozenset[str],
]:
    """``(mutations, articles, mutation countries, short-name languages)`` of
    ``graphs/data/inflection.yaml``: by language, a first letter -> its mutated spellings,
    a leading article -> its contractions with prepositions, and the countries whose
    nodes' names mutate."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutations: dict[str, dict[str, tuple[str, ...]]] = {}
    articles: dict[str, dict[str, tuple[str, ...]]] = {}
    countries: dict[str, frozenset[str]] = {}
    for lang, rules in (doc.get("initial") or {}).items():
        if rules.get("countries"):
            countries[str(lang)] = frozenset(str(c).upper() for c in rules["countries"])
        for letter, forms in (rules.get("mutations") or {}).items():
            mutations.setdefault(str(lang), {})[str(letter).lower()] = tuple(str(f) for f in forms)
        for article, forms in (rules.get("articles") or {}).items():
            articles.setdefault(str(lang), {})[str(article).lower()] = tuple(str(f) for f in forms)
    return mutations, articles, countries, frozenset(doc.get("short_names") or ())


#: Suffixes allowed right after an alias, by item language (``graphs/data/inflection.yaml``);
#: a language not listed allows "s"; ``None`` (language unknown) allows all of them.
#: Case endings that replace a one-word name's final vowel, by language
#: (:data:`STEM_ENDINGS`, see :func:`polish_stem`). Languages that write compounds as one word.
SUFFIXES, STEM_ENDINGS, COMPOUNDING = _load_inflection()
#: Initial mutations and article contractions by language, and the languages whose case
#: suffixes of three letters also follow a four-letter name (``graphs/data/inflection.yaml``).
MUTATIONS, ARTICLES, MUTATION_COUNTRIES, SHORT_NAME_LANGUAGES = _load_initial()


@dataclass(frozen=True, slots=True)
class Coordination:
    """A language's plural kind words before or after a list of names (folded plural ->
    singular as written), the words joining the list's last name, and the prepositions
    that may come again before a later name ("e de Paranaguá")."""

    joiners: frozenset[str]
    before: dict[str, str]
    after: dict[str, str]
    repeated: frozenset[str]
    #: plurals whose first word folds like the singular's ("Häfen", "Hafen"): folded -> as written, casefolded
    written: dict[str, str]
    #: words that may stand between the last name and a kind word after the list (ja "の")
    fillers: frozenset[str] = frozenset()


def _load_coordination(path: Path = INFLECTION_PATH) -> dict[str, Coordination]:
    """The ``coordination`` table of ``graphs/data/inflection.yaml`` by language."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, Coordination] = {}
    for lang, rules in (doc.get("coordination") or {}).items():
        before = {fold_phrase(str(k)): str(v) for k, v in (rules.get("before") or {}).items()}
        after = {fold_phrase(str(k)): str(v) for k, v in (rules.get("after") or {}).items()}
        joiners = frozenset(fold_phrase(str(w)) or str(w) for w in rules.get("and") or ())
        repeated = frozenset(k.split()[-1] for k in before if len(k.split()) > 1)
        written = {
            fold_phrase(str(k)): str(k).casefold()
            for k, v in [*(rules.get("before") or {}).items(), *(rules.get("after") or {}).items()]
            if fold_phrase(str(k).split()[0]) == fold_phrase(str(v).split()[0])
        }
        fillers = frozenset(fold_phrase(str(w)) for w in rules.get("between") or ())
        out[str(lang)] = Coordination(joiners, before, after, repeated, written, fillers)
    return out


#: Plural kind words before or after a list of names, by language (see :class:`Coordination`).
COORDINATION = _load_coordination()


def _load_apposition(path: Path = INFLECTION_PATH) -> tuple[str, ...]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(sorted((str(w) for w in doc.get("apposition") or ()), key=len, reverse=True))


#: Kind words an alias ends with that may stand before the name (``apposition``).
APPOSITION = _load_apposition()


def _load_possessive(path: Path = INFLECTION_PATH) -> dict[str, dict[str, tuple[str, ...]]]:
    """The ``possessive`` table of ``graphs/data/inflection.yaml``: by language, a kind word
    an alias ends with -> the kind words written after the name's possessive."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, table in (doc.get("possessive") or {}).items():
        out[str(lang)] = {str(kind): tuple(str(w) for w in words or (kind,)) for kind, words in (table or {}).items()}
    return out


#: Kind words an alias ends with that news also writes after the name's possessive (``possessive``).
POSSESSIVE = _load_possessive()


def possessive_spellings(alias: str) -> dict[str, list[str]]:
    """Spellings of ``alias`` with the name in the possessive, by language ("Rotterdam port"
    -> "Rotterdam's port", "Rotterdam's container terminals"; "Frankfurt airport" ->
    "Frankfurt's airport"), when it ends with a kind word of :data:`POSSESSIVE` after
    capitalised words only (a place's name, not a firm's plant of several)."""
    out: dict[str, list[str]] = {}
    for lang, table in POSSESSIVE.items():
        for kind, words in table.items():
            if not alias.casefold().endswith(" " + kind.casefold()):
                continue
            rest = alias[: -len(kind) - 1].split()
            if rest and all(w[:1].isupper() for w in rest):
                name = " ".join(rest)
                out.setdefault(lang, []).extend(f"{name}'s {w}" for w in words)
            break
    return out


def apposed(alias: str) -> str | None:
    """``alias`` with its kind word before the name ("Troll gas field" -> "gas field
    Troll"), when it ends with one of :data:`APPOSITION` after capitalised words only."""
    for kind in APPOSITION:
        if alias.endswith(" " + kind):
            rest = alias[: -len(kind) - 1].split()
            if rest and all(w[:1].isupper() for w in rest):
                return f"{kind} {' '.join(rest)}"
            return None
    return None


def initial_spellings(alias: str, country: str | None = None) -> dict[str, list[str]]:
    """Spellings of ``alias`` after a preposition, by language: the first word mutated
    (Irish "Calafort Bhaile Átha Cliath" -> "gCalafort ...", "Chalafort ...") or its
    leading article contracted ("Le Havre" -> "du Havre", "au Havre"). Only capitalised
    aliases of letters: a name, not a phrase. Mutations only for a node in one of the
    language's countries (``country``, ISO code) when the data lists countries."""
    words = alias.split()
    if not words or not words[0][:1].isupper() or not words[0][:1].isalpha():
        return {}
    out: dict[str, list[str]] = {}
    first = words[0]
    for lang, table in MUTATIONS.items():
        where = MUTATION_COUNTRIES.get(lang)
        if where is not None and (country or "").upper() not in where:
            continue
        for form in table.get(first[0].lower(), ()):
            out.setdefault(lang, []).append(" ".join([form + first[1:], *words[1:]]))
    if len(words) > 1:
        for lang, table in ARTICLES.items():
            for form in table.get(first.lower(), ()):
                out.setdefault(lang, []).append(" ".join([form, *words[1:]]))
    return out
_ALL_SUFFIXES = frozenset().union(*SUFFIXES.values())
#: Stem endings of any language (an item whose language is unknown).
STEM_SUFFIXES = frozenset().union(*STEM_ENDINGS.values())
_STEM_LANGUAGES = frozenset(STEM_ENDINGS)


def polish_stem(key: str) -> str | None:
    """The stem a Polish case ending attaches to, for a one-word folded name."""
    if " " in key or len(key) < 4 or key[-1] not in "aeiouy" or not key.isalpha():
        return None
    stem = key[:-2] if key.endswith(("ia", "ie")) else key[:-1]
    return stem if len(stem) >= 3 else None


#: Polish consonant alternations before the locative/dative ending "-e"
#: ("Bosfor" -> "Bosforze", "Malta" -> "Malcie", "Odra" -> "Odrze",
#: "Wisła" -> "Wiśle", "Praga" -> "Pradze", "Polska" -> "Polsce"), longest
#: first. The second member says whether the change also applies to a
#: consonant-final (masculine) name; ``k``/``g``/``ch``/``ł`` alternate only
#: in feminine ``-a`` names (masculine ones take "-u": "Gdańsku").
PL_ALTERNATIONS: tuple[tuple[str, str, bool], ...] = (
    ("st", "scie", True), ("sl", "sle", False), ("zd", "zdzie", True), ("sn", "snie", True),
    ("ch", "sze", False), ("t", "cie", True), ("d", "dzie", True), ("r", "rze", True),
    ("k", "ce", False), ("g", "dze", False), ("l", "le", False),
)


def polish_alternation(word: str) -> tuple[str, str, str] | None:
    """``(stem, plain consonant, alternated ending)`` of a folded Polish word, if any.

    "bosfor" -> ("bosfo", "r", "rze"), "malta" -> ("mal", "t", "cie"),
    "polska" -> ("pols", "k", "ce"); ``None`` when the word does not alternate.
    """
    if len(word) < 4 or not word.isalpha():
        return None
    feminine = word[-1] == "a"
    if word[-1] in "aeiouy":
        if not feminine:
            return None
        base = word[:-1]
    else:
        base = word
    for old, new, masculine in PL_ALTERNATIONS:
        if base.endswith(old) and (feminine or masculine):
            stem = base[: -len(old)]
            return (stem, old, new) if len(stem) >= 2 else None
    return None


def polish_stems(key: str) -> list[tuple[str, frozenset[str] | None]]:
    """Automaton keys for a one-word folded name in Polish case forms.

    ``(stem, endings)``: ``endings`` ``None`` means :data:`STEM_SUFFIXES`
    (:func:`polish_stem`); otherwise the consonant-alternation ending
    (:func:`polish_alternation`).
    """
    out: list[tuple[str, frozenset[str] | None]] = []
    stem = polish_stem(key)
    if stem:
        out.append((stem, None))
    if " " not in key:
        alt = polish_alternation(key)
        if alt:
            out.append((alt[0], frozenset({alt[2]})))
    return out


#: Short Polish function words that mark a multi-word alias written without
#: Polish letters as Polish ("kobalt z Konga").
_PL_WORDS = frozenset("z ze w we nad pod przy od do dla".split())


def polish_phrase(key: str) -> tuple[str, str] | None:
    """``(automaton key, tail regex)`` matching a multi-word name in any Polish case.

    Every word of four letters or more may end differently ("Zakłady Azotowe
    Puławy" -> "Zakładach Azotowych Puławy", "chińskie magnesy" -> "chińskich
    magnesów"): its final vowel is dropped and any ending allowed. Shorter
    words ("w", "nad") must match exactly.
    """
    words = key.split()
    if len(words) < 2 or not all(w.isalpha() for w in words):
        return None
    parts: list[tuple[str, str, bool]] = []  # (literal stem, regex continuing it, free ending)
    for w in words:
        if len(w) >= 4:
            alt = polish_alternation(w)
            if alt:
                # "Port Gdańsk" -> "Porcie Gdańsk", "Cieśnina" -> "Cieśninie"
                stem, old, new = alt
                parts.append((stem, f"(?:{re.escape(old)}|{re.escape(new[:-1])})", True))
                continue
            stem = w[:-2] if len(w) >= 6 and w.endswith(("ie", "ia")) else (w[:-1] if len(w) >= 5 and w[-1] in "aeiouy" else w)
            parts.append((stem, "", True))
        else:
            parts.append((w, "", False))
    if not any(free for _, _, free in parts):
        return None
    head, head_rx, head_free = parts[0]
    tail = head_rx + ("[^ ]*" if head_free else "")
    for stem, rx, free in parts[1:]:
        tail += " " + re.escape(stem) + rx + ("[^ ]*" if free else "(?![^ ])")
    return head, tail


#: Letters that mark an alias as Polish (only those get Polish case forms of whole phrases).
_POLISH = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


def looks_polish(alias: str) -> bool:
    """Polish letters, or a Polish preposition between words ("kobalt z Konga")."""
    if _POLISH.intersection(alias):
        return True
    words = alias.lower().split()
    return len(words) >= 3 and any(w in _PL_WORDS for w in words[1:-1])


def base_language(language: str | None) -> str | None:
    """``"de-AT"``/``"de_DE"``/``"DE"`` -> ``"de"``; empty -> ``None``."""
    if not language:
        return None
    base = _BASE_LANGUAGES.get(language)
    if base is None:
        base = language.strip().replace("_", "-").split("-")[0].lower() or ""
        if len(_BASE_LANGUAGES) < 1024:  # feeds name few languages; never grow without bound
            _BASE_LANGUAGES[language] = base
    return base or None


_BASE_LANGUAGES: dict[str, str] = {}
_UNSET: Any = object()  # "not looked up yet", where None is a valid value


