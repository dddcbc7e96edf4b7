"""Tagging quality on a labelled set: precision, recall, F1, type accuracy.

The labelled file is JSON Lines, one item a line::

    {"id": "x1", "title": "...", "summary": "...", "language": "de",
     "expect": [{"target": "port-hamburg", "type": ["strike"]}],
     "allow": ["hamburg-aviation"], "recovery": ["port-antwerp"]}

``recovery`` (optional) lists the targets whose disruption the item reports
as over ("Antwerp port reopens after strike"); items that carry the key are
scored for recovery events separately (:attr:`EvalReport.recovery`).

Scoring is over (item, target) pairs:

* predicted targets of an item: targets of events with confidence at least
  ``min_confidence`` (default :data:`graphs.tagger.DEFAULT_MIN_CONFIDENCE`,
  the threshold that raises alerts) that are not recovery events (recovery
  resolves alerts, it never raises one);
* true positive: predicted and expected; false alarm: predicted, neither
  expected nor in ``allow``; miss: expected, not predicted;
* type accuracy: among true positives, the share whose best-confidence
  predicted type is one of the expected ``type`` list;
* precision is 1 when nothing was predicted, recall is 1 when nothing was
  expected (an empty set has no errors);
* per type: a true positive counts under its predicted type when that type is
  accepted, else (a type error) under the first accepted type; a miss under
  its first accepted type; a false alarm under its predicted type;
* why (:func:`diagnose`): each false alarm is filed under the rule that fired
  (how the target was found and the term that made it a disruption), each
  miss under the rule that failed (the node was never named, it was named
  with no disruption term paired, or the event stayed below the threshold).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphs.model import ValueChain
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger
from graphs.types import DISRUPTION_TYPES, Event
from graphs.yamlsrc import ConfigError, Problem, did_you_mean

_ITEM_KEYS = ("id", "title", "summary", "language", "expect", "allow", "recovery", "note", "text")


@dataclass(frozen=True, slots=True)
class Expectation:
    target: str
    types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EvalItem:
    id: str
    title: str
    summary: str
    language: str | None
    expect: tuple[Expectation, ...]
    allow: tuple[str, ...]
    line: int = 0
    #: targets whose disruption the item reports as over; ``None``: not labelled for recovery
    recovery: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Prediction:
    target: str
    type: str
    confidence: float
    recovery: bool = False


@dataclass
class ItemResult:
    item: EvalItem
    predicted: list[Prediction]  # every event at or above the threshold, best first
    hits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    type_errors: list[tuple[str, str]] = field(default_factory=list)  # (target, predicted type)
    recovery_hits: list[str] = field(default_factory=list)
    recovery_misses: list[str] = field(default_factory=list)
    recovery_false: list[str] = field(default_factory=list)
    #: target -> the rule that fired (false alarms) or failed (misses), see :func:`diagnose`
    why: dict[str, str] = field(default_factory=dict)


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    type_ok: int = 0
    items: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.tp if self.tp else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "type_accuracy": round(self.type_accuracy, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "n_items": self.items,
        }


@dataclass
class EvalReport:
    overall: Scores
    per_language: dict[str, Scores]
    results: list[ItemResult]
    min_confidence: float
    per_type: dict[str, Scores] = field(default_factory=dict)
    #: recovery events on the items labelled with ``recovery`` (``items`` counts those)
    recovery: Scores = field(default_factory=Scores)

    def grouped(self, kind: str) -> list[tuple[str, list[tuple[ItemResult, str]]]]:
        """``(rule, [(result, target), ...])`` of the false alarms (``kind="false_alarms"``) or
        misses (``"misses"``), most frequent rule first."""
        groups: dict[str, list[tuple[ItemResult, str]]] = {}
        for r in self.results:
            for target in getattr(r, kind):
                groups.setdefault(r.why.get(target, "?"), []).append((r, target))
        return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = self.overall.as_dict()
        out["min_confidence"] = self.min_confidence
        out["per_language"] = {lang: s.as_dict() for lang, s in sorted(self.per_language.items())}
        out["per_type"] = {t: s.as_dict() for t, s in sorted(self.per_type.items())}
        out["recovery_scores"] = self.recovery.as_dict()
        out["items"] = [
            {
                "id": r.item.id,
                "predicted": [
                    {"target": p.target, "type": p.type, "confidence": p.confidence}
                    for p in r.predicted
                    if not p.recovery
                ],
                "recovery": [
                    {"target": p.target, "type": p.type, "confidence": p.confidence}
                    for p in r.predicted
                    if p.recovery
                ],
                "misses": r.misses,
                "false_alarms": r.false_alarms,
                "why": r.why,
            }
            for r in self.results
        ]
        return out


def _text_field(obj: dict, key: str, file: str, line: int, problems: list[Problem], required: bool = False) -> str:
    value = obj.get(key)
    if value is None:
        if required:
            problems.append(Problem(file, line, f"missing {key!r}"))
        return ""
    if not isinstance(value, str):
        problems.append(Problem(file, line, f"{key!r} must be a string, got {type(value).__name__}"))
        return ""
    return value


def parse_items(lines: Iterable[str], file: str, chain: ValueChain | None = None) -> list[EvalItem]:
    """Parse JSON Lines; every problem names ``file`` and line. Blank lines are skipped.

    With ``chain``, targets must be node ids of it (or ``from->to`` edges).
    """
    problems: list[Problem] = []
    items: list[EvalItem] = []
    seen: dict[str, int] = {}
    nodes = set(chain.nodes) if chain is not None else None
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(Problem(file, lineno, f"invalid JSON: {exc.msg} (column {exc.colno})"))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(file, lineno, "each line must be a JSON object"))
            continue
        for key in obj:
            if key not in _ITEM_KEYS:
                problems.append(Problem(file, lineno, f"unknown key {key!r}{did_you_mean(key, _ITEM_KEYS)}"))
        item_id = obj.get("id")
        if not isinstance(item_id, (str, int)) or isinstance(item_id, bool) or str(item_id) == "":
            problems.append(Problem(file, lineno, "missing or empty 'id'"))
            continue
        item_id = str(item_id)
        if item_id in seen:
            problems.append(Problem(file, lineno, f"duplicate id {item_id!r} (first at line {seen[item_id]})"))
        seen[item_id] = lineno
        title = _text_field(obj, "title", file, lineno, problems, required=True)
        summary = _text_field(obj, "summary", file, lineno, problems) or _text_field(obj, "text", file, lineno, problems)
        language = _text_field(obj, "language", file, lineno, problems) or None

        def check_target(target: Any, what: str) -> str | None:
            if not isinstance(target, str) or not target:
                problems.append(Problem(file, lineno, f"{what}: a target must be a node id, got {target!r}"))
                return None
            if nodes is not None:
                ids = [p.strip() for p in target.split("->")] if "->" in target else [target]
                for t in ids:
                    if t not in nodes:
                        problems.append(Problem(file, lineno, f"{what}: unknown node {t!r}{did_you_mean(t, nodes)}"))
                        return None
            return target

        expect: list[Expectation] = []
        raw_expect = obj.get("expect", [])
        if not isinstance(raw_expect, list):
            problems.append(Problem(file, lineno, "'expect' must be a list"))
            raw_expect = []
        for e in raw_expect:
            if not isinstance(e, dict) or "target" not in e:
                problems.append(Problem(file, lineno, 'expect: each entry must be {"target": ..., "type": [...]}'))
                continue
            target = check_target(e.get("target"), "expect")
            types = e.get("type", [])
            if isinstance(types, str):
                types = [types]
            if not isinstance(types, list):
                problems.append(Problem(file, lineno, "expect: 'type' must be a list of disruption types"))
                types = []
            bad = [t for t in types if t not in DISRUPTION_TYPES]
            for t in bad:
                problems.append(
                    Problem(file, lineno, f"expect: unknown disruption type {t!r}{did_you_mean(str(t), DISRUPTION_TYPES)}")
                )
            if target is not None:
                expect.append(Expectation(target, tuple(t for t in types if t in DISRUPTION_TYPES)))
        allow: list[str] = []
        raw_allow = obj.get("allow", [])
        if not isinstance(raw_allow, list):
            problems.append(Problem(file, lineno, "'allow' must be a list of node ids"))
            raw_allow = []
        for a in raw_allow:
            t = check_target(a, "allow")
            if t is not None:
                allow.append(t)
        recovery: list[str] | None = None
        if "recovery" in obj:
            raw_recovery = obj["recovery"]
            if not isinstance(raw_recovery, list):
                problems.append(Problem(file, lineno, "'recovery' must be a list of node ids"))
                raw_recovery = []
            recovery = [t for t in (check_target(a, "recovery") for a in raw_recovery) if t is not None]
        items.append(EvalItem(item_id, title, summary, language, tuple(expect), tuple(allow), lineno,
                              None if recovery is None else tuple(recovery)))
    if problems:
        raise ConfigError(problems)
    return items


def load_items(path: Path, chain: ValueChain | None = None) -> list[EvalItem]:
    """Read a labelled JSON Lines file (see :func:`parse_items`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([Problem(str(path), 0, f"cannot read: {exc.strerror}")]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([Problem(str(path), 0, f"not UTF-8 text: {exc.reason}")]) from None
    return parse_items(text.splitlines(), str(path), chain)


def _predictions(events: list[Event], min_confidence: float) -> list[Prediction]:
    return [
        Prediction(e.target, e.type, e.confidence, e.recovery)
        for e in sorted(events, key=lambda e: -e.confidence)
        if e.confidence >= min_confidence
    ]


def score_item(item: EvalItem, predicted: list[Prediction]) -> ItemResult:
    """Hits, misses, false alarms and type errors of one item."""
    result = ItemResult(item, predicted)
    best: dict[str, Prediction] = {}
    for p in predicted:
        if not p.recovery and p.target not in best:
            best[p.target] = p
    expected = {e.target: e for e in item.expect}
    allowed = set(item.allow)
    for target, exp in expected.items():
        if target in best:
            result.hits.append(target)
            if exp.types and best[target].type not in exp.types:
                result.type_errors.append((target, best[target].type))
        else:
            result.misses.append(target)
    for target in best:
        if target not in expected and target not in allowed:
            result.false_alarms.append(target)
    if item.recovery is not None:
        recovered = {p.target for p in predicted if p.recovery}
        want = set(item.recovery)
        result.recovery_hits = sorted(want & recovered)
        result.recovery_misses = sorted(want - recovered)
        result.recovery_false = sorted(recovered - want - allowed - set(expected))
    return result


def _term(event: Event) -> str:
    for span in event.evidence:
        if span.role == "term":
            return " ".join(span.text.lower().split())
    return "?"


def diagnose(result: ItemResult, events: list[Event], tagger: Tagger) -> dict[str, str]:
    """The rule behind each false alarm and miss of ``result`` (``events``: all of the
    item's events, at any confidence).

    False alarm: ``"<method> + <type> term '<term>'"`` — how the target was found
    (an alias ``mention`` or a ``place`` near it) and the term that made it a
    disruption. Miss: ``"below threshold: <type> at 0.41"`` (an event, lowered by a
    context rule), ``"named, cancelled by '<phrase>'"`` (the gazetteer found the node
    and a cancelling phrase removed the term, "fire drill"), ``"named, no term
    paired"`` (the gazetteer found the node, no disruption term made an event of
    it) or ``"not named"`` (no alias of the node, nor a place near it, was found).
    """
    from graphs.gazetteer import fold

    why: dict[str, str] = {}
    by_target: dict[str, Event] = {}
    for e in sorted(events, key=lambda e: -e.confidence):
        if not e.recovery:
            by_target.setdefault(e.target, e)
    for target in result.false_alarms:
        alarm = by_target.get(target)
        if alarm is not None:
            why[target] = f"{alarm.method} + {alarm.type} term '{_term(alarm)}'"
    named: set[str] | None = None
    cancelled = ""
    for target in result.misses:
        low = by_target.get(target)
        if low is not None:
            why[target] = f"below threshold: {low.type} at {low.confidence:.2f}"
            continue
        if named is None:
            item = result.item
            named = set()
            for text in (item.title, item.summary):
                folded = fold(text)
                for hit in tagger.gazetteer.find(folded, item.language):
                    named.update(en.ref for en in hit.entries)
                for hit in tagger.lexicon.matcher.find(folded, item.language):
                    if not cancelled and any(en.kind == "cancel" for en in hit.entries):
                        cancelled = " ".join(text[hit.ostart : hit.oend].lower().split())
        ids = target.split("->") if "->" in target else [target]
        if not any(t.strip() in named for t in ids):
            why[target] = "not named"
        else:
            why[target] = f"named, cancelled by '{cancelled}'" if cancelled else "named, no term paired"
    return why


def _type_of(result: ItemResult, target: str) -> str:
    exp = next((e for e in result.item.expect if e.target == target), None)
    return exp.types[0] if exp is not None and exp.types else "?"


def evaluate(
    items: Iterable[EvalItem], tagger: Tagger, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> EvalReport:
    """Tag every item and score it."""
    overall = Scores()
    per_language: dict[str, Scores] = {}
    per_type: dict[str, Scores] = {}
    recovery = Scores()
    results = []
    for item in items:
        events = tagger.tag(item.title, item.summary, item.language)
        result = score_item(item, _predictions(events, min_confidence))
        result.why = diagnose(result, events, tagger)
        results.append(result)
        lang = (item.language or "?").lower()
        for s in (overall, per_language.setdefault(lang, Scores())):
            s.items += 1
            s.tp += len(result.hits)
            s.fp += len(result.false_alarms)
            s.fn += len(result.misses)
            s.type_ok += len(result.hits) - len(result.type_errors)
        wrong = dict(result.type_errors)
        best = {p.target: p.type for p in reversed(result.predicted) if not p.recovery}
        for target in result.hits:
            t = _type_of(result, target) if target in wrong else best[target]
            per_type.setdefault(t, Scores()).tp += 1
            per_type[t].type_ok += target not in wrong
        for target in result.misses:
            per_type.setdefault(_type_of(result, target), Scores()).fn += 1
        for target in result.false_alarms:
            per_type.setdefault(best[target], Scores()).fp += 1
        if item.recovery is not None:
            recovery.items += 1
            recovery.tp += len(result.recovery_hits)
            recovery.fp += len(result.recovery_false)
            recovery.fn += len(result.recovery_misses)
            recovery.type_ok += len(result.recovery_hits)
    return EvalReport(overall, per_language, results, min_confidence, per_type, recovery)
