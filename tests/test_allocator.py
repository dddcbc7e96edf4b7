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
# a table: plain markup (paragraphs, emphasis) is stripped without building a Lexbor document
doc = "<p><strong>Fire at the port.</strong> Text here and there.</p><table><tr><td>More text &amp; more.</td></tr></table>" * 2
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


# -- the cyclic GC: a loaded runtime is frozen out of full collections -------------------------

GC_PROBE = r"""
import gc, json, sys, weakref
from pathlib import Path
from monitor.allocator import freeze_heap
from monitor.config import load_runtime
from monitor.pipeline import Pipeline
from monitor.service import Service
from monitor.store.db import make_engine, make_sessionmaker
from monitor.store.schema import ensure_schema

config = Path(sys.argv[1])
runtime = load_runtime(config)

class Cycle:
    pass

# a reference cycle that belongs to the first runtime (as a graph's own cycles do)
held = Cycle(); held.me = held; held.runtime = runtime
dead = weakref.ref(held)
start_frozen = freeze_heap(reclaim=False)
walked = {id(o) for o in gc.get_objects()}
out = {"frozen": start_frozen, "runtime_walked": id(runtime.chain) in walked or id(held) in walked}

engine = make_engine(f"sqlite:///{sys.argv[2]}")
ensure_schema(engine)
service = Service(config, runtime, engine=engine, sessions=make_sessionmaker(engine), pipeline_factory=Pipeline,
                  load_runtime=load_runtime)
del runtime, held
gc.collect()
out["cycle_alive_while_frozen"] = dead() is not None  # frozen: full passes leave it alone
out["reloaded"] = service.reload()
out["cycle_alive_after_reload"] = dead() is not None  # the reload unfroze and reclaimed it
out["new_runtime_walked"] = id(service.runtime().chain) in {id(o) for o in gc.get_objects()}
out["frozen_after_reload"] = gc.get_freeze_count()
print(json.dumps(out))
"""


def test_a_loaded_runtime_leaves_full_collections_and_a_reload_reclaims_the_old_one(tmp_path) -> None:
    """After start, a full GC pass no longer walks the runtime's objects; a reload frees
    the previous runtime's reference cycles instead of keeping them frozen, and freezes the new one."""
    from pathlib import Path

    config = Path(__file__).resolve().parents[1] / "config"
    out = subprocess.run([sys.executable, "-c", GC_PROBE, str(config), str(tmp_path / "gc.db")],
                         capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["frozen"] > 10_000 and result["runtime_walked"] is False, result
    assert result["cycle_alive_while_frozen"] is True, result
    assert result["reloaded"] is True and result["cycle_alive_after_reload"] is False, result
    assert result["new_runtime_walked"] is False and result["frozen_after_reload"] > 10_000, result


def test_monitor_run_freezes_the_runtime_it_loaded(tmp_path, monkeypatch) -> None:
    import shutil
    from pathlib import Path

    import monitor.allocator
    from monitor.cli import main

    config = tmp_path / "config"
    shutil.copytree(Path(__file__).resolve().parents[1] / "config", config)
    (config / "feeds.yaml").write_text("news: []\n", encoding="utf-8")  # nothing to fetch
    calls = []
    monkeypatch.setattr(monitor.allocator, "freeze_heap", lambda **kw: calls.append(kw) or 0)
    monkeypatch.setattr(monitor.allocator, "tune_allocator", lambda: True)
    monkeypatch.setenv("MONITOR_DATABASE_URL", f"sqlite:///{tmp_path / 'run.db'}")
    for argv, expected in (([str(tmp_path / "missing")], []), ([str(config)], [{"reclaim": False}])):
        calls.clear()
        monkeypatch.setattr(sys, "argv", ["monitor", "--config", *argv, "run", "--once", "--no-alerts"])
        with pytest.raises(SystemExit):
            main()
        assert calls == expected  # once the config loaded; not for a config that does not load
