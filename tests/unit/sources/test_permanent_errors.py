"""Which source failures a retry can fix (issue 22): config errors are permanent, outages are not.

A permanent `SourceError` fails the Airflow task at once (no retries, one failed landing batch);
a transient one is retried with backoff. Local HTTP server, no network.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ingestion.errors import SourceError
from ingestion.source_config import (
    FilesSourceConfig,
    RssSourceConfig,
    TelegramApiSourceConfig,
    TelegramExportSourceConfig,
    TelegramWebSourceConfig,
    WebSourceConfig,
)
from ingestion.sources.files import FilesConnector
from ingestion.sources.rss import RssConnector
from ingestion.sources.telegram_api import TelegramApiConnector
from ingestion.sources.telegram_export import TelegramExportConnector
from ingestion.sources.telegram_web import TelegramWebConnector
from ingestion.sources.web import WebConnector

STATUSES = {"/gone": 404, "/private": 403, "/login": 401, "/busy": 503, "/overloaded": 502}
FAST = {"allow_private_addresses": True, "max_retries": 0, "min_interval_seconds": 0, "timeout_seconds": 5}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(STATUSES.get(self.path, 404))
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"nothing here")

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _closed_port_url() -> str:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/feed"  # nothing listens once the socket closes


def _failure(connector: Any) -> SourceError:
    with pytest.raises(SourceError) as info:
        connector.fetch(None)
    return info.value


def test_a_missing_folder_or_export_is_permanent(tmp_path: Path) -> None:
    err = _failure(FilesConnector(FilesSourceConfig(kind="files", name="notes", path=tmp_path / "nope")))
    assert err.permanent and "does not exist" in err.reason
    err = _failure(TelegramExportConnector(TelegramExportSourceConfig(
        kind="telegram_export", name="export", path=tmp_path / "nope")))
    assert err.permanent
    err = _failure(TelegramWebConnector(TelegramWebSourceConfig(
        kind="telegram_web", name="saved", channel="caspian_monitor", pages=[tmp_path / "nope.html"])))
    assert err.permanent


def test_missing_feed_files_are_permanent(tmp_path: Path) -> None:
    err = _failure(RssConnector(RssSourceConfig(kind="rss", name="feeds", paths=[tmp_path / "nope.xml"])))
    assert err.permanent and "every feed failed" in err.reason


@pytest.mark.parametrize("path", ["/gone", "/private", "/login"])
def test_a_feed_or_page_answering_4xx_is_permanent(server: str, path: str) -> None:
    rss = _failure(RssConnector(RssSourceConfig(kind="rss", name="feeds", urls=[server + path], **FAST)))
    web = _failure(WebConnector(WebSourceConfig(kind="web", name="pages", urls=[server + path], **FAST)))
    assert rss.permanent and web.permanent, (rss.reason, web.reason)


@pytest.mark.parametrize("path", ["/busy", "/overloaded"])
def test_a_server_error_is_transient(server: str, path: str) -> None:
    rss = _failure(RssConnector(RssSourceConfig(kind="rss", name="feeds", urls=[server + path], **FAST)))
    web = _failure(WebConnector(WebSourceConfig(kind="web", name="pages", urls=[server + path], **FAST)))
    assert not rss.permanent and not web.permanent


def test_a_refused_connection_is_transient() -> None:
    err = _failure(RssConnector(RssSourceConfig(kind="rss", name="feeds", urls=[_closed_port_url()], **FAST)))
    assert not err.permanent and "connection failed" in err.reason


def test_one_transient_failure_among_permanent_ones_makes_the_source_transient(server: str) -> None:
    err = _failure(RssConnector(RssSourceConfig(kind="rss", name="feeds", urls=[server + "/gone", server + "/busy"], **FAST)))
    assert not err.permanent, "the 503 may pass on the next try"


def test_missing_telegram_credentials_are_permanent(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_API_ID", "TELEGRAM_API_HASH", "TELEGRAM_SESSION"):
        monkeypatch.delenv(name, raising=False)
    err = _failure(TelegramApiConnector(TelegramApiSourceConfig(kind="telegram_api", name="live", channel="caspian_monitor")))
    assert err.permanent and "credentials missing" in err.reason
