"""The text model beside the rules (graphs/_textmodel.py, graphs/train_model.py): it reads
what scikit-learn learnt exactly as scikit-learn would, it is asked only where the rules are
silent, and every event it raises says why."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from helpers_tagging import small_chain

from graphs._textmodel import MODEL_FILE, TextModel, default_model, model_text, ngrams
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, MODEL_MAX_CONFIDENCE, Tagger
from graphs.train_model import Example, choose_threshold, fit, sklearn_fit

sklearn = pytest.importorskip("sklearn")  # in the test extra: CI always has it

DOCS = [
    "Port of Rotterdam paralysed by a strike",
    "Hafen Hamburg: Streik legt Terminals lahm",
    "東京港でストライキ、コンテナ搬出が停止",
    "Huelga en el puerto de Valencia paraliza la carga",
    "a b  c\td",  # short words and mixed white space
    "Greve no porto de Santos",
    "Rotterdam reports record throughput",
    "Hamburg port traffic rises 5% in March",
    "Valencia wins 2-0",
    "東京港の取扱量が過去最高に",
]


def test_ngrams_are_scikit_learns_char_wb() -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    analyzer = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=False).build_analyzer()
    for doc in DOCS:
        text = model_text(doc, "")
        assert ngrams(text) == analyzer(text), doc


def examples() -> list[Example]:
    out = []
    for i, doc in enumerate(DOCS * 3):
        positive = (i % len(DOCS)) < 6
        out.append(Example(f"x:{i}", model_text(doc, ""), "n", positive, "strike" if i % 2 else "blockage", True))
    return out


def test_run_time_probabilities_and_types_equal_scikit_learns() -> None:
    data = examples()
    vec, clf, typ = sklearn_fit(data)
    model = fit(data)
    X = vec.transform([e.doc for e in data])
    for e, p, t in zip(data, clf.predict_proba(X)[:, 1], typ.predict(X), strict=True):
        judged = model.judge(e.doc)
        assert judged.probability == pytest.approx(p, abs=1e-9)
        assert judged.type == t


def test_a_saved_model_reads_back_the_same(tmp_path: Path) -> None:
    model = fit(examples())
    model.threshold = 0.6
    model.trained_on = ("a-tune.jsonl",)
    path = tmp_path / "m.json.gz"
    model.save(path)
    back = TextModel.load(path)
    assert back.threshold == 0.6 and back.trained_on == ("a-tune.jsonl",)
    for doc in DOCS:
        text = model_text(doc, "")
        assert back.probability(text) == pytest.approx(model.probability(text), abs=1e-5)
    model.save(tmp_path / "again.json.gz")
    assert (tmp_path / "again.json.gz").read_bytes() == path.read_bytes()  # no time stamp in the file


def test_a_model_file_of_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump({"format": 99}, f)
    with pytest.raises(ValueError, match="not a text model"):
        TextModel.load(path)


def test_the_threshold_is_the_lowest_with_the_precision_asked() -> None:
    data = examples()
    t, precision, recall = choose_threshold(data, folds=3)
    assert 0.5 <= t <= 1.0
    assert t == 1.0 or precision >= 0.93


def test_the_packaged_model_learnt_from_tune_halves_only() -> None:
    model = default_model()
    assert model is not None and MODEL_FILE.is_file()
    assert model.trained_on and all("holdout" not in f and "tune" in f for f in model.trained_on)
    assert 0.5 <= model.threshold < 1.0 and model.items > 500
    assert {"strike", "blockage", "outage"} <= set(model.classes)


def test_an_operator_can_switch_the_model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    chain = small_chain()
    monkeypatch.setenv("MONITOR_TEXTMODEL", "off")
    assert default_model() is None and Tagger(chain, places=False).model() is None
    monkeypatch.delenv("MONITOR_TEXTMODEL")
    assert Tagger(chain, places=False).model() is default_model() is not None


def test_training_refuses_a_held_out_file(tmp_path: Path) -> None:
    from graphs.train_model import examples as read_examples

    f = tmp_path / "x-holdout.jsonl"
    f.write_text("", encoding="utf-8")
    with pytest.raises(SystemExit, match="never trained on"):
        read_examples([(tmp_path, f)])


# -- the tagger asks it only where the rules are silent ----------------------------------------


def word_model(word: str, threshold: float = 0.5) -> TextModel:
    """A model that knows one word: an item holding it reports a disruption (p ≈ 0.97)."""
    grams = sorted(set(ngrams(f" {word} ")))
    return TextModel(
        grams, [1.0] * len(grams), [1.0] * len(grams), -2.0, ["blockage", "strike"],
        [[0.0] * len(grams), [0.0] * len(grams)], [0.0, 0.0], threshold, ("t-tune.jsonl",), 1,
    )


@pytest.fixture(scope="module")
def taggers() -> tuple[Tagger, Tagger]:
    chain = small_chain()
    return Tagger(chain, places=False, model=word_model("paralysed")), Tagger(chain, places=False, model=False)


def test_the_model_raises_what_the_rules_miss_and_says_why(taggers: tuple[Tagger, Tagger]) -> None:
    with_model, rules = taggers
    title, text = "Port of Rotterdam paralysed", "Dockers elsewhere in Europe are on strike."
    assert rules.tag(title, text, "en") == []
    (event,) = with_model.tag(title, text, "en")
    # the type: of the item's terms ("strike"), though the sentence holding it is not the node's
    assert (event.target, event.type, event.method) == ("port-rotterdam", "strike", "model")
    assert DEFAULT_MIN_CONFIDENCE <= event.confidence <= MODEL_MAX_CONFIDENCE
    assert [s.role for s in event.evidence] == ["node", "model"]
    why = event.evidence[-1].text
    assert why.startswith("text model 0.9") and "(threshold 0.50)" in why and "'paralysed'" in why


def test_the_model_reads_only_what_the_item_says_of_the_node(taggers: tuple[Tagger, Tagger]) -> None:
    with_model, _ = taggers
    title = "Port of Rotterdam opens a new terminal"
    assert with_model.tag(title, "Elsewhere, a strike paralysed the ports of Greece.", "en") == []
    [question] = with_model.model_questions(title, "Elsewhere, a strike paralysed the ports of Greece.", "en")
    assert question.node == "port-rotterdam" and question.doc == "port of rotterdam opens a new terminal"


def test_an_item_without_any_disruption_term_is_not_read_by_the_model(taggers: tuple[Tagger, Tagger]) -> None:
    with_model, _ = taggers  # most news: the tagger stops before looking further, the model too
    assert with_model.tag("Port of Rotterdam paralysed", "Record volumes this year.", "en") == []


def test_the_model_leaves_a_node_the_rules_raised_alone(taggers: tuple[Tagger, Tagger]) -> None:
    with_model, rules = taggers
    title = "Strike at the Port of Rotterdam: terminals paralysed"
    assert [(e.target, e.method) for e in with_model.tag(title, "", "en")] == [
        (e.target, e.method) for e in rules.tag(title, "", "en")
    ]
    assert all(e.method != "model" for e in with_model.tag(title, "", "en"))


def test_the_model_is_asked_about_title_nodes_only_when_several_are_named(taggers: tuple[Tagger, Tagger]) -> None:
    with_model, _ = taggers
    events = with_model.tag(
        "Work stops at terminals paralysed", "The Port of Rotterdam and the Port of Hamburg saw a strike elsewhere.", "en"
    )
    assert all(e.method != "model" for e in events)


def test_below_its_threshold_the_model_stays_silent() -> None:
    strict = Tagger(small_chain(), places=False, model=word_model("paralysed", threshold=0.99))
    assert strict.tag("Port of Rotterdam paralysed", "Dockers elsewhere in Europe are on strike.", "en") == []


def test_the_rules_alone_when_the_model_is_off(taggers: tuple[Tagger, Tagger]) -> None:
    _, rules = taggers
    assert rules.model() is None


# -- what a reader sees ------------------------------------------------------------------------


def test_terminal_and_mail_say_when_the_model_read_the_disruption_and_why() -> None:
    import email
    import email.policy
    from datetime import UTC, datetime

    from rich.console import Console

    from monitor.alerts.model import AlertSnapshot
    from monitor.notify.email import build_message
    from monitor.notify.render import NoticeItem, OutgoingGroup
    from monitor.notify.terminal import render_alert

    t = datetime(2026, 12, 7, 12, tzinfo=UTC)
    why = "text model 0.91 (threshold 0.50): 'paralysed', '<b>dockers</b>'"
    spans = [{"role": "node", "text": "Port of Rotterdam"}, {"role": "model", "text": why + "\x1b[31m"}]
    evidence = {"headline": "Port of Rotterdam paralysed", "source": "Wire", "time": t.isoformat(), "spans": spans}
    rules = {**evidence, "spans": spans[:1]}

    def alert(ev: dict) -> AlertSnapshot:
        return AlertSnapshot(
            id=1, fingerprint="fp1", target="port-rotterdam", type="strike", state="firing", severity="high",
            confidence=0.7, score=0.5, title="Strike at Port of Rotterdam", sources=("Wire",),
            impact={"target": {"name": "Port of Rotterdam"}}, first_seen=t, last_seen=t, evidence=(ev,),
            types=("strike",), published_at=t,
        )

    console = Console(width=160, record=True)
    console.print(render_alert(alert(evidence), now=t))
    out = console.export_text()
    assert f"Model: {why}" in out and "\x1b" not in out
    console = Console(width=160, record=True)
    console.print(render_alert(alert(rules), now=t))
    assert "Model:" not in console.export_text()  # an event of the rules says nothing of a model

    group = OutgoingGroup("<g1@monitor>", "email", "ops@example.org", "ops", "d",
                          (NoticeItem(1, "firing", "high", {}, alert(evidence)),))
    parsed = email.message_from_bytes(
        build_message(group, sender="monitor@example.org", now=t).as_bytes(), policy=email.policy.default
    )
    assert f"Model: {why}" in parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert "Model: text model 0.91" in html and "&lt;b&gt;dockers&lt;/b&gt;" in html and "<b>dockers" not in html
