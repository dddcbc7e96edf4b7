"""``monitor bench [--json] [--quick]``: performance figures against same-run baselines.

See :mod:`monitor.bench` for what each figure times. Progress goes to stderr
(rich); the table or the JSON document goes to stdout.
"""

from __future__ import annotations

import math
from typing import Any

import click
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from monitor.cli import cli
from monitor.cli.common import config_option, console, print_json

SECTIONS = ("pipeline", "tagging", "whatif", "graph_load", "run_once", "latency")

#: (key, label, unit/format) rows of the table, grouped by section.
ROWS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    ("Per-item pipeline (parse, normalise, dedup, store, tag, impact) vs feedparser", (
        ("pipeline_vs_feedparser", "pipeline / feedparser CPU time (best round per feed)", "x"),
        ("pipeline_vs_feedparser_whole_runs", "  the same, best whole runs", "x"),
        ("items_per_s", "pipeline items/s", "n"),
        ("items_per_s_feedparser", "feedparser items/s", "n"),
        ("pipeline_poll_s", "  poll: parse + store (s)", "s"),
        ("pipeline_tag_s", "  tag (s)", "s"),
        ("pipeline_impact_s", "  impact of event targets (s)", "s"),
        ("parse_feed_vs_feedparser", "parse_feed / feedparser time", "x"),
        ("pipeline_items", "items", "n"),
        ("workload_disruption_share", "items reporting a disruption", "%"),
        ("workload_mention_share", "items naming a node, no disruption", "%"),
        ("pipeline_events", "events", "n"),
        ("impact_targets", "distinct targets assessed", "n"),
        ("pipeline_wall_s", "pipeline wall time (s)", "s"),
        ("feedparser_wall_s", "feedparser wall time (s)", "s"),
    )),
    ("Alerting (per alert: upsert, corroborate, severity, silences, routing, notices)", (
        ("alert_s", "alert step (s)", "s"),
        ("pipeline_alerts", "alerts", "n"),
        ("alerts_per_s", "alerts/s", "n"),
        ("alert_ms_per_alert", "per alert (ms)", "ms"),
        ("pipeline_with_alerts_vs_feedparser", "pipeline + alerting / feedparser", "x"),
    )),
    ("Gazetteer tagging (same aliases, same texts)", (
        ("tagging_vs_flashtext", "speed vs flashtext", "x"),
        ("tagging_vs_regex", "speed vs re alternation", "x"),
        ("tagging_items_per_s", "gazetteer items/s", "n"),
        ("tagging_mb_per_s", "gazetteer MB/s", "f"),
        ("flashtext_items_per_s", "flashtext items/s", "n"),
        ("regex_items_per_s", "re items/s", "f"),
        ("regex_texts", "re texts measured", "n"),
        ("tagging_agreement", "texts with the same matches", "%"),
        ("tagger_items_per_s", "full tagger items/s", "n"),
        ("aliases", "aliases", "n"),
        ("automaton_build_s", "automaton build (s)", "s"),
        ("automaton_mb", "automaton memory (MB, tracemalloc)", "f"),
        ("flashtext_build_s", "flashtext build (s)", "s"),
        ("regex_compile_s", "re compile (s)", "s"),
    )),
    ("What-if (monitor simulate)", (
        ("whatif_ms_median", "assess median (ms)", "ms"),
        ("whatif_ms_p95", "assess p95 (ms)", "ms"),
        ("whatif_noalt_ms_median", "assess without alternatives, median (ms)", "ms"),
        ("whatif_networkx_ms_median", "networkx dijkstra median (ms)", "ms"),
        ("whatif_vs_networkx", "assess / networkx time", "x"),
        ("whatif_networkx_agreement", "same impacted count as networkx", "%"),
        ("whatif_impacted_median", "impacted nodes, median", "n"),
        ("whatif_nodes", "graph nodes", "n"),
        ("whatif_edges", "graph edges", "n"),
        ("whatif_build_s", "engine index build (s)", "s"),
    )),
    ("Graph load (YAML with validation)", (
        ("graph_load_s_10k", "load_graph (s)", "s"),
        ("graph_load_bare_s", "bare CSafeLoader + networkx (s)", "s"),
        ("graph_load_vs_bare", "load_graph / bare time", "x"),
    )),
    ("monitor run --once vs plain fetch + feedparser + YAML load", (
        ("run_once_s", "monitor run --once (s)", "s"),
        ("run_once_plain_s", "plain script (s)", "s"),
        ("run_once_vs_plain", "run --once / plain time", "x"),
        ("run_once_cold_s", "first run --once, empty cache (s)", "s"),
        ("run_once_cold_vs_plain", "first run --once / plain time", "x"),
        ("run_once_items", "items stored", "n"),
        ("run_once_wall_s", "run --once wall time (s)", "s"),
        ("run_once_plain_wall_s", "plain script wall time (s)", "s"),
    )),
    ("Feed to delivery through the daemon (feed every 2 s, group_wait 1 s, default schedule)", (
        ("latency_p50_s", "latency p50 (s)", "s"),
        ("latency_p95_s", "latency p95 (s)", "s"),
        ("latency_bound_s", "promised bound: interval + group_wait + 5 s", "s"),
        ("latency_samples", "samples", "n"),
    )),
    ("Whole run", (
        ("peak_rss_mb", "peak RSS (MB)", "f"),
        ("bench_s", "bench duration (s)", "s"),
    )),
)


def _fmt(value: Any, kind: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if kind == "x":
        return f"{value:.2f}x"
    if kind == "n":
        return f"{value:,.0f}"
    if kind == "%":
        return f"{100 * value:.1f}%"
    if kind == "ms":
        return f"{value:.2f}"
    if kind == "s":
        return f"{value:.3f}"
    return f"{value:,.1f}"


def results_table(results: dict[str, Any]) -> Table:
    """The figures as one rich table, goals marked met or missed."""
    from monitor.bench import GOALS, OPTIONAL_BASELINES, goal_status

    title = "monitor bench" + (" --quick (small sizes: figures are not the goals' workload)" if results.get("quick") else "")
    caption = (
        "pipeline / feedparser: the per-item pipeline (parse, normalise, dedup, store to SQLite, tag, impact of "
        "each event's target, cached per target) over CPU time of feedparser.parse alone on the same bytes; "
        "alerting is per alert, not per item, and has its own rows."
    )
    if "workload_disruption_share" in results:
        caption += (
            f" Workload: {100 * results['workload_disruption_share']:g}% of items report a disruption, "
            f"{100 * results.get('workload_mention_share', 0):g}% name a node without one."
        )
    table = Table(title=title, caption=caption, show_lines=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("goal")
    for section, rows in ROWS:
        present = [r for r in rows if r[0] in results]
        if not present:
            continue
        table.add_section()
        table.add_row(Text(section, style="bold"), "", "")
        for key, label, kind in present:
            value = results[key]
            goal: str | Text = ""
            status = goal_status(key, value)
            if value is None and any(key in keys for _, keys in OPTIONAL_BASELINES.values()):
                goal = Text("skipped: needs the bench extra", style="dim")
            elif status is not None:
                op, bound = GOALS[key]
                if results.get("quick"):  # the goals are for the full sizes: start-up dominates small ones
                    goal = Text(f"{op} {bound:g}  (full run)", style="dim")
                else:
                    goal = Text(f"{op} {bound:g}  {status}", style="green" if status == "met" else "red")
            table.add_row(Text(label), Text(_fmt(value, kind)), goal)
    return table


def _jsonable(results: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in results.items():
        if isinstance(v, float):
            v = round(v, 6) if math.isfinite(v) else None
        out[k] = v
    return out


@cli.command("bench")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--quick", is_flag=True, help="Small sizes, a few seconds (CI smoke run); same keys.")
@click.option("--only", "only", multiple=True, type=click.Choice(SECTIONS),
              help="Run only these sections (repeatable).")
@click.option("--repeats", type=click.IntRange(1, 10), default=None,
              help="Runs per timing, best kept (default 3, quick 1).")
@click.option("--disruption-share", type=click.FloatRange(0.0, 1.0), default=None,
              help="Share of generated items reporting a disruption at a node (default 0.02).")
@click.option("--mention-share", type=click.FloatRange(0.0, 1.0), default=None,
              help="Share of generated items naming a node without a disruption (default 0.10).")
def bench_cmd(as_json: bool, quick: bool, only: tuple[str, ...], repeats: int | None,
              disruption_share: float | None, mention_share: float | None) -> None:
    """Performance figures, each against a baseline measured in the same run.

    Generates its own workload from a fixed seed (feeds, graphs, aliases) in a
    temporary directory; the config directory is not used. The default run
    takes a few minutes on two cores; --quick takes seconds.

    The flashtext baseline needs the `bench` extra
    (pip install 'eu-supply-monitor[bench]'); without it that row is skipped
    with a note and the other figures are still measured.
    """
    from dataclasses import replace

    from monitor.bench import DEFAULT, QUICK, run_bench

    sizes = QUICK if quick else DEFAULT
    if repeats is not None:
        sizes = replace(sizes, repeats=repeats)
    if disruption_share is not None:
        sizes = replace(sizes, disruption_share=disruption_share)
    if mention_share is not None:
        sizes = replace(sizes, mention_share=mention_share)
    if sizes.disruption_share + sizes.mention_share > 1.0:
        raise click.BadParameter("--disruption-share and --mention-share add up to more than 1",
                                 param_hint="--disruption-share")
    err = console(stderr=True)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(), console=err, transient=as_json or not err.is_terminal,
    ) as progress:
        sections = only or tuple(s for s in SECTIONS if not (quick and s == "latency"))  # as run_bench
        steps = _expected_steps(sizes.repeats, sections, quick)
        task = progress.add_task("starting", total=steps)

        def step(description: str) -> None:
            progress.update(task, description=description, advance=1)

        results = run_bench(sizes, quick=quick, step=step, sections=only or None)
        progress.update(task, description="done", completed=steps)
    for note in results.get("skipped") or []:
        click.echo(f"monitor bench: note: {note}", err=True)
    if as_json:
        print_json(_jsonable(results))
    else:
        console().print(results_table(results))


def _expected_steps(repeats: int, sections: tuple[str, ...], quick: bool = False) -> int:
    n = 1
    if "graph_load" in sections:
        n += 2
    if "pipeline" in sections:
        n += 2 + 2 * (repeats + 2)
    if "run_once" in sections:
        n += 1 + 2 * repeats
    if "tagging" in sections:
        n += 6
    if "whatif" in sections:
        n += 4
    if "latency" in sections:
        from monitor.bench import LATENCY_SAMPLES, LATENCY_SAMPLES_QUICK

        n += LATENCY_SAMPLES_QUICK if quick else LATENCY_SAMPLES
    return n
