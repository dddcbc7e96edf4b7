"""Spanish and Portuguese names of bundled nodes added while tuning on wire3-tune (es/pt).

The sentences are written here in the way EFE, Europa Press, Reuters and Lusa/Folhapress name
the place; none is copied from a labelled set. The near misses must name nothing of the node:
the operator alone for a port it is one of several terminals of (APM Terminals runs terminals in
Algeciras, Valencia and Rotterdam), the city alone for a refinery or a port, the shipping line
for its cruise brand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import Tagger
from helpers_tagging import named

BUNDLED = Path(__file__).resolve().parent.parent / "config"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon(), places=False, model=False)


@pytest.mark.parametrize(
    ("node_id", "lang", "text"),
    [
        ("port-algeciras", "es", "Los estibadores de TTI Algeciras secundan la huelga convocada por Coordinadora."),
        ("port-algeciras", "es", "APM Terminals Algeciras suspende las operaciones por el temporal de levante."),
        ("port-antwerp-bruges", "pt", "A greve afeta os portos de Roterdã e Antuérpia-Bruges."),
        ("port-antwerp-bruges", "es", "La huelga afecta a los puertos de Róterdam y Amberes-Brujas."),
        ("shell-pernis", "es", "Un incendio obliga a cerrar parte de la refinería de Shell en Rotterdam."),
        ("shell-pernis", "pt", "Um incêndio obrigou a fechar parte da refinaria da Shell em Roterdã."),
        ("msc-cruises", "pt", "A MSC Cruzeiros cancelou os roteiros da temporada pela costa brasileira."),
    ],
)
def test_wire_copy_names_the_node(tagger: Tagger, node_id: str, lang: str, text: str) -> None:
    assert node_id in named(tagger, lang, text)


@pytest.mark.parametrize(
    ("node_id", "lang", "text"),
    [
        ("port-algeciras", "es", "La huelga paraliza la terminal de APMT en Valencia."),
        ("port-antwerp-bruges", "es", "Brujas celebra su festival de verano."),
        ("shell-pernis", "es", "Shell recorta su plantilla en Rotterdam."),
        ("msc-cruises", "pt", "A MSC desviou os porta-contêineres para o Cabo da Boa Esperança."),
    ],
)
def test_near_misses_do_not_name_the_node(tagger: Tagger, node_id: str, lang: str, text: str) -> None:
    assert node_id not in named(tagger, lang, text)
