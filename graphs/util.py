"""Small helpers shared by the graph modules."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc", "switched_off"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large static structure.

    Loading a graph or building an automaton index makes hundreds of
    thousands of small objects and no garbage cycles; the collector would
    only rescan them again and again (20-50 % of the build time). Reference
    counting still frees everything as usual; the collector's previous state
    is restored on exit, so nesting is harmless.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def switched_off(variable: str) -> bool:
    """Whether the environment switches a packaged resource off: ``variable`` set to
    ``off``, ``0``, ``false`` or ``no`` (``MONITOR_EXONYMS``, ``MONITOR_TEXTMODEL``)."""
    return os.environ.get(variable, "").strip().lower() in ("off", "0", "false", "no")
