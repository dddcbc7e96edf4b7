"""The metrics server cannot be starved or made to pile up threads by idle connections.

Real sockets against a real :class:`monitor.metrics.MetricsServer` on loopback,
with a short injected timeout; the tests wait on sockets (with timeouts), not
on sleeps.
"""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from monitor.metrics import Metrics, MetricsServer

pytestmark = pytest.mark.timeout(60)

CAP = 16


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def _get(port: int, path: str) -> tuple[int, bytes]:
    with _connect(port) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def _closed_by_server(s: socket.socket, within: float) -> bool:
    """True if the server closes ``s`` (EOF or reset) within ``within`` seconds."""
    s.settimeout(within)
    try:
        return s.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


@pytest.fixture
def metrics():
    m = Metrics()
    m.mark_tick()
    return m


def test_idle_connections_keep_the_thread_count_bounded_and_healthz_answers(metrics):
    server = MetricsServer(metrics, "127.0.0.1", 0, timeout=30.0, max_connections=CAP).start()
    port = server.address[1]
    baseline = threading.active_count()
    idle = [_connect(port) for _ in range(3 * CAP)]
    try:
        # accepted in order, so once this answers every idle connection has been dealt with
        status, body = _get(port, "/healthz")
        assert status == 200 and json.loads(body)["status"] == "ok"
        assert threading.active_count() - baseline <= CAP + 2  # not one thread per connection
        assert server.httpd.connections()[0] <= CAP
        # the oldest idle ones made room (closed), the newest are still open
        assert all(_closed_by_server(s, 2.0) for s in idle[: 2 * CAP + 1])
        assert not any(_closed_by_server(s, 0.01) for s in idle[2 * CAP + 1:])
        status, _ = _get(port, "/metrics")
        assert status == 200
    finally:
        for s in idle:
            s.close()
        server.stop()


def test_idle_and_trickling_connections_are_closed_after_the_timeout(metrics):
    server = MetricsServer(metrics, "127.0.0.1", 0, timeout=0.5, max_connections=CAP).start()
    port = server.address[1]
    try:
        quiet = _connect(port)
        started = time.monotonic()
        assert _closed_by_server(quiet, 5.0)
        assert 0.4 < time.monotonic() - started < 3.0

        # a byte every 0.2 s: each read succeeds within the timeout, the request never ends
        trickle = _connect(port)
        started = time.monotonic()
        closed = False
        for byte in b"GET /healthz HTTP/1.1\r\nX-Slow: " + b"a" * 100:
            try:
                trickle.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            if _closed_by_server(trickle, 0.2):  # paces the trickle and notices the close
                closed = True
                break
        assert closed and time.monotonic() - started < 3.0
        assert server.httpd.reaped >= 1
        status, _ = _get(port, "/healthz")
        assert status == 200
        quiet.close()
        trickle.close()
    finally:
        server.stop()


def test_when_every_slot_serves_a_request_new_connections_are_closed_at_once():
    release = threading.Event()

    def slow_snapshot():
        release.wait(20)
        return {}

    m = Metrics(slow_snapshot)
    server = MetricsServer(m, "127.0.0.1", 0, timeout=10.0, max_connections=4).start()
    port = server.address[1]
    busy = [_connect(port) for _ in range(4)]
    try:
        for s in busy:
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")  # each waits on the store
        deadline = time.monotonic() + 5
        while server.httpd.connections() != (4, 0):  # all four past their headers, held by the store
            assert time.monotonic() < deadline, server.httpd.connections()
            release.wait(0.01)  # a handler thread's progress, not a duration: nothing to inject
        late = _connect(port)
        assert _closed_by_server(late, 1.0)  # at once: the timeout is 10 s
        late.close()
        assert server.httpd.rejected == 1
        assert server.httpd.evicted == 0  # busy connections are never evicted
        release.set()
        for s in busy:
            s.settimeout(5)
            assert s.recv(12).startswith(b"HTTP/1.0 200")
    finally:
        release.set()
        for s in busy:
            s.close()
        server.stop()
