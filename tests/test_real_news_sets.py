"""The real-news evaluation sets in tests/data/real-news load against the graph they are labelled on.

`monitor eval` refuses an item whose target is not a node of the graph, whose type is
unknown or whose key is misspelt; this keeps those files loadable in CI, checks that ids
are unique across the tune and holdout halves, that every item names its source in the
set's ``*.sources.tsv``, and that the halves follow the fixed split rule of the folder's
README (per language, ordered by SHA-1 of the id: even positions tune, odd holdout).
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from graphs.evaluate import EvalItem, load_items
from graphs.loader import load_graph

REPO = Path(__file__).resolve().parents[1]
SETS = REPO / "tests" / "data" / "real-news"

# set name -> graph directory its items are labelled against
LABELLED_ON = {
    "wire": REPO / "config" / "graph",  # the bundled graph
    "multi": SETS / "graph",  # the real-news dev graph plus extra.yaml
}


def halves(name: str) -> tuple[list[EvalItem], list[EvalItem]]:
    chain = load_graph(LABELLED_ON[name])
    return load_items(SETS / f"{name}-tune.jsonl", chain), load_items(SETS / f"{name}-holdout.jsonl", chain)


@pytest.mark.parametrize("name", sorted(LABELLED_ON))
def test_set_loads_with_unique_ids_and_a_source_for_each(name):
    tune, holdout = halves(name)  # raises ConfigError naming file and line on an unknown node or type
    ids = [i.id for i in tune + holdout]
    assert len(ids) == len(set(ids)), "an id is in both halves"
    with (SETS / f"{name}.sources.tsv").open(encoding="utf-8", newline="") as f:
        sources = {row["id"]: row for row in csv.DictReader(f, delimiter="\t")}
    assert sorted(sources) == sorted(ids)
    assert all(row["source"].startswith("http") and row["language"] for row in sources.values())
    assert all(sources[i.id]["language"] == i.language for i in tune + holdout)


@pytest.mark.parametrize("name", sorted(LABELLED_ON))
def test_halves_follow_the_fixed_split_rule(name):
    tune, holdout = halves(name)
    side = {i.id: "tune" for i in tune} | {i.id: "holdout" for i in holdout}
    for lang in {i.language for i in tune + holdout}:
        ordered = sorted((i.id for i in tune + holdout if i.language == lang),
                         key=lambda s: hashlib.sha1(s.encode("utf-8")).hexdigest())
        assert [side[i] for i in ordered] == [("tune", "holdout")[k % 2] for k in range(len(ordered))], lang


def test_wire_set_has_positives_and_hard_negatives_in_each_language():
    tune, holdout = halves("wire")
    for lang in ("en", "ja", "es", "pt"):
        items = [i for i in tune + holdout if i.language == lang]
        assert any(i.expect for i in items), lang
        assert any(not i.expect and i.allow for i in items), lang  # a negative naming a node
