"""Places near nodes: offline place names, radius, precision rules, countries."""

from __future__ import annotations

import pytest

from graphs.lexicon import load_lexicon
from graphs.model import ValueChain
from graphs.places import NodeLocator, haversine_km
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger
from helpers_tagging import node, small_chain


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    t = Tagger(small_chain(), load_lexicon())
    t.places()  # the offline index: built once for the module
    return t


def events(tagger, title, text="", lang="en"):
    return {(e.target, e.type): e for e in tagger.tag(title, text, lang)}


def test_region_mention_tags_nodes_in_radius(tagger):
    ev = events(tagger, "An earthquake in Ibaraki damaged several plants")
    e = ev[("hitachi-ibaraki", "natural_disaster")]
    assert e.method == "place" and e.confidence >= DEFAULT_MIN_CONFIDENCE
    assert [s.text for s in e.evidence if s.role == "place"] == ["Ibaraki"]
    ev = events(tagger, "Floods in Emilia-Romagna")
    assert ev[("ferrari", "natural_disaster")].method == "place"


def test_place_is_weaker_than_direct_mention(tagger):
    direct = events(tagger, "Floods at Maranello works")[("ferrari", "natural_disaster")]
    place = events(tagger, "Floods in Emilia-Romagna")[("ferrari", "natural_disaster")]
    assert direct.method == "mention" and place.confidence < direct.confidence


def test_localised_city_names(tagger):
    # "Mailand" is Milan in German: 160 km from Maranello, outside the flood radius
    assert events(tagger, "Hochwasser in Mailand", "", "de") == {}
    # "Anvers" (Antwerp in French) is an alias here, so the port is a direct mention
    assert events(tagger, "Inondations à Anvers", "", "fr")[("port-antwerp", "natural_disaster")].method == "mention"


def test_radius_per_type(tagger):
    # flood in Hamburg city: the port (3 km) yes; fire "in Hamburg" tags no site by place
    assert ("port-hamburg", "natural_disaster") in events(tagger, "Severe flooding in Hamburg")
    assert events(tagger, "A fire in Altona") == {}


def test_nodes_outside_radius_are_not_tagged(tagger):
    ev = events(tagger, "Earthquake in Ibaraki")
    assert all(target != "port-hamburg" for target, _ in ev)


@pytest.mark.parametrize(
    "title",
    [
        "Storm clouds in Nice weather",  # common word city, and a cancel
        "floods in split decision",  # lower case: not a place
        "Police report floods",  # "Police" is a Polish town and a common word
        "The flood of Split",  # no locative cue, not touching the term
    ],
)
def test_precision_rules_for_place_names(tagger, title):
    assert [e for e in tagger.tag(title, "", "en") if e.method == "place"] == []


def test_place_only_locates_a_named_node(tagger):
    # Altona is a Hamburg borough, 3 km from the port: a strike there reaches the port ...
    assert events(tagger, "Strike in Altona")[("port-hamburg", "strike")].method == "place"
    # ... but when the sentence names the struck node, the place only locates it
    assert set(events(tagger, "Strike at Nexperia plant in Altona")) == {("nexperia", "strike")}
    ev = events(tagger, "Floods at Nexperia plant in Altona")
    assert set(ev) == {("nexperia", "natural_disaster")}


def test_shared_city_names_prefer_the_items_language():
    chain = ValueChain(
        {},
        {n.id: n for n in [
            node("fr-yard", "Naval yard", lat=48.39, lon=-4.49, country="FR"),
            node("by-rail", "Rail terminal", lat=52.10, lon=23.69, country="BY"),
        ]},
        [],
        version="b",
    )
    t = Tagger(chain, load_lexicon())
    assert {e.target for e in t.tag("Tempête à Brest", "", "fr")} == {"fr-yard"}
    # no language preference: the most populous Brest (Belarus)
    assert {e.target for e in t.tag("Storm in Brest", "", "en")} == {"by-rail"}


def test_country_mentions_stay_below_threshold():
    chain = ValueChain(
        {},
        {n.id: n for n in [node("cn-magnets", "Baotou magnets", lat=40.6, lon=110.0, country="CN")]},
        [],
        version="c",
    )
    t = Tagger(chain, load_lexicon())
    ev = {(e.target, e.type): e for e in t.tag("Lockdown in China", "", "en")}
    e = ev[("cn-magnets", "lockdown")]
    assert e.method == "place" and e.confidence < DEFAULT_MIN_CONFIDENCE
    # types without `country: true` never tag by country
    assert t.tag("Fire in China", "", "en") == []


def test_locator_grid_matches_brute_force():
    nodes = [node(f"n{i}", f"N{i}", lat=40 + i * 0.37 % 20, lon=-5 + (i * 0.91) % 40) for i in range(300)]
    chain = ValueChain({}, {n.id: n for n in nodes}, [], version="g")
    loc = NodeLocator(chain)
    got = {n for n, _ in loc.within(48.0, 11.0, 400)}
    want = {n.id for n in nodes if haversine_km(48.0, 11.0, n.location.lat, n.location.lon) <= 400}
    assert got == want and got


def test_weather_moving_over_a_region_is_located(tagger):
    # "över" / "über" are locative cues for weather crossing a region
    ev = events(tagger, "Ett kraftigt oväder drar in över Emilia-Romagna", lang="sv")
    assert ev[("ferrari", "natural_disaster")].method == "place"
    ev = events(tagger, "Unwetter zieht über Emilia-Romagna", lang="de")
    assert ("ferrari", "natural_disaster") in ev


def test_polish_feminine_place_name_with_alternation():
    from graphs.places import default_places
    from graphs.gazetteer import fold

    index = default_places()
    text = "Powódź w Wielkopolsce zalała drogi."
    hits = index.find(fold(text), "pl")
    assert [text[h.ostart : h.oend] for h in hits] == ["Wielkopolsce"]
