"""What every Telegram connector shares: one post model, counters like "1.2K", and post → record.

The three Telegram connectors (web preview, Desktop export, API/TL-JSON) read different shapes
of the same thing. They all fill a `TelegramPost`, so a post lands identically whichever way it
was collected: same external id (`<channel>/<message id>`), same URL, same metadata keys.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ingestion.language import detect_language
from ingestion.records import DocumentRecord, QuarantinedRecord, to_utc_naive

_COUNTER = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*([KkMmBb]?)\s*$")
_MULTIPLIER = {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000}


def parse_counter(value: str | int | None) -> int | None:
    """Telegram's abbreviated counters: "987" → 987, "1.2K" → 1200, "3,4M" → 3400000."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    match = _COUNTER.match(value.replace("\u00a0", ""))
    if not match:
        return None
    number, suffix = match.groups()
    return round(float(number.replace(",", ".")) * _MULTIPLIER[suffix.lower()])


def post_url(channel: str | None, message_id: int) -> str | None:
    """Public URL of a channel post; None for channels known only by numeric id."""
    if not channel or channel.isdigit():
        return None
    return f"https://t.me/{channel}/{message_id}"


_TME_POST = re.compile(r"^https?://(?:t\.me|telegram\.me)/(?:s/)?([A-Za-z0-9_]{3,64})/([0-9]+)")


def split_post_url(url: str | None) -> tuple[str, int] | None:
    """("channel", 123) from a https://t.me/channel/123 link, else None."""
    if not url:
        return None
    match = _TME_POST.match(url)
    return (match.group(1), int(match.group(2))) if match else None


@dataclass
class TelegramPost:
    channel: str  # username when known, else the numeric channel id
    message_id: int
    date: datetime | None
    text: str
    channel_title: str | None = None
    edited: bool = False
    edited_at: datetime | None = None
    author: str | None = None  # post signature, when the channel signs posts
    views: int | None = None
    forwards: int | None = None
    replies: int | None = None
    reactions: dict[str, int] = field(default_factory=dict)
    forwarded_from: dict[str, Any] | None = None  # {name, url, channel, message_id, date}
    reply_to: dict[str, Any] | None = None  # {message_id, url}
    media: list[dict[str, Any]] = field(default_factory=list)  # [{type, ...}]
    album_id: str | None = None
    album_message_ids: list[int] = field(default_factory=list)
    link_preview: dict[str, Any] | None = None  # {url, site_name, title, description}
    links: list[str] = field(default_factory=list)  # URLs in the text (entities, text links)
    entities: list[dict[str, Any]] = field(default_factory=list)
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def external_id(self) -> str:
        return f"{self.channel}/{self.message_id}"

    def metadata(self) -> dict[str, Any]:
        edited_at = to_utc_naive(self.edited_at)
        meta: dict[str, Any] = {
            "channel": self.channel,
            "channel_title": self.channel_title,
            "message_id": self.message_id,
            "edited": self.edited,
            "edited_at": edited_at.isoformat() if edited_at else None,
            "views": self.views,
            "forwards": self.forwards,
            "replies": self.replies,
            "reactions": self.reactions or None,
            "forwarded_from": self.forwarded_from,
            "reply_to": self.reply_to,
            "media": self.media or None,
            "album_id": self.album_id,
            "album_message_ids": self.album_message_ids or None,
            "link_preview": self.link_preview,
            "links": sorted(set(self.links)) or None,
            "entities": self.entities or None,
            **self.extra,
        }
        return {k: v for k, v in meta.items() if v is not None}

    def to_record(self, source_kind: str, source_name: str, outlet: str | None, payload: str) -> DocumentRecord:
        text = self.text.strip()
        return DocumentRecord(
            source_kind=source_kind,
            source_name=source_name,
            external_id=self.external_id,
            body=text,
            title=None,  # posts have no headline; the first line is part of the body
            url=self.url or post_url(self.channel, self.message_id),
            author=self.author,
            published_at=self.date,
            language=detect_language(text),
            outlet=outlet or self.channel_title or self.channel,
            payload=payload,
            metadata=self.metadata(),
        )

    def metrics_row(self, doc_id: str, observed_at: datetime) -> dict[str, Any] | None:
        if self.views is None and self.forwards is None and self.replies is None and not self.reactions:
            return None
        return {
            "doc_id": doc_id,
            "observed_at": to_utc_naive(observed_at),
            "views": self.views,
            "forwards": self.forwards,
            "replies": self.replies,
            "reactions": json.dumps(self.reactions, ensure_ascii=False) if self.reactions else None,
        }


def fold_albums(posts: list[TelegramPost]) -> list[TelegramPost]:
    """Merge an album's caption-less parts into the part that carries the caption.

    Telegram sends an album as several messages sharing a grouped id; usually one carries the
    text. The others become media entries of that post instead of empty documents. An album
    without any text stays as separate (empty, later quarantined) posts so nothing disappears.
    """
    by_album: dict[str, list[TelegramPost]] = {}
    for post in posts:
        if post.album_id:
            by_album.setdefault(post.album_id, []).append(post)
    absorbed: set[int] = set()
    for members in by_album.values():
        members.sort(key=lambda p: p.message_id)
        captioned = [p for p in members if p.text.strip()]
        if not captioned:
            continue
        head = captioned[0]
        head.album_message_ids = [p.message_id for p in members]
        for part in members:
            if part is head or part.text.strip():
                continue
            head.media.extend(part.media)
            absorbed.add(id(part))
    return [p for p in posts if id(p) not in absorbed]


def quarantine_post(
    source_kind: str, source_name: str, ref: str, reason: str, payload: str | bytes, check: str = "parse",
    excerpt: bool = False,
) -> QuarantinedRecord:
    """A rejected post kept whole; with `excerpt` (a large or hostile payload: a whole export, a message
    over a bound) its first bytes are kept and its size and SHA-256 close the reason."""
    if excerpt or isinstance(payload, bytes):
        return QuarantinedRecord.excerpt(source_kind, source_name, ref, reason, payload, check=check)
    return QuarantinedRecord(
        source_kind=source_kind,
        source_name=source_name,
        record_ref=ref,
        reason=f"{source_name} record {ref}: {reason}",
        payload=payload,
        check=check,
    )
