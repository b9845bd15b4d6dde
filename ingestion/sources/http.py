"""A polite, bounded HTTP client for connectors: rate limit, timeouts, retries, size caps, SSRF guard.

Every failure becomes a `FetchFailed` whose message names the URL and what to do about it, so a
connector can quarantine one URL or fail its whole source with a reason a user can act on.

Time is bounded three ways: `timeout_seconds` per connect and per read; `deadline_seconds` for a
whole response (every redirect hop, headers and body), enforced by a timer that shuts the socket
down, so a server trickling one byte a second (or never finishing its headers) is cut off on time;
and `source_deadline_seconds` for all requests of one source run, waits and retries included.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from ingestion.source_config import HttpSourceOptions

RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_REDIRECTS = 5


class FetchFailed(Exception):
    """One URL could not be fetched; `retryable` says whether a later run may succeed."""

    def __init__(self, url: str, reason: str, status: int | None = None, retryable: bool = False):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.retryable = retryable


@dataclass
class HttpResponse:
    url: str  # final URL after redirects
    status: int
    headers: dict[str, str]
    content: bytes
    encoding: str | None = None
    elapsed_seconds: float = 0.0
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """Body decoded with the declared charset (UTF-8 otherwise); undecodable bytes are replaced."""
        encoding = self.encoding or "utf-8"
        try:
            return self.content.decode(encoding, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
    )


def check_public_host(url: str) -> None:
    """Refuse URLs whose host resolves to a loopback, private, link-local or reserved address."""
    parts = urlsplit(url)
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host:
        raise FetchFailed(url, f"only http(s) URLs with a host can be fetched, not {parts.scheme or 'no'} scheme")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchFailed(url, f"host {host!r} does not resolve ({exc.strerror})", retryable=True) from None
    for info in infos:
        address = str(info[4][0])
        if not is_public_address(address):
            raise FetchFailed(
                url,
                f"host {host!r} resolves to non-public address {address}; refused "
                "(set allow_private_addresses: true for sources on a trusted internal network)",
            )


class _Cutoff:
    """Cuts a response off at its deadline from a timer thread.

    The sockets a request opens are learned from httpcore's trace events; at the deadline they are
    shut down, so a read blocked on a trickling or silent server returns at once, whatever the read
    timeout. `fired` tells the reader why its stream ended.
    """

    def __init__(self, seconds: float):
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Cutoff:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                if self.fired:
                    self._shutdown(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                self._shutdown(sock)

    @staticmethod
    def _shutdown(sock: socket.socket) -> None:
        # the plain socket call, also for an SSLSocket: wakes a blocked read without touching TLS state;
        # OSError when already closed (the response ended on its own)
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class PoliteClient:
    """One client per source run: requests are spaced, retried with backoff and size-capped."""

    options: HttpSourceOptions
    source_name: str
    sleep: Callable[[float], None] = time.sleep
    _last_request: float = field(default=0.0, init=False)
    _client: httpx.Client | None = field(default=None, init=False)
    _source_deadline: float = field(default=0.0, init=False)

    def __enter__(self) -> PoliteClient:
        timeout = httpx.Timeout(self.options.timeout_seconds)
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,  # redirects are followed by hand so every hop passes the host check
            headers={"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate"},
            # a fresh connection per request, so the deadline timer always knows the socket to cut
            limits=httpx.Limits(max_keepalive_connections=0),
        )
        self._source_deadline = time.monotonic() + self.options.source_deadline_seconds
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _wait_turn(self) -> None:
        gap = self.options.min_interval_seconds - (time.monotonic() - self._last_request)
        if gap > 0:
            self.sleep(gap)
        self._last_request = time.monotonic()

    def get(self, url: str, headers: dict[str, str] | None = None) -> HttpResponse:
        """GET with retries on timeouts, connection errors, 429 (Retry-After honoured) and 5xx."""
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._get_following_redirects(url, headers or {})
                response.attempts = attempt
                return response
            except FetchFailed as exc:
                if not exc.retryable or attempt > self.options.max_retries:
                    if exc.retryable and attempt > 1:
                        raise FetchFailed(
                            exc.url, f"{exc.reason} (gave up after {attempt} attempts)", exc.status, True
                        ) from None
                    raise
                delay = self.options.backoff_seconds * (2 ** (attempt - 1))
                retry_after = getattr(exc, "retry_after", None)
                if retry_after is not None:
                    if retry_after > self.options.max_retry_after_seconds:
                        raise FetchFailed(
                            exc.url,
                            f"HTTP 429, server asks to retry after {retry_after:.0f} s "
                            f"(over max_retry_after_seconds={self.options.max_retry_after_seconds:.0f}); try a later run",
                            429,
                            True,
                        ) from None
                    delay = max(delay, retry_after)
                if time.monotonic() + delay >= self._source_deadline:
                    raise FetchFailed(
                        exc.url, f"{exc.reason} (not retried: the source's deadline, source_deadline_seconds="
                                 f"{self.options.source_deadline_seconds:g}, runs out first; retried next run)",
                        exc.status, True,
                    ) from None
                self.sleep(delay)

    def _deadline_for_response(self) -> tuple[float, str]:
        """When the next response must be complete, and which setting says so."""
        own = time.monotonic() + self.options.deadline_seconds
        if self._source_deadline < own:
            return self._source_deadline, "source"
        return own, "response"

    def _deadline_failure(self, url: str, which: str, received: int) -> FetchFailed:
        if which == "source":
            return FetchFailed(url, f"no complete response before the source's deadline ran out (source_deadline_seconds="
                                    f"{self.options.source_deadline_seconds:g}); {received:,} bytes received; retried next run")
        limit = self.options.deadline_seconds
        return FetchFailed(url, f"no complete response within {limit:g} s (deadline_seconds={limit:g}): the server sends "
                                f"too slowly or never finishes; {received:,} bytes received")

    def _get_following_redirects(self, url: str, headers: dict[str, str]) -> HttpResponse:
        if time.monotonic() >= self._source_deadline:
            raise FetchFailed(url, "not fetched: the source's deadline has passed (source_deadline_seconds="
                                   f"{self.options.source_deadline_seconds:g}); retried next run")
        deadline, which = self._deadline_for_response()  # one deadline for every hop
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            response = self._get_once(current, headers, deadline, which)
            if response.status in (301, 302, 303, 307, 308) and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            return response
        raise FetchFailed(url, f"more than {MAX_REDIRECTS} redirects")

    def _get_once(self, url: str, headers: dict[str, str], deadline: float | None = None, which: str = "response") -> HttpResponse:
        assert self._client is not None, "use PoliteClient as a context manager"
        if deadline is None:
            deadline, which = self._deadline_for_response()
        if not self.options.allow_private_addresses:
            check_public_host(url)
        self._wait_turn()
        started = time.monotonic()
        remaining = deadline - started
        if remaining <= 0:
            raise self._deadline_failure(url, which, 0)
        cap = self.options.max_bytes
        size = 0
        # connecting is bounded by the deadline too; reads are cut by the timer (a read timeout
        # shorter than the deadline still applies as it is)
        timeout = httpx.Timeout(self.options.timeout_seconds, connect=min(self.options.timeout_seconds, remaining))
        cutoff = _Cutoff(remaining)
        try:
            with cutoff, self._client.stream("GET", url, headers=headers, timeout=timeout,
                                             extensions={"trace": cutoff.trace}) as response:
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    raise FetchFailed(url, f"response is {int(declared)} bytes, over the {cap}-byte cap (max_bytes)")
                chunks: list[bytes] = []
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise FetchFailed(url, f"response exceeds the {cap}-byte cap (max_bytes)")
                    if cutoff.fired or time.monotonic() > deadline:
                        raise self._deadline_failure(url, which, size)
                    chunks.append(chunk)
                if cutoff.fired:  # a body delimited by the connection's end ends "normally" when cut
                    raise self._deadline_failure(url, which, size)
                content = b"".join(chunks)
                status = response.status_code
                result_headers = {k.lower(): v for k, v in response.headers.items()}
                encoding = response.charset_encoding
        except httpx.TimeoutException as exc:
            if cutoff.fired or time.monotonic() >= deadline:
                raise self._deadline_failure(url, which, size) from None
            raise FetchFailed(
                url, f"timed out after {self.options.timeout_seconds:g} s ({type(exc).__name__})", retryable=True
            ) from None
        except httpx.DecodingError as exc:
            raise FetchFailed(url, f"response body could not be decoded: {exc}") from None
        except httpx.TransportError as exc:
            if cutoff.fired:
                raise self._deadline_failure(url, which, size) from None
            raise FetchFailed(url, f"connection failed: {type(exc).__name__}: {exc}", retryable=True) from None
        elapsed = time.monotonic() - started
        if status == 429:
            failure = FetchFailed(url, "HTTP 429 Too Many Requests", 429, retryable=True)
            failure.retry_after = _retry_after_seconds(result_headers.get("retry-after"))  # type: ignore[attr-defined]
            raise failure
        if status >= 400:
            hint = {
                404: "not found — check the URL or channel name",
                403: "forbidden — the site refuses this client",
                410: "gone",
            }.get(status, "server error" if status >= 500 else "client error")
            raise FetchFailed(url, f"HTTP {status} ({hint})", status, retryable=status in RETRYABLE_STATUS)
        return HttpResponse(url, status, result_headers, content, encoding, elapsed)
