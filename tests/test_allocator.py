"""glibc allocator settings (monitor.allocator): HTML-to-text stops faulting pages in per item."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = r"""
import json, resource, sys
if sys.argv[1] == "tuned":
    from monitor.allocator import tune_allocator
    applied = tune_allocator()
else:
    applied = False
from feeds.normalise import html_to_text
doc = "<p><strong>Fire at the port.</strong> Text here and there.</p><p>More text &amp; more.</p>" * 2
html_to_text(doc)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(2000):
    html_to_text(doc)
after = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
print(json.dumps({"applied": applied, "faults_per_doc": (after - before) / 2000}))
"""


def _probe(mode: str, **env: str) -> dict:
    # a fixed 128 KiB trim threshold puts every Lexbor document in the bad case on any heap layout
    full = {**os.environ, "MALLOC_TRIM_THRESHOLD_": "131072", **env}
    out = subprocess.run([sys.executable, "-c", PROBE, mode], env=full, capture_output=True, text=True,
                         timeout=120, check=True)
    return json.loads(out.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_tuned_allocator_keeps_lexbor_from_faulting_pages_per_document() -> None:
    untuned = _probe("plain")
    assert untuned["faults_per_doc"] >= 1, untuned  # the problem, as glibc's defaults can have it
    tuned = _probe("tuned")
    assert tuned["applied"] is True
    assert tuned["faults_per_doc"] < 0.05, tuned


def test_tuning_can_be_switched_off() -> None:
    assert _probe("tuned", MONITOR_MALLOC_TUNING="off")["applied"] is False


def test_the_cli_entry_point_tunes_before_running_a_command(monkeypatch) -> None:
    import monitor.allocator
    from monitor.cli import main

    calls = []
    monkeypatch.setattr(monitor.allocator, "tune_allocator", lambda: calls.append(1) or True)
    monkeypatch.setattr(sys, "argv", ["monitor", "--version"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0 and calls == [1]
