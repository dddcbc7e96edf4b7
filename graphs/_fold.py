"""Folding text for matching: case, accents and punctuation ignored, offsets kept.

See :mod:`graphs.gazetteer` for the rules; this module is re-exported there.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple




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


def has_cjk(text: str) -> bool:
    """Does ``text`` hold a Han, kana or Hangul character (:func:`_cjk_class`)?"""
    # every CJK character lies at U+1100 or above: one C-level pass rules out the common case
    return bool(text) and max(text) >= "\u1100" and any(_cjk_class(ch) for ch in text)


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
    glossed = _gloss_positions(text)
    for i, c in enumerate(text):
        m = "" if i in glossed else table[ord(c)]
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


#: A Latin gloss in brackets between a katakana place name and the kind word of a site after
#: it: "ツイッカウ(Zwickau)工場", "ロッテルダム（Rotterdam）港" (Japanese trade and wire copy).
#: Not before "社" and other words: "ボッシュ(Bosch)社" keeps the Latin firm name.
_GLOSS = re.compile(
    r"(?<=[\u30a1-\u30fa\u30fc])[(（][A-Za-z][A-Za-z .'\-]{0,40}[)）]"
    r"(?=工場|港|空港|製油所|製鉄所|製錬所|精錬所|発電所|原発|運河|海峡|鉱山|油田|ガス田)"
)


def _gloss_positions(text: str) -> frozenset[int]:
    """Indexes of the characters of a Latin gloss (:data:`_GLOSS`), which fold to nothing,
    so the katakana name is read with its kind word ("ツイッカウ工場"); the Latin name
    there is only the katakana one spelled out. A gloss before anything else ("フォルクスワーゲン
    (VW)は", "ボッシュ(Bosch)社") stays: it may be the only name an alias knows."""
    return frozenset(i for m in _GLOSS.finditer(text) for i in range(m.start(), m.end()))


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


