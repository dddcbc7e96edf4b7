"""Lazy alternatives: ``assess(limit=N)`` returns the first N of the full ranking."""

from __future__ import annotations

import random

import pytest

from graphs.impact import ImpactEngine, ImpactError, UnknownTargetError
from graphs.synthetic import random_chain


@pytest.fixture(scope="module")
def chain():
    return random_chain(3000, 15000, seed=7)


def test_a_limit_keeps_exactly_the_head_of_the_full_ranking(chain):
    full_engine = ImpactEngine(chain, cache_size=0)
    capped = ImpactEngine(chain, cache_size=0)
    rng = random.Random(3)
    checked = 0
    for target in rng.sample(sorted(chain.nodes), 120):
        full = full_engine.assess([target])
        for limit in (0, 1, 4, 30):
            got = capped.assess([target], limit=limit)
            assert got.alternatives == full.alternatives[:limit], (target, limit)
            assert got.impacted == full.impacted and got.ecosystems == full.ecosystems
        checked += len(full.alternatives) > 30
    assert checked > 0, "some targets have more alternatives than the cap"


def test_a_limit_respects_max_alternatives_per_customer_and_product(chain):
    full = ImpactEngine(chain, max_alternatives=2, cache_size=0)
    for target in sorted(chain.nodes)[:60]:
        alts = full.assess([target]).alternatives
        assert full.assess([target], limit=7).alternatives == alts[:7]
        per_group: dict[tuple[str, str], int] = {}
        for a in alts:
            per_group[(a.for_, a.product)] = per_group.get((a.for_, a.product), 0) + 1
        assert all(n <= 2 for n in per_group.values())


def test_cached_results_are_kept_apart_per_limit(chain):
    engine = ImpactEngine(chain)
    target = max(chain.nodes, key=lambda n: len(engine.assess([n], limit=None).alternatives))
    engine.clear_cache()
    head = engine.assess([target], limit=3)
    full = engine.assess([target])
    assert len(head.alternatives) == 3 < len(full.alternatives)
    assert full.alternatives[:3] == head.alternatives


def test_bad_limit_and_unknown_targets_still_raise(chain):
    engine = ImpactEngine(chain)
    with pytest.raises(ImpactError):
        engine.assess([next(iter(chain.nodes))], limit=-1)
    with pytest.raises(UnknownTargetError):
        engine.check_target("no-such-node")
