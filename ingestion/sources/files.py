"""`files` source: a folder of .txt, .md, .html and .json documents, with optional YAML front matter."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ingestion.bounds import (
    MAX_HTML_DEPTH,
    MAX_JSON_DEPTH,
    PAYLOAD_HEAD_BYTES,
    TooDeep,
    binary_text_reason,
    has_surrogates,
    html_depth_exceeded,
    loads_bounded,
    shown_name,
)
from ingestion.errors import SourceConfigError
from ingestion.language import detect_language
from ingestion.records import DocumentRecord, FetchResult, QuarantinedRecord
from ingestion.source_config import FilesSourceConfig
from ingestion.timeparse import parse_timestamp

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")
FRONT_MATTER_KEYS = ("title", "url", "outlet", "published_at", "author", "language")


class RecordRejected(ValueError):
    """One file or JSON item cannot become a document; the reason goes to quarantine."""

    def __init__(self, reason: str, check: str = "parse"):
        super().__init__(reason)
        self.check = check


class FilesConnector:
    def __init__(self, config: FilesSourceConfig):
        self.config = config

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        root = self.config.path
        if not root.is_dir():
            raise SourceConfigError(self.config.name, f"folder {root} does not exist or is not a directory")
        pattern = "**/*" if self.config.recursive else "*"
        files = sorted(p for p in root.glob(pattern) if p.is_file() and p.suffix.lower() in SUFFIXES)
        result = FetchResult()
        for path in files:
            rel = path.relative_to(root).as_posix()
            if has_surrogates(rel):  # bytes that are not UTF-8 in the name: nothing downstream can carry it
                result.quarantined.append(self._reject_name(path, rel))
                continue
            raw = b""
            size = 0
            try:
                size = path.stat().st_size
                if size > self.config.max_bytes:
                    raw = _head(path)  # only the head is read, for the quarantine row
                    raise RecordRejected(f"file is {size} bytes, over the {self.config.max_bytes}-byte cap")
                raw = path.read_bytes()
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    raise RecordRejected(f"not valid UTF-8 at byte {exc.start}", "encoding") from None
                binary = binary_text_reason(text)
                if binary:
                    raise RecordRejected(f"file {binary}", "encoding")
                result.records.extend(self._documents(path, rel, text))
            except RecordRejected as exc:
                result.quarantined.append(QuarantinedRecord.excerpt(
                    "files", self.config.name, rel, str(exc), raw, check=exc.check, total_bytes=max(size, len(raw))))
            except OSError as exc:  # unreadable (permissions, vanished): this file only
                result.quarantined.append(QuarantinedRecord.excerpt(
                    "files", self.config.name, rel, f"cannot read file: {exc.strerror or exc}", raw))
            except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError, RecursionError) as exc:
                # e.g. front matter nested too deep for the YAML parser: this file only, never the source
                result.quarantined.append(QuarantinedRecord.excerpt(
                    "files", self.config.name, rel, f"unexpected content ({type(exc).__name__}: {str(exc)[:300]})", raw))
        # Files are re-read every run; the landing step's content hash makes that idempotent.
        result.cursor = {"files_seen": len(files)}
        return result

    def _reject_name(self, path: Path, rel: str) -> QuarantinedRecord:
        """A file whose name is not UTF-8: kept as its first bytes and hash, under the name with \\x escapes."""
        shown = shown_name(rel)
        try:
            size = path.stat().st_size
            data = path.read_bytes() if size <= self.config.max_bytes else _head(path)
        except OSError:
            size, data = 0, b""
        return QuarantinedRecord.excerpt(
            "files", self.config.name, shown, f"file name is not valid UTF-8 ({shown!r}); rename the file to UTF-8 to land it",
            data, check="encoding", total_bytes=size)

    def _documents(self, path: Path, rel: str, text: str) -> list[DocumentRecord]:
        suffix = path.suffix.lower()
        if suffix == ".json":
            return self._json_documents(rel, text)
        meta, body = split_front_matter(text, rel)
        title = meta.get("title")
        if suffix in (".html", ".htm"):
            depth = html_depth_exceeded(body, MAX_HTML_DEPTH)
            if depth is not None:
                raise RecordRejected(f"HTML nests at least {depth:,} elements deep (limit {MAX_HTML_DEPTH}); "
                                     "refused before parsing (parse time grows with the square of the depth)")
            html_title, body = html_to_text(body)
            title = title or html_title
        if not title:
            title, body = first_line_title(body)
        return [self._record(rel, text, meta, title, body)]

    def _json_documents(self, rel: str, text: str) -> list[DocumentRecord]:
        try:
            data = loads_bounded(text, MAX_JSON_DEPTH)
        except TooDeep as exc:
            raise RecordRejected(str(exc)) from exc
        except json.JSONDecodeError as exc:
            raise RecordRejected(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
        except ValueError as exc:  # e.g. an integer of more than 4300 digits
            raise RecordRejected(f"invalid JSON: {exc}") from None
        items = data if isinstance(data, list) else [data]
        docs = []
        for i, item in enumerate(items):
            ref = rel if len(items) == 1 and not isinstance(data, list) else f"{rel}#{i}"
            if not isinstance(item, dict):
                raise RecordRejected(f"item {i} is a {type(item).__name__}, expected an object")
            body = item.get("body") or item.get("text") or item.get("content")
            if not isinstance(body, str):
                raise RecordRejected(f"item {i} has no string field body/text/content")
            title = item.get("title")
            if not title:
                title, body = first_line_title(body)
            external = str(item["id"]) if item.get("id") is not None else ref
            docs.append(self._record(external, json.dumps(item, ensure_ascii=False), item, title, body))
        return docs

    def _record(self, external_id: str, payload: str, meta: dict[str, Any], title: str | None, body: str) -> DocumentRecord:
        body = body.strip()
        if not body:
            raise RecordRejected("document has no text")
        published = meta.get("published_at")
        try:
            published_at = _as_datetime(published) if published is not None else None
        except ValueError as exc:
            raise RecordRejected(f"published_at {published!r}: {exc}") from None
        return DocumentRecord(
            source_kind="files",
            source_name=self.config.name,
            external_id=external_id,
            title=str(title).strip() if title else None,
            body=body,
            url=meta.get("url"),
            author=meta.get("author"),
            published_at=published_at,
            language=meta.get("language") or detect_language(body),
            outlet=meta.get("outlet") or self.config.outlet,
            payload=payload,
        )


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(PAYLOAD_HEAD_BYTES)
    except OSError:
        return b""


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    parsed = parse_timestamp(str(value))
    if parsed is None:
        raise ValueError("not a recognizable date")
    return parsed


def split_front_matter(text: str, ref: str) -> tuple[dict[str, Any], str]:
    """YAML between a leading '---' line and the next '---' line; unknown keys are kept."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                raise RecordRejected(f"front matter is not valid YAML: {exc}") from None
            if not isinstance(meta, dict):
                raise RecordRejected("front matter must be a mapping of key: value")
            return meta, "\n".join(lines[i + 1 :])
    raise RecordRejected("front matter opened with '---' but never closed")


def first_line_title(body: str) -> tuple[str | None, str]:
    """Without front matter the first non-empty line is the title; the body keeps every line.

    Plain text cannot say whether its first line is a headline or the lede paragraph (both occur),
    so nothing is cut from the body that extraction reads and offsets refer to.
    """
    text = body.strip()
    for line in text.split("\n"):
        if line.strip():
            return line.strip().lstrip("#").strip(), text
    return None, body


_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "div", "br")


def html_to_text(html: str) -> tuple[str | None, str]:
    """Title and readable text of an HTML document (scripts, styles and navigation dropped)."""
    tree = HTMLParser(html)
    title_node = tree.css_first("title") or tree.css_first("h1")
    title = title_node.text(strip=True) if title_node else None
    tree.strip_tags(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg"])
    root = tree.css_first("article") or tree.body or tree.root
    if root is None:
        return title, ""
    paragraphs = []
    for node in root.css(",".join(t for t in _BLOCK_TAGS if t not in ("div", "br"))):
        text = " ".join(node.text(separator=" ").split())
        if text and (not title or text != title or node.tag != "h1"):
            paragraphs.append(text)
    if not paragraphs:
        paragraphs = [" ".join(root.text(separator=" ").split())]
    return title, "\n".join(paragraphs)
