"""Train the text model the tagger consults beside its rules (:mod:`graphs._textmodel`).

    python -m graphs.train_model                       # the repository's tune halves -> graphs/data/textmodel.json.gz
    python -m graphs.train_model CONFIG:FILE.jsonl ... [--out PATH]

Needs scikit-learn (``pip install -e '.[train]'``); the tagger itself does not. Each argument
is a labelled file in ``monitor eval`` format and the config folder whose graph it is
labelled on. A file whose name says ``holdout`` is refused: held-out halves are for
reporting, never for learning.

One example per (item, node the item names), read as the tagger shows it to the model (the
title and the sentences naming the node): positive when the item expects that node, left out
when the node is only allowed (threats, commentary), negative otherwise. The
threshold is chosen by 5-fold cross-validation over items: the lowest probability (in
steps of 0.05) at which the model, asked only where the tagger asks it
(``Tagger._model_questions``: where the rules had nothing to say), is right at least
:data:`TARGET_PRECISION` of the time on items it did not learn from.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphs._textmodel import MODEL_FILE, TextModel, model_text, ngrams
from graphs.evaluate import load_items
from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import Tagger

REPO = Path(__file__).resolve().parents[1]
SETS = REPO / "tests" / "data" / "real-news"
TARGET_PRECISION = 0.93
KEEP_FEATURES = 30_000
C = 4.0  # inverse regularisation of both regressions


@dataclass(frozen=True, slots=True)
class Example:
    item: str
    doc: str
    node: str
    positive: bool
    type: str | None  # the first listed type of a positive
    asked: bool  # where the tagger would ask the model (see the module docstring)


def repository_sets(work: Path) -> list[tuple[Path, Path]]:
    """The tune halves of the real-news sets: the shared dev set's (split into ``work``), the
    multilingual and EU sets and the tune-only ``eu2`` set (labelled on
    ``tests/data/real-news/graph``) and the wire sets (labelled on the bundled ``config/graph``).
    Every ``*-tune.jsonl`` in the folder is taken."""
    sys.path.insert(0, str(SETS))
    import split_dev  # type: ignore[import-not-found]

    sets: list[tuple[Path, Path]] = []
    if split_dev.DEV.is_file():
        split_dev.main(work, split_dev.DEV)
        sets.append((SETS, work / "dev-tune.jsonl"))
    for f in sorted(SETS.glob("*-tune.jsonl")):
        config = REPO / "config" if f.name.startswith("wire") else SETS
        sets.append((config, f))
    return sets


def examples(sets: Sequence[tuple[Path, Path]]) -> list[Example]:
    out: list[Example] = []
    lexicon = load_lexicon()
    for config, path in sets:
        if "holdout" in path.name:
            raise SystemExit(f"{path}: a held-out file is never trained on")
        chain = load_graph(config / "graph")
        tagger = Tagger(chain, lexicon, model=False)
        for item in load_items(path, chain):
            expected = {e.target: e.types for e in item.expect}
            for q in tagger.model_questions(item.title, item.summary, item.language):
                if q.node in item.allow and q.node not in expected:
                    continue
                types = expected.get(q.node)
                out.append(Example(f"{path.name}:{item.id}", q.doc, q.node, types is not None,
                                   types[0] if types else None, q.asked))
    return out


def sklearn_fit(train: Sequence[Example], keep: int = KEEP_FEATURES) -> tuple[Any, Any, Any]:
    """scikit-learn's vectorizer, disruption regression and type regression fitted on ``train``,
    on the ``keep`` n-grams that weigh most in a first fit on all of them."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    docs = [e.doc for e in train]
    y = np.array([e.positive for e in train])
    vec = TfidfVectorizer(analyzer=ngrams, min_df=2, sublinear_tf=True)
    X = vec.fit_transform(docs)
    clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(X, y)
    names = vec.get_feature_names_out()
    kept = sorted(names[np.argsort(-np.abs(clf.coef_[0]))[:keep]])
    vec = TfidfVectorizer(analyzer=ngrams, vocabulary=kept, sublinear_tf=True)
    X = vec.fit_transform(docs)
    clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(X, y)
    pos = [i for i, e in enumerate(train) if e.positive and e.type]
    typ = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(X[pos], [train[i].type for i in pos])
    return vec, clf, typ


def fit(train: Sequence[Example], keep: int = KEEP_FEATURES) -> TextModel:
    """The run-time model of :func:`sklearn_fit`'s three parts (threshold still 1.0: set it)."""
    vec, clf, typ = sklearn_fit(train, keep)
    if len(typ.classes_) == 2:  # a binary fit stores one row: give each class its own
        tw = [[-float(x) for x in typ.coef_[0]], [float(x) for x in typ.coef_[0]]]
        ti = [-float(typ.intercept_[0]), float(typ.intercept_[0])]
    else:
        tw = [[float(x) for x in r] for r in typ.coef_]
        ti = [float(b) for b in typ.intercept_]
    return TextModel(
        [str(f) for f in vec.get_feature_names_out()], [float(x) for x in vec.idf_], [float(x) for x in clf.coef_[0]],
        float(clf.intercept_[0]), [str(c) for c in typ.classes_], tw, ti, threshold=1.0,
    )


def choose_threshold(data: Sequence[Example], folds: int = 5) -> tuple[float, float, float]:
    """(threshold, precision, recall) of the model alone where asked, by cross-validation over items."""
    from sklearn.model_selection import GroupKFold

    probs = [0.0] * len(data)
    groups = [e.item for e in data]
    for train_idx, test_idx in GroupKFold(folds).split(data, groups=groups):
        model = fit([data[i] for i in train_idx])
        for i in test_idx:
            probs[i] = model.probability(data[i].doc)
    asked = [(p, e.positive) for p, e in zip(probs, data, strict=True) if e.asked]
    positives = sum(pos for _, pos in asked)
    for step in range(10, 20):
        t = step / 20
        tp = sum(1 for p, pos in asked if p >= t and pos)
        fp = sum(1 for p, pos in asked if p >= t and not pos)
        if tp and tp / (tp + fp) >= TARGET_PRECISION:
            return t, tp / (tp + fp), tp / positives
    return 1.0, 0.0, 0.0


def train(sets: Sequence[tuple[Path, Path]]) -> TextModel:
    data = examples(sets)
    threshold, precision, recall = choose_threshold(data)
    model = fit(data)
    model.threshold = threshold
    model.trained_on = tuple(str(p.relative_to(REPO)) if p.is_relative_to(REPO) else p.name for _, p in sets)
    model.items = len({e.item for e in data})
    print(
        f"{len(data)} examples from {model.items} items ({sum(e.positive for e in data)} positive); "
        f"{len(model.features)} n-grams kept; threshold {threshold:.2f} "
        f"(cross-validated where asked: precision {precision:.3f}, recall {recall:.3f})"
    )
    return model


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", metavar="CONFIG:FILE.jsonl")
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.sets:
            pairs = []
            for s in args.sets:
                config, _, file = s.rpartition(":")
                if not config:
                    ap.error(f"{s}: expected CONFIG:FILE.jsonl")
                pairs.append((Path(config), Path(file)))
        else:
            pairs = repository_sets(Path(tmp))
        model = train(pairs)
    model.save(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
