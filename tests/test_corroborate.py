"""Corroboration: independent sources raise confidence, syndication counts once."""

from __future__ import annotations

from graphs.corroborate import Report, combine, corroborate, story_key

HOUR = 3600.0


def rep(source: str, story: str, t: float, conf: float = 0.6, target="port-hamburg", dtype="strike", recovery=False):
    return Report(target, dtype, conf, source, story, t, recovery)


def test_story_key_ignores_case_punctuation_and_source_suffix():
    a = story_key("Strike halts Port of Hamburg - Reuters", "Dockers walked out.")
    b = story_key("STRIKE halts port of Hamburg | Hamburger Abendblatt", "Different body text")
    c = story_key("UPDATE 2: Strike halts Port of Hamburg", "")
    assert a == b == c
    assert story_key("Strike halts Port of Hamburg", "") != story_key("Strike halts Port of Antwerp", "")


def test_story_key_uses_text_for_short_titles():
    assert story_key("Breaking", "Fire at Nexperia Hamburg plant") != story_key("Breaking", "Strike in Antwerp")
    assert story_key("Breaking", "Fire at Nexperia Hamburg plant") == story_key("breaking!", "Fire at Nexperia Hamburg plant.")


def test_two_independent_sources_raise_confidence():
    out = corroborate([rep("a", "s1", 0), rep("b", "s2", HOUR)], window=6 * HOUR)
    assert out[0].confidence == 0.6 and out[0].sources == 1
    assert out[1].sources == 2 and out[1].confidence == round(1 - 0.4 * 0.4, 3)


def test_syndicated_story_counts_once():
    reports = [rep("a", "wire", 0), rep("b", "wire", 60), rep("c", "wire", 120)]
    out = corroborate(reports, window=6 * HOUR)
    assert [o.confidence for o in out] == [0.6, 0.6, 0.6]
    assert out[-1].stories == 1 and out[-1].sources == 1


def test_one_source_repeating_itself_does_not_corroborate():
    out = corroborate([rep("a", "s1", 0, 0.6), rep("a", "s2", 60, 0.7)], window=HOUR)
    assert out[-1].confidence == 0.7 and out[-1].sources == 1


def test_window_excludes_old_reports_and_types_are_separate():
    out = corroborate([rep("a", "s1", 0), rep("b", "s2", 10 * HOUR)], window=6 * HOUR)
    assert out[1].confidence == 0.6
    out = corroborate([rep("a", "s1", 0), rep("b", "s2", 60, dtype="fire")], window=HOUR)
    assert out[1].confidence == 0.6
    out = corroborate([rep("a", "s1", 0), rep("b", "s2", 60, recovery=True)], window=HOUR)
    assert out[1].confidence == 0.6


def test_combine_caps_and_counts():
    conf, sources, stories = combine([rep(str(i), f"s{i}", i, 0.9) for i in range(6)])
    assert conf == 0.99 and sources == 6 and stories == 6
    assert combine([]) == (0.0, 0, 0)
