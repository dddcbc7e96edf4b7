"""Corroboration: several independent sources make an event more certain.

A report is one event (target, type, confidence) from one item of one source
at one time. Reports of the same (target, type) within ``window`` seconds are
combined:

1. **Syndication counts once.** Reports are grouped into *stories* by
   :func:`story_key` (the same wire story in many feeds gets the same key).
   A story's confidence is the best confidence among its reports.
2. **One source counts once.** Stories are grouped by the source that first
   reported them; a source's confidence is the best of its stories. So one
   feed repeating itself does not corroborate itself.
3. **Noisy-OR.** The corroborated confidence of the latest report is
   ``1 - Π (1 - c_s)`` over the sources ``s`` in the window ending at its
   time, capped at :data:`MAX_CONFIDENCE`. Two sources at 0.6 give 0.84;
   one source keeps its own confidence.

Recovery reports are combined among themselves (a recovery does not
corroborate a disruption, nor the reverse).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_CONFIDENCE = 0.99

_TAIL = re.compile(r"\s+[-–—|:]\s+[^-–—|:]{2,60}$")  # " - Reuters", " | Site name"
_PREFIX = re.compile(r"^\s*(?:update\s*\d*|updated|breaking|exclusive|eilmeldung|urgent|flash)\s*[:\-–—|]\s*", re.I)
_WORD = re.compile(r"\w+")


_TOKEN = re.compile(r"\S+")


def _words(text: str, limit: int | None = None) -> list[str]:
    """Folded words of ``text`` (case and accents dropped), the first ``limit`` if given.

    With a limit, only the text up to the ``limit``-th whitespace-separated
    token that holds a word is normalised: folding never joins words across
    whitespace, and every such token yields at least one word, so the first
    ``limit`` words are the same. ASCII text skips the Unicode steps.
    """
    if limit is not None:
        count = 0
        for m in _TOKEN.finditer(text):
            if _WORD.search(m.group()):
                count += 1
                if count >= limit:
                    text = text[: m.end()]
                    break
    if text.isascii():
        words = _WORD.findall(text.lower())
    else:
        text = unicodedata.normalize("NFKD", text).casefold()
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        words = _WORD.findall(text)
    return words if limit is None else words[:limit]


def story_key(title: str, text: str = "") -> str:
    """A key shared by syndicated copies of one story.

    The title is normalised (case, accents, punctuation, a leading "UPDATE:"
    / "BREAKING:" and a trailing " - Source name" dropped). A title of at
    least four words is the key on its own; a shorter one is completed with
    the first 30 words of the text. Returns a 16-hex-digit hash.
    """
    t = _PREFIX.sub("", title or "")
    stripped = _TAIL.sub("", t)
    words = _words(stripped)
    if len(words) < 4 and stripped != t:
        words = _words(t)
    if len(words) < 4:
        words += _words(text or "", 30)
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Report:
    """One event as seen in one item: ``time`` in seconds (epoch or any clock)."""

    target: str
    type: str
    confidence: float
    source: str
    story: str
    time: float
    recovery: bool = False


@dataclass(frozen=True, slots=True)
class Corroborated:
    """A report with the confidence of everything that supports it."""

    report: Report
    confidence: float
    sources: int  # independent sources in the window
    stories: int  # distinct stories in the window


def combine(reports: Iterable[Report]) -> tuple[float, int, int]:
    """``(confidence, sources, stories)`` of reports of one (target, type)."""
    stories: dict[str, tuple[float, str, float]] = {}  # key -> (best conf, first source, first time)
    for r in sorted(reports, key=lambda r: r.time):
        best, source, first = stories.get(r.story, (0.0, r.source, r.time))
        stories[r.story] = (max(best, r.confidence), source, first)
    by_source: dict[str, float] = {}
    for conf, source, _ in stories.values():
        by_source[source] = max(by_source.get(source, 0.0), conf)
    miss = 1.0
    for conf in by_source.values():
        miss *= 1.0 - min(1.0, max(0.0, conf))
    combined = min(MAX_CONFIDENCE, 1.0 - miss) if by_source else 0.0
    if len(by_source) == 1:
        combined = next(iter(by_source.values()))
    return round(combined, 3), len(by_source), len(stories)


def corroborate(reports: Sequence[Report], window: float) -> list[Corroborated]:
    """Each report with the confidence of the reports in ``[time - window, time]``.

    Output is in input order. Pure: the caller brings the history it wants
    considered (e.g. the last ``window`` of events from the store).
    """
    groups: dict[tuple[str, str, bool], list[Report]] = {}
    for r in reports:
        groups.setdefault((r.target, r.type, r.recovery), []).append(r)
    for g in groups.values():
        g.sort(key=lambda r: r.time)
    out = []
    for r in reports:
        g = groups[(r.target, r.type, r.recovery)]
        in_window = [o for o in g if r.time - window <= o.time <= r.time]
        conf, sources, stories = combine(in_window)
        out.append(Corroborated(r, max(conf, r.confidence), sources, stories))
    return out
