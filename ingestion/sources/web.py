"""`web` source: news articles by URL — fetched politely, extracted with trafilatura.

URLs come from the config and, with `follow_links_from_documents`, from links that other
sources' landed documents point to (Telegram text links and previews, feed item links), limited
to `allowed_domains`. The original HTML is kept zstd-compressed (base64 in the payload) so the
article can be re-extracted when extraction improves, without fetching it again.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa
import trafilatura

from ingestion.errors import SourceError
from ingestion.language import detect_language
from ingestion.records import DocumentRecord, FetchResult, QuarantinedRecord
from ingestion.source_config import WebSourceConfig
from ingestion.sources.http import FetchFailed, HttpResponse, PoliteClient
from ingestion.timeparse import parse_timestamp
from ingestion.urls import canonical_url

KIND = "web"
PAYLOAD_ENCODING = "zstd+base64"
MAX_REMEMBERED_URLS = 50_000


def compress_html(html: bytes) -> str:
    return base64.b64encode(pa.compress(html, codec="zstd", asbytes=True)).decode("ascii")


def decompress_html(payload: str, size: int) -> bytes:
    """Original HTML bytes from a web document's payload; `size` is metadata['html_bytes']."""
    return bytes(pa.decompress(base64.b64decode(payload), decompressed_size=size, codec="zstd", asbytes=True))


def domain_allowed(url: str, allowed: list[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d.lower().lstrip(".") or host.endswith("." + d.lower().lstrip(".")) for d in allowed)


def extract_article(html: str, url: str | None = None) -> dict[str, Any] | None:
    """Title, author, date, body and language of an article page; None when no article text is found."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=False
    )
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if not body:
        return None
    return {
        "title": data.get("title"),
        "author": data.get("author"),
        "date": data.get("date"),
        "body": body,
        "language": data.get("language"),
        "sitename": data.get("sitename"),
        "description": data.get("description"),
        "categories": data.get("categories"),
        "tags": data.get("tags"),
    }


class WebConnector:
    def __init__(self, config: WebSourceConfig):
        self.config = config
        self.landing_dir: Path | None = None  # set by landing.fetch_source for link discovery

    def bind_landing(self, landing_dir: Path) -> None:
        self.landing_dir = landing_dir

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        seen: list[str] = list((cursor or {}).get("fetched_urls") or [])
        seen_set = set(seen)
        targets = [canonical_url(u) for u in self.config.urls]
        if self.config.follow_links_from_documents:
            discovered = [u for u in self.discover_links() if u not in seen_set]
            targets.extend(discovered[: self.config.max_links_per_run])
        targets = list(dict.fromkeys(targets))
        if not targets:
            return FetchResult(cursor={**(cursor or {}), "fetched_urls": seen})
        result = FetchResult()
        failures: list[str] = []
        transient = False  # a failure a later try may not repeat (timeout, connection, 5xx, 429)
        with PoliteClient(self.config, self.config.name) as client:
            for url in targets:
                try:
                    response = client.get(url, headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"})
                except FetchFailed as exc:
                    failures.append(f"{url}: {exc.reason}")
                    transient = transient or exc.retryable
                    result.quarantined.append(self._reject(url, exc.reason, "", "fetch"))
                    continue
                try:
                    record = self._article(url, response, result)
                except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError, RecursionError) as exc:
                    # the extractor choked on this page: this URL only (kept compressed), never the source
                    record = None
                    result.quarantined.append(self._reject(
                        url, f"page could not be extracted ({type(exc).__name__}: {str(exc)[:300]}); original kept as "
                             f"{PAYLOAD_ENCODING}", compress_html(response.content), "parse"))
                if record is not None:
                    result.records.append(record)
                if url not in seen_set:
                    seen.append(url)
                    seen_set.add(url)
        if failures and len(failures) == len(targets):
            raise SourceError(self.config.name, "every URL failed: " + "; ".join(failures[:5])
                              + (f" (and {len(failures) - 5} more)" if len(failures) > 5 else ""),
                              permanent=not transient)
        result.cursor = {"fetched_urls": seen[-MAX_REMEMBERED_URLS:], "failed_urls": len(failures)}
        return result

    def _reject(self, ref: str, reason: str, payload: str, check: str = "parse") -> QuarantinedRecord:
        return QuarantinedRecord(KIND, self.config.name, reason=f"{self.config.name} record {ref}: {reason}",
                                 payload=payload, record_ref=ref, check=check)

    def _article(self, url: str, response: HttpResponse, result: FetchResult) -> DocumentRecord | None:
        content_type = response.headers.get("content-type", "")
        if content_type and not any(t in content_type for t in ("html", "xml", "text/plain")):
            result.quarantined.append(self._reject(url, f"content type {content_type!r} is not a web page",
                                                   compress_html(response.content[:65536]), "content_type"))
            return None
        html = response.text()
        article = extract_article(html, response.url)
        if article is None:
            result.quarantined.append(self._reject(
                url, "no article text could be extracted (not an article page, or markup without text nodes); "
                     f"original kept as {PAYLOAD_ENCODING}", compress_html(response.content), "no_text"))
            return None
        published = parse_timestamp(article["date"]) if article.get("date") else None
        return DocumentRecord(
            source_kind=KIND,
            source_name=self.config.name,
            external_id=url,
            body=article["body"],
            title=article.get("title"),
            url=response.url,
            author=article.get("author"),
            published_at=published,
            language=article.get("language") or detect_language(article["body"]),
            outlet=self.config.outlet or article.get("sitename") or urlsplit(response.url).hostname,
            payload=compress_html(response.content),
            metadata={k: v for k, v in {
                "payload_encoding": PAYLOAD_ENCODING,
                "html_bytes": len(response.content),
                "http_status": response.status,
                "content_type": content_type or None,
                "requested_url": url if url != response.url else None,
                "description": article.get("description"),
                "categories": article.get("categories") or None,
                "tags": article.get("tags") or None,
                "extractor": f"trafilatura {trafilatura.__version__}",
            }.items() if v is not None},
        )

    def discover_links(self) -> list[str]:
        """Links in other sources' landed documents (metadata.links, link previews, feed links), allowlisted."""
        if not self.config.allowed_domains or self.landing_dir is None or not self.landing_dir.is_dir():
            return []
        import duckdb  # connectors stay cheap to import; only link discovery needs SQL

        files = [str(p) for p in sorted(self.landing_dir.glob("*/*.parquet"))
                 if not p.name.endswith((".quarantine.parquet", ".metrics.parquet"))
                 and p.parent.name != self.config.name]
        if not files:
            return []
        con = duckdb.connect()
        try:
            rows = con.execute(
                """select distinct link from (
                       select unnest(coalesce(try_cast(json_extract(metadata, '$.links') as varchar[]), [])) as link
                       from read_parquet(?, union_by_name = true) where metadata is not null
                       union all
                       select url from read_parquet(?, union_by_name = true) where source_kind = 'rss'
                   ) where link is not null""",
                [files, files],
            ).fetchall()
        finally:
            con.close()
        urls = [canonical_url(r[0]) for r in rows if isinstance(r[0], str) and r[0].startswith(("http://", "https://"))]
        return sorted({u for u in urls if domain_allowed(u, self.config.allowed_domains)})


def payload_html(record_metadata: str | dict[str, Any] | None, payload: str) -> bytes:
    """Convenience for re-extraction: the original HTML of a landed web document."""
    meta = json.loads(record_metadata) if isinstance(record_metadata, str) else (record_metadata or {})
    return decompress_html(payload, int(meta["html_bytes"]))
