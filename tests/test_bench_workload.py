"""The bench workload's mix is a parameter and does what it says (no timings here)."""

from __future__ import annotations

import re

import pytest

from monitor.bench_workload import DISRUPT_SHARE, NODE_NEUTRAL_SHARE, make_feeds, named_chain


@pytest.fixture(scope="module")
def chain():
    return named_chain(300, 900, seed=5)


def _titles(feeds) -> list[str]:
    return [t for f in feeds for t in re.findall(r"<title>([^<]*)</title>", f.body.decode())[1:]]


def _naming(titles, chain) -> int:
    names = {n.name for n in chain.nodes.values()}
    return sum(1 for t in titles if any(name in t for name in names))


def test_defaults_are_the_documented_realistic_mix():
    assert (DISRUPT_SHARE, NODE_NEUTRAL_SHARE) == (0.02, 0.10)


def test_shares_set_how_many_items_name_a_node(chain):
    none = _titles(make_feeds(chain, 4, 100, seed=1, disruption_share=0.0, mention_share=0.0))
    assert _naming(none, chain) == 0
    half = _titles(make_feeds(chain, 4, 100, seed=1, disruption_share=0.5, mention_share=0.0))
    assert 150 <= _naming(half, chain) <= 250
    default = _titles(make_feeds(chain, 4, 100, seed=1))
    assert 20 <= _naming(default, chain) <= 80  # about 12 % of 400


def test_the_same_arguments_give_the_same_bytes(chain):
    a = make_feeds(chain, 2, 20, seed=9, disruption_share=0.1)
    b = make_feeds(chain, 2, 20, seed=9, disruption_share=0.1)
    assert [f.body for f in a] == [f.body for f in b]


@pytest.mark.parametrize("d, n", [(-0.1, 0.1), (0.6, 0.6), (1.5, 0.0)])
def test_impossible_shares_are_refused(chain, d, n):
    with pytest.raises(ValueError, match="shares"):
        make_feeds(chain, 1, 5, disruption_share=d, mention_share=n)
