"""Energy sites named as Japanese, Chinese, Korean, Spanish and Portuguese wires write them
(LNG outages at Sabine Pass, the Troll field outages, drone attacks on Ras Tanura), on a
graph whose analyst wrote English names only. Sentences follow the publishers' usual
phrasing (Reuters Japan, Nikkei, Europa Press, Valor) about real events of 2019-2024."""

from __future__ import annotations

import pytest

from graphs.lexicon import load_lexicon
from graphs.tagger import Tagger
from helpers_tagging import chain_of, node, node_notes


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    nodes = [
        node("sabine", "Sabine Pass LNG (Cheniere)", "Sabine Pass", "Sabine Pass LNG", kind="site", country="US"),
        node("troll", "Troll gas field and Kollsnes plant (Equinor)", "Troll field", "Troll gas field",
             kind="site", country="NO"),
        node("tanura", "Ras Tanura (Saudi Aramco)", "Ras Tanura", kind="site", country="SA"),
    ]
    return Tagger(chain_of(nodes, "exo-energy-1"), load_lexicon(), places=False, exonyms=True)


@pytest.mark.parametrize(("lang", "title", "target"), [
    ("ja", "米サビンパスLNG、停電で液化設備が停止", "sabine"),
    ("ja", "ノルウェーのトロール・ガス田で障害、生産停止", "troll"),
    ("es", "Una avería en el yacimiento de gas de Troll reduce el suministro de Noruega", "troll"),
    ("ja", "サウジのラスタヌラ製油所にドローン攻撃", "tanura"),
])
def test_an_energy_site_named_in_another_language(tagger, lang, title, target):
    found = {k: v for k, v in node_notes(tagger, title, lang).items() if k[0] == target}
    assert found and all(n.startswith("exonym of ") for ns in found.values() for n in ns), found


def test_a_bare_troll_is_no_gas_field(tagger):
    # ("troll" is also a word; only the field's own names count)
    assert not node_notes(tagger, "Internet-Troll legt Server lahm", "de")
