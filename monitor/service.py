"""The daemon behind ``monitor run``: event-driven stages, signals, reload, heartbeat.

Three stages run as threads (:class:`Loop`), each sleeping until its next work
is due or until the stage before it wakes it:

- ``poll``: fetches the due feeds, each its own fetch with its own deadline
  (a slow feed delays only itself; feeds falling due meanwhile are claimed
  while it runs), then sleeps until the earliest feed's ``next_poll`` (at most
  ``schedule.tick``), so every interval is honoured. A feed whose transaction
  stored something new wakes ``assess`` at once;
- ``assess``: tags, processes trade series, raises and expires alerts (at
  least every ``schedule.tick``: the work of other instances); new alert
  changes wake ``outbox``;
- ``outbox``: sends due deliveries, then sleeps until the next one is due (the
  end of its ``group_wait``, its retry time; at most ``schedule.outbox``).

APScheduler 3.x (``BackgroundScheduler``, UTC, ``coalesce=True``,
``max_instances=1``) runs the chores:

- ``expiry`` (every ``schedule.expiry``): expire alerts past their TTL;
- ``housekeeping`` (every ``schedule.housekeeping``): retention of old items,
  old cycles and stopped instances; release leases of dead instances;
- ``heartbeat`` (every :data:`HEARTBEAT_S`): the ``instances`` row, and
  ``WATCHDOG=1`` to systemd when the database answered.

Assessing, expiry, housekeeping and config syncs take one lock (they never
race each other inside one process); polling and the outbox run beside them,
so a slow feed or SMTP server delays neither alerts nor the watchdog. Across
instances, each finds the others' work within ``schedule.tick`` /
``schedule.outbox`` (short bounded polls of the database; no extra server).

Signals: SIGTERM/SIGINT stop within :data:`STOP_TIMEOUT_S` (in-flight work
finishes, or is abandoned in a state the next start resumes: every pipeline
step is idempotent) and exit 0. SIGHUP reloads the config: it is validated
whole and swapped in atomically, or rejected with every error logged as
``file:line: message`` while the daemon keeps the last good config.

The SQL of the store chores (instances, heartbeats, retention) lives in
:mod:`monitor.store.instances`, the status queries of ``monitor status`` and
``monitor feeds list`` in :mod:`monitor.store.status`; both are re-exported.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from graphs.yamlsrc import ConfigError
from monitor.allocator import freeze_heap
from monitor.metrics import Metrics, MetricsServer
from monitor.store.db import is_unreachable, is_unwritable, utcnow
from monitor.store.instances import (
    ALIVE_FACTOR,
    CYCLE_RETENTION_S,
    DELETE_BATCH,
    HEARTBEAT_S,
    INSTANCE_RETENTION_S,
    HousekeepingStats,
    heartbeat,
    housekeeping,
    mark_stopped,
    reap_dead_instances,
    register_instance,
)
from monitor.store.status import feed_listing, status_report, store_counts
from monitor.systemd import Notifier

if TYPE_CHECKING:
    from monitor.alerts.model import AlertChange
    from monitor.config import Runtime
    from monitor.pipeline import Pipeline
    from monitor.settings import ScheduleSettings

log = logging.getLogger("monitor.service")

# the store chores and status queries live in monitor.store; re-exported here for callers
__all__ = [
    "ALIVE_FACTOR", "CYCLE_RETENTION_S", "DELETE_BATCH", "HEARTBEAT_S", "INSTANCE_RETENTION_S", "STOP_TIMEOUT_S",
    "HousekeepingStats", "Loop", "RuntimeHolder", "Service", "feed_listing", "heartbeat", "housekeeping",
    "make_instance_id", "mark_stopped", "reap_dead_instances", "register_instance", "serve_metrics",
    "status_report", "store_counts", "utcnow",
]

#: SIGTERM to exit, at most.
STOP_TIMEOUT_S = 10.0
#: Exit status when the database refuses writes (a read-only file or file system): sysexits.h's
#: EX_IOERR. Distinct from 1 (a failure a restart may cure) so that the systemd unit can say
#: ``RestartPreventExitStatus=74``: restarting every ``RestartSec`` cannot make a file writable.
EXIT_UNWRITABLE = 74



def make_instance_id() -> str:
    """``host:pid:random`` — unique per process, readable in ``monitor status``."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class RuntimeHolder:
    """The current :class:`~monitor.config.Runtime`; calling it returns it.

    Swapping is one reference assignment, so every reader sees either the old
    or the new runtime, never a mix.
    """

    def __init__(self, runtime: Runtime):
        self._runtime = runtime

    def __call__(self) -> Runtime:
        return self._runtime

    def swap(self, runtime: Runtime) -> Runtime:
        old, self._runtime = self._runtime, runtime
        return old


# --------------------------------------------------------------------------- the daemon


#: A woken stage runs at most this often (a floor on its sleep: never a busy loop).
MIN_WAIT_S = 0.1


class Loop:
    """One event-driven stage: a thread running ``step`` again and again.

    After each run it sleeps for the delay ``step`` returned (when its next
    work falls due), bounded by ``max_wait()`` (so work created elsewhere, by
    another instance, is still found) and at least :data:`MIN_WAIT_S`;
    :meth:`wake` cuts the sleep short (new work right now). A wake during a
    run makes the stage run again straight after.
    """

    def __init__(self, name: str, step: Callable[[], float | None], max_wait: Callable[[], float],
                 stop: threading.Event):
        self.name = name
        self.step = step
        self.max_wait = max_wait
        self._stop = stop
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"monitor-{name}", daemon=True)

    def start(self) -> Loop:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            delay = self.step()
            limit = self.max_wait()
            wait = limit if delay is None else min(max(delay, MIN_WAIT_S), limit)
            self._wake.wait(wait)


AlertSink = Callable[[Sequence["AlertChange"]], None]


class Service:
    """One monitor process: a pipeline on a schedule, with signals and reload.

    ``load_runtime`` (``config_dir -> Runtime``, raising ``ConfigError``) is
    used for SIGHUP reloads; ``pipeline_factory`` builds the pipeline from a
    runtime provider and a sessionmaker (``monitor.pipeline.Pipeline``).
    """

    def __init__(
        self,
        config_dir: Path,
        runtime: Runtime,
        *,
        engine: Engine,
        sessions: sessionmaker[Session],
        pipeline_factory: Callable[..., Pipeline],
        load_runtime: Callable[[Path], Runtime],
        instance_id: str | None = None,
        metrics: Metrics | None = None,
        notifier: Notifier | None = None,
        alert_sink: AlertSink | None = None,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.config_dir = Path(config_dir)
        self.runtime = RuntimeHolder(runtime)
        self.engine = engine
        self.sessions = sessions
        self.instance_id = instance_id or make_instance_id()
        self.load_runtime = load_runtime
        self.clock = clock
        self.metrics = metrics or Metrics()
        self.notifier = notifier or Notifier()
        self.alert_sink = alert_sink
        self.pipeline = pipeline_factory(self.runtime, sessions, clock=clock, instance_id=self.instance_id)
        self.scheduler: BackgroundScheduler | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._reload_requested = False
        self._running = 0
        self._idle = threading.Condition()
        self._stop_deadline: float | None = None
        #: the pipeline steps that write alerts and feeds run one at a time in this process
        self._pipeline_lock = threading.Lock()
        self._loops: dict[str, Loop] = {}
        #: the process's exit status: 0, or :data:`EXIT_UNWRITABLE` once the database refused a write
        self.exit_code = 0

    # ------------------------------------------------------------ jobs

    @contextmanager
    def _in_flight(self) -> Iterator[None]:
        with self._idle:
            self._running += 1
        try:
            yield
        finally:
            with self._idle:
                self._running -= 1
                self._idle.notify_all()

    def _job(self, name: str, fn: Callable[[], float | None]) -> Callable[[], float | None]:
        """Wrap a job: skip when stopping, count as in flight, never raise.

        Returns what ``fn`` returns (a stage's next due delay), ``None`` when it failed."""

        def run() -> float | None:
            if self._stop.is_set():
                return None
            with self._in_flight():
                try:
                    return fn()
                except Exception as exc:
                    if is_unwritable(exc):
                        self._unwritable(exc)
                        return None
                    if is_unreachable(exc):  # an outage: one line per attempt, not a traceback
                        log.warning("job %s: the database does not answer (%s); it runs again at its next time",
                                    name, _first_line(exc), extra={"job": name})
                        return None
                    log.exception("job %s failed; it runs again at its next time", name, extra={"job": name})
                    return None

        run.__name__ = f"monitor_{name}"
        return run

    def _poll(self) -> float | None:
        """Fetch due feeds; each stored feed that brought something new wakes the assessor.

        Returns the seconds until the next feed falls due, so the poller sleeps
        exactly that long (a 2 s feed is polled every ~2 s whatever the tick)."""
        started = time.monotonic()
        polls = self.pipeline.poll_due(on_stored=self._wake_stage("assess"), repoll=True)
        if polls.polled:
            self.metrics.observe_polls(polls)
            log.info(
                "poll: %d feeds (%d errors), %d new items, %d events in %.2fs",
                polls.polled, polls.errors, polls.items, polls.events, time.monotonic() - started,
                extra={"polls": polls.polled, "poll_errors": polls.errors, "items": polls.items,
                       "events": polls.events},
            )
        return self.pipeline.next_due_in()

    def _tick(self) -> float | None:
        """Assess: tag what is untagged, trade series, alerts from new events, expiry.

        Woken by the poller right after a feed's transaction stored something;
        runs at least every ``schedule.tick`` anyway (work of other instances)."""
        started = time.monotonic()
        with self._pipeline_lock:
            stats = self.pipeline.run_cycle(deliver=False, poll=False)
        duration = time.monotonic() - started
        self.metrics.observe_cycle(stats, duration)
        polls = stats.polls
        if stats.alert_changes:
            self._wake_stage("outbox")()  # new deliveries: the outbox sleeps until the first is due
        if polls.polled or stats.events or stats.trade_events or stats.alert_changes or stats.errors:
            log.info(
                "tick: %d polls (%d errors), %d new items, %d events, %d alert changes in %.2fs",
                polls.polled, polls.errors, polls.items, stats.events + stats.trade_events,
                len(stats.alert_changes), duration,
                extra={"polls": polls.polled, "poll_errors": polls.errors, "items": polls.items,
                       "events": stats.events + stats.trade_events, "alert_changes": len(stats.alert_changes),
                       "duration_s": round(duration, 3)},
            )
        self._show(stats.alert_changes)
        return None

    def _flush(self) -> float | None:
        """Send due deliveries; returns the seconds until the next one is due."""
        from monitor.notify.outbox import configured_channels, next_due_in

        stats = self.pipeline.flush_outbox()
        self.metrics.observe_flush(stats)
        if stats.sent or stats.failed:
            log.info("outbox: %s sent, %s failed", stats.sent, stats.failed,
                     extra={"sent": stats.sent, "failed": stats.failed})
        return next_due_in(self.sessions, self.clock(), configured_channels(self.runtime()))

    def _wake_stage(self, name: str) -> Callable[[], None]:
        loop = self._loops.get(name)
        return loop.wake if loop is not None else (lambda: None)

    def _expire(self) -> None:
        with self._pipeline_lock:
            changes = self.pipeline.expire()
        if changes:
            log.info("expired %d alerts", len(changes), extra={"alert_changes": len(changes)})
        self._show(changes)

    def _housekeeping(self) -> None:
        now = self.clock()
        with self._pipeline_lock:
            stats = housekeeping(
                self.sessions, now, retention_s=self.runtime().settings.schedule.retention, me=self.instance_id
            )
        if stats.items or stats.cycles or stats.instances or stats.leases:
            log.info(
                "housekeeping: deleted %d items, %d cycles, %d instances; released %d expired leases",
                stats.items, stats.cycles, stats.instances, stats.leases,
            )

    def _heartbeat(self) -> None:
        """The instance's heartbeat row; ``/healthz`` turns 503 at once when it fails."""
        try:
            heartbeat(self.sessions, self.instance_id, self.clock())
        except Exception as exc:
            reason = _first_line(exc)
            self.metrics.mark_database(reason)
            if is_unwritable(exc):
                raise
            log.warning("heartbeat: the database does not answer: %s", reason, extra={"instance": self.instance_id})
            return
        self.metrics.mark_database(None)
        self.notifier.watchdog()

    def _sync(self) -> None:
        with self._pipeline_lock:
            self.pipeline.sync_feeds()
        self._wake_stage("poll")()  # feeds new in the config are due now

    def _show(self, changes: Sequence[AlertChange]) -> None:
        if changes and self.alert_sink is not None:
            from monitor.alerts.routing import shown_on_terminal

            settings = self.runtime().settings
            changes = [c for c in changes if shown_on_terminal(c.alert, settings)]
        if changes and self.alert_sink is not None:
            try:
                self.alert_sink(changes)
            except Exception:
                log.exception("showing alerts on the terminal failed")

    # ------------------------------------------------------------ scheduling

    def _intervals(self) -> dict[str, float]:
        sched = self.runtime().settings.schedule
        return {"expiry": sched.expiry, "housekeeping": sched.housekeeping, "heartbeat": HEARTBEAT_S}

    def _build_loops(self) -> dict[str, Loop]:
        """The event-driven stages: poll -> assess -> outbox, each waking the next."""
        def sched() -> ScheduleSettings:
            return self.runtime().settings.schedule

        return {
            "poll": Loop("poll", self._job("poll", self._poll), lambda: sched().tick, self._stop),
            "assess": Loop("assess", self._job("tick", self._tick), lambda: sched().tick, self._stop),
            "outbox": Loop("outbox", self._job("outbox", self._flush), lambda: sched().outbox, self._stop),
        }

    def _build_scheduler(self) -> BackgroundScheduler:
        """APScheduler for the periodic chores; the stages run as :class:`Loop` threads."""
        scheduler = BackgroundScheduler(
            timezone=UTC,
            executors={
                "default": ThreadPoolExecutor(1),  # expiry, housekeeping, sync
                "heartbeat": ThreadPoolExecutor(1),
            },
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        now = datetime.now(UTC)
        jobs = {
            "expiry": (self._expire, "default", now + timedelta(seconds=1)),
            "housekeeping": (self._housekeeping, "default", now + timedelta(seconds=2)),
            "heartbeat": (self._heartbeat, "heartbeat", now),
        }
        for name, seconds in self._intervals().items():
            fn, executor, first = jobs[name]
            scheduler.add_job(
                self._job(name, fn), IntervalTrigger(seconds=seconds, timezone=UTC),
                id=name, name=name, executor=executor, next_run_time=first, replace_existing=True,
            )
        return scheduler

    def _stage_bounds(self) -> dict[str, float]:
        sched = self.runtime().settings.schedule
        return {"poll": sched.tick, "assess": sched.tick, "outbox": sched.outbox}

    def _reschedule(self, old: dict[str, float], old_bounds: dict[str, float]) -> None:
        assert self.scheduler is not None
        for name, seconds in self._intervals().items():
            if old.get(name) != seconds:
                self.scheduler.reschedule_job(name, trigger=IntervalTrigger(seconds=seconds, timezone=UTC))
                log.info("job %s now runs every %gs", name, seconds, extra={"job": name, "interval_s": seconds})
        for name, seconds in self._stage_bounds().items():
            if old_bounds.get(name) != seconds:
                log.info("stage %s now sleeps at most %gs", name, seconds, extra={"job": name, "interval_s": seconds})
                self._wake_stage(name)()

    # ------------------------------------------------------------ reload

    def reload(self) -> bool:
        """Load, validate and swap the config; on error keep the last good one."""
        log.info("reloading config from %s", self.config_dir)
        self.notifier.status("reloading config")
        try:
            new = self.load_runtime(self.config_dir)
        except ConfigError as exc:
            for problem in exc.problems:
                if problem.level == "error":
                    log.error("%s", problem, extra={"file": problem.file, "line": problem.line})
            current = self.runtime()
            log.error(
                "reload failed: %d errors; still running on the last good config (version %s)",
                sum(p.level == "error" for p in exc.problems), current.version,
                extra={"version": current.version},
            )
            self.metrics.reloads.labels("failed").inc()
            self.notifier.status(f"reload failed; running config {current.version}")
            return False
        except Exception:
            log.exception("reload failed unexpectedly; still running on the last good config")
            self.metrics.reloads.labels("failed").inc()
            return False
        old_intervals, old_bounds = self._intervals(), self._stage_bounds()
        old = self.runtime.swap(new)
        if old.settings.database != new.settings.database:
            log.warning("the database URL changed in monitor.yaml: restart the monitor to use it")
        for problem in new.warnings:
            log.warning("%s", problem)
        if self.scheduler is not None:
            self._reschedule(old_intervals, old_bounds)
            self.scheduler.add_job(self._job("sync", self._sync), executor="default", id="sync", replace_existing=True)
        self.metrics.reloads.labels("ok").inc()
        log.info("config reloaded (version %s -> %s)", old.version, new.version,
                 extra={"version": new.version, "previous_version": old.version})
        del old
        freeze_heap()  # reclaim the previous runtime's cycles; keep full GC passes off the new one
        self.notifier.status(f"running config {new.version}")
        return True

    # ------------------------------------------------------------ signals

    def request_stop(self, *_: Any) -> None:
        """Signal-safe: only sets flags (no logging, no locks held by others)."""
        if self._stop_deadline is None:
            self._stop_deadline = time.monotonic() + STOP_TIMEOUT_S
        self._stop.set()
        self.pipeline.stopping.set()  # a poll pass in progress claims nothing more
        for loop in self._loops.values():
            loop.wake()
        self._wake.set()

    def request_reload(self, *_: Any) -> None:
        self._reload_requested = True
        self._wake.set()

    def _unwritable(self, exc: BaseException) -> None:
        """The database refuses writes: stop with a non-zero exit (what is stored stays stored)."""
        if self.exit_code == 0:
            self.exit_code = EXIT_UNWRITABLE
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            log.error("%s; stopping (everything stored so far is kept: restart once the database is writable)",
                      reason, extra={"instance": self.instance_id})
        self.request_stop()

    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, self.request_stop)
        signal.signal(signal.SIGINT, self.request_stop)
        signal.signal(signal.SIGHUP, self.request_reload)

    # ------------------------------------------------------------ lifecycle

    def _start_common(self) -> None:
        now = self.clock()
        register_instance(self.sessions, self.instance_id, now)
        reap_dead_instances(self.sessions, now, me=self.instance_id)
        for problem in self.runtime().warnings:
            log.warning("%s", problem)
        self.pipeline.sync_feeds()

    def run_once(self) -> int:
        """One pass of everything due (poll, tag, alert, deliver); 0 unless a step failed."""
        self._start_common()
        log.info("running once", extra={"instance": self.instance_id})
        started = time.monotonic()
        try:
            stats = self.pipeline.run_cycle(deliver=True)
            self.metrics.observe_cycle(stats, time.monotonic() - started)
            self._show(stats.alert_changes)
            self._housekeeping()
        finally:
            mark_stopped(self.sessions, self.instance_id, self.clock())
        polls = stats.polls
        log.info(
            "done: %d polls (%d errors), %d new items, %d events, %d alert changes, %d deliveries sent",
            polls.polled, polls.errors, polls.items, stats.events + stats.trade_events,
            len(stats.alert_changes), stats.deliveries,
            extra={"polls": polls.polled, "poll_errors": polls.errors, "items": polls.items,
                   "events": stats.events + stats.trade_events, "alert_changes": len(stats.alert_changes),
                   "deliveries": stats.deliveries, "step_errors": stats.errors},
        )
        return 1 if stats.errors else 0

    def run_forever(self, *, install_signals: bool = True) -> int:
        """Run until SIGTERM/SIGINT; reload on SIGHUP. Returns the exit code (0)."""
        if install_signals:
            self.install_signal_handlers()
        self._start_common()
        self.scheduler = self._build_scheduler()
        self.scheduler.start()
        self._loops = self._build_loops()
        for loop in self._loops.values():
            loop.start()
        log.info(
            "monitor started (instance %s, config %s, version %s)",
            self.instance_id, self.config_dir, self.runtime().version,
            extra={"instance": self.instance_id, "version": self.runtime().version, "pid": os.getpid()},
        )
        self.notifier.ready(f"running config {self.runtime().version}")
        while not self._stop.is_set():
            self._wake.wait(1.0)
            self._wake.clear()
            if self._reload_requested and not self._stop.is_set():
                self._reload_requested = False
                self.reload()
        return self._shutdown()

    def _shutdown(self) -> int:
        deadline = self._stop_deadline or (time.monotonic() + STOP_TIMEOUT_S)
        log.info("stopping (waiting for work in flight)", extra={"instance": self.instance_id})
        self.notifier.stopping()
        assert self.scheduler is not None
        self.scheduler.shutdown(wait=False)
        with self._idle:
            self._idle.wait_for(lambda: self._running == 0, timeout=max(0.0, deadline - time.monotonic() - 2.0))
            abandoned = self._running
        if abandoned:
            log.warning(
                "%d jobs still running at the stop deadline: leaving them to resume at the next start", abandoned
            )
        if self.exit_code:
            # a read-only SQLite file: closing a connection writes to its -shm and would die of
            # SIGBUS; the committed data is in the file and its WAL, so leave without closing
            log.info("stopped", extra={"instance": self.instance_id})
            _flush_logs()
            os._exit(self.exit_code)
        # The last writes get what time is left; they must not hold up the exit.
        finisher = threading.Thread(
            target=self._final_writes, name="monitor-stop", daemon=True
        )
        finisher.start()
        finisher.join(timeout=max(0.1, deadline - time.monotonic() - 0.5))
        log.info("stopped", extra={"instance": self.instance_id})
        if abandoned or finisher.is_alive():
            _flush_logs()
            os._exit(self.exit_code)  # worker threads are stuck in I/O; their work is resumable
        self.engine.dispose()
        return self.exit_code

    def _final_writes(self) -> None:
        try:
            mark_stopped(self.sessions, self.instance_id, self.clock())
        except Exception as exc:
            log.warning("could not record the clean stop: %s", exc)
        try:
            self.pipeline.close()
        except Exception:  # pragma: no cover - closing an HTTP client
            pass


def _first_line(exc: BaseException) -> str:
    """The first line of what the driver said (SQLAlchemy wraps it in lines of its own)."""
    seen: BaseException = exc.__cause__ or exc
    return (str(seen).strip().splitlines() or [type(seen).__name__])[0]


def _flush_logs() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def serve_metrics(metrics: Metrics, host: str, port: int) -> MetricsServer:
    """Start ``/metrics`` and ``/healthz``; raises ``OSError`` if the port is taken."""
    server = MetricsServer(metrics, host, port).start()
    h, p = server.address
    log.info("metrics on http://%s:%d/metrics, health on /healthz", h, p, extra={"metrics_port": p})
    return server
