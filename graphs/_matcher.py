"""The phrase matcher: daachorse automata over folded text, with boundary, case and language checks.

See :mod:`graphs.gazetteer` for the rules; this module is re-exported there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

import daachorse


from graphs._fold import Folded, fold_phrase
from graphs._inflection import (
    _ALL_SUFFIXES, _UNSET, COMPOUNDING, SHORT_NAME_LANGUAGES, STEM_ENDINGS, STEM_SUFFIXES, SUFFIXES, base_language,
)


# -- matching ----------------------------------------------------------------

_VOWELS = frozenset("aeiouy")


def _title_acronym(mention: str) -> bool:
    """An acronym written as a name ("la Msc", "Tsmc", "Basf"), as Italian, Spanish and
    Portuguese papers do: three letters or more, capitalised, and no word of its own
    (at most one vowel in four letters: "Man" or "Eni" stay unmatched)."""
    if len(mention) < 3 or not mention.isalpha() or not mention[0].isupper() or not mention[1:].islower():
        return False
    return 4 * sum(ch in _VOWELS for ch in mention.lower()) <= len(mention)


#: Compiled tail patterns by source, shared by every entry that uses one.
_TAILS: dict[str, re.Pattern[str]] = {}


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
        self._sigs: dict[tuple, Entry] = {}
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
               entry.data if entry.kind in ("part", "at_node") else None, entry.endings)
        known = self._sigs.get(sig)
        if known is not None:
            # the same thing under the same key: once is enough, and the most permissive
            # wins whatever the order ("germanium" and "Germanium" of one node: no capital needed)
            if (known.needs_upper, known.acronym) > (entry.needs_upper, entry.acronym):
                bucket = self._keys[akey]
                bucket[bucket.index(known)] = entry
                self._sigs[sig] = entry
            return
        self._sigs[sig] = entry
        self._keys.setdefault(akey, []).append(entry)

    def build(self) -> PhraseMatcher:
        keys = list(self._keys)
        self._values = [(entries, _plain(entries)) for entries in self._keys.values()]
        if keys:
            self._all = daachorse.CharwiseDoubleArrayAhoCorasick(keys)
            if self.longest:
                self._long = daachorse.CharwiseDoubleArrayAhoCorasick(
                    keys, match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST)
        self._built = True
        self._sigs = {}  # only needed while adding
        return self

    def automaton_bytes(self) -> int:
        """Size of the automata (serialised; they live outside Python's allocator)."""
        return sum(len(a.serialize()) for a in (self._all, self._long) if a is not None)

    def state(self) -> list[tuple[str, tuple[tuple[Any, ...], ...]]]:
        """The added phrases as plain data (for :mod:`graphs.cache`); see :meth:`from_state`.

        Equal entries, and equal lists of them, are one object: :mod:`marshal` writes a
        shared object once, so the state of 130,000 keys that hold a few thousand
        distinct entries stays small and reads back fast.
        """
        shared: dict[Any, Any] = {}
        out = []
        for akey, entries in self._keys.items():
            states = tuple(_entry_state(e) for e in entries)
            states = tuple(shared.setdefault(t, t) for t in states)
            out.append((akey, shared.setdefault(states, states)))
        return out

    @classmethod
    def from_state(cls, state: Iterable[tuple[str, Iterable[tuple[Any, ...]]]],
                   compound_heads: Iterable[str] = (), *, longest: bool = False) -> PhraseMatcher:
        """A built matcher with the phrases of :meth:`state` (no re-folding, no re-deriving).

        Entries that were one object in the state are one here too (entries are not
        changed once built), so each distinct entry is made once."""
        matcher = cls(compound_heads, longest=longest)
        if not isinstance(state, (list, tuple)):
            state = list(state)  # kept whole while ``made`` is keyed by the ids of its parts
        sets: dict[tuple[str, ...], frozenset[str]] = {}
        made: dict[int, Any] = {}  # id of a state object (alive in ``state``) -> what it became
        keys: dict[str, list[Entry]] = {}
        for akey, entries in state:
            bucket = made.get(id(entries))
            if bucket is None:
                bucket = []
                for t in entries:
                    entry = made.get(id(t))
                    if entry is None:
                        entry = made[id(t)] = _entry_from_state(t, sets)
                    bucket.append(entry)
                made[id(entries)] = bucket
            keys[akey] = bucket
        matcher._keys = keys
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
        """Other matches that start inside norm ``[start, end)`` (fallback of ``longest``):
        those nested in it, and those that run on to the end of its last word ("fábrica de
        Volkswagen en Wolfsburg" fails before "Wolfsburgo": the alias "Wolfsburgo" starts
        inside it and ends after it; the scan goes on after ``end`` and would miss it)."""
        if self._all is None:
            return
        norm = folded.norm
        padded = " " + norm
        values = self._values
        stop = norm.find(" ", end)
        stop = len(norm) if stop < 0 else stop
        # padded[start] is the character before norm[start]: a start-bound key may match there
        for s, e, pid in self._all.find_overlapping(padded[start : stop + 1]):
            s += start
            e += start
            if padded[s] == " ":
                s += 1
            if s - 1 >= end:
                continue  # starts after the failed match: the scan goes on there
            if e - 1 != end or s - 1 > start:
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
                if entry.acronym and not mention.isupper() and not _title_acronym(mention):
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
        if letters == 4 and len(cont) >= 3 and lang in SHORT_NAME_LANGUAGES and cont in suffixes:
            return end  # "Audinál": a case suffix of three letters after a four-letter name
        if self._heads and letters >= 4 and (lang is None or lang in COMPOUNDING):
            if cont.startswith(self._heads) or (cont[:1] == "s" and cont[1:].startswith(self._heads)):
                return end
        return -1


#: The classes an entry's ``data`` may be an instance of in a cached matcher (frozen
#: dataclasses of plain fields, see :func:`register_data`), by name.
_DATA_TYPES: dict[str, type] = {}


def register_data(cls: type) -> type:
    """Let instances of the frozen dataclass ``cls`` stand in an entry's ``data`` of a
    matcher kept in the on-disk cache (:meth:`PhraseMatcher.state`): stored as its name
    and fields, rebuilt by calling the class -- never by unpickling."""
    _DATA_TYPES[cls.__name__] = cls
    return cls


def _data_state(x: Any) -> Any:
    """``x`` as marshal-able plain data: tuples tagged so that they read back as they were."""
    if x is None or type(x) in (str, int, float, bool):
        return x
    if type(x) is tuple:
        return ("tuple", tuple(_data_state(v) for v in x))
    if type(x) is frozenset:
        return ("frozenset", tuple(sorted(_data_state(v) for v in x)))
    if isinstance(x, re.Pattern):
        return ("re", x.pattern, x.flags)
    name = type(x).__name__
    if _DATA_TYPES.get(name) is type(x) and is_dataclass(x):
        return ("obj", name, tuple(_data_state(getattr(x, f.name)) for f in fields(x)))
    raise TypeError(f"entry data of type {name} cannot be cached")


def _data_from_state(t: Any, sets: dict[tuple[str, ...], frozenset[str]]) -> Any:
    if type(t) is not tuple:
        return t
    tag = t[0]
    if tag == "tuple":
        return tuple(_data_from_state(v, sets) for v in t[1])
    if tag == "frozenset":
        items = t[1]
        return sets.get(items) or sets.setdefault(items, frozenset(_data_from_state(v, sets) for v in items))
    if tag == "re":
        return re.compile(t[1], t[2])
    if tag == "obj":
        return _DATA_TYPES[t[1]](*(_data_from_state(v, sets) for v in t[2]))
    raise ValueError(f"unknown entry data tag {tag!r}")


def _entry_state(e: Entry) -> tuple[Any, ...]:
    return (e.kind, e.ref, _data_state(e.data), e.start_bound, e.end_mode, e.needs_upper, e.acronym,
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
    if data is not None and type(data) is not str:
        data = _data_from_state(data, sets)
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


