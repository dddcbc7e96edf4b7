"""The type checker is part of the test suite: a type error in feeds/, graphs/ or
monitor/ fails CI like a failing test (configuration: ``[tool.mypy]`` in
pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_is_clean(tmp_path: Path) -> None:
    # mypy comes with the test extra; without it this fails ("No module named mypy")
    # rather than skip, so CI cannot pass unchecked.
    # A fresh cache in tmp_path: the check never depends on a stale .mypy_cache
    # (a cold run of the three packages takes about 15 s).
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy_cache")],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, f"mypy found type errors:\n{proc.stdout}{proc.stderr}"
