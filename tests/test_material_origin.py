"""Origin-scoped material words: a bare material word ("terras raras", "レアアース", "soja")
names a material node of one origin ("Chinese rare earths", "Brazilian soy") only when a
name of that origin ("China", "中国", "brasileiras") stands in the same sentence, and only
for a material's disruptions (trade_restriction, shortage) with the term in that sentence.

The titles marked "wire" are verbatim wire items (Reuters Japan, Folha, Valor: China's
rare-earth export controls of 2025 and its suspension of soy purchases from Brazilian
exporters); the others are written in the same phrasing to isolate one rule each.
"""

from __future__ import annotations

import pytest

from graphs.gazetteer import ExonymIndex, Gazetteer, fold, load_exonyms
from graphs.lexicon import load_lexicon
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger
from graphs.yamlsrc import ConfigError
from helpers_tagging import chain_of, node, node_notes, sure


def material_nodes():
    return [
        node("rare-earths", "Baotou rare-earth base", "Chinese rare earths", kind="material", country="CN"),
        node("magnets", "Ningbo NdFeB magnet industry", "Chinese rare-earth magnets", kind="cluster", country="CN"),
        node("soy", "Brazilian soy (Santos)", "Brazilian soy", kind="material", country="BR"),
        node("cobalt", "Congolese cobalt", "Congolese cobalt", kind="material", country="CD"),
        # a site named like a material entry gets no bare words (materials and clusters only)
        node("mine", "Atacama brine site", "Chilean lithium", kind="site", country="CL"),
    ]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(chain_of(material_nodes(), "origin-1"), load_lexicon(), places=False, exonyms=True)


@pytest.mark.parametrize(("lang", "title", "target"), [
    # wire: Folha, Valor
    ("pt", "China suspende compra de soja de 5 exportadoras brasileiras", "soy"),
    ("pt", "A China, principal compradora mundial de soja, interrompeu a recepção de embarques de soja de "
           "cinco empresas brasileiras devido ao não atendimento a requisitos fitossanitários.", "soy"),
    # wire: TBS (the origin is the government that acts: "中国政府が")
    ("ja", "中国政府が、日本向けのレアアース輸出を規制する措置を発表した", "rare-earths"),
    ("en", "China tightens export controls on rare earths", "rare-earths"),
    ("en", "Beijing restricts exports of rare earth magnets to the US", "magnets"),
    ("ko", "중국, 희토류 수출 통제 강화", "rare-earths"),
    ("zh", "中国宣布对稀土实施出口管制", "rare-earths"),
    ("de", "China verhängt Exportkontrollen für Seltene Erden", "rare-earths"),
    ("fr", "La RDC suspend les exportations de cobalt pour quatre mois", "cobalt"),
    # es/pt papers name China by its epithet
    ("es", "El gigante asiático restringe las exportaciones de tierras raras", "rare-earths"),
])
def test_a_bare_material_word_with_its_origin_names_the_node(tagger, lang, title, target):
    found = {key: notes for key, notes in node_notes(tagger, title, lang).items() if key[0] == target}
    assert found, node_notes(tagger, title, lang)
    assert all(t in ("trade_restriction", "shortage") for _, t in found)
    notes = [n for ns in found.values() for n in ns]
    assert any("with its origin" in n for n in notes), notes


def test_the_evidence_says_which_origin_was_named(tagger):
    (e,) = [e for e in tagger.tag("China suspende compra de soja de 5 exportadoras brasileiras", "", "pt")
            if e.target == "soy"]
    (span,) = [s for s in e.evidence if s.role == "node"]
    assert span.text == "soja"
    assert span.note == "'soja' with its origin 'brasileiras' named, for 'Brazilian soy'"


@pytest.mark.parametrize(("lang", "title"), [
    # no origin: every price and market report's subject
    ("pt", "Preço da soja dispara em Chicago após a China suspender as importações de soja dos EUA"),
    ("ja", "レアアース価格が急騰、輸出規制を受け"),
    ("en", "US bans imports of cobalt mined with child labour"),
    # the origin is another country than the node's ("China" is no origin of soy)
    ("en", "China suspends imports of soybeans from US exporters"),
    # the origin in another sentence than the material word
    ("en", "China announces new measures. Export controls on rare earths are expected in Japan."),
])
def test_without_its_origin_in_the_sentence_a_bare_word_names_nothing(tagger, lang, title):
    assert not node_notes(tagger, title, lang)


def test_only_a_materials_disruptions_and_only_in_the_words_sentence(tagger):
    # a strike, fire or accident happens at a site: the material word names none
    assert not sure(tagger, "en", "Workers strike at rare earths plants across China")
    assert not sure(tagger, "en", "Fire breaks out at a soy warehouse in Brazil")
    # the title names material and origin, the lead has the term: no cross-sentence pair
    assert not sure(tagger, "en", "China and the rare earths race",
                    "Export controls were tightened on Thursday, the ministry said.")


@pytest.mark.parametrize(("lang", "title", "target"), [
    # phrasing: a drought, a flood or a frost befalls where the material grows or is mined
    ("en", "Drought withers soy crops across Brazil", "soy"),
    ("es", "Las inundaciones arrasan los cultivos de soja en Brasil", "soy"),
    ("pt", "A seca no Brasil destrói a safra de soja", "soy"),
])
def test_a_natural_disaster_befalls_a_material_named_with_its_origin(tagger, lang, title, target):
    assert sure(tagger, lang, title).get((target, "natural_disaster")) is False  # raised, no recovery


def test_price_commentary_stays_below_the_alert_threshold(tagger):
    events = [e for e in tagger.tag("Rare earth prices surge as China tightens export controls", "", "en")
              if e.target == "rare-earths"]
    assert events and all(e.confidence < DEFAULT_MIN_CONFIDENCE for e in events)


def test_origin_names_are_no_mentions_and_sites_get_no_bare_words():
    gaz = Gazetteer(chain_of(material_nodes(), "origin-2"), exonyms=True)
    assert gaz.find(fold("China and Brazil sign a trade deal"), "en") == []
    # "lithium" with Chile: the site named "Chilean lithium" is not a material node
    assert gaz.find(fold("Chile restricts lithium exports"), "en") == []
    hits = gaz.find(fold("Chile restricts lithium exports. China restricts rare earths"), "en")
    assert [(h.entries[0].ref, h.entries[0].kind) for h in hits] == [("rare-earths", "node")]


def test_without_the_table_bare_words_name_nothing():
    plain = Tagger(chain_of(material_nodes(), "origin-3"), load_lexicon(), places=False, exonyms=False)
    assert not node_notes(plain, "China tightens export controls on rare earths", "en")


def test_bare_words_are_scoped_to_their_languages():
    index = ExonymIndex(load_exonyms())
    words, origins = index.material_words(node("soy", "Brazilian soy", kind="material", country="BR"))
    by_name = {w.name: w for w in words}
    assert by_name["soja"].languages >= {"pt", "es"} and "en" not in by_name["soja"].languages
    assert {o.origin for o in origins} == {"BR"}
    assert "brasileiras" in {o.name for o in origins}


def test_bare_words_need_a_material_entry_with_a_listed_origin(tmp_path):
    bad = tmp_path / "exonyms.yaml"
    bad.write_text(
        "entries:\n"
        "  - en: [Port of Nowhere]\n    kind: port\n    bare: {en: [nothing]}\n"
        "  - en: [Martian iron]\n    kind: material\n    country: MA\n    bare: {en: [iron]}\n"
        "origins:\n  CN: {en: [China]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        load_exonyms(bad, "exonyms.yaml")
    text = " ".join(str(p) for p in err.value.problems)
    assert "'bare' words are for kind 'material' only" in text
    assert "need a 'country' listed under 'origins'" in text
