"""The RSS year corpus (../shared/corpora, JSON lines, gzipped): its items' text, a sample of its
first items, and the source config that lands it."""

from __future__ import annotations

import gzip
import itertools
import json
import time
from pathlib import Path
from typing import IO, Any

from bench.progress import log

ITEMS_PER_PART = 5000  # items per JSON list when the year is converted to a files-source folder


def rss_body(item: dict[str, Any]) -> str:
    """The text the pipeline annotates for an RSS item: its description, else its title."""
    return (item.get("description") or "").strip() or (item.get("title") or "").strip()


def open_jsonl(path: Path) -> IO[str]:
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")


def count_items(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return sum(1 for _ in fh)


def write_first_items(path: Path, limit: int, out: Path) -> Path:
    """The first `limit` items of the year (file order, i.e. by day) as a plain JSON-lines file."""
    return write_items(path, 0, limit, out)


def write_items(path: Path, start: int, stop: int, out: Path) -> Path:
    """Items `start` to `stop` (0-based, `stop` excluded, file order) as a plain JSON-lines file."""
    with gzip.open(path, "rt", encoding="utf-8") as fh, out.open("w", encoding="utf-8") as sink:
        sink.writelines(itertools.islice(fh, start, stop))
    return out


def rss_source(path: Path, root: Path) -> tuple[str, dict[str, Any], float]:
    """(how it lands, the source config, setup seconds): the rss connector's JSON-lines dump option
    when it exists, otherwise a files-source folder converted first (conversion is setup, not a stage)."""
    if _rss_connector_reads_dumps():
        return (
            "rss connector (paths: JSON-lines dump)",
            {"kind": "rss", "name": "rss_year", "paths": [str(path)]},
            0.0,
        )
    log("rss connector cannot read JSON-lines dumps here: converting to a files-source folder")
    started = time.perf_counter()
    folder = _convert_to_files_source(path, root / "corpus")
    source = {"kind": "files", "name": "rss_year", "path": str(folder)}
    return "converted to files-source JSON lists", source, round(time.perf_counter() - started, 3)


def _rss_connector_reads_dumps() -> bool:
    try:
        from ingestion.source_config import RssSourceConfig
        from ingestion.sources import CONNECTORS
    except ImportError:
        return False
    return "rss" in CONNECTORS and "paths" in RssSourceConfig.model_fields


def _convert_to_files_source(path: Path, folder: Path) -> Path:
    """The items with a text, as the files connector's JSON lists (`part-00000.json`, ...)."""
    folder.mkdir(parents=True, exist_ok=True)
    chunk: list[dict[str, Any]] = []
    part = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            document = _files_document(json.loads(line), i)
            if document is None:
                continue
            chunk.append(document)
            if len(chunk) == ITEMS_PER_PART:
                _write_part(folder, part, chunk)
                chunk, part = [], part + 1
    if chunk:
        _write_part(folder, part, chunk)
    return folder


def _files_document(item: dict[str, Any], index: int) -> dict[str, Any] | None:
    body = rss_body(item)
    if not body:
        return None
    return {
        "id": item.get("link") or f"rss-{index}",
        "title": item.get("title"),
        "body": body,
        "url": item.get("link"),
        "published_at": item.get("date_published"),
        "author": item.get("author"),
        "language": (item.get("language") or "")[:2].lower() or None,
        "outlet": item.get("source"),
    }


def _write_part(folder: Path, part: int, items: list[dict[str, Any]]) -> None:
    (folder / f"part-{part:05d}.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
