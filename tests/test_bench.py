"""``monitor bench --quick --json`` keeps working, also on a plain install: every key, sane values."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest

from monitor.bench import KEYS

# One quick bench run as on a plain install (no flashtext) and one tagging-only run with
# flashtext, for the module (about 20-30 s: two `monitor run --once` subprocesses among others).
pytestmark = pytest.mark.slow

#: Makes ``import flashtext`` fail in every process that starts with this on PYTHONPATH,
#: as on a plain ``pip install eu-supply-monitor`` (no ``bench`` extra).
_BLOCK_FLASHTEXT = """
import sys


class _NoFlashtext:
    def find_spec(self, name, path=None, target=None):
        if name == "flashtext" or name.startswith("flashtext."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, _NoFlashtext())
"""


def _bench(*args: str, pythonpath: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MONITOR_DATABASE_URL", "MONITOR_CONFIG")}
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [pythonpath, env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", "from monitor.cli import main; main()", "bench", *args],
        capture_output=True, text=True, timeout=600, env=env,
    )


@pytest.fixture(scope="module")
def plain_run(tmp_path_factory) -> tuple[dict, str]:
    """``monitor bench --quick --json`` where flashtext cannot be imported: (figures, stderr)."""
    blocker = tmp_path_factory.mktemp("plain")
    (blocker / "sitecustomize.py").write_text(_BLOCK_FLASHTEXT)
    probe = subprocess.run([sys.executable, "-c", "import flashtext"], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(blocker)})
    assert probe.returncode != 0  # the blocker works
    proc = _bench("--quick", "--json", pythonpath=str(blocker))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout), proc.stderr


@pytest.fixture(scope="module")
def quick_results(plain_run) -> dict:
    """Every key of a quick run: the plain run, plus the flashtext baseline measured with it installed."""
    from monitor.bench import OPTIONAL_BASELINES

    proc = _bench("--quick", "--json", "--only", "tagging")
    assert proc.returncode == 0, proc.stderr[-3000:]
    tagging = json.loads(proc.stdout)
    assert tagging["skipped"] == []
    results = dict(plain_run[0])
    for _extra, keys in OPTIONAL_BASELINES.values():
        results.update({k: tagging[k] for k in keys})
    return results


def test_every_key_is_reported(quick_results: dict) -> None:
    missing = [k for k in KEYS if k not in quick_results]
    assert not missing, f"missing keys: {missing}"
    assert quick_results["quick"] is True


def test_times_and_rates_are_positive_and_ratios_finite(quick_results: dict) -> None:
    numeric = {k: v for k, v in quick_results.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    for key in ("pipeline_vs_feedparser", "tagging_vs_flashtext", "tagging_vs_regex", "whatif_vs_networkx",
                "graph_load_vs_bare", "run_once_vs_plain", "parse_feed_vs_feedparser"):
        value = quick_results[key]
        assert value is not None and math.isfinite(value) and value > 0, (key, value)
    for key in ("items_per_s", "items_per_s_feedparser", "tagging_items_per_s", "flashtext_items_per_s",
                "regex_items_per_s", "tagger_items_per_s", "whatif_ms_median", "whatif_networkx_ms_median",
                "graph_load_s_10k", "graph_load_bare_s", "run_once_s", "run_once_plain_s",
                "automaton_build_s", "peak_rss_mb"):
        assert numeric[key] > 0, (key, numeric[key])
    assert quick_results["automaton_mb"] >= 0


def test_the_pipeline_estimate_sums_the_best_round_of_each_feed(quick_results: dict) -> None:
    r = quick_results
    # a sum of per-feed minima over the rounds is at most the best whole round, on both sides
    assert 0 < r["pipeline_s"] <= r["pipeline_whole_run_s"] * 1.0001
    assert 0 < r["feedparser_s"] <= r["feedparser_whole_run_s"] * 1.0001
    assert r["pipeline_vs_feedparser"] == pytest.approx(r["pipeline_s"] / r["feedparser_s"], rel=1e-4)
    assert r["items_per_s"] == pytest.approx(r["pipeline_items"] / r["pipeline_s"], rel=1e-4)


def test_isolated_sections_report_their_own_peak_memory(quick_results: dict) -> None:
    r = quick_results
    # tagging and what-if run in their own interpreter; each reports its own high-water mark
    # (not the size of the bench process it was started from), and the run's peak covers them
    for section in ("tagging", "whatif"):
        peak = r[f"{section}_peak_rss_mb"]
        assert 0 < peak < r["peak_rss_mb"], (section, peak, r["peak_rss_mb"])
    assert r["peak_rss_mb"] >= max(r["tagging_peak_rss_mb"], r["whatif_peak_rss_mb"])


def test_the_workload_did_real_work(quick_results: dict) -> None:
    r = quick_results
    # every generated item went through the pipeline and the daemon's run --once
    assert r["pipeline_items"] == r["run_once_items"] > 0
    assert r["run_once_exit"] == 0
    # some items name nodes with disruption terms: events, alerts and impact happened
    assert 0 < r["pipeline_alerts"] <= r["pipeline_events"] < r["pipeline_items"]
    assert r["whatif_impacted_median"] > 0
    # the three matchers were compared on the same alias set and agree
    assert r["aliases"] > 0 and r["regex_texts"] > 0
    assert r["tagging_agreement"] == 1.0
    assert r["whatif_networkx_agreement"] == 1.0


@pytest.mark.parametrize("quick", [False, True])
def test_the_table_judges_goals_only_on_a_full_run(quick: bool) -> None:
    from rich.console import Console

    from monitor.cli.bench import results_table

    results = {"quick": quick, "pipeline_vs_feedparser": 1.4, "run_once_vs_plain": 2.5}
    console = Console(record=True, width=200)
    console.print(results_table(results))
    text = console.export_text()
    if quick:
        assert "(full run)" in text and " met" not in text and "missed" not in text
    else:
        assert "<= 1.5  met" in text and "<= 2  missed" in text



def test_a_plain_install_skips_the_flashtext_baseline_with_one_note(plain_run) -> None:
    from rich.console import Console

    from monitor.cli.bench import results_table

    results, stderr = plain_run
    assert "Traceback" not in stderr
    note = ("monitor bench: note: flashtext baseline skipped: flashtext is not installed"
            " (pip install 'eu-supply-monitor[bench]')")
    assert [line for line in stderr.splitlines() if "note:" in line] == [note]
    assert results["skipped"] == [note.removeprefix("monitor bench: note: ")]
    assert results["tagging_vs_flashtext"] is None and results["flashtext_items_per_s"] is None
    assert results["tagging_items_per_s"] > 0 and results["tagging_vs_regex"] > 0  # the rest still measured
    assert results["pipeline_items"] > 0 and results["whatif_ms_median"] > 0
    console = Console(record=True, width=200)
    console.print(results_table(results))
    text = console.export_text()
    assert "skipped: needs the bench extra" in text and "speed vs re alternation" in text

def test_the_latency_section_times_feed_to_delivery_through_a_real_daemon() -> None:
    """``--only latency``: a ``monitor run`` daemon, a loopback feed and webhook receiver;
    p50 and p95 of the time from a disruption appearing in the feed to its notice."""
    from monitor.bench import LATENCY_KEYS, LATENCY_SAMPLES_QUICK

    env = {k: v for k, v in os.environ.items() if k not in ("MONITOR_DATABASE_URL", "MONITOR_CONFIG")}
    proc = subprocess.run(
        [sys.executable, "-c", "from monitor.cli import main; main()", "bench", "--quick", "--json",
         "--only", "latency"],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    r = json.loads(proc.stdout)
    assert all(k in r for k in LATENCY_KEYS), r
    assert r["latency_samples"] == LATENCY_SAMPLES_QUICK
    assert 0 < r["latency_p50_s"] <= r["latency_p95_s"]
