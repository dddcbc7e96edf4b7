"""The event-driven stage runner: it sleeps until its work is due, and a wake cuts the sleep short."""

from __future__ import annotations

import itertools
import threading
import time

from monitor.service import MIN_WAIT_S, Loop


def test_a_stage_sleeps_until_woken_and_runs_again_at_once() -> None:
    stop = threading.Event()
    runs: list[int] = []
    ran = threading.Condition()

    def step() -> float:
        with ran:
            runs.append(len(runs))
            ran.notify_all()
        return 3600.0  # nothing due for an hour

    loop = Loop("test", step, lambda: 3600.0, stop).start()
    try:
        with ran:
            assert ran.wait_for(lambda: len(runs) == 1, timeout=5)
            assert not ran.wait_for(lambda: len(runs) > 1, timeout=0.3)  # asleep, as asked
        loop.wake()  # new work: the stage runs again now, not in an hour
        with ran:
            assert ran.wait_for(lambda: len(runs) == 2, timeout=5)
    finally:
        stop.set()
        loop.wake()


def _runner(delay: float, bound: float) -> tuple[Loop, threading.Event, list[float], threading.Condition]:
    stop = threading.Event()
    runs: list[float] = []
    ran = threading.Condition()

    def step() -> float:
        with ran:
            runs.append(time.monotonic())
            ran.notify_all()
        return delay

    return Loop("test", step, lambda: bound, stop).start(), stop, runs, ran


def test_work_due_now_runs_at_most_once_per_min_wait_never_in_a_busy_loop() -> None:
    loop, stop, runs, ran = _runner(0.0, 1.0)
    try:
        with ran:
            assert ran.wait_for(lambda: len(runs) >= 4, timeout=5)
        gaps = [b - a for a, b in itertools.pairwise(runs[:4])]
        assert all(gap >= MIN_WAIT_S * 0.9 for gap in gaps), gaps
    finally:
        stop.set()
        loop.wake()


def test_a_stage_never_sleeps_past_its_bound() -> None:
    loop, stop, runs, ran = _runner(3600.0, 0.2)  # nothing due for an hour, but look every 0.2 s
    try:
        with ran:
            assert ran.wait_for(lambda: len(runs) >= 3, timeout=5)
        stop.set()
        loop.wake()
        loop._thread.join(5)
        assert not loop._thread.is_alive()  # and it ends when told to
    finally:
        stop.set()
