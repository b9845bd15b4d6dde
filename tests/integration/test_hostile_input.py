"""Hostile input and faults (issue 23, failures 2–7 and 9): bounded work per record, one bad record never blocks a source.

Every malformed input is generated here (no committed binaries). HTTP faults run against a real
server on 127.0.0.1 (private addresses allowed in the source config): a slow drip, a stalled
body, never-ending headers and a never-ending chunked body. Each fault server gives up by itself
after `_FAULT_SECONDS`, so an unbounded client fails the timing assertion instead of hanging.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingestion.errors import SourceError
from ingestion.records import FetchResult
from ingestion.source_config import (
    FilesSourceConfig,
    RssSourceConfig,
    TelegramExportSourceConfig,
    TelegramWebSourceConfig,
    WebSourceConfig,
)
from ingestion.sources.files import FilesConnector
from ingestion.sources.rss import RssConnector, html_fragment_text
from ingestion.sources.telegram_export import TelegramExportConnector
from ingestion.sources.telegram_web import TelegramWebConnector
from ingestion.sources.web import WebConnector
from osint.config import PipelineConfig, load_config
from osint.pipeline import fetch_source, load_batches
from osint.warehouse import DataLayout
from tests.conftest import REPO_ROOT, SAMPLE_DATA
from tests.unit.sources.builders import FIXTURES, desktop_export, export_message

DEEP = 100_000  # JSON nesting of the reported inputs
DEEP_DIVS = 200_000  # HTML nesting of the reported input (2.2 MB, under every size cap)


def _deep_json(depth: int = DEEP) -> str:
    return "[" * depth + "]" * depth


def _deep_html(depth: int = DEEP_DIVS) -> str:
    return "<html><head><title>deep</title></head><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>"


# -- a hostile HTTP server ------------------------------------------------------------------------

_FAULT_SECONDS = 15.0  # a fault server gives up by itself after this long (the test then fails, not hangs)
Behaviour = Callable[[BaseHTTPRequestHandler, threading.Event], None]


def _headers(handler: BaseHTTPRequestHandler, content_type: str, length: int | None) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    if length is None:
        handler.send_header("Transfer-Encoding", "chunked")
    else:
        handler.send_header("Content-Length", str(length))
    handler.end_headers()


def _until(stop: threading.Event, every: float, write: Callable[[], None]) -> None:
    ends = time.monotonic() + _FAULT_SECONDS
    while time.monotonic() < ends and not stop.wait(every):
        write()


def _drip(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    """A well-formed response whose body arrives one byte at a time, each well inside the read timeout."""
    _headers(handler, "application/rss+xml", 100_000)
    _until(stop, 0.2, lambda: handler.wfile.write(b" "))


def _stall(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    """One byte, then silence shorter than the read timeout: only an overall deadline ends it."""
    _headers(handler, "text/html", 1_000)
    handler.wfile.write(b"<")
    stop.wait(_FAULT_SECONDS)


def _endless_headers(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    _until(stop, 0.2, lambda: handler.wfile.write(b"X-Filler: a\r\n"))


def _endless_body(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    """A chunked body that never ends, far below the size cap."""
    _headers(handler, "application/rss+xml", None)
    _until(stop, 0.05, lambda: handler.wfile.write(b"6\r\n<item>\r\n"))


def _static(content_type: str, body: bytes) -> Behaviour:
    def reply(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        _headers(handler, content_type, len(body))
        handler.wfile.write(body)

    return reply


@dataclass
class HostileServer:
    base: str = ""
    routes: dict[str, Behaviour] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    state = HostileServer(routes={
        "/drip.xml": _drip, "/stall.html": _stall, "/endless-headers.xml": _endless_headers,
        "/endless-body.xml": _endless_body,
        "/ok.xml": _static("application/atom+xml", (SAMPLE_DATA / "rss" / "gulf_affairs_atom.xml").read_bytes()),
        "/article.html": _static("text/html; charset=utf-8", (FIXTURES / "article_treaty.html").read_bytes()),
    })

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            behaviour = state.routes.get(self.path.split("?")[0]) or _static("text/plain", b"nothing here")
            with contextlib.suppress(OSError):  # the client hung up: that is the point
                behaviour(self, state.stop)
            self.close_connection = True

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
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()


# a read timeout far above the deadline: only the overall deadline can end these fetches in time
SLOW_READS = {"min_interval_seconds": 0.0, "backoff_seconds": 0.05, "timeout_seconds": 30.0, "max_retries": 2,
              "allow_private_addresses": True}


def _refs(result: FetchResult) -> dict[str, tuple[str, str]]:
    return {(q.record_ref or "").rsplit("/", 1)[-1]: (q.check, q.reason) for q in result.quarantined}


# -- 2: an overall deadline per response and per source ---------------------------------------------

@pytest.mark.timeout(120)
@pytest.mark.parametrize("path", ["/drip.xml", "/stall.html", "/endless-headers.xml", "/endless-body.xml"])
def test_a_response_never_runs_past_its_deadline(hostile: HostileServer, path: str) -> None:
    deadline = 1.5
    config = RssSourceConfig(kind="rss", name="feeds", urls=[hostile.base + path, hostile.base + "/ok.xml"],
                             deadline_seconds=deadline, **SLOW_READS)
    started = time.monotonic()
    result = RssConnector(config).fetch(None)
    elapsed = time.monotonic() - started
    assert elapsed < deadline + 5, f"{path} was fetched for {elapsed:.1f} s with a {deadline} s deadline"
    assert elapsed < deadline + 2  # in practice: the deadline plus the good feed
    assert len(result.records) == 2  # the good feed still lands
    check, reason = _refs(result)[path.lstrip("/")]
    assert check == "fetch" and "deadline_seconds=1.5" in reason, reason
    assert "gave up after" not in reason  # a deadline is final for this run, not retried


@pytest.mark.timeout(120)
def test_the_source_deadline_bounds_every_url_of_a_source(hostile: HostileServer) -> None:
    urls = [hostile.base + p for p in ("/article.html", "/drip.xml", "/stall.html", "/endless-body.xml")]
    config = WebSourceConfig(kind="web", name="articles", urls=urls, deadline_seconds=1.5,
                             source_deadline_seconds=2.5, **SLOW_READS)
    started = time.monotonic()
    result = WebConnector(config).fetch(None)
    elapsed = time.monotonic() - started
    assert elapsed < 2.5 + 5 and elapsed < 2.5 + 1.5, elapsed
    assert [r.external_id.rsplit("/", 1)[-1] for r in result.records] == ["article.html"]
    reasons = {ref: reason for ref, (check, reason) in _refs(result).items() if check == "fetch"}
    assert "deadline_seconds=1.5" in reasons["drip.xml"]
    assert "source_deadline_seconds=2.5" in reasons["stall.html"]  # cut short by what was left of the source's time
    assert "source_deadline_seconds=2.5" in reasons["endless-body.xml"] and "retried next run" in reasons["endless-body.xml"]
    assert result.cursor and result.cursor["fetched_urls"] == [urls[0]]  # the others are retried next run


@pytest.mark.timeout(120)
def test_a_stalled_channel_page_fails_its_source_with_a_clear_error(hostile: HostileServer) -> None:
    hostile.routes["/s/stalled"] = _stall
    config = TelegramWebSourceConfig(kind="telegram_web", name="stalled", channel="stalled", base_url=hostile.base,
                                     deadline_seconds=1.0, **SLOW_READS)
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"no complete response within 1 s \(deadline_seconds=1\)"):
        TelegramWebConnector(config).fetch(None)
    assert time.monotonic() - started < 1.0 + 5


# -- 3: streaming decompression with caps on the decompressed size and on line length ---------------

_PEAK_RSS_SCRIPT = textwrap.dedent("""
    import json, resource, sys
    from pydantic import TypeAdapter
    from ingestion.source_config import AnySource
    from ingestion.sources import connector_for
    config = TypeAdapter(AnySource).validate_python(json.loads(sys.argv[1]))
    result = connector_for(config).fetch(None)
    # VmHWM is this process image's own peak; ru_maxrss on Linux also carries the parent's peak
    # over fork/vfork + exec, so it is reported but not asserted on
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line)
        peak_mb = int(status["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError):
        peak_mb = maxrss_mb
    print(json.dumps({
        "peak_rss_mb": peak_mb,
        "ru_maxrss_mb": maxrss_mb,
        "records": [r.external_id for r in result.records],
        "quarantined": [[q.record_ref, q.check, q.reason[:300]] for q in result.quarantined],
    }))
""")


def _run_measured(source: dict[str, Any]) -> dict[str, Any]:
    """Fetch one source in a fresh interpreter; its peak RSS is the cost of that input alone (plus imports)."""
    done = subprocess.run([sys.executable, "-c", _PEAK_RSS_SCRIPT, json.dumps(source)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def _gzip_bomb(path: Path, expanded_mb: int = 1_088) -> int:
    """Zeros without a newline, as concatenated gzip members (valid .gz): ~1 MB on disk, >1 GB expanded."""
    member = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
    good = gzip.compress(json.dumps({"title": "Putin receives Araghchi", "link": "https://wire.example/1",
                                     "date_published": "2025-04-18T11:00:00Z"}).encode() + b"\n")
    with path.open("wb") as handle:
        handle.write(good)
        for _ in range(expanded_mb // 64):
            handle.write(member)
    return path.stat().st_size


@pytest.mark.timeout(300)
def test_gzip_bomb_is_read_in_bounded_memory_and_the_good_line_lands(tmp_path: Path) -> None:
    bomb = tmp_path / "items.jsonl.gz"
    size = _gzip_bomb(bomb)
    assert size < 2 << 20
    started = time.monotonic()
    report = _run_measured({"kind": "rss", "name": "dump", "paths": [str(bomb)]})
    elapsed = time.monotonic() - started
    print(f"\ngzip bomb {size / 1e6:.1f} MB -> 1.1 GB: peak RSS {report['peak_rss_mb']:.0f} MB, {elapsed:.1f} s")
    assert report["peak_rss_mb"] < 400, report  # far under 1 GB: nothing near the line is ever held whole
    assert report["records"] == ["https://wire.example/1"]
    [(ref, check, reason)] = report["quarantined"]
    assert ref == "items.jsonl.gz:2" and check == "parse"
    assert "longer than max_line_bytes" in reason and "sha256 " in reason, reason
    assert "max_decompressed_bytes" in reason, reason  # the rest of the file is not inflated either


def test_jsonl_line_and_decompression_caps_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    lines = [json.dumps({"title": f"Item {i}", "link": f"https://wire.example/{i}", "body": "x" * 300}) for i in range(50)]
    path.write_text("\n".join([lines[0], "y" * 5_000, *lines[1:]]) + "\n", encoding="utf-8")
    config = RssSourceConfig(kind="rss", name="dump", paths=[path], max_line_bytes=2_000,
                             max_decompressed_bytes=20_000)
    result = RssConnector(config).fetch(None)
    assert 0 < len(result.records) < 50  # stops at the decompressed cap
    reasons = {q.record_ref: q.reason for q in result.quarantined}
    assert "longer than max_line_bytes=2000" in reasons["items.jsonl:2"]
    assert any("max_decompressed_bytes=20000" in r for r in reasons.values())


# -- 4: nesting depth ---------------------------------------------------------------------------------

def test_deep_json_is_quarantined_per_record_in_every_json_reader(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "deep.json").write_text('{"title": "deep", "body": "text", "extra": ' + _deep_json() + "}")
    (docs / "deep_object.json").write_text('{"a":' * DEEP + "1" + "}" * DEEP)
    (docs / "good.txt").write_text("A good report\n\nLavrov met Araghchi in Moscow.")
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_text("\n".join([
        json.dumps({"title": "Putin receives Araghchi", "link": "https://wire.example/1"}),
        '{"title": "deep", "link": "https://wire.example/2", "x": ' + _deep_json() + "}",
        json.dumps({"title": "Lavrov visits Tehran", "link": "https://wire.example/3"}),
    ]) + "\n")
    export = tmp_path / "export"
    export.mkdir()
    messages = [export_message(1, "Russia and Iran signed the treaty."), export_message(2, "__DEEP__"),
                export_message(3, "Araghchi arrives in Moscow.")]
    (export / "result.json").write_text(desktop_export(messages).replace('"__DEEP__"', _deep_json()))

    started = time.monotonic()
    files = FilesConnector(FilesSourceConfig(kind="files", name="docs", path=docs)).fetch(None)
    rss = RssConnector(RssSourceConfig(kind="rss", name="dump", paths=[jsonl])).fetch(None)
    tg = TelegramExportConnector(TelegramExportSourceConfig(kind="telegram_export", name="tg", path=export)).fetch(None)
    assert time.monotonic() - started < 10

    assert [r.external_id for r in files.records] == ["good.txt"]
    assert {q.record_ref: q.check for q in files.quarantined} == {"deep.json": "parse", "deep_object.json": "parse"}
    assert all("nested deeper than" in q.reason and "sha256 " in q.reason for q in files.quarantined)
    assert [r.external_id for r in rss.records] == ["https://wire.example/1", "https://wire.example/3"]
    [deep_line] = rss.quarantined
    assert deep_line.record_ref == "items.jsonl:2" and "nested deeper than" in deep_line.reason
    assert sorted(r.external_id for r in tg.records) == ["1555000111/1", "1555000111/3"]
    [deep_message] = tg.quarantined
    assert deep_message.record_ref == "1555000111/2" and "nested deeper than" in deep_message.reason
    assert deep_message.payload.startswith("{") and "sha256 " in deep_message.reason


def test_deep_json_in_a_full_account_export_loses_only_that_message(tmp_path: Path) -> None:
    chats = [json.loads(desktop_export([export_message(1, "Talks in Ashgabat."), export_message(2, "__DEEP__")],
                                       chat_id=11)),
             json.loads(desktop_export([export_message(5, "Summit declaration adopted.")], name="Other", chat_id=22))]
    text = json.dumps({"about": "full export", "chats": {"about": "", "list": chats}}).replace('"__DEEP__"', _deep_json())
    path = tmp_path / "result.json"
    path.write_text(text)
    result = TelegramExportConnector(TelegramExportSourceConfig(kind="telegram_export", name="tg", path=path)).fetch(None)
    assert sorted(r.external_id for r in result.records) == ["11/1", "22/5"]
    assert [q.record_ref for q in result.quarantined] == ["11/2"]


def test_deep_html_is_refused_in_linear_time(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    deep = _deep_html()
    assert len(deep) > 2_000_000
    (docs / "deep.html").write_text(deep)
    # sloppy but shallow markup must still land: unclosed <p>/<li>, void tags, tags inside scripts and comments
    sloppy = ("<html><head><title>Sloppy page</title><script>var s = '" + "<div>" * 5_000 + "';</script></head><body>"
              + "<!-- " + "<div>" * 5_000 + " -->" + "<p>Lavrov met Araghchi in Moscow.<br><img src=x>" * 2_000
              + "<ul>" + "<li>item" * 2_000 + "</ul></body></html>")
    (docs / "sloppy.html").write_text(sloppy)
    started = time.monotonic()
    result = FilesConnector(FilesSourceConfig(kind="files", name="docs", path=docs)).fetch(None)
    assert time.monotonic() - started < 5
    assert [r.external_id for r in result.records] == ["sloppy.html"]
    [refused] = result.quarantined
    assert refused.record_ref == "deep.html" and "elements deep" in refused.reason and "sha256 " in refused.reason
    started = time.monotonic()
    assert html_fragment_text("<p>" + "<div>" * DEEP_DIVS + "Text survives" + "</div>" * DEEP_DIVS) == "Text survives"
    assert time.monotonic() - started < 5


def test_deep_feed_xml_and_deep_channel_pages_are_refused_fast(tmp_path: Path) -> None:
    feed = tmp_path / "deep.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</title>'
                    "<description>" + "<x>" * DEEP + "</x>" * DEEP + "</description></item></channel></rss>")
    page = tmp_path / "deep.html"
    page.write_text(_deep_html())
    started = time.monotonic()
    result = RssConnector(RssSourceConfig(kind="rss", name="feeds",
                                          paths=[feed, SAMPLE_DATA / "rss" / "gulf_affairs_atom.xml"])).fetch(None)
    assert len(result.records) == 2
    [refused] = result.quarantined
    assert refused.check == "feed" and "elements deep (limit 512)" in refused.reason
    with pytest.raises(SourceError, match=r"elements deep \(limit 512\)"):
        TelegramWebConnector(TelegramWebSourceConfig(kind="telegram_web", name="wire", channel="wire",
                                                     pages=[page])).fetch(None)
    assert time.monotonic() - started < 5


# -- 5: wrong types in Telegram exports -------------------------------------------------------------

def test_wrong_types_in_a_telegram_export_quarantine_only_that_message(tmp_path: Path) -> None:
    messages = [
        export_message(1, "Russia and Iran signed the comprehensive strategic partnership treaty."),
        export_message(2, "Reactions that are a number.", reactions=5),
        export_message(3, "", poll={"question": "Who signs first?", "answers": 5}),
        export_message(4, "Forwarded from a number.", forwarded_from=5),
        export_message(5, "Araghchi and Lavrov met in Moscow.", reactions=[{"type": "emoji", "count": 3, "emoji": "👍"}]),
        export_message(6, "Text entities that are a number.", text_entities=5, media_type=["video"]),
    ]
    path = tmp_path / "result.json"
    path.write_text(desktop_export(messages))
    result = TelegramExportConnector(TelegramExportSourceConfig(kind="telegram_export", name="tg", path=path)).fetch(None)
    assert sorted(r.external_id for r in result.records) == ["1555000111/1", "1555000111/5", "1555000111/6"]
    reasons = {q.record_ref: q.reason for q in result.quarantined}
    assert set(reasons) == {"1555000111/2", "1555000111/3", "1555000111/4"}
    assert "'reactions' is int, expected a list" in reasons["1555000111/2"]
    assert "'poll.answers' is int, expected a list" in reasons["1555000111/3"]
    assert "'forwarded_from' is int, expected a string" in reasons["1555000111/4"]
    assert all(q.check == "parse" and q.payload.startswith("{") for q in result.quarantined)


# -- 6: out-of-range dates -----------------------------------------------------------------------------

def test_out_of_range_dates_quarantine_the_item_and_the_source_continues(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join([
        json.dumps({"title": "Putin receives Araghchi", "link": "https://wire.example/1", "date_published": 1737021600}),
        '{"title": "Negative epoch", "link": "https://wire.example/2", "date_published": -99999999999999}',
        '{"title": "Infinite epoch", "link": "https://wire.example/3", "date_published": 1e400}',
        '{"title": "Far future epoch", "link": "https://wire.example/4", "date_published": 1e18}',
        '{"title": "Huge digits", "link": "https://wire.example/5", "date_published": "99999999999999999999"}',
        '{"title": "NaN epoch", "link": "https://wire.example/6", "date_published": NaN}',
        json.dumps({"title": "Lavrov visits Tehran", "link": "https://wire.example/7", "date_published": "2025-01-16"}),
    ]) + "\n")
    result = RssConnector(RssSourceConfig(kind="rss", name="dump", paths=[path])).fetch(None)
    assert [r.external_id for r in result.records] == ["https://wire.example/1", "https://wire.example/7"]
    assert result.records[0].published_at is not None and result.records[0].published_at.year == 2025
    reasons = {q.record_ref: q.reason for q in result.quarantined}
    assert sorted(reasons) == [f"items.jsonl:{i}" for i in range(2, 7)]
    assert "date_published -99999999999999 is not a valid time" in reasons["items.jsonl:2"]
    assert "date_published inf is not a valid time" in reasons["items.jsonl:3"]
    assert all(q.check == "parse" for q in result.quarantined)


# -- 7 and 9: a non-UTF-8 file name, an all-NUL file; and all of the above through the loader ---------

def _query(config: PipelineConfig, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(DataLayout(config.data_dir).warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _hostile_corpus(root: Path) -> list[dict[str, Any]]:
    docs = root / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("Caspian summit\n\nThe leaders of the five Caspian states met in Ashgabat.")
    (docs / "nul.txt").write_bytes(b"\0" * 100_000)
    with open(os.path.join(os.fsencode(docs), b"bad\xffbyte.txt"), "wb") as handle:
        handle.write(b"Undecodable name\n\nThe text itself is fine.")
    (docs / "deep.json").write_text(_deep_json())
    (docs / "deep.html").write_text(_deep_html())
    export = root / "export"
    export.mkdir()
    messages = [export_message(1, "Russia and Iran signed the comprehensive strategic partnership treaty."),
                export_message(2, "Reactions that are a number.", reactions=5),
                export_message(3, "", poll={"question": "Who signs first?", "answers": 5}),
                export_message(4, "Forwarded from a number.", forwarded_from=5),
                export_message(5, "__DEEP__"),
                export_message(6, "Araghchi and Lavrov met in Moscow.")]
    (export / "result.json").write_text(desktop_export(messages).replace('"__DEEP__"', _deep_json()))
    jsonl = root / "items.jsonl"
    jsonl.write_text("\n".join([
        json.dumps({"title": "Putin receives Araghchi", "link": "https://wire.example/1",
                    "date_published": "2025-01-16T10:00:00Z"}),
        '{"title": "Negative epoch", "link": "https://wire.example/2", "date_published": -99999999999999}',
        '{"title": "Infinite epoch", "link": "https://wire.example/3", "date_published": 1e400}',
        '{"title": "Far future epoch", "link": "https://wire.example/4", "date_published": 1e18}',
        '{"title": "deep", "link": "https://wire.example/5", "x": ' + _deep_json() + "}",
        json.dumps({"title": "Lavrov visits Tehran", "link": "https://wire.example/6",
                    "date_published": "2025-01-16T12:00:00Z"}),
    ]) + "\n")
    return [{"kind": "files", "name": "docs", "path": str(docs)},
            {"kind": "telegram_export", "name": "tg", "path": str(export)},
            {"kind": "rss", "name": "dump", "paths": [str(jsonl)]}]


EXPECTED_QUARANTINE = {
    ("docs", "nul.txt", "encoding"): "contains 100000 NUL bytes",
    ("docs", "bad\\xffbyte.txt", "encoding"): "file name is not valid UTF-8",
    ("docs", "deep.json", "parse"): "nested deeper than",
    ("docs", "deep.html", "parse"): "elements deep",
    ("tg", "1555000111/2", "parse"): "'reactions' is int",
    ("tg", "1555000111/3", "parse"): "'poll.answers' is int",
    ("tg", "1555000111/4", "parse"): "'forwarded_from' is int",
    ("tg", "1555000111/5", "parse"): "nested deeper than",
    ("dump", "items.jsonl:2", "parse"): "is not a valid time",
    ("dump", "items.jsonl:3", "parse"): "is not a valid time",
    ("dump", "items.jsonl:4", "parse"): "is not a valid time",
    ("dump", "items.jsonl:5", "parse"): "nested deeper than",
}


@pytest.mark.slow  # ~10 s: two fetch + load rounds through the batch gate
@pytest.mark.timeout(300)
def test_hostile_records_reach_raw_quarantine_and_the_rest_lands_idempotently(make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = load_config(make_config(_hostile_corpus(tmp_path)))
    for source in config.sources:
        fetch_source(config, config.source(source.name))
    results = load_batches(config)
    assert all(r.status == "ok" for r in results), [(r.source_name, r.status, r.error) for r in results]
    docs = sorted(_query(config, "select source_name, external_id from raw.documents"))
    assert docs == [("docs", "good.txt"), ("dump", "https://wire.example/1"), ("dump", "https://wire.example/6"),
                    ("tg", "1555000111/1"), ("tg", "1555000111/6")]
    rows = _query(config, "select source_name, record_ref, check_name, reason, payload from raw.quarantine")
    found = {(s, ref, check): (reason, payload) for s, ref, check, reason, payload in rows}
    assert set(found) == set(EXPECTED_QUARANTINE)
    for key, expected in EXPECTED_QUARANTINE.items():
        reason, payload = found[key]
        assert expected in reason and reason.startswith(f"{key[0]} record {key[1]}: "), (key, reason)
        assert "sha256 " in reason and payload, (key, reason)  # the payload's first bytes and its hash
        assert len(payload.encode("utf-8", "surrogatepass")) <= 64 * 1024 + 4, key

    landing = DataLayout(config.data_dir).landing_area.landing
    assert list(landing.glob("**/*.tmp")) == []
    # a re-run reads the same inputs again: nothing new lands, nothing is filed twice
    for source in config.sources:
        fetch_source(config, config.source(source.name))
    again = load_batches(config)
    assert [(r.new, r.updated, r.quarantined) for r in again] == [(0, 0, 0)] * 3
    assert _query(config, "select count(*) from raw.quarantine") == [(len(EXPECTED_QUARANTINE),)]
    assert list(landing.glob("**/*.tmp")) == []


@pytest.mark.timeout(120)
def test_a_deadline_failure_lands_as_a_quarantine_row_once(hostile: HostileServer, make_config) -> None:  # type: ignore[no-untyped-def]
    config = load_config(make_config([{"kind": "rss", "name": "feeds", "deadline_seconds": 1.0,
                                       "urls": [hostile.base + "/drip.xml", hostile.base + "/ok.xml"], **SLOW_READS}]))
    for _ in range(2):
        started = time.monotonic()
        fetch_source(config, config.source("feeds"))
        assert time.monotonic() - started < 1.0 + 5
        load_batches(config)
    assert _query(config, "select count(*) from raw.documents") == [(2,)]
    [(ref, check, reason)] = _query(config, "select record_ref, check_name, reason from raw.quarantine")
    assert ref.endswith("/drip.xml") and check == "fetch" and "deadline_seconds=1" in reason


# -- peak memory of each malformed input ---------------------------------------------------------------

@pytest.mark.timeout(300)
def test_peak_rss_of_each_malformed_input_stays_far_under_a_gigabyte(tmp_path: Path) -> None:
    sources = {source["name"]: source for source in _hostile_corpus(tmp_path)}
    baseline = tmp_path / "baseline"
    baseline.mkdir()
    (baseline / "good.txt").write_text("Caspian summit\n\nThe leaders of the five Caspian states met in Ashgabat.")
    sources["baseline (one good file)"] = {"kind": "files", "name": "baseline", "path": str(baseline)}
    peaks = {}
    for name, source in sources.items():
        report = _run_measured(source)
        peaks[name] = report["peak_rss_mb"]
        assert report["records"], report
    print("\npeak RSS per malformed-input source: " + ", ".join(f"{n} {mb:.0f} MB" for n, mb in peaks.items()))
    assert max(peaks.values()) < 400, peaks

