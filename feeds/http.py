"""Polite, hostile-proof fetching of feeds over HTTP(S) or from disk.

:class:`Fetcher` turns :class:`FetchRequest` objects into :class:`FetchResult`
objects and never raises for anything the network or the publisher does:
errors are data (``error`` text plus an ``error_kind``), so one broken feed
cannot stop a polling cycle.

What it guards against, and how:

* slow servers: connect/read timeouts from httpx, plus a total deadline that
  is checked while the body streams in (a server trickling one byte per
  second is cut off at ``total_timeout``);
* huge bodies: ``max_bytes`` (default 10 MB) is enforced on the wire bytes as
  they arrive, before anything is buffered beyond it;
* compression bombs: we ask for ``gzip, deflate`` only and decompress the raw
  stream ourselves with ``zlib`` in bounded steps (``max_length``), so a
  10 MB → 10 GB bomb stops as soon as ``max_decoded_bytes`` is passed, without
  ever allocating more than that plus one chunk;
* bodies gzipped without a ``Content-Encoding`` header (a common server
  misconfiguration) are recognised by their magic bytes and unpacked under the
  same cap;
* redirects are followed by hand (at most ``max_redirects``, http/https only —
  a redirect can never reach ``file://``); a leading run of 301/308 hops is
  reported as ``permanent_redirect`` so the caller can update the stored URL,
  302/303/307 are not;
* server-side request forgery through redirects: each hop's host is resolved
  (``getaddrinfo``) and every address it resolves to is classed
  (:func:`address_class`: loopback, private, link-local, cloud metadata,
  reserved, multicast, unspecified, other non-global); a redirect to a
  non-public address is refused unless the feed's own URL resolves to an
  address of that same class (a feed on ``http://127.0.0.1:8080/`` may move
  within loopback, a public feed may not reach ``127.0.0.1:9100/metrics`` or
  ``169.254.169.254``). A refused redirect is an ``error_kind='redirect'``
  error and is never reported as ``permanent_redirect``. The same check runs
  again when a hop after the first opens its connection, which then goes to
  the very address checked (a network backend of our own under httpx), so a
  DNS name that answers differently the second time (rebinding) gains
  nothing. Behind an HTTP proxy (``trust_env``) the proxy resolves names and
  is trusted as configured;
* conditional GET (If-None-Match / If-Modified-Since) → ``not_modified``;
* 429/503 ``Retry-After`` (seconds or HTTP date) → ``retry_after``; 410 → ``gone``;
* at most ``per_host`` requests run against one host at a time, and at most
  ``max_concurrency`` overall (a small dispatcher hands work to a thread pool
  only when the host has a free slot, so waiting never blocks a worker).

``file://`` URLs and plain paths are read from disk with the same caps (trade
series may live in files); a file's size and mtime form its ETag, so a
re-poll of an unchanged file is ``not_modified`` too.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import httpcore
import httpx

__all__ = [
    "USER_AGENT",
    "ErrorKind",
    "FetchRequest",
    "FetchResult",
    "Fetcher",
    "parse_retry_after",
    "maybe_gunzip",
    "BodyTooLarge",
    "address_class",
    "resolve_host",
]

USER_AGENT = "eu-supply-monitor/0.1 (+https://github.com/eu-supply-monitor/eu-supply-monitor)"

MB = 1024 * 1024
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_GZIP_MAGIC = b"\x1f\x8b"
_MAX_RETRY_AFTER = 7 * 86400.0
# cloud instance metadata endpoints (AWS/GCP/Azure/OpenStack on 169.254.169.254, AWS over IPv6)
_METADATA = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class ErrorKind:
    """The values of :attr:`FetchResult.error_kind` (plain strings, stable for storage)."""

    TIMEOUT = "timeout"  # connect/read timeout or total deadline passed
    CONNECT = "connect"  # DNS, refused, TLS, reset
    TOO_LARGE = "too_large"  # body over max_bytes or decoded over max_decoded_bytes
    DECODE = "decode"  # corrupt gzip/deflate, unsupported Content-Encoding
    HTTP = "http"  # any other 4xx/5xx
    GONE = "gone"  # 410
    RATE_LIMITED = "rate_limited"  # 429
    UNAVAILABLE = "unavailable"  # 503
    REDIRECT = "redirect"  # loop, too many, no Location, non-http target
    INVALID_URL = "invalid_url"
    IO = "io"  # file:// / path could not be read
    PROTOCOL = "protocol"  # malformed HTTP


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """What to fetch, with the validators stored from the previous poll."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one fetch. ``body`` is the decoded (decompressed) payload.

    ``ok`` is true for a 2xx with a body and for ``not_modified``; otherwise
    ``error``/``error_kind`` say what went wrong. ``permanent_redirect`` is the
    URL the caller should store from now on (None if there was no leading
    301/308 hop). ``content_type`` is the response's Content-Type header, which
    the feed parser uses as an encoding hint.
    """

    url: str
    final_url: str
    status: int | None = None
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    permanent_redirect: str | None = None
    retry_after: float | None = None
    gone: bool = False
    error: str | None = None
    error_kind: str | None = None
    content_type: str | None = None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


class BodyTooLarge(Exception):
    """Raised internally when a cap is passed; surfaces as ``error_kind='too_large'``."""


class _DecodeError(Exception):
    """Corrupt compressed stream or unsupported encoding."""


class _Deadline(Exception):
    """The total timeout passed while streaming."""


# ---------------------------------------------------------------------------
# bounded decompression


class _Inflater:
    """Streaming gzip/deflate decoder that never produces more than ``cap`` bytes.

    ``zlib.decompressobj.decompress(data, max_length)`` keeps what it could not
    emit in ``unconsumed_tail``; we drain it in steps of at most the remaining
    budget + 1, so the output held in memory never exceeds ``cap`` + 1 bytes.
    Concatenated gzip members are followed (``unused_data`` after ``eof``).
    """

    def __init__(self, encoding: str, cap: int) -> None:
        self.encoding = encoding
        self.cap = cap
        self.produced = 0
        self._first = True
        self._d = self._new()

    def _new(self) -> zlib._Decompress:
        if self.encoding == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(zlib.MAX_WBITS)  # deflate: zlib wrapper (raw handled below)

    def _emit(self, data: bytes) -> bytes:
        out = []
        while data:
            budget = self.cap - self.produced + 1
            try:
                chunk = self._d.decompress(data, budget)
            except zlib.error as exc:
                if self._first and self.encoding == "deflate" and self.produced == 0:
                    # servers that send raw deflate (no zlib header) under "deflate"
                    self._d = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._first = False
                    continue
                raise _DecodeError(f"corrupt {self.encoding} stream: {exc}") from None
            self._first = False
            self.produced += len(chunk)
            if self.produced > self.cap:
                raise BodyTooLarge(f"decompressed body exceeds {self.cap} bytes")
            out.append(chunk)
            if self._d.unconsumed_tail:
                data = self._d.unconsumed_tail
            elif self._d.eof and self._d.unused_data:
                data = self._d.unused_data
                if self.encoding == "gzip" and data.lstrip(b"\x00"):
                    self._d = self._new()  # next gzip member
                    data = data.lstrip(b"\x00")
                else:
                    break
            else:
                break
        return b"".join(out)

    def feed(self, data: bytes) -> bytes:
        return self._emit(data)

    def flush(self) -> bytes:
        tail = self._d.flush()
        self.produced += len(tail)
        if self.produced > self.cap:
            raise BodyTooLarge(f"decompressed body exceeds {self.cap} bytes")
        return tail


def maybe_gunzip(body: bytes, cap: int = 50 * MB) -> bytes:
    """Unpack ``body`` if it starts with the gzip magic bytes, within ``cap``.

    Used for bodies that arrive gzipped without a Content-Encoding header (and
    for files on disk). Raises :class:`BodyTooLarge` past the cap and returns
    ``body`` unchanged when it is not gzip.
    """
    if not body.startswith(_GZIP_MAGIC):
        return body
    inf = _Inflater("gzip", cap)
    try:
        out = inf.feed(body) + inf.flush()
    except _DecodeError:
        return body  # looked like gzip but is not: let the parser judge the bytes
    return out


# ---------------------------------------------------------------------------
# helpers


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date).

    Returns None when absent or unparseable; clamps to [0, 7 days].
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now_ts = time.time() if now is None else now
    return max(0.0, min(when.timestamp() - now_ts, _MAX_RETRY_AFTER))


# ---------------------------------------------------------------------------
# where a redirect may lead

# class -> how the refusal message names it
_CLASS_NAMES = {
    "metadata": "a cloud metadata address",
    "unspecified": "an unspecified address",
    "loopback": "a loopback address",
    "link-local": "a link-local address",
    "multicast": "a multicast address",
    "private": "a private address",
    "reserved": "a reserved address",
    "non-global": "a non-global address",
}


def address_class(ip: IPAddress) -> str | None:
    """The class of a non-public address (a key of the refusal texts), None if public.

    Checked in this order, so the most telling name wins: ``metadata``
    (169.254.169.254, fd00:ec2::254), ``unspecified`` (0.0.0.0, ::, which
    reach the local host), ``loopback``, ``link-local``, ``multicast``,
    ``private``, ``reserved``, then ``non-global`` for anything else
    :attr:`ipaddress.IPv4Address.is_global` rejects (e.g. 100.64.0.0/10).
    IPv4-mapped IPv6 addresses (``::ffff:127.0.0.1``) are judged as the IPv4
    address they carry.
    """
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in _METADATA:
        return "metadata"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_private:
        return "private"
    if ip.is_reserved:
        return "reserved"
    if not ip.is_global:
        return "non-global"
    return None


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to for a TCP connection (``socket.getaddrinfo``).

    Raises :class:`OSError` (``socket.gaierror``) when it does not resolve.
    """
    out: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])  # drop an IPv6 zone id
        if ip not in out:
            out.append(ip)
    return out


def _host_port(url: httpx.URL) -> tuple[str, int]:
    return url.raw_host.decode("ascii"), url.port or (443 if url.scheme == "https" else 80)


def _refusal(target: str, host: str, ip: IPAddress, cls: str, origin: frozenset[str]) -> str:
    what = _CLASS_NAMES.get(cls, f"a {cls} address")
    where = f"{ip} is {what}" if _same_host(host, ip) else f"{host} resolves to {ip}, {what}"
    own = " and ".join(_CLASS_NAMES.get(c, f"a {c} address") for c in sorted(origin)) or "public"
    return f"redirect to {target} refused: {where} (the feed's own URL is {own})"


class _ConnectRefused(Exception):
    """Raised by :class:`_GuardedBackend` when a redirected hop would connect to a refused address."""

    def __init__(self, host: str, ip: IPAddress, cls: str, origin: frozenset[str]) -> None:
        super().__init__(f"{host} -> {ip} ({cls})")
        self.host, self.ip, self.cls, self.origin = host, ip, cls, origin


class _GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, but a redirected hop connects only to addresses it may reach.

    While :attr:`local`.``origin`` is set (by the fetcher, for hops after the
    first), ``connect_tcp`` resolves the host itself, refuses if any address
    is of a class outside ``origin`` (see :func:`address_class`) and connects
    to the checked addresses, not to the name: what was checked is what is
    reached. Outside redirects it is the plain backend.
    """

    def __init__(self, resolve: Callable[[str, int], list[IPAddress]],
                 classify: Callable[[IPAddress], str | None]) -> None:
        self._resolve = resolve
        self._classify = classify
        self.local = threading.local()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        origin: frozenset[str] | None = getattr(self.local, "origin", None)
        if origin is None:
            return super().connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            addresses = self._resolve(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        for ip in addresses:
            cls = self._classify(ip)
            if cls is not None and cls not in origin:
                raise _ConnectRefused(host, ip, cls, origin)
        last: Exception = httpcore.ConnectError(f"{host} resolves to no address")
        for ip in addresses:
            try:
                return super().connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last


def _guard_transport(transport: httpx.HTTPTransport, backend: _GuardedBackend) -> httpx.HTTPTransport:
    """Put ``backend`` under ``transport``'s connection pool (httpcore keeps it in ``_network_backend``)."""
    pool = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        # fail loudly rather than fetch without the guard after an httpx/httpcore upgrade
        raise RuntimeError("cannot install the redirect guard: httpx/httpcore internals changed")
    pool._network_backend = backend
    return transport


def _is_local(url: str) -> bool:
    if url.startswith("file:"):
        return True
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return False  # not a path either; the HTTP branch reports the invalid URL
    # a bare path, or a Windows drive letter ("C:\\...") which urlsplit reads as a scheme
    return scheme == "" or len(scheme) == 1


def _host_key(url: str) -> str:
    if _is_local(url):
        return "file:"
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _http_date(ts: float) -> str:
    return email.utils.formatdate(ts, usegmt=True)


# ---------------------------------------------------------------------------


class Fetcher:
    """Fetch feeds with timeouts, caps, redirects, validators and concurrency limits.

    Thread-safe; create one per process and reuse it (it holds a connection
    pool). Use as a context manager or call :meth:`close`.
    """

    def __init__(
        self,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        total_timeout: float = 60.0,
        max_bytes: int = 10 * MB,
        max_decoded_bytes: int = 50 * MB,
        max_redirects: int = 5,
        per_host: int = 2,
        max_concurrency: int = 16,
        user_agent: str = USER_AGENT,
        trust_env: bool = True,
        verify: bool = True,
        clock: Callable[[], float] = time.monotonic,
        wallclock: Callable[[], float] = time.time,
        resolve: Callable[[str, int], list[IPAddress]] = resolve_host,
        classify: Callable[[IPAddress], str | None] = address_class,
    ) -> None:
        """``resolve`` and ``classify`` decide where redirects may lead (see the
        module docstring); tests inject a ``classify`` that calls one loopback
        address public, to stand for a public feed without the internet."""
        if per_host < 1 or max_concurrency < 1:
            raise ValueError("per_host and max_concurrency must be at least 1")
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_decoded_bytes = max_decoded_bytes
        self.max_redirects = max_redirects
        self.per_host = per_host
        self.max_concurrency = max_concurrency
        self.user_agent = user_agent
        self._clock = clock
        self._wallclock = wallclock
        self._resolve = resolve
        self._classify = classify
        limits = httpx.Limits(max_connections=max_concurrency, max_keepalive_connections=max_concurrency)
        self._backend = _GuardedBackend(resolve, classify)
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout, pool=total_timeout),
            limits=limits,
            transport=_guard_transport(httpx.HTTPTransport(verify=verify, limits=limits, trust_env=trust_env),
                                       self._backend),
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=trust_env,
            verify=verify,
        )
        # per-host semaphores guard direct fetch() calls from several threads too
        self._host_sems: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public API --------------------------------------------------------
    def fetch(self, request: FetchRequest | str) -> FetchResult:
        """Fetch one URL or path. Never raises for network/publisher faults."""
        if isinstance(request, str):
            request = FetchRequest(request)
        sem = self._sem(_host_key(request.url))
        with sem:
            start = self._clock()
            try:
                if _is_local(request.url):
                    res = self._fetch_file(request)
                else:
                    res = self._fetch_http(request, start)
            except Exception as exc:  # last line of defence: errors are data
                res = FetchResult(
                    url=request.url, final_url=request.url, error=f"{type(exc).__name__}: {exc}",
                    error_kind=ErrorKind.PROTOCOL,
                )
            return _with_elapsed(res, self._clock() - start)

    def fetch_iter(
        self,
        requests: Iterable[FetchRequest | str],
        *,
        refill: Callable[[], Sequence[FetchRequest | str]] | None = None,
        refill_every: float = 1.0,
    ) -> Iterator[tuple[int, FetchResult]]:
        """Yield ``(index, result)`` as fetches complete, honouring both limits.

        A dispatcher hands a request to the pool only when its host has a free
        slot, so a slow host never ties up more than ``per_host`` workers and
        other hosts keep going.

        ``refill`` lets the caller add work while fetches run: it is called
        whenever nothing is left waiting here and a worker is free (at most
        once per ``refill_every`` seconds while it keeps returning nothing),
        and what it returns is fetched too, indexed after the earlier requests.
        A poll that is waiting on one slow feed thus goes on taking new work
        instead of idling until that feed answers.
        """
        reqs: list[FetchRequest] = []
        queues: dict[str, deque[int]] = {}
        active: dict[str, int] = {}
        hosts: deque[str] = deque()  # round-robin order

        def add(more: Iterable[FetchRequest | str]) -> int:
            """Queue ``more`` by host; the number queued. A host is in ``hosts``
            exactly while it has requests waiting (the dispatcher drops it when
            its queue runs empty), so one whose queue was empty is listed again."""
            start = len(reqs)
            for r in more:
                req = FetchRequest(r) if isinstance(r, str) else r
                host = _host_key(req.url)
                queue = queues.setdefault(host, deque())
                active.setdefault(host, 0)
                if not queue:
                    hosts.append(host)
                queue.append(len(reqs))
                reqs.append(req)
            return len(reqs) - start

        add(requests)
        running: dict[Future[FetchResult], tuple[int, str]] = {}
        next_refill = self._clock()  # refill at once once the first batch is dispatched
        with ThreadPoolExecutor(max_workers=self.max_concurrency, thread_name_prefix="fetch") as pool:
            while True:
                # fill free slots round-robin across hosts
                progressed = True
                while progressed and len(running) < self.max_concurrency:
                    progressed = False
                    for _ in range(len(hosts)):
                        host = hosts[0]
                        hosts.rotate(-1)
                        if active[host] < self.per_host and queues[host]:
                            idx = queues[host].popleft()
                            active[host] += 1
                            running[pool.submit(self.fetch, reqs[idx])] = (idx, host)
                            progressed = True
                            if len(running) >= self.max_concurrency:
                                break
                    for h in [h for h in hosts if not queues[h]]:
                        hosts.remove(h)
                if (refill is not None and not hosts and len(running) < self.max_concurrency
                        and self._clock() >= next_refill):
                    if add(refill()):
                        continue  # dispatch it, then ask again
                    next_refill = self._clock() + refill_every
                if not running:
                    break  # nothing in flight, nothing waiting, nothing new
                timeout = None
                if refill is not None and not hosts:
                    timeout = max(0.0, next_refill - self._clock())
                done, _ = wait(running, timeout=timeout, return_when=FIRST_COMPLETED)
                for fut in done:
                    idx, host = running.pop(fut)
                    active[host] -= 1
                    yield idx, fut.result()

    def fetch_many(self, requests: Iterable[FetchRequest | str]) -> list[FetchResult]:
        """Fetch all requests concurrently; results in the order of ``requests``."""
        reqs = list(requests)
        out: list[FetchResult | None] = [None] * len(reqs)
        for idx, res in self.fetch_iter(reqs):
            out[idx] = res
        return out  # type: ignore[return-value]

    # -- internals ---------------------------------------------------------
    def _sem(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            sem = self._host_sems.get(host)
            if sem is None:
                sem = self._host_sems[host] = threading.BoundedSemaphore(self.per_host)
            return sem

    def _fetch_file(self, request: FetchRequest) -> FetchResult:
        url = request.url
        if url.startswith("file:"):
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                return _error(url, url, f"file URL with a remote host: {parts.netloc}", ErrorKind.INVALID_URL)
            path = Path(unquote(parts.path))
        else:
            path = Path(url).expanduser()
        try:
            st = path.stat()
            etag = f'"{st.st_size:x}-{st.st_mtime_ns:x}"'
            last_modified = _http_date(st.st_mtime)
            if request.etag is not None and request.etag == etag:
                return FetchResult(url=url, final_url=url, status=304, etag=etag,
                                   last_modified=last_modified, not_modified=True)
            with path.open("rb") as fh:
                raw = fh.read(self.max_bytes + 1)
        except OSError as exc:
            return _error(url, url, f"cannot read {path}: {exc.strerror or exc}", ErrorKind.IO)
        if len(raw) > self.max_bytes:
            return _error(url, url, f"file larger than {self.max_bytes} bytes", ErrorKind.TOO_LARGE)
        try:
            body = maybe_gunzip(raw, self.max_decoded_bytes)
        except BodyTooLarge as exc:
            return _error(url, url, str(exc), ErrorKind.TOO_LARGE)
        return FetchResult(url=url, final_url=url, status=200, body=body, etag=etag,
                           last_modified=last_modified)

    def _fetch_http(self, request: FetchRequest, start: float) -> FetchResult:
        url = request.url
        headers: dict[str, str] = {}
        if request.etag:
            headers["If-None-Match"] = request.etag
        if request.last_modified:
            headers["If-Modified-Since"] = request.last_modified
        deadline = start + self.total_timeout
        current = url
        permanent: str | None = None
        all_permanent = True
        seen = {url}
        origin: frozenset[str] | None = None  # classes of the feed's own addresses, on the first redirect
        for _hop in range(self.max_redirects + 1):
            try:
                target = httpx.URL(current)
            except (httpx.InvalidURL, TypeError, ValueError) as exc:
                return _error(url, current, f"invalid URL {current!r}: {exc}", ErrorKind.INVALID_URL)
            if target.scheme not in ("http", "https"):
                return _error(url, current, f"unsupported URL scheme {target.scheme!r}", ErrorKind.INVALID_URL)
            self._backend.local.origin = origin  # None on the first hop: the feed's own URL
            try:
                with self._client.stream("GET", target, headers=headers) as resp:
                    status = resp.status_code
                    if status in _REDIRECTS:
                        loc = resp.headers.get("location")
                        if not loc:
                            return _error(url, current, f"HTTP {status} without Location", ErrorKind.REDIRECT, status)
                        try:
                            nxt = str(target.join(loc.strip()))
                        except (httpx.InvalidURL, ValueError) as exc:
                            return _error(url, current, f"bad redirect Location {loc!r}: {exc}", ErrorKind.REDIRECT, status)
                        if urlsplit(nxt).scheme.lower() not in ("http", "https"):
                            return _error(url, current, f"redirect to non-HTTP URL {nxt!r} refused",
                                          ErrorKind.REDIRECT, status)
                        if origin is None:
                            origin = self._origin_classes(url)
                        refused = self._refuse_redirect(nxt, origin)
                        if refused is not None:
                            return _error(url, current, refused[0], refused[1], status)
                        if status in _PERMANENT and all_permanent:
                            permanent = nxt
                        else:
                            all_permanent = False
                        if nxt in seen:
                            return _error(url, current, f"redirect loop at {nxt}", ErrorKind.REDIRECT, status)
                        seen.add(nxt)
                        current = nxt
                        continue
                    return self._finish(url, current, resp, permanent, request, deadline)
            except _ConnectRefused as exc:
                return _error(url, current, _refusal(current, exc.host, exc.ip, exc.cls, exc.origin),
                              ErrorKind.REDIRECT)
            except httpx.TimeoutException as exc:
                return _error(url, current, f"timed out: {type(exc).__name__}", ErrorKind.TIMEOUT,
                              permanent=permanent)
            except _Deadline:
                return _error(url, current, f"total timeout of {self.total_timeout:g}s passed", ErrorKind.TIMEOUT,
                              permanent=permanent)
            except (httpx.ConnectError, httpx.NetworkError) as exc:
                return _error(url, current, f"connection failed: {exc}", ErrorKind.CONNECT, permanent=permanent)
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
                return _error(url, current, f"invalid URL: {exc}", ErrorKind.INVALID_URL)
            except httpx.HTTPError as exc:
                return _error(url, current, f"{type(exc).__name__}: {exc}", ErrorKind.PROTOCOL, permanent=permanent)
            finally:
                self._backend.local.origin = None
        return _error(url, current, f"more than {self.max_redirects} redirects", ErrorKind.REDIRECT,
                      permanent=permanent)

    def _origin_classes(self, url: str) -> frozenset[str]:
        """The address classes the configured URL itself resolves to (empty: public).

        A URL that no longer resolves counts as public, the strictest reading.
        """
        try:
            host, port = _host_port(httpx.URL(url))
            return frozenset(c for c in map(self._classify, self._resolve(host, port)) if c is not None)
        except (OSError, ValueError, httpx.InvalidURL):
            return frozenset()

    def _refuse_redirect(self, nxt: str, origin: frozenset[str]) -> tuple[str, str] | None:
        """``(message, error kind)`` if the redirect to ``nxt`` must not be followed.

        Every address the target resolves to must be public or of a class the
        feed's own URL is in: one bad address among several is enough to refuse,
        since the connection may use any of them.
        """
        try:
            host, port = _host_port(httpx.URL(nxt))
            addresses = self._resolve(host, port)
        except (httpx.InvalidURL, ValueError) as exc:
            return f"bad redirect target {nxt!r}: {exc}", ErrorKind.REDIRECT
        except OSError as exc:
            return f"redirect to {nxt} refused: cannot resolve {host}: {exc}", ErrorKind.CONNECT
        if not addresses:
            return f"redirect to {nxt} refused: {host} resolves to no address", ErrorKind.CONNECT
        for ip in addresses:
            cls = self._classify(ip)
            if cls is not None and cls not in origin:
                return _refusal(nxt, host, ip, cls, origin), ErrorKind.REDIRECT
        return None

    def _finish(self, url: str, final: str, resp: httpx.Response, permanent: str | None,
                request: FetchRequest, deadline: float) -> FetchResult:
        status = resp.status_code
        h = resp.headers
        etag = h.get("etag")
        last_modified = h.get("last-modified")
        common = dict(url=url, final_url=final, status=status, permanent_redirect=permanent,
                      content_type=h.get("content-type"))
        if status == 304:
            return FetchResult(**common, etag=etag or request.etag,
                               last_modified=last_modified or request.last_modified, not_modified=True)
        if status == 410:
            return FetchResult(**common, gone=True, error="HTTP 410 Gone", error_kind=ErrorKind.GONE)
        if status in (429, 503):
            kind = ErrorKind.RATE_LIMITED if status == 429 else ErrorKind.UNAVAILABLE
            reason = "Too Many Requests" if status == 429 else "Service Unavailable"
            return FetchResult(**common, retry_after=parse_retry_after(h.get("retry-after"), self._wallclock()),
                               error=f"HTTP {status} {reason}", error_kind=kind)
        if status >= 400 or status < 200:
            return FetchResult(**common, error=f"HTTP {status} {resp.reason_phrase}".strip(),
                               error_kind=ErrorKind.HTTP)
        try:
            body = self._read_body(resp, deadline)
        except BodyTooLarge as exc:
            return FetchResult(**common, error=str(exc), error_kind=ErrorKind.TOO_LARGE)
        except _DecodeError as exc:
            return FetchResult(**common, error=str(exc), error_kind=ErrorKind.DECODE)
        return FetchResult(**common, body=body, etag=etag, last_modified=last_modified)

    def _read_body(self, resp: httpx.Response, deadline: float) -> bytes:
        content_length = resp.headers.get("content-length")
        if content_length and content_length.strip().isdigit() and int(content_length) > self.max_bytes:
            raise BodyTooLarge(f"Content-Length {int(content_length)} exceeds {self.max_bytes} bytes")
        encodings = [e.strip().lower() for e in resp.headers.get("content-encoding", "").split(",") if e.strip()]
        encodings = [e for e in encodings if e != "identity"]
        for enc in encodings:
            if enc not in ("gzip", "x-gzip", "deflate"):
                raise _DecodeError(f"unsupported Content-Encoding {enc!r}")
        # decoders applied in reverse order of the header's list
        inflaters = [_Inflater("deflate" if e == "deflate" else "gzip", self.max_decoded_bytes)
                     for e in reversed(encodings)]
        wire = 0
        parts: list[bytes] = []
        for chunk in resp.iter_raw():  # no chunk_size: yield as bytes arrive, so the deadline is checked
            wire += len(chunk)
            if wire > self.max_bytes:
                raise BodyTooLarge(f"body exceeds {self.max_bytes} bytes")
            if self._clock() > deadline:
                raise _Deadline()
            for inf in inflaters:
                chunk = inf.feed(chunk)
            if chunk:
                parts.append(chunk)
        for i, inf in enumerate(inflaters):
            tail = inf.flush()
            for nxt in inflaters[i + 1:]:
                tail = nxt.feed(tail)
            if tail:
                parts.append(tail)
        body = b"".join(parts)
        # gzipped without a header (or gzipped twice): unpack under the same cap
        return maybe_gunzip(body, self.max_decoded_bytes)


def _error(url: str, final: str, message: str, kind: str, status: int | None = None,
           permanent: str | None = None) -> FetchResult:
    return FetchResult(url=url, final_url=final, status=status, error=message, error_kind=kind,
                       permanent_redirect=permanent)


def _same_host(host: str, ip: IPAddress) -> bool:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]) == ip
    except ValueError:
        return False


def _with_elapsed(res: FetchResult, elapsed: float) -> FetchResult:
    return replace(res, elapsed=elapsed)

