"""`rss` source: RSS 0.9x/1.0/2.0 and Atom feeds from URLs or files, and JSON-lines item dumps.

URLs are fetched with conditional GET (the ETag / Last-Modified of the last answer live in the
cursor), so an unchanged feed costs one 304. Entry identity is guid/id, else link, else a hash
of title and date. Feeds declaring XML entities are refused before parsing (no entity expansion,
no external entities). One broken feed is quarantined with its reason; the source fails only
when every feed failed.
"""

from __future__ import annotations

import calendar
import gzip
import hashlib
import io
import json
import re
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from selectolax.lexbor import LexborHTMLParser

from ingestion.bounds import (
    MAX_HTML_DEPTH,
    MAX_JSON_DEPTH,
    DecompressedTooLarge,
    bounded_lines,
    html_depth_exceeded,
    html_flat_text,
    json_depth_exceeded,
    too_deep_reason,
)
from ingestion.errors import SourceConfigError, SourceError
from ingestion.language import detect_language, normalize_language_code
from ingestion.records import DocumentRecord, FetchResult, QuarantinedRecord
from ingestion.source_config import RssSourceConfig
from ingestion.sources.http import FetchFailed, PoliteClient
from ingestion.timeparse import TimestampOutOfRange, parse_timestamp

KIND = "rss"
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


class FeedRejected(ValueError):
    """A whole feed document cannot be read; quarantined with this reason."""


def html_fragment_text(fragment: str | None) -> str:
    """Readable text of an HTML snippet (feed summaries are often HTML); plain text passes through."""
    if not fragment:
        return ""
    if not _TAG.search(fragment) and "&" not in fragment:
        return fragment.strip()
    if html_depth_exceeded(fragment, MAX_HTML_DEPTH) is not None:
        return html_flat_text(fragment)  # too deep to parse in reasonable time: tags dropped, text kept
    tree = LexborHTMLParser(f"<body>{fragment}</body>")
    tree.strip_tags(["script", "style"])
    for br in tree.css("br"):
        br.replace_with("\n")
    body = tree.body
    parts = []
    blocks = body.css("p, li, h1, h2, h3, h4, blockquote") if body is not None else []
    if blocks:
        parts = [" ".join(b.text(separator="").split()) for b in blocks]
        return "\n".join(p for p in parts if p)
    text = body.text(separator="") if body is not None else fragment
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def with_headline(title: str | None, body: str, metadata: dict[str, Any]) -> str:
    """The text extraction reads: the headline, then the description or content.

    A feed item's headline often carries its main fact (who met whom, what was signed) while the
    description only continues it, so the headline opens the body, as a plain-text file's first
    line does; it is not repeated when the text already starts with it. Without a description
    the headline is the whole text. `metadata["body_from"]` records which case applied.
    """
    if not title:
        return body
    if not body:
        metadata["body_from"] = "title"
        return title
    if _folded(body[: len(title) + 16]).startswith(_folded(title)):
        return body
    metadata["body_from"] = "title+text"
    return f"{title}\n{body}"


def screen_feed_bytes(data: bytes, where: str) -> None:
    """Refuse entity declarations (billion laughs, XXE) and HTML pages served in place of a feed."""
    if not data.strip():
        raise FeedRejected("empty response/file, not a feed")
    if _ENTITY_DECL.search(data[:65536]):
        raise FeedRejected("feed declares XML entities (<!ENTITY>); refused to prevent entity expansion / XXE")
    depth = html_depth_exceeded(data.decode("utf-8", "replace"), MAX_HTML_DEPTH)
    if depth is not None:
        raise FeedRejected(f"feed nests at least {depth:,} elements deep (limit {MAX_HTML_DEPTH}); refused before parsing")
    if _HTML_START.match(data[:4096]):
        title = LexborHTMLParser(data[:65536].decode("utf-8", "replace")).css_first("title")
        label = f" titled {' '.join(title.text().split())!r}" if title is not None and title.text().strip() else ""
        raise FeedRejected(f"got an HTML page{label}, not a feed — the feed URL moved or an error page was served")
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedRejected(f"feed refused by the XML safety check: {type(exc).__name__}") from None
    except SafeET.ParseError:
        pass  # not well-formed: feedparser's tolerant parser may still read it (it never expands entities)


def _struct_to_dt(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _lang(code: str | None) -> str | None:
    return normalize_language_code(code)


def _host(url: Any) -> str | None:
    if not isinstance(url, str) or not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # "http://[bad" and the like
        return None
    return host.removeprefix("www.") if host else None


def entry_identity(entry: dict[str, Any]) -> str | None:
    for key in ("id", "guid", "link"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    title = entry.get("title")
    date = entry.get("published") or entry.get("updated")
    if title:
        return "sha256:" + hashlib.sha256(f"{title}\x1f{date or ''}".encode()).hexdigest()[:32]
    return None


class RssConnector:
    def __init__(self, config: RssSourceConfig):
        self.config = config

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        if not self.config.urls and not self.config.paths:
            raise SourceConfigError(self.config.name, "rss source lists no `urls` and no `paths`")
        state: dict[str, Any] = dict((cursor or {}).get("feeds") or {})
        result = FetchResult()
        failures: list[str] = []
        transient = False  # a failure a later try may not repeat (timeout, connection, 5xx, 429)
        feeds_read = 0
        for path in self.config.paths:
            try:
                if path.name.endswith(JSONL_SUFFIXES):
                    self._read_jsonl(path, result)
                else:
                    self._read_feed_file(path, result)
                feeds_read += 1
            except FeedRejected as exc:
                failures.append(f"{path}: {exc}")
                result.quarantined.append(self._reject(str(path), str(exc), _head_of(path), "feed"))
        if self.config.urls:
            with PoliteClient(self.config, self.config.name) as client:
                for url in self.config.urls:
                    try:
                        self._read_feed_url(client, url, state, result)
                        feeds_read += 1
                    except FetchFailed as exc:
                        failures.append(f"{url}: {exc.reason}")
                        transient = transient or exc.retryable
                        result.quarantined.append(self._reject(url, exc.reason, "", "fetch"))
                    except FeedRejected as exc:
                        failures.append(f"{url}: {exc}")
                        payload = getattr(exc, "payload", "")
                        result.quarantined.append(self._reject(url, str(exc), payload, "feed"))
        if feeds_read == 0:
            # a missing feed file, a 404/401/403 feed or one that is not a feed fails the same way on
            # every try: permanent (no retries); a timeout or a 5xx may pass on the next try
            raise SourceError(self.config.name, "every feed failed: " + "; ".join(failures), permanent=not transient)
        result.cursor = {"feeds": state, "failed_feeds": len(failures)}
        return result

    def _reject(self, ref: str, reason: str, payload: str | bytes, check: str = "parse") -> QuarantinedRecord:
        if check in ("feed", "fetch"):  # a whole feed: what could be read of it is kept as it is
            text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
            return QuarantinedRecord(KIND, self.config.name, reason=f"{self.config.name} record {ref}: {reason}",
                                     payload=text, record_ref=ref, check=check)
        return QuarantinedRecord.excerpt(KIND, self.config.name, ref, reason, payload, check=check)

    # -- feed documents ----------------------------------------------------------------------
    def _read_feed_file(self, path: Path, result: FetchResult) -> None:
        try:
            size = path.stat().st_size
            if size > self.config.max_bytes:
                raise FeedRejected(f"file is {size} bytes, over the {self.config.max_bytes}-byte cap (max_bytes)")
            data = path.read_bytes()
        except OSError as exc:
            raise FeedRejected(f"cannot read file: {exc.strerror}") from None
        self._parse_feed(data, str(path), path.resolve().as_uri(), result, {})

    def _read_feed_url(self, client: PoliteClient, url: str, state: dict[str, Any], result: FetchResult) -> None:
        previous = state.get(url) or {}
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"}
        if previous.get("etag"):
            headers["If-None-Match"] = previous["etag"]
        if previous.get("last_modified"):
            headers["If-Modified-Since"] = previous["last_modified"]
        response = client.get(url, headers=headers)
        entry_state = {**previous, "last_status": response.status}
        if response.not_modified:
            state[url] = entry_state
            return
        try:
            self._parse_feed(response.content, url, url, result, response.headers)
        except FeedRejected as exc:
            exc.payload = response.content[:65536].decode("utf-8", "replace")  # type: ignore[attr-defined]
            raise
        for header, key in (("etag", "etag"), ("last-modified", "last_modified")):
            if response.headers.get(header):
                entry_state[key] = response.headers[header]
        state[url] = entry_state

    def _parse_feed(self, data: bytes, where: str, feed_url: str, result: FetchResult, headers: dict[str, str]) -> None:
        screen_feed_bytes(data, where)
        parsed = feedparser.parse(io.BytesIO(data), response_headers={k: v for k, v in headers.items()
                                                                       if k in ("content-type", "content-location")})
        if not parsed.get("version") and not parsed.entries:
            problem = parsed.get("bozo_exception")
            raise FeedRejected(f"not an RSS/Atom feed ({type(problem).__name__}: {problem})" if problem
                               else "not an RSS/Atom feed (no channel/feed element and no items)")
        feed = parsed.feed
        feed_title = feed.get("title")
        feed_lang = _lang(feed.get("language")) or _lang(headers.get("content-language"))
        for i, entry in enumerate(parsed.entries):
            payload = json.dumps(entry, ensure_ascii=False, default=str)
            ident = entry_identity(entry)
            ref = ident or f"{where}#{i}"
            if ident is None:
                result.quarantined.append(self._reject(ref, "entry has no guid/id, link or title to identify it", payload))
                continue
            try:
                record = self._feed_entry(entry, ident, ref, payload, parsed, feed_url, feed_title, feed_lang, result)
            except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError, RecursionError) as exc:
                result.quarantined.append(self._reject(
                    ref, f"entry has an unexpected structure ({type(exc).__name__}: {str(exc)[:300]})", payload))
                continue
            if record is not None:
                result.records.append(record)

    def _feed_entry(self, entry: Any, ident: str, ref: str, payload: str, parsed: Any, feed_url: str,
                    feed_title: str | None, feed_lang: str | None, result: FetchResult) -> DocumentRecord | None:
        title = html_fragment_text(entry.get("title")) or None
        content = entry.get("content") or []
        body_html = max((c.get("value", "") for c in content), key=len, default="") or entry.get("summary", "")
        body = html_fragment_text(body_html)
        metadata: dict[str, Any] = {
            "feed_url": feed_url,
            "feed_title": feed_title,
            "feed_version": parsed.get("version") or None,
            "guid": entry.get("id"),
            "categories": [t.get("term") for t in entry.get("tags", []) if t.get("term")] or None,
            "enclosures": [dict(e) for e in entry.get("enclosures", [])] or None,
            "media": [dict(m) for m in entry.get("media_content", [])] or None,
            "summary": html_fragment_text(entry.get("summary")) if content and entry.get("summary") else None,
            # alternate/enclosure links of the item itself: not citations, but web may follow them
            "entry_links": sorted({lk.get("href") for lk in entry.get("links", []) if lk.get("href")}) or None,
        }
        body = with_headline(title, body, metadata)
        if not body:
            result.quarantined.append(self._reject(ref, "entry has neither title nor text", payload, "no_text"))
            return None
        published = (_struct_to_dt(entry.get("published_parsed")) or _struct_to_dt(entry.get("updated_parsed"))
                     or parse_timestamp(entry.get("published") or entry.get("updated")))
        if published is None and (entry.get("published") or entry.get("updated")):
            metadata["unparsed_date"] = entry.get("published") or entry.get("updated")
        return DocumentRecord(
            source_kind=KIND,
            source_name=self.config.name,
            external_id=ident,
            body=body,
            title=title,
            url=entry.get("link"),
            author=entry.get("author") or None,
            published_at=published,
            language=_lang(entry.get("language")) or feed_lang or detect_language(f"{title or ''}\n{body}"),
            outlet=self.config.outlet or feed_title or _host(entry.get("link")),
            payload=payload,
            metadata={k: v for k, v in metadata.items() if v is not None},
        )

    # -- JSON-lines item dumps ---------------------------------------------------------------
    def _read_jsonl(self, path: Path, result: FetchResult) -> None:
        """Flattened feed items, one JSON object a line: title, description/summary, link, date, source.

        Read as a stream (a .gz is inflated as it goes): no line is held beyond `max_line_bytes`, and
        no file is inflated beyond `max_decompressed_bytes`, so a gzip bomb costs bounded memory and time.
        """
        opener: Any = gzip.open if path.name.endswith(".gz") else open
        try:
            with opener(path, "rb") as handle:
                try:
                    for line in bounded_lines(handle, self.config.max_line_bytes, self.config.max_decompressed_bytes):
                        ref = f"{path.name}:{line.number}"
                        if line.overlong:
                            reason = f"line is longer than max_line_bytes={self.config.max_line_bytes}"
                            if line.cap_reached:
                                reason += (f" (at least {line.size:,} bytes; the file expands beyond max_decompressed_bytes="
                                           f"{self.config.max_decompressed_bytes} inside it, nothing after it is read)")
                            result.quarantined.append(QuarantinedRecord.excerpt(
                                KIND, self.config.name, ref, reason, line.data, total_bytes=line.size, sha256=line.sha256))
                        else:
                            self.jsonl_item(line.data, ref, result)
                except DecompressedTooLarge as exc:
                    result.quarantined.append(self._reject(f"{path.name}:end", f"file {exc}", "", "parse"))
                except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt .gz ends the file, not the run
                    result.quarantined.append(self._reject(f"{path.name}:end", f"file ends early: {exc}", "", "parse"))
        except FileNotFoundError as exc:
            raise FeedRejected(f"cannot read file: {exc.strerror}") from None

    def jsonl_item(self, line: bytes, ref: str, result: FetchResult) -> None:
        """One JSON-lines item → a document in `result.records`, or a quarantine record."""
        if len(line) > self.config.max_line_bytes:
            result.quarantined.append(self._reject(ref, f"line is longer than max_line_bytes={self.config.max_line_bytes}", line))
            return
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            result.quarantined.append(self._reject(ref, f"not valid UTF-8 at byte {exc.start}", line, "encoding"))
            return
        deep_at = json_depth_exceeded(text, MAX_JSON_DEPTH)
        if deep_at is not None:
            result.quarantined.append(self._reject(ref, too_deep_reason(MAX_JSON_DEPTH, deep_at), line))
            return
        try:
            item = json.loads(text)
        except json.JSONDecodeError as exc:
            result.quarantined.append(self._reject(ref, f"invalid JSON: {exc.msg} at column {exc.colno}", text))
            return
        except ValueError as exc:  # e.g. an integer of more than 4300 digits
            result.quarantined.append(self._reject(ref, f"invalid JSON: {exc}", line))
            return
        if not isinstance(item, dict):
            result.quarantined.append(self._reject(ref, f"line is a {type(item).__name__}, not an object", text))
            return
        try:
            record = self._jsonl_record(item, text, ref, result)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError, RecursionError) as exc:
            result.quarantined.append(self._reject(ref, f"item has an unexpected structure ({type(exc).__name__}: {exc})", line))
            return
        if record is not None:
            result.records.append(record)

    def _jsonl_record(self, item: dict[str, Any], text: str, ref: str, result: FetchResult) -> DocumentRecord | None:
        ident = entry_identity({"id": item.get("guid") or item.get("id"), "link": item.get("link"),
                                "title": item.get("title"), "published": item.get("date_published")})
        if ident is None:
            result.quarantined.append(self._reject(ref, "item has no guid/id, link or title", text))
            return None
        title = item.get("title")
        title = html_fragment_text(title) if isinstance(title, str) else None
        raw_body = item.get("description") or item.get("summary") or item.get("content") or ""
        body = html_fragment_text(raw_body) if isinstance(raw_body, str) else ""
        metadata: dict[str, Any] = {"feed_url": item.get("source"), "jsonl_ref": ref}
        body = with_headline(title, body, metadata)
        if not body:
            result.quarantined.append(self._reject(ident, "item has neither title nor description text", text, "no_text"))
            return None
        date_key = next((k for k in ("date_published", "published", "date") if item.get(k)), "date_published")
        date_value = item.get(date_key)
        try:
            published = parse_timestamp(date_value, strict=True) if isinstance(date_value, str | int | float) else None
        except TimestampOutOfRange as exc:  # a number that is no time: the item's date is wrong, not missing
            result.quarantined.append(self._reject(ref, f"{date_key} {exc}", text))
            return None
        if published is None and date_value:
            metadata["unparsed_date"] = date_value
        author = item.get("author")
        return DocumentRecord(
            source_kind=KIND,
            source_name=self.config.name,
            external_id=ident,
            body=body,
            title=title or None,
            url=item.get("link") if isinstance(item.get("link"), str) else None,
            author=author if isinstance(author, str) and author else None,
            published_at=published,
            language=_lang(item.get("language")) or detect_language(f"{title or ''}\n{body}"),
            outlet=self.config.outlet or _host(item.get("link")) or _host(item.get("source")),
            payload=text,
            metadata=metadata,
        )


def _head_of(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(65536).decode("utf-8", "replace")
    except OSError:
        return ""
