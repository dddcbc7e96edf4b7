"""Find names in text: folding, word boundaries, inflections, longest match.

Everything that looks phrases up in news text goes through this module: node
aliases (:class:`Gazetteer`), disruption terms (:mod:`graphs.lexicon`) and
place names (:mod:`graphs.places`). One Aho-Corasick automaton (daachorse) per
phrase set is scanned over the *folded* text, so an item costs one native pass
per automaton whatever the number of phrases (no per-item work proportional to
the number of aliases).

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
      rule: the apostrophe folds to a space ("Rotterdam's").
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
    letters only matches upper-case mentions ("ZF", not "zf").

Overlaps
    Overlapping matches of one kind are resolved longest first ("Port of
    Antwerp-Bruges" wins over "Antwerp"), ties to the leftmost.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import daachorse
import yaml

from graphs.model import ValueChain

# -- folding -----------------------------------------------------------------

_EXTRA = {
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    "ŀ": "l",
    "ß": "ss",
    "ħ": "h",
    "ŧ": "t",
}


#: Character classes of folded CJK text (see :func:`_cjk_class`).
_SPLIT = 3  # Han, Hiragana, Hangul: every character is a word of its own
_KATAKANA = 2  # a katakana run is one word


def _cjk_class(ch: str) -> int:
    """:data:`_SPLIT`, :data:`_KATAKANA`, or 0 for any other (folded) character."""
    o = ord(ch)
    if o < 0x1100:
        return 0
    if (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3040 <= o <= 0x309F
            or 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F
            or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF or o in (0x3005, 0x3006, 0x3007)):
        return _SPLIT
    if 0x30A0 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF:
        return _KATAKANA
    return 0


def _fold_char(c: str) -> str:
    if unicodedata.combining(c):
        return ""
    if not c.isalnum():
        return " "
    s = unicodedata.normalize("NFKC", c).casefold()
    if all(unicodedata.combining(ch) for ch in s):
        return ""  # a half-width voicing mark ("ｶﾞ"): a mark of the letter before it
    if any(_cjk_class(ch) for ch in s):
        # kana and Hangul stay whole: NFKD would strip the voicing marks ("ガ" -> "カ")
        # and spell Hangul syllables out in jamo
        return "".join(ch if ch.isalnum() else " " for ch in s)
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = "".join(_EXTRA.get(ch, ch) for ch in s)
    return "".join(ch if ch.isalnum() else " " for ch in s)


# ord -> folded string, grown lazily for every character met; ASCII up front.
_TABLE: dict[int, str] = {i: _fold_char(chr(i)) for i in range(128)}
_KNOWN: set[str] = {chr(i) for i in range(128)}
_ODD: set[str] = set()  # characters whose folding is not exactly one character
_CJK: set[str] = set()  # characters that fold to Han, kana or Hangul (word boundaries of their own)


def _learn(chars: Iterable[str]) -> None:
    for c in chars:
        f = _fold_char(c)
        _TABLE[ord(c)] = f
        _KNOWN.add(c)
        if len(f) != 1:
            _ODD.add(c)
        if any(_cjk_class(ch) for ch in f):
            _CJK.add(c)


@dataclass(slots=True)
class Folded:
    """``text`` folded to ``norm``, with the way back from folded positions.

    Two forms of index map, both read through :meth:`span`:

    * ``starts``/``ends`` (dense): ``starts[j]`` is the original index of the
      character that produced folded character ``j`` and ``ends[j]`` the
      original index just after it (including combining marks that followed);
    * ``expansions`` (sparse, when every original character folds to at least
      one character): sorted ``(folded_start, original_index, folded_length)``
      of each character that folded to several ("ß" -> "ss"); all others map
      one to one.

    Neither: identity. Treat it as read-only (not ``frozen``: a frozen
    dataclass's ``__init__`` costs more than folding an ASCII sentence, and
    one is made per item).
    """

    text: str
    norm: str
    starts: list[int] | None = None
    ends: list[int] | None = None
    expansions: list[tuple[int, int, int]] | None = None

    def _original(self, j: int) -> int:
        """Original index of folded ``j`` under the sparse map."""
        exps = self.expansions
        assert exps is not None
        k = bisect_right(exps, (j, _BIG, _BIG)) - 1
        if k < 0:
            return j
        fstart, orig, length = exps[k]
        if j < fstart + length:
            return orig
        return orig + 1 + (j - fstart - length)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of folded ``[start, end)``."""
        if self.starts is not None and self.ends is not None:
            if end <= start:
                pos = self.starts[start] if start < len(self.starts) else len(self.text)
                return pos, pos
            return self.starts[start], self.ends[end - 1]
        if self.expansions:
            if end <= start:
                pos = self._original(start) if start < len(self.norm) else len(self.text)
                return pos, pos
            return self._original(start), self._original(end - 1) + 1
        return start, end


_BIG = 1 << 62


class _Page(NamedTuple):
    """An 8-bit code page prepared for folding (see :func:`_codepage`)."""

    codec: str
    table: bytes  # byte -> folded ASCII byte, or 0xFF for a slow byte
    expand: dict[int, bytes]  # slow byte -> the several ASCII letters it folds to
    chars: frozenset[str]  # the characters the page can encode
    encoding_map: Any  # codecs.charmap_build's map: encodes without the codec registry's overhead


def _codepage(codec: str) -> _Page:
    """Byte tables for an 8-bit code page whose characters mostly fold to one ASCII letter.

    ``table`` maps each byte to its folded ASCII byte, or to 0xFF (not ASCII)
    for the *slow* bytes, those that do not fold to exactly one ASCII
    character, so one ``translate`` both folds and flags them; ``expand`` holds
    those that fold to several ASCII characters ("ß" -> "ss", "½" -> "1 2").
    """
    table = bytearray(range(256))
    expand: dict[int, bytes] = {}
    decoding = []
    for i in range(256):
        try:
            ch = bytes([i]).decode(codec)
        except UnicodeDecodeError:
            table[i] = 0xFF
            decoding.append("\ufffe")  # charmap_build's "undefined"
            continue
        decoding.append(ch)
        f = _TABLE[ord(ch)] if ord(ch) < 128 else _fold_char(ch)
        if len(f) == 1 and f.isascii():
            table[i] = ord(f)
        else:
            table[i] = 0xFF
            if f and f.isascii():
                expand[i] = f.encode("ascii")
    chars = frozenset(c for c in decoding if c != "\ufffe")
    return _Page(codec, bytes(table), expand, chars, codecs.charmap_build("".join(decoding)))


#: Latin-1 first (its encoder is a C fast path, ~8x a charmap's), then the Windows pages of
#: Western (fr, de, es, it, nl, sv, ...) and Central European (pl, cs, hu, ...) text, which add
#: the typographic quotes, dashes, ellipsis and euro sign of most news text, then ISO-8859-2
#: (Central European letters beside C1 control characters).
_LATIN1 = _codepage("latin-1")
_PAGES = (_codepage("cp1252"), _codepage("cp1250"), _codepage("iso-8859-2"))
#: ASCII byte -> folded ASCII byte (the bytes.translate form of the ASCII part of _TABLE).
_ASCII_BYTES = bytes(ord(_TABLE[i]) for i in range(128)) + bytes(range(128, 256))


def _encode_paged(text: str, bad: str) -> tuple[bytes, _Page] | None:
    """``text`` in the first of :data:`_PAGES` that encodes all of it, or ``None``.

    ``bad`` is the character Latin-1 failed on: a page is tried only if it has
    the character the previous attempt failed on, so Polish text goes straight
    to cp1250 (a failed attempt costs a partial encode and an exception).
    """
    for page in _PAGES:
        if bad not in page.chars:
            continue
        try:
            return codecs.charmap_encode(text, "strict", page.encoding_map)[0], page
        except UnicodeEncodeError as exc:
            bad = text[exc.start]
    return None


def _fold_paged(text: str) -> Folded | None:
    """:func:`fold` through a code page's byte table, or ``None`` if no page fits.

    One C-level ``bytes.translate`` instead of a per-character loop; a
    character that folds to several letters ("ß" -> "ss") is spliced in and
    recorded in the sparse ``expansions`` map, and one that folds to nothing
    (a combining accent) or to non-ASCII sends the text to the general path.
    """
    try:
        raw = text.encode("latin-1")
        page = _LATIN1
    except UnicodeEncodeError as exc:
        encoded = _encode_paged(text, text[exc.start])
        if encoded is None:
            return None
        raw, page = encoded
    folded = raw.translate(page.table)
    if folded.isascii():  # no slow byte
        return Folded(text, folded.decode("ascii"))
    expand = page.expand
    out: list[bytes] = []
    expansions: list[tuple[int, int, int]] = []
    pos = 0
    shift = 0  # folded minus original position after the expansions so far
    i = folded.find(0xFF)
    while i >= 0:
        exp = expand.get(raw[i])
        if exp is None:
            return None
        out.append(folded[pos:i])
        out.append(exp)
        expansions.append((i + shift, i, len(exp)))
        shift += len(exp) - 1
        pos = i + 1
        i = folded.find(0xFF, pos)
    out.append(folded[pos:])
    return Folded(text, b"".join(out).decode("ascii"), expansions=expansions)


def fold(text: str) -> Folded:
    """Fold ``text`` for matching (see the module docstring)."""
    if text.isascii():
        return Folded(text, text.encode("ascii").translate(_ASCII_BYTES).decode("ascii"))
    paged = _fold_paged(text)
    if paged is not None:
        return paged
    return _fold_general(text)


def _fold_general(text: str) -> Folded:
    """:func:`fold` for any text: a per-character table, grown as characters are met."""
    chars = set(text)
    missing = chars - _KNOWN
    if missing:
        _learn(missing)
    if not _CJK.isdisjoint(chars):
        return _fold_cjk(text)
    norm = text.translate(_TABLE)
    if _ODD.isdisjoint(chars):
        return Folded(text, norm)
    starts: list[int] = []
    ends: list[int] = []
    table = _TABLE
    for i, c in enumerate(text):
        m = table[ord(c)]
        if len(m) == 1:
            starts.append(i)
            ends.append(i + 1)
        elif not m:
            if ends:
                ends[-1] = i + 1
        else:
            starts.extend([i] * len(m))
            ends.extend([i + 1] * len(m))
    return Folded(text, norm, starts, ends)


def _fold_cjk(text: str) -> Folded:
    """:func:`fold` for text with Han, kana or Hangul: word boundaries between characters.

    Chinese and Japanese are written without spaces and Korean attaches its
    particles to the word ("부산항에서"), so a space is put (in the folded text
    only) around every Han, Hiragana and Hangul character, and between a
    katakana run and whatever else follows it: "工場で火災" folds to
    "工 場 で 火 災", "トヨタ自動車" to "トヨタ 自 動 車", "TSMCは" to "tsmc は".
    A katakana run stays one word, so a katakana name does not match inside a
    longer katakana word. An inserted space maps to the original character
    after it (an empty span); no match starts or ends on one.
    """
    table = _TABLE
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    prev = -1  # class of the last folded character; -1: a space (or nothing yet)
    for i, c in enumerate(text):
        m = table[ord(c)]
        if not m:
            if ends:
                ends[-1] = i + 1
            continue
        for ch in m:
            if ch == " ":
                prev = -1
            else:
                cls = _cjk_class(ch)
                if prev >= 0 and (cls != prev or cls == _SPLIT):
                    out.append(" ")
                    starts.append(i)
                    ends.append(i)
                prev = cls
            out.append(ch)
            starts.append(i)
            ends.append(i + 1)
    return Folded(text, "".join(out), starts, ends)


def fold_phrase(phrase: str) -> str:
    """A phrase folded and with runs of spaces collapsed (automaton key form)."""
    return " ".join(fold(phrase).norm.split())


def phrase_keys(phrase: str) -> list[str]:
    """Automaton keys of a written phrase: :func:`fold_phrase`, plus the folded form with
    its runs of spaces kept when punctuation stands before a space ("U. S. Steel",
    "ta' Suez"): text folds each punctuation mark to a space, so "U. S." in a
    text is "u  s " and only the uncollapsed key finds it."""
    collapsed = fold_phrase(phrase)
    spaced = fold(phrase).norm.strip()
    return [collapsed] if spaced == collapsed or not collapsed else [collapsed, spaced]


_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def spellings(alias: str) -> set[str]:
    """Folded keys for an alias: the folded form, plus the ae/oe/ue spelling."""
    keys = set(phrase_keys(alias))
    if any(ch in alias for ch in "äöüÄÖÜ"):
        keys.update(phrase_keys(alias.translate(_UMLAUT)))
    keys.discard("")
    return keys


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


#: Suffixes allowed right after an alias, by item language (``graphs/data/inflection.yaml``);
#: a language not listed allows "s"; ``None`` (language unknown) allows all of them.
#: Case endings that replace a one-word name's final vowel, by language
#: (:data:`STEM_ENDINGS`, see :func:`polish_stem`). Languages that write compounds as one word.
SUFFIXES, STEM_ENDINGS, COMPOUNDING = _load_inflection()
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


# -- matching ----------------------------------------------------------------


@dataclass(slots=True)
class Entry:
    """What one automaton key stands for.

    ``kind`` groups entries for overlap resolution (``node``, ``term``,
    ``cancel``, ``recovery``, ``place``); ``ref`` names the thing (node id,
    disruption type, place id); ``data`` is free for the owner.
    """

    kind: str
    ref: str
    data: Any = None
    start_bound: bool = True  # must start at a word start
    end_mode: str = "word"  # "word" | "prefix" (to word end) | "alias" (suffix/compound rules) | "stem" | "any"
    needs_upper: bool = False  # mention must not be all lower case
    acronym: bool = False  # mention must be upper case
    languages: frozenset[str] | None = None  # None: any language
    tail: re.Pattern[str] | None = None  # rest of a phrase with inner '*', matched after the key
    endings: frozenset[str] | None = None  # "stem" mode: the endings allowed (None: STEM_SUFFIXES)


@dataclass(slots=True)
class Hit:
    """A match: folded ``[start, end)`` and original ``[ostart, oend)``."""

    start: int
    end: int
    ostart: int
    oend: int
    entries: list[Entry] = field(default_factory=list)

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.end and other.start < self.end


class PhraseMatcher:
    """Aho-Corasick over folded phrases, with boundary, case and language rules.

    Add phrases with :meth:`add`, then :meth:`build` once; :meth:`find` is
    read-only and thread-safe. The automata are daachorse's character-wise
    double arrays (compact, and about twice as fast to scan as a pointer trie
    for a 100,000-alias gazetteer). A matcher made with ``longest=True``
    reports only leftmost-longest matches (no match nested in another: far
    fewer hits for the alias automaton) and keeps a second automaton for the
    nested matches it falls back to.
    """

    def __init__(self, compound_heads: Iterable[str] = (), *, longest: bool = False) -> None:
        self.longest = longest
        self._keys: dict[str, list[Entry]] = {}
        self._sigs: set[tuple] = set()
        heads = {fold_phrase(h) for h in compound_heads}
        self._heads = tuple(sorted(h for h in heads if len(h) >= 3))
        # pattern id -> (entries, the single entry when it needs no check beyond word end and case)
        self._values: list[tuple[list[Entry], Entry | None]] = []
        self._all: Any = None  # every match, overlapping
        self._long: Any = None  # leftmost-longest matches (``longest`` matchers)
        self._built = False

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str, entry: Entry) -> None:
        """Add folded ``key`` (see :func:`fold_phrase`) for ``entry``."""
        if self._built:
            raise RuntimeError("PhraseMatcher.add() after build()")
        if not key:
            return
        akey = (" " + key) if entry.start_bound else key
        sig = (akey, entry.kind, entry.ref, entry.end_mode, entry.languages,
               entry.tail.pattern if entry.tail is not None else None,
               entry.data if entry.kind == "part" else None, entry.endings)
        if sig in self._sigs:
            return  # the same thing under the same key: once is enough
        self._sigs.add(sig)
        bucket = self._keys.get(akey)
        if bucket is None:
            bucket = self._keys[akey] = []
        bucket.append(entry)

    def build(self) -> PhraseMatcher:
        keys = list(self._keys)
        self._values = [(entries, _plain(entries)) for entries in self._keys.values()]
        if keys:
            self._all = daachorse.CharwiseDoubleArrayAhoCorasick(keys)
            if self.longest:
                self._long = daachorse.CharwiseDoubleArrayAhoCorasick(
                    keys, match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST)
        self._built = True
        self._sigs = set()  # only needed while adding
        return self

    def automaton_bytes(self) -> int:
        """Size of the automata (serialised; they live outside Python's allocator)."""
        return sum(len(a.serialize()) for a in (self._all, self._long) if a is not None)

    def state(self) -> list[tuple[str, tuple[tuple[Any, ...], ...]]]:
        """The added phrases as plain data (for :mod:`graphs.cache`); see :meth:`from_state`."""
        return [(akey, tuple(_entry_state(e) for e in entries)) for akey, entries in self._keys.items()]

    @classmethod
    def from_state(cls, state: Iterable[tuple[str, Iterable[tuple[Any, ...]]]],
                   compound_heads: Iterable[str] = (), *, longest: bool = False) -> PhraseMatcher:
        """A built matcher with the phrases of :meth:`state` (no re-folding, no re-deriving)."""
        matcher = cls(compound_heads, longest=longest)
        sets: dict[tuple[str, ...], frozenset[str]] = {}
        matcher._keys = {akey: [_entry_from_state(t, sets) for t in entries] for akey, entries in state}
        return matcher.build()

    def _scan(self, padded: str) -> list[tuple[int, int, int]]:
        """``(start, end, pattern id)`` of the matches in ``padded`` (the matcher's mode)."""
        if not self._built:
            raise RuntimeError("PhraseMatcher.build() was not called")
        if self._all is None:
            return []
        if self._long is not None:
            return self._long.find(padded)
        return self._all.find_overlapping(padded)

    def iter_raw(self, folded: Folded) -> Iterator[tuple[int, int, list[Entry]]]:
        """Raw hits ``(start, end, entries)`` on the folded text, word-start checked
        (leftmost-longest only, for a ``longest`` matcher); no end, case or language check."""
        # A leading space lets keys of start-bound phrases match at position 0.
        padded = " " + folded.norm
        values = self._values
        for s, e, pid in self._scan(padded):
            if padded[s] == " ":
                s += 1  # drop the leading-space marker
            yield s - 1, e - 1, values[pid][0]  # -> positions in norm

    def _nested(self, folded: Folded, start: int, end: int) -> Iterator[tuple[int, int, list[Entry]]]:
        """Shorter matches inside norm ``[start, end)`` (fallback of ``longest``)."""
        if self._all is None:
            return
        padded = " " + folded.norm
        values = self._values
        # padded[start] is the character before norm[start]: a start-bound key may match there
        for s, e, pid in self._all.find_overlapping(padded[start : end + 1]):
            s += start
            e += start
            if padded[s] == " ":
                s += 1
            if e - 1 < end or s - 1 > start:
                yield s - 1, e - 1, values[pid][0]

    def find(self, folded: Folded, language: str | None = None) -> list[Hit]:
        """Every match with its boundary, case and language checks applied.

        A ``longest`` matcher's leftmost-longest match that fails its checks
        falls back to the matches nested in it ("Suez Canalside": "Suez").
        """
        norm = folded.norm
        # iter_raw inlined: this loop runs once per item and automaton
        padded = " " + norm
        found = self._scan(padded)
        hits: list[Hit] = []
        if not found:
            return hits
        longest = self._long is not None
        values = self._values
        lang: str | None = _UNSET  # only the full check needs it: resolved on first use
        n = len(norm)
        check = self._check
        text = folded.text
        span = folded.span
        for start, end, pid in found:
            # padded -> norm positions: one less, unless the key starts with the marker
            if padded[start] != " ":
                start -= 1
            end -= 1
            entries, plain = values[pid]
            if plain is not None and (end >= n or norm[end] == " "):
                # the common case, a whole-word alias: _check's outcome without its loop
                ostart, oend = span(start, end)
                if not (plain.needs_upper and text[ostart:oend].islower()):
                    hits.append(Hit(start, end, ostart, oend, [plain]))
                    continue
            if lang is _UNSET:
                lang = base_language(language)
            hit = check(folded, norm, n, start, end, entries, lang)
            if hit is not None:
                hits.append(hit)
            elif longest:
                for s2, e2, en2 in self._nested(folded, start, end):
                    h2 = check(folded, norm, n, s2, e2, en2, lang)
                    if h2 is not None:
                        hits.append(h2)
        return hits

    def _check(
        self, folded: Folded, norm: str, n: int, start: int, end: int, entries: list[Entry], lang: str | None
    ) -> Hit | None:
        at_word_end = end >= n or norm[end] == " "
        ok_entries: list[Entry] = []
        hit_end = end
        mention: str | None = None
        mention_end = -1
        for entry in entries:
            if entry.languages is not None and lang is not None and lang not in entry.languages:
                continue
            if at_word_end and entry.tail is None and entry.end_mode != "stem":
                e = end
            else:
                e = self._end_ok(entry, norm, n, start, end, lang)
                if e < 0:
                    continue
            if entry.needs_upper or entry.acronym:
                if e != end:
                    # a phrase with a tail: its capitals may stand after the key ("grafitu z Mozambiku")
                    ostart, oend = folded.span(start, e)
                    mention = folded.text[ostart:oend]
                elif mention is None or mention_end != end:
                    ostart, oend = folded.span(start, end)
                    mention = folded.text[ostart:oend]
                mention_end = e
                if entry.acronym and not mention.isupper():
                    continue
                if entry.needs_upper and mention.islower():
                    continue
            ok_entries.append(entry)
            if e > hit_end:
                hit_end = e
        if not ok_entries:
            return None
        # phrases with leading '*' report the whole word for evidence
        s = start
        for en in ok_entries:
            if not en.start_bound and en.end_mode != "any":
                while s > 0 and norm[s - 1] != " ":
                    s -= 1
                break
        ostart, oend = folded.span(s, hit_end)
        return Hit(s, hit_end, ostart, oend, ok_entries)

    def _end_ok(self, entry: Entry, norm: str, n: int, start: int, end: int, lang: str | None) -> int:
        """The hit's end (>= ``end``) if ``entry`` may end here, else -1."""
        if entry.tail is not None:
            m = entry.tail.match(norm, end)
            return m.end() if m else -1
        if entry.end_mode == "stem":
            stop = norm.find(" ", end)
            cont = norm[end : n if stop < 0 else stop]
            allowed = entry.endings or (STEM_SUFFIXES if lang is None else STEM_ENDINGS.get(lang, frozenset()))
            return (n if stop < 0 else stop) if cont in allowed else -1
        if end >= n or norm[end] == " ":
            return end
        mode = entry.end_mode
        if mode == "any":
            return end
        if mode == "prefix":
            stop = norm.find(" ", end)
            return n if stop < 0 else stop
        if mode != "alias":
            return -1
        stop = norm.find(" ", end)
        if stop < 0:
            stop = n
        cont = norm[end:stop]
        letters = end - start
        if not norm[end - 1].isalpha():
            return -1
        suffixes = _ALL_SUFFIXES if lang is None else SUFFIXES.get(lang, frozenset({"s"}))
        if cont in suffixes and (letters >= 5 or (cont == "s" and letters >= 3)):
            return end  # the alias itself is the evidence
        if self._heads and letters >= 4 and (lang is None or lang in COMPOUNDING):
            if cont.startswith(self._heads) or (cont[:1] == "s" and cont[1:].startswith(self._heads)):
                return end
        return -1


def _entry_state(e: Entry) -> tuple[Any, ...]:
    return (e.kind, e.ref, e.data, e.start_bound, e.end_mode, e.needs_upper, e.acronym,
            None if e.languages is None else tuple(sorted(e.languages)),
            None if e.tail is None else e.tail.pattern,
            None if e.endings is None else tuple(sorted(e.endings)))


def _entry_from_state(t: tuple[Any, ...], sets: dict[tuple[str, ...], frozenset[str]]) -> Entry:
    kind, ref, data, start_bound, end_mode, needs_upper, acronym, languages, tail, endings = t
    if languages is not None:
        languages = sets.get(languages) or sets.setdefault(languages, frozenset(languages))
    if endings is not None:
        endings = sets.get(endings) or sets.setdefault(endings, frozenset(endings))
    pattern = None if tail is None else (_TAILS.get(tail) or _TAILS.setdefault(tail, re.compile(tail)))
    return Entry(kind, ref, data, start_bound, end_mode, needs_upper, acronym, languages, pattern, endings)


def _plain(entries: list[Entry]) -> Entry | None:
    """The single entry of a key that only needs a word end and, maybe, a capital.

    Such a hit at a word end passes :meth:`PhraseMatcher._check` exactly when
    its mention is not all lower case (or it needs no capital): the fast
    path of :meth:`PhraseMatcher.find`.
    """
    if len(entries) != 1:
        return None
    e = entries[0]
    if (e.languages is None and e.tail is None and e.start_bound and not e.acronym
            and e.end_mode in ("word", "alias")):
        return e
    return None


def resolve_longest(hits: list[Hit]) -> list[Hit]:
    """Keep non-overlapping hits, longest first (ties: leftmost), in text order."""
    if len(hits) < 2:
        return hits
    for k in range(1, len(hits)):
        if hits[k - 1].end > hits[k].start:
            break
    else:
        return hits  # already in order and disjoint (the usual leftmost-longest outcome)
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-h.length, not all(e.start_bound for e in h.entries), h.start)):
        if not any(hit.overlaps(c) for c in chosen):
            chosen.append(hit)
    chosen.sort(key=lambda h: h.start)
    return chosen


# -- the node gazetteer --------------------------------------------------------


_TAILS: dict[str, re.Pattern[str]] = {}
#: Letters that mark an alias as Polish (only those get Polish case forms of whole phrases).
_POLISH = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


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

    def __init__(self, chain: ValueChain, compound_heads: Iterable[str] = ()) -> None:
        self.version = chain.version
        self.matcher = PhraseMatcher(compound_heads, longest=True)
        count = 0
        part_candidates: dict[str, list[tuple[str, str, int]]] = {}
        for node in chain.nodes.values():
            names = {node.name, *node.aliases}
            for alias in names:
                if not alias or not alias.strip():
                    continue
                for key in spellings(alias):
                    entry = _alias_entry(node.id, alias)
                    self.matcher.add(key, entry)
                    count += 1
                    if entry.end_mode == "alias":
                        for stem, endings in polish_stems(key):
                            self.matcher.add(stem, stem_entry(entry, endings))
                        if entry.needs_upper and not entry.acronym:
                            for adj in german_adjectives(key):  # "Dresdner", "Bremer"
                                self.matcher.add(adj, german_entry(entry))
                    inflected = polish_phrase(key) if entry.end_mode == "alias" and looks_polish(alias) else None
                    if inflected:
                        head, tail = inflected
                        pattern = _TAILS.get(tail) or _TAILS.setdefault(tail, re.compile(tail))
                        pe = stem_entry(entry)
                        pe.end_mode, pe.tail = "word", pattern
                        self.matcher.add(head, pe)
                words = alias.split()
                if len(words) == 2 and all(w[:1].isupper() for w in words):
                    parts = [fold_phrase(w) for w in words]
                    if all(len(p) >= 3 and " " not in p and p not in _GENERIC for p in parts):
                        key = fold_phrase(alias)
                        for i, part in enumerate(parts):
                            part_candidates.setdefault(part, []).append((node.id, key, i))
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
        self.matcher.build()

    def find(self, folded: Folded, language: str | None = None) -> list[Hit]:
        """Node mentions in ``folded``, overlaps resolved longest first."""
        hits = self.matcher.find(folded, language)
        if not hits:
            return hits
        if folded.starts is not None:  # (only text with CJK or expanding characters has the dense map)
            hits = [h for h in hits if _hangul_word_ok(folded.text, h.ostart, h.oend)]
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
        return resolve_longest(out)

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
