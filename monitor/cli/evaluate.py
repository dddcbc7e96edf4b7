"""``monitor eval FILE.jsonl``: tagging precision/recall on a labelled set.

Uses the graph of ``--config`` and its ``lexicon.yaml`` (the packaged default
when absent). Scoring rules live in :mod:`graphs.evaluate`; this module only
prints them. Item text is feed text: it is shown literally (never as rich
markup) with control characters removed.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.table import Table
from rich.text import Text

from monitor.cli import cli
from monitor.cli.common import BadInput, config_dir, config_option, print_json

if TYPE_CHECKING:  # graphs.evaluate loads only when the command runs
    from graphs.evaluate import EvalReport, Scores

_CONFIDENCE = click.FloatRange(0.0, 1.0)


def _plain(value: str, limit: int = 90) -> Text:
    """Feed text for the terminal: no control characters, no markup, shortened."""
    clean = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in value or "")
    clean = " ".join(clean.split())
    if len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return Text(clean)


def _scores_table(report: EvalReport) -> Table:
    table = Table(title=f"Tagging quality (confidence ≥ {report.min_confidence:g})")
    for col in ("set", "items", "precision", "recall", "F1", "type acc.", "TP", "FP", "FN"):
        table.add_column(col, justify="left" if col == "set" else "right")

    def row(name: str, s: Scores) -> None:
        table.add_row(
            Text(name), str(s.items), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
            f"{s.type_accuracy:.3f}", str(s.tp), str(s.fp), str(s.fn),
        )

    row("all", report.overall)
    for lang, s in sorted(report.per_language.items()):
        row(lang, s)
    return table


def _types_table(report: EvalReport) -> Table:
    table = Table(title="Per disruption type")
    for col in ("type", "precision", "recall", "F1", "TP", "FP", "FN"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for name, s in sorted(report.per_type.items(), key=lambda kv: -(kv[1].tp + kv[1].fn)):
        table.add_row(Text(name), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp),
                      str(s.fn))
    return table


@cli.command("eval")
@config_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores and predictions as JSON.")
@click.option(
    "--min-confidence",
    type=_CONFIDENCE,
    default=None,
    help="Events at or above this confidence count as predicted (default: the alerting threshold).",
)
@click.option(
    "--no-model",
    is_flag=True,
    help="Rules only: leave out the text model's events (to see what it adds).",
)
def eval_command(file: Path, as_json: bool, min_confidence: float | None, no_model: bool) -> None:
    """Tagging precision, recall, F1 and type accuracy on a labelled JSON Lines file."""
    from graphs.evaluate import evaluate, load_items
    from graphs.lexicon import load_lexicon
    from graphs.loader import load_graph
    from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger

    if not file.is_file():
        raise BadInput(f"{file}: no such file")
    cfg = config_dir()
    graph = cfg / "graph"
    if not graph.is_dir():
        raise BadInput(f"graph directory not found: {graph} (use --config DIR or $MONITOR_CONFIG)")
    chain = load_graph(graph, display_root=cfg)
    lex_path = cfg / "lexicon.yaml"
    lexicon = load_lexicon(lex_path if lex_path.is_file() else None, display="lexicon.yaml")
    items = load_items(file, chain)
    tagger = Tagger(chain, lexicon, model=False if no_model else None)
    threshold = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    report = evaluate(items, tagger, threshold)
    if as_json:
        print_json(report.as_json())
        return

    from monitor.cli.run import wide_console

    out = wide_console()  # a report to read or grep: never squeezed into 80 columns when piped
    out.print(_scores_table(report))
    out.print(_types_table(report))
    if report.recovery.items:
        rec = report.recovery
        out.print(Text(f"Recovery events ({rec.items} items labelled): precision {rec.precision:.3f}, "
                       f"recall {rec.recall:.3f} (TP {rec.tp}, FP {rec.fp}, FN {rec.fn})"))
    misses = Table(title="Misses (expected, not predicted), by the rule that failed")
    for col in ("why", "id", "lang", "expected target", "types", "title"):
        misses.add_column(col)
    alarms = Table(title="False alarms (predicted, not expected nor allowed), by the rule that fired")
    for col in ("why", "id", "lang", "target", "type", "conf.", "title"):
        alarms.add_column(col)
    wrong = Table(title="Wrong type (target right, type not accepted)")
    for col in ("id", "target", "predicted", "accepted", "title"):
        wrong.add_column(col)
    for why, group in report.grouped("misses"):
        for i, (r, target) in enumerate(group):
            item = r.item
            types = next((e.types for e in item.expect if e.target == target), ())
            misses.add_row(Text(f"{why} ({len(group)})" if i == 0 else ""), Text(item.id), Text(item.language or "?"),
                           Text(target), Text(", ".join(types)), _plain(item.title))
    for why, group in report.grouped("false_alarms"):
        for i, (r, target) in enumerate(group):
            item = r.item
            p = next(p for p in r.predicted if p.target == target and not p.recovery)
            alarms.add_row(Text(f"{why} ({len(group)})" if i == 0 else ""), Text(item.id),
                           Text(item.language or "?"), Text(target), Text(p.type), f"{p.confidence:.2f}",
                           _plain(item.title))
    for r in report.results:
        item = r.item
        for target, ptype in r.type_errors:
            types = next((e.types for e in item.expect if e.target == target), ())
            wrong.add_row(Text(item.id), Text(target), Text(ptype), Text(", ".join(types)), _plain(item.title))
    for table in (misses, alarms, wrong):
        if table.row_count:
            out.print(table)
        else:
            out.print(Text(f"{table.title}: none"))
