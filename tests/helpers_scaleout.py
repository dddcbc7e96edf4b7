"""Real parts for the scale-out tests: several ``monitor run`` processes, one database.

- :class:`FeedFarm`: ``ThreadingHTTPServer`` s on several loopback addresses
  (127.0.0.1, 127.0.0.2, ...: the fetcher limits requests per host, so slow
  feeds get a host each and start at once) serving small RSS feeds, some after
  a delay; every request is recorded server-side with path and time.
- :class:`MailSink`: a real SMTP server (aiosmtpd ``Controller``) recording
  each message's recipients, ``Message-ID`` and ``X-Monitor-Alerts``.
- :func:`write_config`: a tiny graph (six nodes with aliases, "Port of
  Testhaven"), ``feeds.yaml``, and ``monitor.yaml`` with SMTP, e-mail
  subscriptions and a short schedule (``lease: 4s``).
- :func:`fresh_postgres`: a new database on the server of ``postgres_url``,
  dropped afterwards.
- :class:`Instances`: ``n`` real ``monitor run`` subprocesses started at once.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from conftest import fresh_postgres_database
from helpers_service import quiet_items, rss, wait_for  # shared with the daemon tests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

MONITOR = str(Path(sys.executable).with_name("monitor"))
#: A held request is answered at the latest after this long: below the read
#: timeout these tests configure (:data:`READ_TIMEOUT_S`), so it never turns into
#: a fetch error, and long enough that a loaded CI machine settles everything
#: else while the victim's polls are still held.
HOLD_MAX_S = 100.0
READ_TIMEOUT_S = 120

GRAPH = """\
ecosystems:
  - {id: mobility, name: Mobility}
  - {id: electronics, name: Electronics}
nodes:
  - id: port-testhaven
    name: Port of Testhaven
    kind: port
    ecosystem: mobility
    location: {country: NL, lat: 51.9, lon: 4.1}
    aliases: ["Port of Testhaven", "Testhaven port"]
    provides: [container-port]
  - id: chipworks-testburg
    name: Chipworks Testburg
    kind: company
    ecosystem: electronics
    location: {country: DE, lat: 51.0, lon: 13.7}
    aliases: ["Chipworks Testburg"]
    provides: [semiconductors]
  - id: magnetics-probeville
    name: Magnetics Probeville
    kind: company
    ecosystem: electronics
    location: {country: AT, lat: 47.1, lon: 15.4}
    aliases: ["Magnetics Probeville"]
    provides: [magnets]
  - id: wirefab-samplestad
    name: Wirefab Samplestad
    kind: company
    ecosystem: mobility
    location: {country: CZ, lat: 49.2, lon: 16.6}
    aliases: ["Wirefab Samplestad"]
    provides: [wiring-harnesses]
  - id: testville-automotive
    name: Testville automotive cluster
    kind: cluster
    ecosystem: mobility
    location: {country: DE, lat: 48.1, lon: 11.5}
    aliases: ["Testville automotive cluster"]
  - id: examplia-electronics
    name: Examplia electronics cluster
    kind: cluster
    ecosystem: electronics
    location: {country: DE, lat: 52.5, lon: 13.4}
    aliases: ["Examplia electronics cluster"]
  - id: cablecorp-demoville
    name: Cablecorp Demoville
    kind: company
    ecosystem: mobility
    location: {country: PL, lat: 51.1, lon: 17.0}
    aliases: ["Cablecorp Demoville"]
    provides: [cables]
edges:
  - {from: chipworks-testburg, to: testville-automotive, product: semiconductors, share: 0.6, via: [port-testhaven]}
  - {from: magnetics-probeville, to: testville-automotive, product: magnets, share: 0.5}
  - {from: wirefab-samplestad, to: testville-automotive, product: wiring-harnesses, share: 0.7}
  - {from: magnetics-probeville, to: examplia-electronics, product: magnets, share: 0.4}
  - {from: cablecorp-demoville, to: testville-automotive, product: cables, share: 0.5}
"""

#: Subscriptions: (name, recipients, nodes). Alerts at these nodes or upstream of them.
SUBSCRIPTIONS = (
    ("Automotive desk", ("auto-desk@example.org", "auto-lead@example.org"), ("testville-automotive",)),
    ("Electronics desk", ("elec-desk@example.org",), ("examplia-electronics",)),
)


@dataclass(frozen=True)
class Hit:
    host: str
    path: str
    at: float  # time.monotonic() when the request arrived
    wall: float  # time.time() then, to compare with times the instances stored


class FeedFarm:
    """RSS over HTTP on several loopback addresses; ``bodies[path]`` is served
    after ``delays[path]`` seconds, whichever address is asked.

    ``hold(path)`` makes the *first* request of ``path`` wait until
    the returned event is set (at most ``HOLD_MAX_S``): a poll the test keeps in flight.
    """

    def __init__(self, hosts: int = 1) -> None:
        self.bodies: dict[str, bytes] = {}
        self.delays: dict[str, float] = {}
        self.gates: dict[str, threading.Event] = {}
        self._all_gates: list[threading.Event] = []
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        farm = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                path = self.path.split("?", 1)[0]
                with farm._lock:
                    farm.hits.append(Hit(self.server.server_address[0], path, time.monotonic(), time.time()))
                    body = farm.bodies.get(path)
                    delay = farm.delays.get(path, 0.0)
                    gate = farm.gates.pop(path, None)  # only the first request is held
                if gate is not None:
                    gate.wait(HOLD_MAX_S)
                if delay:
                    time.sleep(delay)
                try:
                    if body is None:
                        self.send_response(404)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client was killed meanwhile
                    pass

            def log_message(self, *args: Any) -> None:
                return

        self.servers = []
        for i in range(hosts):
            httpd = ThreadingHTTPServer((f"127.0.0.{i + 1}", 0), Handler)
            httpd.daemon_threads = True
            self.servers.append(httpd)
        self.threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in self.servers]

    def __enter__(self) -> FeedFarm:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for gate in self._all_gates:  # a test that failed midway leaves no request held
            gate.set()
        for s in self.servers:
            s.shutdown()
            s.server_close()

    def hold(self, path: str) -> threading.Event:
        """Hold the first request of ``path``; set the returned event to answer it."""
        gate = threading.Event()
        with self._lock:
            self.gates[path] = gate
            self._all_gates.append(gate)
        return gate

    def url(self, path: str, host: int = 0) -> str:
        addr, port = self.servers[host].server_address[:2]
        return f"http://{addr}:{port}{path}"

    def hits_of(self, path: str) -> list[float]:
        with self._lock:
            return [h.at for h in self.hits if h.path == path]

    def wall_hits_of(self, path: str) -> list[float]:
        """As :meth:`hits_of`, in wall-clock seconds since the epoch."""
        with self._lock:
            return [h.wall for h in self.hits if h.path == path]


@dataclass(frozen=True)
class Mail:
    recipients: tuple[str, ...]
    message_id: str
    alerts: tuple[int, ...]
    subject: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _MailHandler:
    def __init__(self) -> None:
        self.received: list[Mail] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd API
        msg = message_from_bytes(bytes(envelope.original_content))
        alerts = tuple(int(a) for a in (msg.get("X-Monitor-Alerts") or "").split(",") if a.strip())
        with self.lock:
            self.received.append(
                Mail(tuple(envelope.rcpt_tos), str(msg.get("Message-ID")), alerts, str(msg.get("Subject")))
            )
        return "250 OK"


class MailSink:
    """A real SMTP server on 127.0.0.1 that records every message."""

    def __init__(self) -> None:
        self.handler = _MailHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> MailSink:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    @property
    def received(self) -> list[Mail]:
        with self.handler.lock:
            return list(self.handler.received)

    def per_recipient_alert(self) -> dict[tuple[str, int], int]:
        """How many messages each (recipient, alert id) pair received."""
        counts: dict[tuple[str, int], int] = {}
        for mail in self.received:
            for rcpt in mail.recipients:
                for alert in mail.alerts:
                    counts[(rcpt, alert)] = counts.get((rcpt, alert), 0) + 1
        return counts


def write_config(root: Path, feeds: list[dict[str, Any]], *, smtp_port: int, schedule: dict[str, str]) -> Path:
    """A config dir: the tiny graph, ``feeds.yaml``, ``monitor.yaml`` (SMTP, subscriptions)."""
    cfg = root / "config"
    (cfg / "graph").mkdir(parents=True, exist_ok=True)
    (cfg / "graph" / "test.yaml").write_text(GRAPH)
    (cfg / "feeds.yaml").write_text("news:\n" + "".join(f"  - {json.dumps(f)}\n" for f in feeds))
    lines = [
        "schedule: {" + ", ".join(f"{k}: {v}" for k, v in schedule.items()) + "}",
        f"fetch: {{read_timeout: {READ_TIMEOUT_S}s, total_timeout: {READ_TIMEOUT_S + 30}s}}",
        "alerts: {group_wait: 0s, repeat_interval: 1d}",
        f"smtp: {{host: 127.0.0.1, port: {smtp_port}, starttls: false, sender: monitor@example.org, timeout: 10}}",
        "subscriptions:",
    ]
    for name, emails, nodes in SUBSCRIPTIONS:
        lines.append(f"  - {{name: {name}, email: [{', '.join(emails)}], nodes: [{', '.join(nodes)}], "
                     "min_severity: low, digest: immediate}")
    (cfg / "monitor.yaml").write_text("\n".join(lines) + "\n")
    return cfg


#: kept under its old name for the scale-out tests
fresh_postgres = fresh_postgres_database


def engine_for(url: str) -> Engine:
    """An engine for the test's own reads (plain postgresql:// means psycopg 3)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed)


def rows(engine: Engine, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        try:
            return [tuple(r) for r in conn.execute(text(sql), params).all()]
        except Exception as exc:  # the schema may not exist yet while instances start
            if "does not exist" in str(exc) or "no such table" in str(exc):
                return []
            raise


def scalar(engine: Engine, sql: str, **params: Any) -> Any:
    got = rows(engine, sql, **params)
    return got[0][0] if got else None


class Instances:
    """``n`` real ``monitor run`` processes on one database, started at once."""

    def __init__(self, n: int, cfg: Path, url: str, workdir: Path) -> None:
        self.cfg, self.url, self.workdir = cfg, url, workdir
        self.env = {**{k: v for k, v in os.environ.items() if k != "NOTIFY_SOCKET"}, "MONITOR_DATABASE_URL": url}
        self.logs = [workdir / f"instance{i}.log" for i in range(n)]
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self) -> Instances:
        handles = [open(p, "wb") for p in self.logs]
        try:
            self.procs = [
                subprocess.Popen([MONITOR, "run", "--config", str(self.cfg), "--no-alerts"], cwd=self.workdir,
                                 env=self.env, stdout=subprocess.DEVNULL, stderr=fh)
                for fh in handles
            ]
        finally:
            for fh in handles:
                fh.close()  # the children keep their own descriptors
        return self

    def log(self, i: int) -> str:
        return self.logs[i].read_text(errors="replace")

    def all_logs(self) -> str:
        return "\n".join(f"--- instance {i} (pid {p.pid}) ---\n{self.log(i)[-4000:]}" for i, p in enumerate(self.procs))

    def by_pid(self, pid: int) -> int:
        return next(i for i, p in enumerate(self.procs) if p.pid == pid)

    def kill9(self, i: int) -> None:
        self.procs[i].send_signal(signal.SIGKILL)
        self.procs[i].wait(timeout=10)

    def stop(self, timeout: float = 15.0) -> list[int | None]:
        """SIGTERM the live ones; return every exit code (None: had to be killed)."""
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        codes: list[int | None] = []
        for p in self.procs:
            try:
                codes.append(p.wait(timeout=timeout))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                codes.append(None)
        return codes

    def status(self) -> dict[str, Any]:
        res = subprocess.run([MONITOR, "status", "--json", "--config", str(self.cfg)], cwd=self.workdir,
                             env=self.env, capture_output=True, text=True, timeout=30)
        assert res.returncode == 0, res.stderr
        return json.loads(res.stdout)

    def __enter__(self) -> Instances:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()


# --------------------------------------------------------------------------- the scenario

#: Stories naming graph nodes with disruption words: (guid, title, text).
FIRE_TESTHAVEN = ("fire-testhaven", "Major fire at Port of Testhaven halts container terminal",
                  "A major fire broke out at the Port of Testhaven on Monday; the container terminal is closed.")
STRIKE_CHIPWORKS = ("strike-chipworks", "Workers strike at Chipworks Testburg",
                    "Workers at Chipworks Testburg walked out on strike on Tuesday, halting production.")
FLOOD_MAGNETICS = ("flood-magnetics", "Flood hits Magnetics Probeville plant",
                   "Severe flooding inundated the Magnetics Probeville plant; production stopped.")
CYBER_WIREFAB = ("cyber-wirefab", "Cyberattack shuts down Wirefab Samplestad",
                 "A ransomware cyberattack shut down systems at Wirefab Samplestad.")
FIRE_EXAMPLIA = ("fire-examplia", "Explosion and fire at Examplia electronics cluster",
                 "An explosion caused a large fire at the Examplia electronics cluster on Friday.")
STRIKE_TESTVILLE = ("strike-testville", "Workers strike at Testville automotive cluster",
                    "Workers at the Testville automotive cluster went on strike on Wednesday; lines are idle.")
BAN_CABLECORP = ("ban-cablecorp", "Export ban hits Cablecorp Demoville",
                 "The government imposed an export ban on cables; Cablecorp Demoville cannot ship abroad.")

N_FEEDS = 30


@dataclass
class FeedPlan:
    name: str
    path: str
    host: int
    items: list[tuple[str, str, str]]
    slow: bool


def plan_feeds() -> list[FeedPlan]:
    """26 fast feeds on 127.0.0.1 (a few report disruptions, several report the
    same one so alerts must converge), 4 slow ones on 127.0.0.2-5 whose
    disruptions are only known once they are polled. Slow feeds sit among the
    fast ones, so each instance's share is likely to hold one."""
    fast_stories = {0: FIRE_TESTHAVEN, 1: FIRE_TESTHAVEN, 2: FIRE_TESTHAVEN, 3: STRIKE_CHIPWORKS,
                    4: STRIKE_CHIPWORKS, 5: FLOOD_MAGNETICS}
    # each slow feed reports a disruption at a target no other feed reports (one alert per target and incident)
    slow_stories = {0: CYBER_WIREFAB, 1: FIRE_EXAMPLIA, 2: STRIKE_TESTVILLE, 3: BAN_CABLECORP}
    plans = []
    for i in range(N_FEEDS - 4):
        items = quiet_items(f"fast{i}", 2 + i % 3)
        if i in fast_stories:
            g, t, d = fast_stories[i]
            items.append((f"{g}-{i}", t, d))
        plans.append(FeedPlan(f"Fast feed {i}", f"/fast{i}", 0, items, False))
    for i in range(4):
        items = quiet_items(f"slow{i}", 2)
        if i in slow_stories:
            g, t, d = slow_stories[i]
            items.append((f"{g}-{i}", t, d))
        plans.insert(4 + 7 * i, FeedPlan(f"Slow feed {i}", f"/slow{i}", 1 + i, items, True))
    return plans


def _db_settled(engine: Engine) -> bool:
    """Everything stored is tagged, alerted and sent (nothing in flight)."""
    return (
        scalar(engine, "SELECT count(*) FROM items WHERE tagged = :f", f=False) == 0
        and scalar(engine, "SELECT count(*) FROM events WHERE processed = :f", f=False) == 0
        and scalar(engine, "SELECT count(*) FROM deliveries WHERE status <> 'sent'") == 0
    )


def _epoch(value: Any) -> float:
    """A stored timestamp (SQLite: naive ISO text in UTC; PostgreSQL: aware) as epoch seconds."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return float(value.timestamp())


def polls_by_name(engine: Engine) -> dict[str, int]:
    """How often each feed (by name) has been polled."""
    return dict(rows(engine, "SELECT name, polls FROM feeds"))


def _progress(engine: Engine, farm: FeedFarm, slow: list[FeedPlan]) -> dict[str, Any]:
    """What a failed wait shows: feeds not polled exactly once, slow feeds not requested,
    leases held, and what is still unsettled."""
    polled = polls_by_name(engine)
    return {
        "feeds": len(polled),
        "not_polled_once": {n: c for n, c in polled.items() if c != 1},
        "slow_not_requested": [p.name for p in slow if not farm.hits_of(p.path)],
        "leases": rows(engine, "SELECT name, lease_owner FROM feeds WHERE lease_owner IS NOT NULL"),
        "untagged": scalar(engine, "SELECT count(*) FROM items WHERE tagged = :f", f=False),
        "unprocessed_events": scalar(engine, "SELECT count(*) FROM events WHERE processed = :f", f=False),
        "unsent": rows(engine, "SELECT status, count(*) FROM deliveries WHERE status <> 'sent' GROUP BY status"),
    }


def run_kill_scenario(url: str, workdir: Path) -> dict[str, Any]:
    """Three ``monitor run`` instances on ``url``; kill -9 one that holds slow
    feeds; check nothing is polled twice, lost, or mailed twice.

    Returns figures for the report (timings, who held what).
    """
    plans = plan_feeds()
    fast = [p for p in plans if not p.slow]
    slow = [p for p in plans if p.slow]
    figures: dict[str, Any] = {}
    with FeedFarm(hosts=5) as farm, MailSink() as mail:
        for p in plans:
            farm.bodies[p.path] = rss(p.items, title=p.name)
        # the first request of each slow feed stays in flight until we say so
        gates = {p.name: farm.hold(p.path) for p in slow}
        feeds = [{"name": p.name, "url": farm.url(p.path, p.host), "interval": "1h"} for p in plans]
        cfg = write_config(
            workdir, feeds, smtp_port=mail.port,
            # housekeeping far away: dead instances are *not* reaped, their feeds
            # come back only through lease expiry
            schedule={"tick": "1s", "outbox": "1s", "expiry": "1h", "housekeeping": "1h", "lease": "4s"},
        )
        engine = engine_for(url)
        started = time.monotonic()
        with Instances(3, cfg, url, workdir) as inst:
            try:
                # 1. every fast feed stored; the slow ones in flight (held by the server)
                wait_for(lambda: len(polls_by_name(engine)) == N_FEEDS
                         and all(polls_by_name(engine).get(p.name) == 1 for p in fast)
                         and all(farm.hits_of(p.path) for p in slow),
                         timeout=60, what="the fast feeds polled and the slow ones claimed",
                         state=lambda: _progress(engine, farm, slow))
                first_slow_hit = min(farm.hits_of(p.path)[0] for p in slow)
                status = inst.status()
                alive = status["instances"]
                assert sorted(i["pid"] for i in alive) == sorted(p.pid for p in inst.procs), status
                # 2. the victim: an instance holding slow feeds, as `monitor status` shows them
                slow_names = {p.name for p in slow}
                victim = max(alive, key=lambda i: len(slow_names & set(i["holds"]["feeds"])))
                held = sorted(slow_names & set(victim["holds"]["feeds"]))
                assert held, status
                db_held = sorted(n for (n,) in rows(engine, "SELECT name FROM feeds WHERE lease_owner = :o",
                                                    o=victim["id"]))
                assert db_held == held, (db_held, held)
                # 3. answer every other slow feed; wait until all that is stored is
                #    tagged, alerted and mailed: nothing is in flight but the victim's polls
                for name, gate in gates.items():
                    if name not in held:
                        gate.set()
                wait_for(lambda: all(polls_by_name(engine).get(p.name) == 1 for p in plans if p.name not in held)
                         and _db_settled(engine),
                         timeout=30, what="everything but the victim's feeds polled, alerted and mailed",
                         state=lambda: _progress(engine, farm, slow))
                assert time.monotonic() < first_slow_hit + HOLD_MAX_S - 1, "too slow: the held polls timed out"
                figures["settled_s"] = round(time.monotonic() - started, 2)
                figures["slow_in_flight_s"] = round(time.monotonic() - first_slow_hit, 2)
                sent_before = len(mail.received)
                # As if it ran on another machine: the survivors cannot see its pid is
                # gone (housekeeping would reap it at once), so only lease expiry frees its feeds.
                with engine.begin() as conn:
                    conn.execute(text("UPDATE instances SET host = 'another-machine' WHERE id = :i"), {"i": victim["id"]})
                inst.kill9(inst.by_pid(victim["pid"]))
                killed_at = time.monotonic()
                # its leases as it left them: nobody may take a feed over before they run out
                at_kill = {n: (owner, _epoch(until)) for n, owner, until in rows(
                    engine, "SELECT name, lease_owner, lease_until FROM feeds WHERE lease_owner IS NOT NULL")}
                assert all(at_kill.get(n, (None,))[0] == victim["id"] for n in held), (
                    "the victim's leases lapsed before the kill (lease renewals starved?)", at_kill, held)
                for gate in gates.values():
                    gate.set()  # the dead instance's requests are answered into closed sockets
                figures.update(victim=victim["id"], victim_held=held, mails_before_kill=sent_before,
                               holds={i["id"]: i["holds"] for i in alive})
                # 3. the others take its feeds over once the lease expires, and finish everything
                wait_for(lambda: all(v == 1 for v in polls_by_name(engine).values()) and _db_settled(engine),
                         timeout=30, what="every feed polled and every alert mailed",
                         state=lambda: _progress(engine, farm, slow))
                figures["all_done_s"] = round(time.monotonic() - started, 2)
                # quiet period: two more ticks and outbox flushes must change nothing
                hits, mails = len(farm.hits), len(mail.received)
                time.sleep(2.5)
                assert (len(farm.hits), len(mail.received)) == (hits, mails), "work done twice after the end"
                after_kill = inst.status()
                codes = inst.stop()
            except BaseException:
                print(inst.all_logs())
                raise
        victim_i = next(i for i, p in enumerate(inst.procs) if p.pid == victim["pid"])
        assert [c for i, c in enumerate(codes) if i != victim_i] == [0, 0], inst.all_logs()
        figures["after_kill_instances"] = [i["id"] for i in after_kill["instances"]]

        # --- migrations ran once, though all three started at once on an empty database
        logs = [inst.log(i) for i in range(3)]
        assert sum("migrating database schema" in t for t in logs) == 1, logs

        # --- every feed polled; none twice for its one due time (1h interval)
        for p in plans:
            got = farm.hits_of(p.path)
            if p.name in held:
                # the killed instance's request, then one take-over after its lease expired
                assert len(got) == 2, (p.name, got)
                # not before the lease it held at the kill ran out
                taken_over = farm.wall_hits_of(p.path)[1]
                assert taken_over >= at_kill[p.name][1] - 0.01, (p.name, taken_over - at_kill[p.name][1])
            else:
                assert len(got) == 1, (p.name, got)
        assert polls_by_name(engine) == {p.name: 1 for p in plans}
        leftover = rows(engine, "SELECT name, lease_owner, lease_until, lease_token FROM feeds WHERE lease_owner IS NOT NULL OR lease_token IS NOT NULL")
        assert leftover == [], leftover
        figures["takeover_after_kill_s"] = sorted(round(farm.hits_of(p.path)[1] - killed_at, 2)
                                                  for p in plans if p.name in held)

        # --- nothing lost: every item of every feed stored once
        stored = rows(engine, "SELECT f.name, i.title FROM items i JOIN feeds f ON f.id = i.feed_id")
        assert sorted(stored) == sorted((p.name, t) for p in plans for _, t, _ in p.items)

        # --- alerts converged: one per (target, type), covering every story
        alerts = rows(engine, "SELECT id, target, type FROM alerts")
        assert len({(t, ty) for _, t, ty in alerts}) == len(alerts)
        targets = {t for _, t, _ in alerts}
        assert {"port-testhaven", "chipworks-testburg", "magnetics-probeville", "wirefab-samplestad"} <= targets
        assert ("wirefab-samplestad", "cyberattack") in {(t, ty) for _, t, ty in alerts}

        # --- every alert e-mail went out exactly once
        deliveries = rows(engine, "SELECT recipient, alert_id, status FROM deliveries WHERE channel = 'email'")
        assert deliveries and all(s == "sent" for _, _, s in deliveries)
        expected = {(r, a): 1 for r, a, _ in deliveries}
        assert len(expected) == len(deliveries)
        assert mail.per_recipient_alert() == expected
        # the slow feeds' alerts were mailed after the kill, by the survivors
        late = {a for (_, a) in expected} - {a for m in mail.received[:sent_before] for a in m.alerts}
        assert late, "no alert came from the taken-over feeds"
        figures.update(alerts=len(alerts), mails=len(mail.received), deliveries=len(deliveries),
                       items=len(stored), late_alerts=len(late),
                       polls_by_instance=dict(rows(engine, "SELECT instance, sum(polls) FROM cycles "
                                                           "WHERE finished_at IS NOT NULL GROUP BY instance")))
        engine.dispose()
    return figures


def race_claims(runtime: Any, url: str, now: Any, *, instances: int = 4, limit: int = 25,
                update_returning: bool | None = None, until_empty: bool = False) -> dict[str, list[int]]:
    """``instances`` pipelines, each on its own engine, call ``claim_due`` at the same moment.

    ``update_returning=False`` makes them claim row by row (the path for
    SQLite before 3.35); ``until_empty`` has each claim again until nothing
    is left, as ``poll_due`` does. Returns the feed ids each instance won.
    """
    from monitor.pipeline import Pipeline
    from monitor.store.db import make_engine, make_sessionmaker, resolve_url

    barrier = threading.Barrier(instances)
    got: dict[str, list[int]] = {}

    def claim(name: str) -> None:
        eng = make_engine(resolve_url(url))
        if update_returning is not None:
            eng.dialect.update_returning = update_returning
        try:
            p = Pipeline(lambda: runtime, make_sessionmaker(eng), clock=lambda: now, instance_id=name)
            barrier.wait()
            won = [c.feed_id for c in p.claim_due(now, limit=limit)]
            while until_empty and (more := p.claim_due(now, limit=limit, exclude=won)):
                won += [c.feed_id for c in more]
            got[name] = won
        finally:
            eng.dispose()

    threads = [threading.Thread(target=claim, args=(f"i{k}",)) for k in range(instances)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return got


def assert_claims_split(got: dict[str, list[int]], sessions: Any, n_feeds: int) -> None:
    """Every due feed was won by exactly one instance, and the store names it the owner."""
    from sqlalchemy import select

    from monitor.store import models as m

    ids = [i for v in got.values() for i in v]
    assert len(ids) == len(set(ids)) == n_feeds  # no feed twice, none left out
    with sessions() as s:
        owners = dict(s.execute(select(m.Feed.id, m.Feed.lease_owner)).all())
    assert all(owners[i] == name for name, v in got.items() for i in v)
