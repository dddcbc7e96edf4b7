"""Lexicon: default coverage, term syntax, override/extension, validation errors."""

from __future__ import annotations

import re

from pathlib import Path

import pytest

from graphs.gazetteer import fold
from graphs.lexicon import REQUIRED_LANGUAGES, load_lexicon, parse_phrase
from graphs.types import DISRUPTION_TYPES
from graphs.yamlsrc import ConfigError

REPO = Path(__file__).resolve().parents[1]


def found(lexicon, text: str, lang: str | None) -> list[tuple[str, str, str]]:
    """(kind, ref, matched text) of lexicon phrases in ``text``."""
    f = fold(text)
    return [(e.kind, e.ref, text[h.ostart : h.oend]) for h in lexicon.matcher.find(f, lang) for e in h.entries]


def test_default_covers_every_type_in_eight_languages():
    lx = load_lexicon()
    expected = set(DISRUPTION_TYPES) - {"trade_drop"}
    assert set(lx.types) == expected
    for t in lx.types.values():
        for lang in REQUIRED_LANGUAGES:
            assert t.terms.get(lang) or t.terms.get("any"), (t.name, lang)
        assert t.ttl_s > 0 and t.radius_km >= 0


def test_term_syntax_expansion():
    assert {p.key for p in parse_phrase("fire(s)")} == {"fire", "fires"}
    assert {p.key for p in parse_phrase("strike(s|d|)")} == {"strikes", "striked", "strike"}
    p = parse_phrase("streik*")[0]
    assert (p.key, p.start_bound, p.end_mode) == ("streik", True, "prefix")
    p = parse_phrase("*brand")[0]
    assert (p.key, p.start_bound, p.end_mode) == ("brand", False, "word")
    p = parse_phrase("zakończeni* strajku")[0]
    assert p.key == "zakonczeni" and p.tail is not None
    with pytest.raises(ValueError):
        parse_phrase("str*ike")
    with pytest.raises(ValueError):
        parse_phrase("fire((s)")


def test_stems_compounds_and_language_scoping():
    lx = load_lexicon()
    assert ("term", "strike", "Warnstreiks") in found(lx, "Warnstreiks im Hafen", "de")
    assert ("term", "fire", "Großbrand") in found(lx, "Großbrand im Werk", "de")
    assert [k for k in found(lx, "Brandenburg", "de") if k[0] == "term"] == []
    # Dutch/Swedish "brand" is a fire; the English word is not
    assert ("term", "fire", "brand") in found(lx, "brand in de fabriek", "nl")
    assert [k for k in found(lx, "a brand new plant", "en") if k[0] == "term"] == []
    # inner stars: Polish inflection of both words
    assert ("recovery", "strike", "zakończenie strajku") in found(lx, "zakończenie strajku w porcie", "pl")


def test_default_has_cancel_and_recovery_phrases():
    lx = load_lexicon()
    kinds = found(lx, "The strike price and a fire drill", "en")
    assert ("cancel", "strike", "strike price") in kinds
    assert ("cancel", "fire", "fire drill") in kinds
    assert ("cancel", "conflict", "Waffenstillstand") in found(lx, "Waffenstillstand vereinbart", "de")
    assert ("cancel", "fire", "cessez-le-feu") in found(lx, "un cessez-le-feu", "fr")
    assert ("recovery", "*", "returns to full production") in found(lx, "Plant returns to full production", "en")
    assert ("recovery", "*", "wieder geöffnet") in found(lx, "Hafen wieder geöffnet", "de")
    assert ("recovery", "*", "reprise de la production") in found(lx, "reprise de la production", "fr")
    assert ("recovery", "strike", "strike ends") in found(lx, "The strike ends", "en")


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "lexicon.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_override_appends_terms_and_replaces_scalars(tmp_path):
    p = write(
        tmp_path,
        "types:\n"
        "  strike:\n"
        "    radius_km: 5\n"
        "    terms:\n"
        "      en: [wildcat walkout]\n"
        "    cancel:\n"
        "      en: [strike a pose]\n"
        "cancel:\n"
        "  en: [tabletop exercise]\n",
    )
    lx = load_lexicon(p)
    strike = lx.types["strike"]
    assert strike.radius_km == 5
    assert "wildcat walkout" in strike.terms["en"] and "strike(s)" in strike.terms["en"]
    assert "grève(s)" in strike.terms["fr"]  # untouched languages stay
    assert "tabletop exercise" in lx.cancel["en"] and "drill" in lx.cancel["en"]
    assert ("term", "strike", "wildcat walkout") in found(lx, "a wildcat walkout", "en")
    assert lx.files[-1] == str(p)


def test_replace_and_disable(tmp_path):
    p = write(
        tmp_path,
        "disable: [lockdown]\n"
        "types:\n"
        "  fire:\n"
        "    replace: true\n"
        "    radius_km: 1\n"
        "    terms:\n"
        "      en: [conflagration]\n",
    )
    lx = load_lexicon(p)
    assert "lockdown" not in lx.types and lx.disabled == ("lockdown",)
    assert lx.types["fire"].terms == {"en": ("conflagration",)}
    assert lx.types["fire"].ttl_s == 3 * 86400  # replace starts from the defaults
    assert [k for k in found(lx, "a big fire", "en") if k[1] == "fire" and k[0] == "term"] == []


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("types:\n  fier:\n    terms: {en: [x]}\n", 2, 'unknown disruption type \'fier\' (did you mean "fire"?)'),
        ("types:\n  fire:\n    termz: {en: [x]}\n", 3, 'unknown key \'termz\' in types.fire (did you mean "terms"?)'),
        ("types:\n  fire:\n    terms:\n      english: [x]\n", 4, "unknown language 'english'"),
        ("types:\n  fire:\n    terms:\n      en:\n        - ok\n        - bad*term\n", 6, "'*' may only end a word"),
        ("types:\n  fire:\n    ttl: soon\n", 3, "types.fire.ttl"),
        ("types:\n  fire:\n    radius_km: -3\n", 3, "radius_km must be a number >= 0"),
        ("disable: [firre]\n", 1, 'cannot disable unknown type \'firre\' (did you mean "fire"?)'),
        ("typez: {}\n", 1, "unknown key 'typez' in lexicon"),
        ("types:\n  fire:\n    replace: true\n", 2, "types.fire has no terms"),
        ("types: [\n", 1, "YAML syntax error: '[' opened here"),
    ],
)
def test_validation_errors_name_file_and_line(tmp_path, text, line, needle):
    p = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_lexicon(p)
    first = str(info.value.problems[0])
    assert first.startswith(f"{p}:{line}: "), first
    assert needle in first, first


def test_shipped_example_config_loads():
    lx = load_lexicon(REPO / "config" / "lexicon.yaml")
    assert "prikactie(s)" in lx.types["strike"].terms["nl"]
    assert ("term", "strike", "prikacties") in found(lx, "prikacties in de haven", "nl")


def test_version_changes_with_the_override(tmp_path):
    base = load_lexicon()
    a = load_lexicon(write(tmp_path, "types:\n  fire:\n    terms: {en: [conflagration]}\n"))
    assert base.version and a.version and a.version != base.version
    assert load_lexicon(tmp_path / "lexicon.yaml").version == a.version


def test_ended_by_phrases_load_and_merge(tmp_path):
    base = load_lexicon()
    assert "fin du" in base.ended_by["fr"] and base.ended_by["pl"]
    lex = load_lexicon(write(tmp_path, "ended_by:\n  en: [wrap up of the]\n"))
    assert "wrap up of the" in lex.ended_by["en"] and "end of the" in lex.ended_by["en"]
    kinds = {e.kind for h in lex.matcher.find(fold("the wrap up of the strike"), "en") for e in h.entries}
    assert "ended" in kinds


def test_language_files_merge_into_the_default_and_may_not_disable(tmp_path, monkeypatch):
    import graphs.lexicon as lexicon_mod

    (tmp_path / "pt.yaml").write_text("types:\n  strike:\n    terms:\n      pt: [greve(s)]\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_mod, "LANGUAGE_DIR", tmp_path)
    monkeypatch.setattr(lexicon_mod, "_DEFAULT", None)
    lx = lexicon_mod.default_lexicon()
    assert ("term", "strike", "greve") in found(lx, "greve no porto de Sines", "pt")
    assert "graphs/data/lexicon.d/pt.yaml" in lx.files

    (tmp_path / "zz.yaml").write_text("disable: [strike]\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_mod, "_DEFAULT", None)
    with pytest.raises(ConfigError) as err:
        lexicon_mod.default_lexicon()
    assert "graphs/data/lexicon.d/zz.yaml:1" in str(err.value)


def test_a_gap_of_optional_words_is_n_plus_one_choices_not_two_to_the_n():
    """'(* )' repeated is 0..n words: the same keys as writing each count out, and as cheap
    (a pt line with seven of them, times its verbs and objects, took seconds at every start)."""
    import time

    from graphs.lexicon import parse_phrase

    gap = "<para|pára> (* )(* )(* )(* )(* )(* )(* )(* )(* )(* )(o |a )<porto|tráfego>"
    spelled = []
    for k in range(11):
        spelled += parse_phrase("<para|pára> " + "* " * k + "(o |a )<porto|tráfego>")
    started = time.process_time()
    got = parse_phrase(gap)
    assert time.process_time() - started < 0.05
    assert len(got) <= 4  # a key per verb form and one regex for the rest, not a pair per combination

    def matches(phrases: list, text: str) -> bool:  # the automaton's check, at the start of a folded text
        return any(
            text.startswith(p.key)
            and (re.match(p.tail, text[len(p.key):]) is not None if p.tail else text[len(p.key):][:1] in ("", " "))
            for p in phrases
        )

    for text in ("para o porto", "para o trafego", "para porto", "para x y z o porto", "para a b c d e f g h i j o porto",
                 "para a b c d e f g h i j k o porto", "para  o  porto", "para o portos", "pare o porto", "para o"):
        assert matches(got, text) == matches(spelled, text), text
    # a run of one optional word and one of alternatives stay what they were
    assert {p.key for p in parse_phrase("a (b )(b )c")} == {"a c", "a b c", "a b b c"}
    assert {p.key for p in parse_phrase("(e|en)streik")} == {"streik", "estreik", "enstreik"}
