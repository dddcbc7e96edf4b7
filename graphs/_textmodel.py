"""A linear text model beside the rules: is this item about a disruption of a node it names?

The rules (lexicon terms paired with node mentions) miss phrasings they were never given;
the model reads the whole item as character n-grams — language-independent, no word
boundaries needed for Japanese or Chinese — and says how much it looks like the real,
labelled disruption reports it was trained on (``python -m graphs.train_model``, on the
*tune* halves of the real-news sets only). The tagger asks it only about a node the item
names, in an item with a disruption term, that no rule raised (see ``Tagger._model_events``).

Pure Python at run time: tf-idf of the item's n-grams (sublinear counts, smoothed idf,
L2 norm — what scikit-learn's ``TfidfVectorizer`` computes at training time), a logistic
regression for "disruption or not" and a multinomial one for its type. The model file
(``graphs/data/textmodel.json.gz``) holds the n-grams kept, their idf and weights, the
threshold chosen by cross-validation when it was trained and the files it was trained on.
Every decision is explained by the n-grams that pushed it most, shown as the words of the
item that hold them.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import threading
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graphs.util import switched_off

__all__ = ["MODEL_FILE", "Judgement", "TextModel", "default_model", "model_text", "ngrams"]

MODEL_FILE = Path(__file__).resolve().parent / "data" / "textmodel.json.gz"
NGRAM_RANGE = (2, 5)
_SPACES = re.compile(r"\s\s+|[\t\n\r\f\v]")
_WORD = re.compile(r"\w+", re.UNICODE)


def model_text(title: str, text: str) -> str:
    """What the model reads of an item: title and text, lower case, runs of white space as one."""
    return _SPACES.sub(" ", f"{title} \n {text}".lower()).strip()


def ngrams(doc: str) -> list[str]:
    """Character n-grams (2 to 5) of each white-space separated word padded with a space at
    both ends; a word shorter than n gives itself once (scikit-learn's ``char_wb``). A run of
    Japanese or Chinese without spaces is one "word": its n-grams cross what would be word
    boundaries, which is what lets the model read those languages without segmenting them."""
    out: list[str] = []
    lo, hi = NGRAM_RANGE
    for w in doc.split():
        w = f" {w} "
        n_w = len(w)
        for n in range(lo, hi + 1):
            if n_w <= n:
                out.append(w)
                break
            out.extend(w[i : i + n] for i in range(n_w - n + 1))
    return out


@dataclass(frozen=True, slots=True)
class Judgement:
    """The model's reading of one item: ``probability`` that it reports a disruption of a
    node it names, the most likely ``type`` among ``types`` (or ``None``), and ``reasons``:
    the words of the item that pushed the probability up most."""

    probability: float
    type: str | None
    reasons: tuple[str, ...]


class TextModel:
    """Weights of a trained model (see the module docstring). ``threshold``: the probability at
    or above which the tagger raises an event; ``trained_on``: the labelled files it learnt from."""

    def __init__(
        self,
        features: Sequence[str],
        idf: Sequence[float],
        weights: Sequence[float],
        intercept: float,
        classes: Sequence[str],
        type_weights: Sequence[Sequence[float]],
        type_intercepts: Sequence[float],
        threshold: float,
        trained_on: Sequence[str] = (),
        items: int = 0,
    ) -> None:
        if not (len(features) == len(idf) == len(weights)) or any(len(w) != len(features) for w in type_weights):
            raise ValueError("text model: features, idf and weights differ in length")
        if len(classes) != len(type_weights) or len(classes) != len(type_intercepts):
            raise ValueError("text model: type classes and their weights differ in length")
        self.index = {f: i for i, f in enumerate(features)}
        self.features = tuple(features)
        # arrays of doubles: a tenth of the memory of tuples of floats for the ~400,000 weights
        self.idf = array("d", idf)
        self.weights = array("d", weights)
        self.intercept = float(intercept)
        self.classes = tuple(classes)
        self.type_weights = tuple(array("d", w) for w in type_weights)
        self.type_intercepts = tuple(type_intercepts)
        self.threshold = float(threshold)
        self.trained_on = tuple(trained_on)
        self.items = items

    # -- features ------------------------------------------------------------

    def vector(self, doc: str) -> dict[int, float]:
        """The item's tf-idf vector over the kept n-grams: sublinear counts times idf, L2-normed."""
        counts = Counter(i for g in ngrams(doc) if (i := self.index.get(g)) is not None)
        vec = {i: (1.0 + math.log(c)) * self.idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {i: v / norm for i, v in vec.items()} if norm else {}

    def _probability(self, vec: dict[int, float]) -> float:
        return _sigmoid(self.intercept + sum(self.weights[i] * v for i, v in vec.items()))

    def probability(self, doc: str) -> float:
        """Probability that ``doc`` (see :func:`model_text`) reports a disruption."""
        return self._probability(self.vector(doc))

    def judge(self, doc: str, types: Sequence[str] | None = None) -> Judgement:
        """Probability, type (the most likely of ``types``, or of all when ``None``) and reasons."""
        vec = self.vector(doc)
        p = self._probability(vec)
        allowed = [k for k, c in enumerate(self.classes) if types is None or c in types]
        best: str | None = None
        if allowed:
            scores = {k: self.type_intercepts[k] + sum(self.type_weights[k][i] * v for i, v in vec.items()) for k in allowed}
            best = self.classes[max(scores, key=lambda k: scores[k])]
        return Judgement(p, best, self.reasons(doc, vec))

    def reasons(self, doc: str, vec: dict[int, float], most: int = 3) -> tuple[str, ...]:
        """The words of ``doc`` holding the n-grams that pushed the probability up most."""
        pushes = sorted(((self.weights[i] * v, i) for i, v in vec.items() if self.weights[i] > 0), reverse=True)
        words: list[str] = []
        for _, i in pushes:
            word = _word_of(doc, self.features[i])
            if word and word not in words and not any(word in w or w in word for w in words):
                words.append(word)
            if len(words) >= most:
                break
        return tuple(words)

    # -- files ---------------------------------------------------------------

    def as_json(self) -> dict[str, object]:
        return {
            "format": 1, "ngram_range": list(NGRAM_RANGE), "threshold": self.threshold,
            "trained_on": list(self.trained_on), "items": self.items,
            "features": list(self.features), "idf": [round(x, 6) for x in self.idf],
            "weights": [round(x, 6) for x in self.weights], "intercept": round(self.intercept, 6),
            "classes": list(self.classes), "type_weights": [[round(x, 6) for x in w] for w in self.type_weights],
            "type_intercepts": [round(x, 6) for x in self.type_intercepts],
        }

    def save(self, path: Path) -> None:
        # mtime=0: the same model gives the same bytes, so a retrain that changes nothing changes no file
        # (and no file name in the header)
        with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as f:
            f.write(json.dumps(self.as_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> TextModel:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
        if data.get("format") != 1 or list(data.get("ngram_range", ())) != list(NGRAM_RANGE):
            raise ValueError(f"{path}: not a text model this version reads (format {data.get('format')!r})")
        return cls(
            data["features"], data["idf"], data["weights"], data["intercept"], data["classes"],
            data["type_weights"], data["type_intercepts"], data["threshold"], data.get("trained_on", ()),
            data.get("items", 0),
        )


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _word_of(doc: str, gram: str) -> str:
    """The word of ``doc`` that holds n-gram ``gram`` (a padded n-gram marks a word's start or
    end); for a run without spaces (Japanese, Chinese) the n-gram itself."""
    core = gram.strip()
    if not core:
        return ""
    at = doc.find(gram) if gram != core else doc.find(core)
    if at < 0:
        at = doc.find(core)
        if at < 0:
            return ""
    else:
        at = at + (1 if gram.startswith(" ") else 0)
    start, end = at, at + len(core)
    while start > 0 and not doc[start - 1].isspace():
        start -= 1
    while end < len(doc) and not doc[end].isspace():
        end += 1
    word = doc[start:end]
    if len(word) > 16:  # no spaces around it: a run of CJK text, or a long compound
        word = core
    m = _WORD.findall(word)
    return " ".join(m) if m else ""


_default: TextModel | None = None
_default_loaded = False
_lock = threading.Lock()


def default_model() -> TextModel | None:
    """The packaged model, read once per process; ``None`` when the file is absent or
    ``MONITOR_TEXTMODEL=off`` (or ``0``, ``false``, ``no``) switches it off."""
    global _default, _default_loaded
    if switched_off("MONITOR_TEXTMODEL"):
        return None
    if not _default_loaded:
        with _lock:
            if not _default_loaded:
                _default = TextModel.load(MODEL_FILE) if MODEL_FILE.is_file() else None
                _default_loaded = True
    return _default
