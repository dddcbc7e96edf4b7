"""Gazetteer: folding, offsets, boundaries, inflections, compounds, longest match."""

from __future__ import annotations

import pytest

from graphs.gazetteer import Gazetteer, fold, fold_phrase
from helpers_tagging import node, small_chain
from graphs.model import ValueChain


def chain_of(*nodes) -> ValueChain:
    return ValueChain(ecosystems={}, nodes={n.id: n for n in nodes}, edges=[], version="t")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    # (exonyms=False: these tests are about the rules for the names as written, "Suez" + "kanal")
    return Gazetteer(small_chain(), compound_heads=["kanal", "hafen", "chips", "blockade"], exonyms=False)


def mentions(gaz: Gazetteer, text: str, lang: str | None = "en") -> list[tuple[str, str]]:
    return [(nid, text[s:e]) for nid, s, e in gaz.mentions(text, lang)]


# -- folding and offsets ---------------------------------------------------------


def test_fold_maps_case_accents_and_punctuation():
    assert fold("Malmö, GDAŃSK & Łódź!").norm == "malmo  gdansk   lodz "
    assert fold_phrase("Port of Antwerp-Bruges") == "port of antwerp bruges"


def test_fold_index_map_survives_length_changes():
    text = "Die Großstraße in İstanbul"
    f = fold(text)
    assert f.norm == "die grossstrasse in istanbul"
    s = f.norm.index("grossstrasse")
    assert f.span(s, s + len("grossstrasse")) == (4, 14)
    s = f.norm.index("istanbul")
    assert text[slice(*f.span(s, s + 8))] == "İstanbul"


def test_combining_accents_stay_inside_the_span():
    text = "Zu Malmo\u0308 heute"  # o + combining diaeresis
    f = fold(text)
    s = f.norm.index("malmo")
    start, end = f.span(s, s + 5)
    assert text[start:end] == "Malmo\u0308"


def test_offsets_after_sharp_s_point_into_original(gaz):
    text = "STRASSE, Straße: Feuer in der Großstraße bei Großstraße"
    found = [(nid, s, e) for nid, s, e in gaz.mentions(text, "de")]
    spans = {text[s:e] for nid, s, e in found if nid == "strasse"}
    assert spans == {"Großstraße"}
    # both mentions, offsets in the original string
    first = text.index("Großstraße")
    assert [s for nid, s, _ in found if nid == "strasse"] == [first, text.index("Großstraße", first + 1)]


def test_dotted_capital_i_and_mixed_scripts(gaz):
    text = "Streik im Hafen von ISTANBUL und İstanbul"
    got = mentions(gaz, text, "de")
    assert ("istanbul", "ISTANBUL") in got and ("istanbul", "İstanbul") in got


# -- boundaries --------------------------------------------------------------------


def test_port_does_not_match_portugal(gaz):
    assert mentions(gaz, "Exports from Portugal rose") == []
    assert mentions(gaz, "Port workers walked out") == [("porto", "Port")]


def test_word_inside_another_word_is_not_a_mention(gaz):
    assert mentions(gaz, "The Suezmax tanker market") == []
    assert mentions(gaz, "Nexperiaville") == []
    assert mentions(gaz, "ASMLX shares") == []


def test_longest_match_wins(gaz):
    got = mentions(gaz, "Strike at the Port of Antwerp-Bruges today")
    assert got == [("port-antwerp", "Port of Antwerp-Bruges")]
    got = mentions(gaz, "Chemicals in Antwerp and the port of Antwerp")
    assert ("antwerp-chem", "Antwerp") in got and ("port-antwerp", "port of Antwerp") in got


def test_overlapping_aliases_resolve_to_one_mention():
    g = Gazetteer(chain_of(node("a", "Suez"), node("b", "Suez Canal"), node("c", "Canal Zone")))
    assert [(n, "Suez Canal Zone"[s:e]) for n, s, e in g.mentions("Suez Canal Zone")] == [("b", "Suez Canal")]


def test_suffix_at_end_of_text_and_in_punctuation(gaz):
    assert mentions(gaz, "(Rotterdam)") == [("port-rotterdam", "Rotterdam")]
    assert mentions(gaz, "Rotterdam") == [("port-rotterdam", "Rotterdam")]


# -- inflections, possessives, compounds -------------------------------------------


def test_possessives_and_genitives(gaz):
    assert mentions(gaz, "Rotterdam's terminals") == [("port-rotterdam", "Rotterdam")]
    assert mentions(gaz, "Rotterdam’s terminals") == [("port-rotterdam", "Rotterdam")]
    assert mentions(gaz, "Rotterdams haven ligt stil", "nl") == [("port-rotterdam", "Rotterdam")]
    assert mentions(gaz, "Hamburgs Hafen", "de") == [("port-hamburg", "Hamburg")]


def test_language_specific_suffixes(gaz):
    assert mentions(gaz, "Strajk w Gdańsku", "pl") == [("gdansk", "Gdańsk")]
    # Polish locative ending is not an English inflection
    assert mentions(gaz, "Gdańsku", "en") == []


def test_hyphen_and_compound_continuations(gaz):
    assert mentions(gaz, "Nexperia-Chips fehlen", "de") == [("nexperia", "Nexperia")]
    assert mentions(gaz, "Der Suezkanal ist blockiert", "de") == [("suez", "Suez")]
    assert mentions(gaz, "Suezblockade dauert an", "de") == [("suez", "Suez")]
    # a compound only with a known head, and only in compounding languages
    assert mentions(gaz, "Suezkanal", "fr") == []
    assert mentions(gaz, "Suezfoo", "de") == []


def test_umlaut_transliteration_and_accent_insensitivity(gaz):
    assert mentions(gaz, "Fabrik in Muenchen", "de") == [("muenchen", "Muenchen")]
    assert mentions(gaz, "Fabrik in Munchen", "de") == [("muenchen", "Munchen")]
    assert mentions(gaz, "Port of Gdansk", "en") == [("gdansk", "Port of Gdansk")]


def test_case_rules(gaz):
    assert mentions(gaz, "continental Europe") == []
    assert mentions(gaz, "Continental cuts jobs") == [("continental", "Continental")]
    assert mentions(gaz, "asml said") == []  # acronyms must be upper case
    assert mentions(gaz, "ASML said") == [("asml", "ASML")]


def test_two_part_alias_matches_split_mentions():
    g = Gazetteer(chain_of(node("soc", "Stellantis Sochaux", "usine de Sochaux"), node("stl", "Stellantis")))
    text = "Incendie à l'usine Stellantis de Sochaux"
    assert [(n, text[s:e]) for n, s, e in g.mentions(text, "fr")] == [("soc", "Stellantis de Sochaux")]
    text = "Stellantis said. Sochaux is calm"
    assert sorted(n for n, _, _ in g.mentions(text, "en")) == ["stl"]


def test_100k_aliases_build_and_match():
    nodes = [node(f"n{i}", f"Firm{i:06d} Holding", f"Alias{i:06d}") for i in range(50_000)]
    g = Gazetteer(chain_of(*nodes))
    assert g.alias_count >= 100_000
    text = "Fire at Alias049999 and Firm000001 Holding, not Alias0499990."
    assert [n for n, _, _ in g.mentions(text)] == ["n49999", "n1"]


def test_unspaced_scripts_match_inside_text():
    g = Gazetteer(chain_of(node("tsmc", "TSMC", "台积电")))
    text = "南部台积电工厂停电"
    assert [(n, text[s:e]) for n, s, e in g.mentions(text, None)] == [("tsmc", "台积电")]


# -- Chinese, Japanese, Korean ------------------------------------------------------


def test_cjk_fold_puts_a_boundary_around_han_kana_and_hangul():
    assert fold("工場で火災が発生").norm == "工 場 で 火 災 が 発 生"
    # a katakana run is one word; Latin and digits are words of their own
    assert fold("トヨタ自動車の2工場").norm == "トヨタ 自 動 車 の 2 工 場"
    assert fold("新型コロナウイルス").norm == "新 型 コロナウイルス"
    assert fold("부산항에서 파업").norm == "부 산 항 에 서 파 업"
    # full-width Latin folds to ASCII; voicing marks and Hangul syllables stay whole
    assert fold("ＴＳＭＣは台積電").norm == "tsmc は 台 積 電"
    assert fold("ガス").norm == "ガス" and fold("가스").norm == "가 스"
    assert fold_phrase("ホルムズ海峡") == "ホルムズ 海 峡"


@pytest.mark.parametrize(
    "text",
    [
        "工場で火災が発生、ＴＳＭＣの2工場も停止",
        "トヨタ自動車・名古屋港 (Nagoya) で障害",
        "부산항에서 화물연대 파업…삼성SDI는 정상",
        "Große Störung: 台积电 Malmo\u0308 停电",  # expanding, combining and CJK characters together
        "ﾄﾖﾀ ｶﾞｽ 爆発",  # half-width katakana (NFKC) with a voicing mark
    ],
)
def test_cjk_fold_offsets_map_every_word_back_to_the_original(text):
    import re

    f = fold(text)
    assert f.starts is not None and len(f.starts) == len(f.norm)
    for m in re.finditer(r"[^ ]+", f.norm):
        start, end = f.span(m.start(), m.end())
        # each folded word comes from exactly the original characters that fold to it
        assert fold_phrase(text[start:end]) == m.group(), (m.group(), text[start:end])


def test_cjk_names_match_inside_unspaced_text_with_original_offsets():
    g = Gazetteer(chain_of(
        node("tsmc", "TSMC", "台积电"), node("toyota", "Toyota", "トヨタ"),
        node("busan", "Port of Busan", "부산항"), node("hormuz", "Strait of Hormuz", "ホルムズ海峡"),
    ))
    text = "南部台积电工厂停电、トヨタ自動車はホルムズ海峡の封鎖で"
    # (the name table adds the firm's full name, トヨタ自動車, and the longest name wins)
    assert [(n, text[s:e]) for n, s, e in g.mentions(text, "ja")] == [
        ("tsmc", "台积电"), ("toyota", "トヨタ自動車"), ("hormuz", "ホルムズ海峡")]
    # a katakana name is not part of a longer katakana word
    assert g.mentions("トヨタカローラ店で", "ja") == []
    # Korean: particles may follow a name, other syllables may not stand around it
    text = "부산항에서 파업, 부산항의 물류"
    assert [text[s:e] for _, s, e in g.mentions(text, "ko")] == ["부산항", "부산항"]
    assert g.mentions("신부산항만공사", "ko") == []
    # full-width Latin: the evidence is the original full-width spelling
    text = "ＴＳＭＣ南科廠停電"
    assert [(n, text[s:e]) for n, s, e in g.mentions(text, "zh")] == [("tsmc", "ＴＳＭＣ")]


def test_latin_text_keeps_its_fast_fold_paths():
    from graphs._fold import _fold_paged

    assert fold("Fire at the Port of Antwerp").starts is None
    assert _fold_paged("Pożar w Gdańsku") is not None
    assert fold("Pożar w Gdańsku").starts is None


def test_polish_case_endings_replace_the_final_vowel():
    g = Gazetteer(chain_of(node("ty", "Stellantis Tychy"), node("ny", "Nysa"), node("gd", "Gdynia")))
    text = "Strajk w fabryce Stellantis w Tychach"
    assert [(n, text[s:e]) for n, s, e in g.mentions(text, "pl")] == [("ty", "Stellantis w Tychach")]
    assert [n for n, _, _ in g.mentions("Powódź w Nysie i w Gdyni", "pl")] == ["ny", "gd"]
    # only in Polish (or unknown language), and never without an ending
    assert g.mentions("Nysie", "de") == [] and g.mentions("Nys", "pl") == []


def test_polish_case_forms_of_multiword_names():
    g = Gazetteer(chain_of(node("az", "Grupa Azoty", "Zakłady Azotowe Puławy"), node("mg", "Magnets", "chińskie magnesy")))
    text = "Pożar w Zakładach Azotowych Puławy"
    assert [(n, text[s:e]) for n, s, e in g.mentions(text, "pl")] == [("az", "Zakładach Azotowych Puławy")]
    assert [n for n, _, _ in g.mentions("Brakuje chińskich magnesów", "pl")] == ["mg"]
    assert g.mentions("Brakuje chińskich magnesów", "de") == []


# -- generalising inflection rules (Polish alternations, Swedish definite forms) --------------


@pytest.fixture(scope="module")
def inflected() -> Gazetteer:
    return Gazetteer(
        chain_of(
            node("bosfor", "Bosphorus strait", "Bosfor"),
            node("odra", "Oder waterway", "Odra"),
            node("swinoujscie", "Port Świnoujście"),
            node("graphite-mz", "Mozambican graphite", "grafit z Mozambiku"),
            node("oresund", "Öresund bridge", "Öresundsbro"),
        )
    )


@pytest.mark.parametrize(
    "text, nid, mention",
    [
        ("Dwa statki utknęły na Bosforze od rana.", "bosfor", "Bosforze"),  # r -> rze
        ("Niski stan wody na Odrze wstrzymał barki.", "odra", "Odrze"),  # ra -> rze
        ("Dźwigi w Porcie Świnoujście stoją.", "swinoujscie", "Porcie Świnoujście"),  # t -> cie, first word
        ("Huty obawiają się braku grafitu z Mozambiku.", "graphite-mz", "grafitu z Mozambiku"),  # no Polish letters
    ],
)
def test_polish_case_forms_with_consonant_alternation(inflected, text, nid, mention):
    assert (nid, mention) in mentions(inflected, text, "pl")


def test_polish_alternations_stay_polish(inflected):
    # the same letters in an English text are not a Polish case form
    assert mentions(inflected, "Bosforze is a made-up word.", "en") == []


def test_swedish_definite_suffix_on_the_alias(inflected):
    assert mentions(inflected, "Öresundsbron stängdes i natt.", "sv") == [("oresund", "Öresundsbro")]
    assert mentions(inflected, "Öresundsbron stängdes i natt.", "en") == []


# -- fold(): byte-table fast path keeps the general path's output and offsets ----------------


@pytest.mark.parametrize(
    "text",
    [
        "Große Störung in Düsseldorf",  # Latin-1 with "ß" (expands)
        "Pożar w Gdańsku i Łodzi",  # ISO-8859-2
        "Caf\u00e9 \u00bd price, \u00aa \u00b2",  # Latin-1 signs that fold to several characters
        "Malmo\u0308 and İstanbul",  # combining mark, dotted I: general path
        "Ölpreis – 中文 – Ærø",  # no 8-bit page fits
    ],
)
def test_fold_fast_path_matches_the_general_path(text):
    from graphs._fold import _fold_general

    fast, slow = fold(text), _fold_general(text)
    assert fast.norm == slow.norm
    n = len(fast.norm)
    for i in range(n + 1):
        for j in range(i, n + 1):
            assert fast.span(i, j) == slow.span(i, j)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Große Störung in Düsseldorf", "latin-1"),
        ("L’usine à Fos-sur-Mer, 5 € – « fermée »", "cp1252"),  # curly quote, euro, dash, "à"
        ("„Pożar” w Gdańsku – Łódź", "cp1250"),  # Polish letters with typographic quotes
        ("Pożar w Gdańsku\u0085", "iso-8859-2"),  # a C1 control: not in cp1250
    ],
)
def test_fold_takes_the_code_page_that_fits(text, codec):
    """Each kind of European text folds through a byte table, not the per-character path."""
    from graphs._fold import _encode_paged, _fold_general, _fold_paged

    paged = _fold_paged(text)
    assert paged is not None
    assert paged.norm == _fold_general(text).norm
    beyond_latin1 = [c for c in text if ord(c) > 0xFF]
    if codec == "latin-1":
        assert not beyond_latin1
    else:
        encoded = _encode_paged(text, beyond_latin1[0])
        assert encoded is not None and encoded[1].codec == codec
        assert encoded[0] == text.encode(codec)


def test_fold_fast_path_matches_the_general_path_on_random_text():
    """Seeded random mixes of ASCII, Latin-1 and Latin-2 letters, expanding signs and marks."""
    import random

    from graphs._fold import _fold_general

    alphabet = "aZ09 -.'ßæÆœ½¾ŁłżŹąĘčřőöÖüÜéÈñÞþµ\u0308\u00a0İ’“”–—…€™\u0081"
    rng = random.Random(20261124)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        fast, slow = fold(text), _fold_general(text)
        assert fast.norm == slow.norm, text
        n = len(fast.norm)
        for i in range(n + 1):
            for j in range(i, n + 1):
                assert fast.span(i, j) == slow.span(i, j), (text, i, j)


# -- PhraseMatcher: modes and bookkeeping -------------------------------------------------


def _matcher(phrases, longest=False):
    from graphs.gazetteer import Entry, PhraseMatcher

    m = PhraseMatcher(longest=longest)
    for p in phrases:
        m.add(fold_phrase(p), Entry(kind="node", ref=p))
    return m.build()


def test_a_longest_matcher_reports_no_match_nested_in_another():
    text = fold("Port of Antwerp Bruges closed")
    every = {e.ref for h in _matcher(["Port of Antwerp Bruges", "Antwerp", "Bruges"]).find(text) for e in h.entries}
    longest = {e.ref for h in _matcher(["Port of Antwerp Bruges", "Antwerp", "Bruges"], longest=True).find(text)
               for e in h.entries}
    assert every == {"Port of Antwerp Bruges", "Antwerp", "Bruges"}
    assert longest == {"Port of Antwerp Bruges"}


def test_a_matcher_without_phrases_finds_nothing():
    assert _matcher([]).find(fold("Antwerp")) == []
    assert _matcher([], longest=True).find(fold("Antwerp")) == []
    assert _matcher([]).automaton_bytes() == 0


def test_automaton_size_grows_with_the_phrases():
    small = _matcher([f"Firm {i:04d}" for i in range(10)]).automaton_bytes()
    large = _matcher([f"Firm {i:04d}" for i in range(2000)]).automaton_bytes()
    assert 0 < small < large


def test_adding_after_build_is_an_error_not_a_silent_miss():
    m = _matcher(["Antwerp"])
    from graphs.gazetteer import Entry

    with pytest.raises(RuntimeError, match="after build"):
        m.add("bruges", Entry(kind="node", ref="bruges"))


@pytest.mark.parametrize("aliases", [("Germanium", "germanium"), ("germanium", "Germanium")])
def test_the_same_alias_with_and_without_capitals_finds_lower_case_whatever_the_order(aliases):
    # one alias needs a capital, the other does not; which was added first once decided
    # (by set order, so by the hash seed) whether "germanium exports" named the node
    ge = node("ge", "Chinese germanium", *aliases, kind="material")
    chain = ValueChain(ecosystems={}, nodes={"ge": ge}, edges=[], version="t")
    hits = Gazetteer(chain).find(fold("China's germanium exports rise"), "en")
    assert [(h.entries[0].ref, h.entries[0].needs_upper) for h in hits] == [("ge", False)]


# -- names after prepositions and acronyms written as names ---------------------------


def test_a_leading_article_contracts_with_a_preposition_in_that_language():
    g = Gazetteer(chain_of(node("le-havre", "Port of Le Havre", "Le Havre"), node("spezia", "La Spezia")))
    # real: "... les dockers et agents portuaires du Havre ne désarment pas" (Tendance Ouest, 2025-01-30; multi m0071)
    assert mentions(g, "les dockers et agents portuaires du Havre ne désarment pas", "fr") == [("le-havre", "du Havre")]
    assert mentions(g, "Grève au Havre", "fr") == [("le-havre", "au Havre")]
    assert mentions(g, "Sciopero al porto della Spezia", "it") == [("spezia", "della Spezia")]
    # only in its language, and never in lower case ("du havre" is no name)
    assert mentions(g, "Strike du Havre", "en") == []
    assert mentions(g, "un havre de paix", "fr") == []


def test_an_acronym_written_as_a_name_is_the_acronym_but_a_word_is_not():
    g = Gazetteer(chain_of(node("msc", "Mediterranean Shipping Company", "MSC"), node("man", "MAN Truck", "MAN")))
    # real: "Anche la Msc, dopo Hapag-Lloyd e Maersk, ha deciso di sospendere ..." (TrasportoEuropa, 2023-12-16; m0106)
    assert mentions(g, "Anche la Msc, dopo Hapag-Lloyd e Maersk", "it") == [("msc", "Msc")]
    assert mentions(g, "MAN cuts jobs", "en") == [("man", "MAN")]
    assert mentions(g, "Man joins VIP convoy", "en") == []
    assert mentions(g, "a msc degree", "en") == []


def test_irish_mutations_are_made_for_irish_nodes_only():
    g = Gazetteer(chain_of(
        node("dublin", "Dublin Port", "Calafort Bhaile Átha Cliath", country="IE"),
        node("cork", "Port of Cork", "Calafort Chorcaí", country="IE"),
        node("gdansk", "Port of Gdańsk", "Gdańsk", country="PL"),
    ))
    assert mentions(g, "Stailc i gCalafort Bhaile Átha Cliath", "ga") == [("dublin", "gCalafort Bhaile Átha Cliath")]
    assert mentions(g, "Long ó Chalafort Chorcaí", "ga") == [("cork", "Chalafort Chorcaí")]
    # every name of the graph mutated would double the automaton: a Polish port keeps its one spelling
    assert mentions(g, "Stailc i nGdańsk", "ga") == []
