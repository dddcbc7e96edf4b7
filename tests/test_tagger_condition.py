"""A recovery phrase after "until", "as soon as" or "once" is awaited, not reported
(:data:`graphs.tagger._CONDITION_BEFORE`): the disruption goes on. The rule is English:
Swedish "till" is "to" and Spanish "once" is "eleven", and "the once-bustling port" is an
adjective, not a condition. Folded punctuation doubles spaces ("until U.S. inspectors reopen").

Sentences are written in the style of wire copy about the bundled graph's ports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import Tagger

BUNDLED = Path(__file__).resolve().parent.parent / "config"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon(), places=False)


def _recovery(tagger: Tagger, lang: str, title: str, target: str) -> bool:
    events = [e for e in tagger.tag(title, "", lang) if e.target == target]
    assert events, title
    return all(e.recovery for e in events)


@pytest.mark.parametrize(
    ("lang", "title", "target", "recovery"),
    [
        # awaited: the outage goes on
        ("en", "Traffic at the Port of Valencia stays halted until inspectors reopen the channel",
         "port-valencia", False),
        ("en", "Traffic at the Port of Valencia stays halted until U.S. inspectors reopen the channel",
         "port-valencia", False),
        # reported: the port is back
        ("en", "The Port of Valencia reopened on Monday after a strike", "port-valencia", True),
        ("en", "The once-bustling Port of Valencia reopened on Monday after a strike", "port-valencia", True),
        ("sv", "Trafiken i Göteborgs hamn återupptas efter strejken", "port-gothenburg", True),
        ("sv", "Färjetrafiken till Göteborgs hamn återupptas efter strejken", "port-gothenburg", True),
    ],
)
def test_recovery_after_a_condition_is_awaited(tagger: Tagger, lang: str, title: str, target: str, recovery: bool) -> None:
    assert _recovery(tagger, lang, title, target) is recovery
