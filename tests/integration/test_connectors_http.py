"""HTTP connectors against a real local server on 127.0.0.1: paging, politeness and every failure mode."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ingestion.errors import SourceError
from ingestion.source_config import RssSourceConfig, TelegramWebSourceConfig, WebSourceConfig
from ingestion.sources.rss import RssConnector
from ingestion.sources.telegram_web import TelegramWebConnector
from ingestion.sources.web import WebConnector, decompress_html
from osint.config import load_config
from osint.pipeline import fetch_source
from tests.conftest import SAMPLE_DATA
from tests.unit.sources.builders import FIXTURES, tme_channel, tme_page, tme_post

Reply = tuple[int, dict[str, str], bytes]


@dataclass
class LocalServer:
    base: str = ""
    routes: dict[str, Callable[[dict[str, str]], Reply] | list[Reply] | Reply] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def reply(self, path: str, headers: dict[str, str]) -> Reply:
        self.requests.append((path, headers))
        route = self.routes.get(path)
        if route is None:
            return 404, {"Content-Type": "text/html"}, b"<html><title>Not Found</title></html>"
        if callable(route):
            return route(headers)
        if isinstance(route, list):
            return route.pop(0) if len(route) > 1 else route[0]
        return route


@pytest.fixture
def server() -> Iterator[LocalServer]:
    state = LocalServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, headers, body = state.reply(self.path, {k.lower(): v for k, v in self.headers.items()})
            if headers.get("X-Hang"):
                time.sleep(float(headers["X-Hang"]))  # bounded: the client gives up first
            try:
                self.send_response(status)
                for k, v in headers.items():
                    if k != "X-Hang":
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


FAST = {"min_interval_seconds": 0.0, "backoff_seconds": 0.05, "timeout_seconds": 2.0, "allow_private_addresses": True}
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _tg(server: LocalServer, **kw: Any) -> TelegramWebConnector:
    options = {**FAST, **kw}
    return TelegramWebConnector(TelegramWebSourceConfig(kind="telegram_web", name="caspian", channel="caspian_monitor",
                                                        base_url=server.base, **options))


def _serve_channel(server: LocalServer, newest: int, oldest: int, per_page: int = 5) -> None:
    texts = tme_channel(range(oldest, newest + 1))
    before: int | None = None
    top = newest
    while top >= oldest:
        ids = range(max(oldest, top - per_page + 1), top + 1)
        page = tme_page([tme_post(i, texts[i], views=f"{i}.5K") for i in ids]).encode()
        path = "/s/caspian_monitor" + (f"?before={before}" if before else "")
        server.routes[path] = (200, HTML, page)
        before = ids[0]
        top = ids[0] - 1
    server.routes[f"/s/caspian_monitor?before={oldest}"] = (200, HTML, tme_page([]).encode())


# -- telegram_web ----------------------------------------------------------------------------

def test_pages_backwards_to_the_cursor_then_only_fetches_newer_posts(server: LocalServer) -> None:
    _serve_channel(server, newest=112, oldest=100)
    first = _tg(server).fetch(None)
    assert sorted(int(r.external_id.split("/")[1]) for r in first.records) == list(range(100, 113))
    assert [p for p, _ in server.requests] == ["/s/caspian_monitor", "/s/caspian_monitor?before=108",
                                               "/s/caspian_monitor?before=103", "/s/caspian_monitor?before=100"]
    assert first.cursor and first.cursor["last_message_id"] == 112 and first.cursor["subscribers"] == 48_300
    assert {m["views"] for m in first.post_metrics} >= {112_500, 100_500}
    assert all(r.url == f"https://t.me/{r.external_id}" for r in first.records)

    server.requests.clear()
    _serve_channel(server, newest=115, oldest=100)
    second = _tg(server).fetch(first.cursor)
    assert sorted(int(r.external_id.split("/")[1]) for r in second.records) == [113, 114, 115]
    assert [p for p, _ in server.requests] == ["/s/caspian_monitor"]  # page 1 already reaches the cursor


def test_max_pages_bounds_the_walk(server: LocalServer) -> None:
    _serve_channel(server, newest=140, oldest=100)
    result = _tg(server, max_pages=2).fetch(None)
    assert len(server.requests) == 2 and len(result.records) == 10


def test_429_retry_after_is_honoured(server: LocalServer) -> None:
    page = tme_page([tme_post(5, "Tehran hosts the Caspian foreign ministers.")]).encode()
    server.routes["/s/caspian_monitor"] = [(429, {"Retry-After": "1"}, b"slow down"), (200, HTML, page)]
    server.routes["/s/caspian_monitor?before=5"] = (200, HTML, tme_page([]).encode())
    started = time.monotonic()
    result = _tg(server).fetch(None)
    assert time.monotonic() - started >= 1.0
    assert [r.external_id for r in result.records] == ["caspian_monitor/5"]


def test_429_with_long_retry_after_fails_the_source_with_the_wait(server: LocalServer) -> None:
    server.routes["/s/caspian_monitor"] = (429, {"Retry-After": "3600"}, b"")
    with pytest.raises(SourceError, match="retry after 3600 s"):
        _tg(server).fetch(None)


def test_500_is_retried_then_fails(server: LocalServer) -> None:
    server.routes["/s/caspian_monitor"] = (500, HTML, b"<html>oops</html>")
    with pytest.raises(SourceError, match=r"HTTP 500 \(server error\) \(gave up after 3 attempts\)"):
        _tg(server, max_retries=2).fetch(None)
    assert len(server.requests) == 3


def test_404_fails_without_retry(server: LocalServer) -> None:
    with pytest.raises(SourceError, match="HTTP 404"):
        _tg(server).fetch(None)
    assert len(server.requests) == 1


def test_hanging_server_times_out(server: LocalServer) -> None:
    server.routes["/s/caspian_monitor"] = (200, {**HTML, "X-Hang": "1.5"}, b"late")
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"timed out after 0\.3 s"):
        _tg(server, timeout_seconds=0.3, max_retries=1).fetch(None)
    assert time.monotonic() - started < 5


def test_garbage_bytes_fail_with_a_reason(server: LocalServer) -> None:
    server.routes["/s/caspian_monitor"] = (200, {"Content-Type": "application/octet-stream"}, bytes(range(256)) * 40)
    with pytest.raises(SourceError, match=r"is not a t\.me/s channel preview"):
        _tg(server).fetch(None)


def test_private_addresses_are_refused_unless_allowed(server: LocalServer) -> None:
    with pytest.raises(SourceError, match=r"non-public address 127\.0\.0\.1"):
        _tg(server, allow_private_addresses=False).fetch(None)
    assert server.requests == []


def test_size_cap(server: LocalServer) -> None:
    server.routes["/s/caspian_monitor"] = (200, HTML, b"<html>" + b"x" * 50_000 + b"</html>")
    with pytest.raises(SourceError, match="over the 10000-byte cap"):
        _tg(server, max_bytes=10_000).fetch(None)


# -- rss ---------------------------------------------------------------------------------------

def _rss(server: LocalServer, *paths: str, **kw: Any) -> RssConnector:
    return RssConnector(RssSourceConfig(kind="rss", name="feeds", urls=[server.base + p for p in paths], **{**FAST, **kw}))


def test_conditional_get_uses_etag_and_last_modified(server: LocalServer) -> None:
    feed = (SAMPLE_DATA / "rss" / "eurasia_diplomacy_rss2.xml").read_bytes()

    def reply(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"v1"':
            return 304, {}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"v1"',
                     "Last-Modified": "Sat, 18 Jan 2025 09:00:00 GMT"}, feed

    server.routes["/feed.xml"] = reply
    first = _rss(server, "/feed.xml").fetch(None)
    assert len(first.records) == 3
    second = _rss(server, "/feed.xml").fetch(first.cursor)
    assert second.records == []
    sent = server.requests[-1][1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == "Sat, 18 Jan 2025 09:00:00 GMT"
    assert second.cursor and second.cursor["feeds"][server.base + "/feed.xml"]["last_status"] == 304


def test_html_error_page_and_garbage_are_quarantined_per_feed(server: LocalServer) -> None:
    server.routes["/ok.xml"] = (200, {"Content-Type": "application/atom+xml"},
                                (SAMPLE_DATA / "rss" / "gulf_affairs_atom.xml").read_bytes())
    server.routes["/maintenance.xml"] = (200, HTML, (FIXTURES / "html_error_page.html").read_bytes())
    server.routes["/garbage.xml"] = (200, {"Content-Type": "application/rss+xml"}, bytes(range(1, 256)) * 20)
    result = _rss(server, "/ok.xml", "/maintenance.xml", "/garbage.xml", "/missing.xml").fetch(None)
    assert len(result.records) == 2
    reasons = {q.record_ref.rsplit("/", 1)[-1]: q.reason for q in result.quarantined if q.record_ref}
    assert "got an HTML page titled '503 Service Temporarily Unavailable'" in reasons["maintenance.xml"]
    assert "not an RSS/Atom feed" in reasons["garbage.xml"]
    assert "HTTP 404" in reasons["missing.xml"]


def test_every_feed_failing_fails_the_source(server: LocalServer) -> None:
    server.routes["/a.xml"] = (500, {}, b"")
    with pytest.raises(SourceError, match=r"every feed failed: .*/a.xml: HTTP 500"):
        _rss(server, "/a.xml", max_retries=1).fetch(None)


# -- web ---------------------------------------------------------------------------------------

def _web(server: LocalServer, *paths: str, **kw: Any) -> WebConnector:
    return WebConnector(WebSourceConfig(kind="web", name="articles", urls=[server.base + p for p in paths], **{**FAST, **kw}))


def test_article_is_extracted_and_original_html_kept_compressed(server: LocalServer) -> None:
    page = (FIXTURES / "article_treaty.html").read_bytes()
    server.routes["/2025/01/treaty"] = (200, HTML, page)
    server.routes["/login"] = (200, HTML, (FIXTURES / "not_an_article.html").read_bytes())
    server.routes["/big"] = (200, HTML, b"<html><body>" + b"<p>word</p>" * 20_000 + b"</body></html>")
    result = _web(server, "/2025/01/treaty", "/login", "/big", max_bytes=100_000).fetch(None)
    [article] = result.records
    assert article.title == "Russia and Iran sign 20-year partnership treaty" and article.author == "Lena Marwick"
    assert article.published_at is not None and article.published_at.date().isoformat() == "2025-01-17"
    assert article.language == "en" and "Pyongyang" in article.body
    assert article.payload and decompress_html(article.payload, article.metadata["html_bytes"]) == page
    checks = {q.record_ref.rsplit("/", 1)[-1]: q.check for q in result.quarantined if q.record_ref}
    assert checks == {"login": "no_text", "big": "fetch"}


def test_web_follows_allowlisted_links_found_in_landed_documents(server: LocalServer, make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server.routes["/2025/01/treaty"] = (200, HTML, (FIXTURES / "article_treaty.html").read_bytes())
    link = f'<a href="{server.base}/2025/01/treaty">full text</a>'
    other = '<a href="https://elsewhere.example/x">elsewhere</a>'
    server.routes["/s/caspian_monitor"] = (200, HTML, tme_page([tme_post(9, f"Treaty signed: {link} and {other}")]).encode())
    server.routes["/s/caspian_monitor?before=9"] = (200, HTML, tme_page([]).encode())
    config = load_config(make_config([
        {"kind": "telegram_web", "name": "caspian", "channel": "caspian_monitor", "base_url": server.base, **FAST},
        {"kind": "web", "name": "linked_articles", "follow_links_from_documents": True,
         "allowed_domains": ["127.0.0.1"], **FAST},
    ]))
    fetch_source(config, config.source("caspian"))
    meta = fetch_source(config, config.source("linked_articles"))
    assert meta.fetched == 1
    fetched_paths = [p for p, _ in server.requests]
    assert "/2025/01/treaty" in fetched_paths
    again = fetch_source(config, config.source("linked_articles"))  # the cursor remembers fetched URLs
    assert again.fetched == 0
