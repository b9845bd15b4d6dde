"""The one record model every connector produces, and the stable document identity."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ingestion.bounds import clean_text, payload_excerpt


def make_doc_id(source_kind: str, source_name: str, external_id: str) -> str:
    """Stable id of a document: the same (kind, source, external id) always gives the same id."""
    key = f"{source_kind}\x1f{source_name}\x1f{external_id}".encode()
    return hashlib.sha256(key).hexdigest()[:32]


def content_hash(title: str | None, body: str | None) -> str:
    """Hash of what a reader sees, used to spot edits and exact copies across sources."""
    normalized = " ".join(f"{title or ''}\n{body or ''}".split()).casefold()
    return hashlib.sha256(normalized.encode()).hexdigest()[:32]


def to_utc_naive(value: datetime | None) -> datetime | None:
    """Warehouse timestamps are UTC without a zone (TIMESTAMP); aware values are converted."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


@dataclass(slots=True)
class DocumentRecord:
    """A document as a connector saw it; `payload` keeps the original bytes as text."""

    source_kind: str
    source_name: str
    external_id: str
    body: str
    title: str | None = None
    url: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime = field(default_factory=utc_now)
    language: str | None = None
    outlet: str | None = None
    payload: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return make_doc_id(self.source_kind, self.source_name, self.external_id)

    def to_row(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "source_kind": self.source_kind,
            "source_name": self.source_name,
            "external_id": self.external_id,
            "url": self.url,
            "title": self.title,
            "body": self.body,
            "author": self.author,
            "published_at": to_utc_naive(self.published_at),
            "fetched_at": to_utc_naive(self.fetched_at),
            "language": self.language,
            "outlet": self.outlet,
            "content_hash": content_hash(self.title, self.body),
            "payload": self.payload,
            "metadata": json.dumps(self.metadata, ensure_ascii=False, default=str) if self.metadata else None,
        }


@dataclass(slots=True)
class QuarantinedRecord:
    """Input that could not become a document: kept with its original payload and the reason."""

    source_kind: str
    source_name: str
    reason: str
    payload: str
    record_ref: str | None = None  # file name, message id, URL: where the record came from
    check: str = "parse"  # which check rejected it (parse, or the failed expectation)
    quarantined_at: datetime = field(default_factory=utc_now)

    @classmethod
    def excerpt(
        cls, source_kind: str, source_name: str, ref: str, reason: str, data: bytes | str, check: str = "parse",
        total_bytes: int | None = None, sha256: str | None = None,
    ) -> QuarantinedRecord:
        """A reject of a record over a bound or malformed: its first bytes as payload, size and SHA-256 in the reason.

        The reason reads `<source> record <ref>: <reason> [payload N bytes, first M kept; sha256 …]`.
        """
        head, note = payload_excerpt(data, total_bytes, sha256)
        return cls(source_kind, source_name, reason=f"{source_name} record {ref}: {reason}" + (f" {note}" if note else ""),
                   payload=head, record_ref=ref, check=check)

    def to_row(self) -> dict[str, Any]:
        # text from outside may hold lone surrogates (undecodable file names, "\ud800" escapes):
        # replaced, so one such reject can never fail the Parquet write of a whole batch
        return {
            "source_kind": self.source_kind,
            "source_name": self.source_name,
            "record_ref": None if self.record_ref is None else clean_text(str(self.record_ref)),
            "check_name": self.check,
            "reason": clean_text(str(self.reason)),
            "payload": clean_text(self.payload) if isinstance(self.payload, str) else self.payload,
            "quarantined_at": to_utc_naive(self.quarantined_at),
        }


@dataclass(slots=True)
class FetchResult:
    """What one fetch of one source produced: documents, rejects, and where to resume next time."""

    records: list[DocumentRecord] = field(default_factory=list)
    quarantined: list[QuarantinedRecord] = field(default_factory=list)
    cursor: dict[str, Any] | None = None
    post_metrics: list[dict[str, Any]] = field(default_factory=list)
