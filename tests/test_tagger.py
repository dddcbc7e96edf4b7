"""Tagger rules: pairs, confidence, cancelling contexts, recovery, evidence."""

from __future__ import annotations

import pytest

from graphs.lexicon import load_lexicon
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger, sentence_starts
from helpers_tagging import small_chain


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(small_chain(), load_lexicon(), places=False)


def events(tagger: Tagger, title: str, text: str = "", lang: str | None = "en"):
    return {(e.target, e.type): e for e in tagger.tag(title, text, lang)}


def test_node_and_term_in_title_make_an_event(tagger):
    ev = events(tagger, "Strike at the Port of Antwerp-Bruges halts traffic")
    assert set(ev) == {("port-antwerp", "strike")}
    e = ev[("port-antwerp", "strike")]
    assert e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery and e.method == "mention"


def test_node_without_term_or_term_without_node_is_nothing(tagger):
    assert tagger.tag("Port of Rotterdam reports record volumes", "", "en") == []
    assert tagger.tag("Strike paralyses French railways", "", "en") == []


def test_same_sentence_rule_in_body(tagger):
    # the term and the node are in different body sentences: no event
    text = "Workers went on strike at a bakery. Separately, the Port of Rotterdam opened a terminal."
    assert events(tagger, "", text) == {}
    text = "Dockers went on strike at the Port of Rotterdam on Monday."
    assert ("port-rotterdam", "strike") in events(tagger, "", text)


def test_title_counts_more_than_body(tagger):
    in_title = events(tagger, "Fire at Nexperia plant", "")[("nexperia", "fire")].confidence
    in_body = events(tagger, "Update", "A fire broke out at Nexperia on Monday.")[("nexperia", "fire")].confidence
    assert in_title > in_body >= DEFAULT_MIN_CONFIDENCE


def test_closeness_and_distinct_terms_raise_confidence(tagger):
    near = events(tagger, "", "Nexperia fire halts output.")[("nexperia", "fire")].confidence
    far = events(
        tagger, "", "Nexperia, the chipmaker that supplies carmakers across Europe and Asia with "
        "discrete components, power devices and logic chips for many models, reported a fire."
    )[("nexperia", "fire")].confidence
    assert near > far
    two = events(tagger, "", "Nexperia fire: the blaze halts output.")[("nexperia", "fire")].confidence
    assert two > near


def test_cross_pair_title_node_with_lead_term(tagger):
    ev = events(tagger, "Nexperia: production halted", "A blaze broke out overnight at the plant.")
    assert ("nexperia", "fire") in ev
    assert ev[("nexperia", "fire")].confidence < events(tagger, "Blaze at Nexperia")[("nexperia", "fire")].confidence


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("Nexperia strikes a deal with suppliers", "en"),
        ("Strike price for ASML options jumps", "en"),
        ("Fire drill at Nexperia", "en"),
        ("Flood of orders for ASML", "en"),
        ("Lucky Strike ad campaign in Rotterdam", "en"),
        ("ASML brainstorm on new machines", "en"),
    ],
)
def test_overlapping_cancels_remove_the_term(tagger, title, lang):
    assert tagger.tag(title, "", lang) == []


def test_sentence_cancel_strongly_lowers(tagger):
    ev = events(tagger, "", "Fighting and war near Antwerp ended with a ceasefire.")
    assert all(e.confidence < DEFAULT_MIN_CONFIDENCE for e in ev.values())
    spans = [s for e in ev.values() for s in e.evidence if s.role == "cancel"]
    assert spans and spans[0].text == "ceasefire"
    ev = events(tagger, "Waffenstillstand: Krieg bei Antwerpen beendet", "", "de")
    assert all(e.confidence < DEFAULT_MIN_CONFIDENCE for e in ev.values())
    ev = events(tagger, "", "Hamburg remembers the anniversary of the 1962 flood.")
    assert all(e.confidence < DEFAULT_MIN_CONFIDENCE for e in ev.values())


@pytest.mark.parametrize(
    ("title", "lang", "target", "dtype"),
    [
        ("Rotterdam port reopens after strike", "en", "port-rotterdam", "strike"),
        ("Nexperia returns to full production after fire", "en", "nexperia", "fire"),
        ("Hafen Hamburg nach Streik wieder geöffnet", "de", "port-hamburg", "strike"),
        ("Nexperia: reprise de la production après l'incendie", "fr", "nexperia", "fire"),
        ("Suez Canal refloated ship: traffic resumes", "en", "suez", "blockage"),
    ],
)
def test_recovery_is_flagged(tagger, title, lang, target, dtype):
    ev = events(tagger, title, "", lang)
    assert ev[(target, dtype)].recovery is True
    assert any(s.role == "recovery" for s in ev[(target, dtype)].evidence)


def test_disruption_in_title_is_not_recovery_because_body_mentions_resumption(tagger):
    ev = events(tagger, "Fire at Nexperia plant", "Output resumed at other sites.")
    assert ev[("nexperia", "fire")].recovery is False


def test_evidence_offsets_point_into_original_fields(tagger):
    title = "GROSSSTRASSE: Großbrand"
    text = "Im Werk Großstraße brennt es. Die Feuerwehr ist vor Ort."
    e = events(tagger, title, text, "de")[("strasse", "fire")]
    for span in e.evidence:
        source = title if span.field == "title" else text
        assert source[span.start : span.end] == span.text
    roles = {(s.field, s.role, s.text) for s in e.evidence}
    assert ("title", "node", "GROSSSTRASSE") in roles
    assert ("title", "term", "Großbrand") in roles
    assert ("text", "node", "Großstraße") in roles


def test_one_event_per_target_and_type_with_merged_evidence(tagger):
    ev = tagger.tag("Strike at Port of Rotterdam", "The strike at Rotterdam continues. Rotterdam strike day two.", "en")
    keys = [(e.target, e.type) for e in ev]
    assert keys.count(("port-rotterdam", "strike")) == 1
    e = ev[0]
    assert len([s for s in e.evidence if s.role == "node"]) >= 3


def test_language_scoping_and_detection(tagger):
    # "brand" is fire in Dutch, a marque in English
    assert ("asml", "fire") in events(tagger, "Brand bij ASML in Veldhoven", "", "nl")
    assert events(tagger, "ASML brand value rises", "", "en") == {}
    # no language given: detected
    assert ("asml", "fire") in events(tagger, "Grote brand bij ASML, de fabriek is ontruimd", "", None)


def test_multilingual_rules(tagger):
    assert ("port-hamburg", "strike") in events(tagger, "Warnstreik im Hamburger Hafen", "", "de")
    assert ("suez", "blockage") in events(tagger, "Suezkanal blockiert", "", "de")
    assert ("gdansk", "fire") in events(tagger, "Pożar w porcie Gdańsku", "", "pl")
    assert ("port-antwerp", "strike") in events(tagger, "Grève au port d'Anvers", "", "fr")


def test_sentence_splitting_keeps_abbreviations():
    text = "U.S. Steel said so. St. Nazaire is calm! Next one"
    starts = sentence_starts(text)
    assert [text[s:].split()[0] for s in starts] == ["U.S.", "St.", "Next"]


def test_no_per_item_work_proportional_to_aliases():
    # the same item against a tiny and a 100k-alias graph finds the same event;
    # speed is measured by `monitor bench`, not asserted here
    from graphs.model import ValueChain
    from helpers_tagging import node

    nodes = {f"n{i}": node(f"n{i}", f"Firm{i:06d}", f"Alias{i:06d}") for i in range(50_000)}
    nodes["nexperia"] = small_chain().nodes["nexperia"]
    big = Tagger(ValueChain({}, nodes, [], version="big"), places=False)
    assert [(e.target, e.type) for e in big.tag("Fire at Nexperia", "", "en")] == [("nexperia", "fire")]


def test_node_named_as_landmark_is_weak(tagger):
    ev = events(tagger, "Fire at a restaurant near the Port of Hamburg")
    assert ev[("port-hamburg", "fire")].confidence < DEFAULT_MIN_CONFIDENCE
    ev = events(tagger, "Incendie près d'Anvers", "", "fr")
    assert ev[("port-antwerp", "fire")].confidence < DEFAULT_MIN_CONFIDENCE
    assert events(tagger, "Fire at the Port of Hamburg")[("port-hamburg", "fire")].confidence >= DEFAULT_MIN_CONFIDENCE


def test_terms_between_the_halves_of_a_two_part_alias_count():
    from graphs.model import ValueChain
    from helpers_tagging import node

    chain = ValueChain({}, {"br": node("br", "Bosch Reutlingen")}, [], version="b")
    t = Tagger(chain, places=False)
    ev = {(e.target, e.type) for e in t.tag("Bosch: Kurzarbeit in Reutlingen", "", "de")}
    assert ev == {("br", "outage")}


# -- generalising rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, lang, target, dtype",
    [
        ("End of the blockade at the Suez Canal", "en", "suez", "blockage"),
        ("Ende des Streiks im Hamburger Hafen", "de", "port-hamburg", "strike"),
        ("Fin de la grève au port d'Anvers", "fr", "port-antwerp", "strike"),
        ("Koniec strajku w Gdańsku", "pl", "gdansk", "strike"),
    ],
)
def test_term_after_an_ended_phrase_is_recovery(tagger, title, lang, target, dtype):
    e = events(tagger, title, "", lang)[(target, dtype)]
    assert e.recovery


def test_ended_phrase_only_reaches_the_term_right_after_it(tagger):
    e = events(tagger, "Strike at the Port of Rotterdam until the end of the week", "", "en")
    assert not e[("port-rotterdam", "strike")].recovery


@pytest.mark.parametrize(
    "title, lang, target",
    [
        ("Staking in de Rotterdamse haven afgewend", "nl", "port-rotterdam"),
        ("Strajk w Gdańsku zawieszony", "pl", "gdansk"),
        ("Strejken i Rotterdams hamn avvärjd", "sv", "port-rotterdam"),
        ("Huelga en el puerto de Rotterdam suspendida", "es", "port-rotterdam"),
    ],
)
def test_strike_averted_or_suspended_is_recovery(tagger, title, lang, target):
    assert events(tagger, title, "", lang)[(target, "strike")].recovery


def test_strike_a_deal_with_words_between(tagger):
    assert events(tagger, "Continental strikes long-term chip supply agreement with Nexperia") == {}
    assert ("continental", "strike") in events(tagger, "Continental workers strike over pay")


def test_the_cause_outranks_its_consequence(tagger):
    best = tagger.tag("Fire at Nexperia plant halts production", "", "en")[0]
    assert (best.target, best.type) == ("nexperia", "fire")
    # a consequence the headline names stays the topic when only the text gives the cause
    best = tagger.tag(
        "Chip shortage at Nexperia deepens", "Months after a fire, Nexperia still lacks wafers.", "en"
    )[0]
    assert (best.target, best.type) == ("nexperia", "shortage")


@pytest.mark.parametrize(
    "title, lang",
    [
        ("Hulpdiensten oefenden een brand in de Rotterdamse haven", "nl"),
        ("Räddningstjänsten övade en brand i Rotterdams hamn", "sv"),
        ("Strażacy ćwiczyli gaszenie pożaru w Gdańsku", "pl"),
    ],
)
def test_exercise_verbs_cancel(tagger, title, lang):
    assert all(e.confidence < DEFAULT_MIN_CONFIDENCE for e in tagger.tag(title, "", lang))


def test_negated_damage_is_not_an_accident(tagger):
    ev = events(tagger, "Der Hamburger Hafen übersteht den Orkan ohne Schäden", "", "de")
    assert ("port-hamburg", "accident") not in ev or ev[("port-hamburg", "accident")].confidence < DEFAULT_MIN_CONFIDENCE
    assert ("port-hamburg", "accident") in events(tagger, "Kran im Hamburger Hafen nach Kollision beschädigt", "", "de")


def test_figurative_under_fire_is_not_conflict(tagger):
    ev = events(tagger, "Zarząd portu w Gdańsku pod ostrzałem krytyki", "", "pl")
    assert ("gdansk", "conflict") not in ev or ev[("gdansk", "conflict")].confidence < DEFAULT_MIN_CONFIDENCE
    assert ("gdansk", "conflict") in events(tagger, "Drony ostrzelały statki w Gdańsku", "", "pl")


@pytest.mark.parametrize(
    "title, lang, target, dtype",
    [
        ("Cranes at the Port of Rotterdam out of service after a technical fault", "en", "port-rotterdam", "outage"),
        ("Rotterdams hamn utan ström sedan i morse", "sv", "port-rotterdam", "outage"),
        ("Il porto di Rotterdam è fuori servizio", "it", "port-rotterdam", "outage"),
        ("Nexperia closes its Hamburg plant due to the pandemic", "en", "nexperia", "lockdown"),
        ("Largas colas de camiones en el puerto de Rotterdam", "es", "port-rotterdam", "congestion"),
        ("Containerschiffe warten auf Reede vor dem Hamburger Hafen", "de", "port-hamburg", "congestion"),
        ("Drones fired on ships in the Suez Canal", "en", "suez", "conflict"),
        ("Marine sperrt den Suezkanal", "de", "suez", "blockage"),
        ("Tåget spårade ur vid Hamburgs hamn", "sv", "port-hamburg", "accident"),
    ],
)
def test_phrasings_added_across_languages(tagger, title, lang, target, dtype):
    e = events(tagger, title, "", lang).get((target, dtype))
    assert e is not None and e.confidence >= DEFAULT_MIN_CONFIDENCE, tagger.tag(title, "", lang)


def test_read_names_the_nodes_of_an_item_without_a_disruption_cue(tagger):
    """A burst needs every mention, not only disruption news: read() gives the nodes
    an item names even when no term pairs with them, and tag()'s events unchanged."""
    quiet = tagger.read("Port of Rotterdam reports record volumes", "Suez traffic was steady.", "en")
    assert quiet.events == [] and quiet.nodes == ("port-rotterdam", "suez")
    assert tagger.read("Markets rally on rate hopes", "", "en").nodes == ()
    cued = tagger.read("Strike at the Port of Antwerp-Bruges halts traffic", "Ships divert to Rotterdam.", "en")
    assert cued.events == tagger.tag("Strike at the Port of Antwerp-Bruges halts traffic",
                                     "Ships divert to Rotterdam.", "en")
    assert [(e.target, e.type) for e in cued.events] == [("port-antwerp", "strike")]
    assert cued.nodes == ("port-antwerp", "port-rotterdam")


def test_read_leaves_out_the_dateline_as_tagging_does(tagger):
    # where the story was filed is not what it is about
    r = tagger.read("Markets steady", "HAMBURG, Aug 18 (Reuters) - Shares of Nexperia rose.", "en")
    assert r.nodes == ("nexperia",)
