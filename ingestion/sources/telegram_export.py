"""`telegram_export` source: Telegram Desktop "Export chat history" result.json files.

An export is one JSON document with a `messages` array (single-chat export) or `chats.list[]`
(full account export). Text is a string or a mixed array of strings and entity objects, with
`text_entities` alongside; `date` is the exporting machine's local time, so `date_unixtime`
is what we trust. A truncated export (the app was killed, the disk filled) still yields every
complete message before the cut; the unreadable tail is quarantined.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingestion.bounds import MAX_JSON_DEPTH, contains_cut, cut_deep_json, too_deep_reason
from ingestion.errors import SourceConfigError, SourceError
from ingestion.records import FetchResult, QuarantinedRecord
from ingestion.source_config import TelegramExportSourceConfig
from ingestion.sources.telegram_common import TelegramPost, fold_albums, quarantine_post, split_post_url
from ingestion.timeparse import parse_timestamp

KIND = "telegram_export"
_MEDIA_FIELDS = ("photo", "file", "sticker_emoji", "poll", "location_information", "contact_information",
                 "game_title", "invoice_information")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
# what one bad message may raise while it is read: it is quarantined, the export goes on
MESSAGE_ERRORS = (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError, OSError, RecursionError)


class ExportUnreadable(ValueError):
    pass


class WrongType(ExportUnreadable):
    """A field the reader relies on has the wrong JSON type ("reactions": 5)."""


def export_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        found = sorted(path.glob("**/result.json"))
        return found or sorted(p for p in path.glob("*.json") if p.is_file())
    return []


def flatten_text(message: dict[str, Any]) -> tuple[str, list[dict[str, Any]], list[str]]:
    """Plain text, entities (code-point offsets) and link URLs of an exported message."""
    pieces = message.get("text_entities")
    if not isinstance(pieces, list):
        raw = message.get("text", "")
        pieces = raw if isinstance(raw, list) else [raw]
    parts: list[str] = []
    entities: list[dict[str, Any]] = []
    links: list[str] = []
    offset = 0
    for piece in pieces:
        if isinstance(piece, str):
            kind, text, href = "plain", piece, None
        elif isinstance(piece, dict):
            kind, text, href = str(piece.get("type", "plain")), str(piece.get("text", "")), piece.get("href")
        else:
            continue
        parts.append(text)
        if kind != "plain" and text:
            entity: dict[str, Any] = {"type": kind, "offset": offset, "length": len(text)}
            if href:
                entity["url"] = href
            if kind == "custom_emoji" and isinstance(piece, dict) and piece.get("document_id"):
                entity["document_id"] = piece["document_id"]
            entities.append(entity)
        if kind == "text_link" and href:
            links.append(str(href))
        elif kind == "link":
            links.append(text if text.startswith(("http://", "https://")) else f"https://{text}")
        offset += len(text)
    text = "".join(parts)
    if not any(e["type"] in ("link", "text_link") for e in entities):
        links.extend(_URL.findall(text))
    return text, entities, links


def _unixtime(message: dict[str, Any], key: str) -> datetime | None:
    value = message.get(f"{key}_unixtime")
    if isinstance(value, str | int) and value != "":
        try:
            return datetime.fromtimestamp(int(value), UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            pass
    return parse_timestamp(message.get(key)) if isinstance(message.get(key), str) else None


def _media(message: dict[str, Any]) -> list[dict[str, Any]]:
    media: list[dict[str, Any]] = []
    if "photo" in message:
        media.append({"type": "photo", "width": message.get("width"), "height": message.get("height"),
                      "file_size": message.get("photo_file_size")})
    if "file" in message or "media_type" in message:
        media.append({
            "type": message.get("media_type") or "document",
            "file_name": message.get("file_name"),
            "mime_type": message.get("mime_type"),
            "file_size": message.get("file_size"),
            "duration_seconds": message.get("duration_seconds"),
        })
    for key in ("poll", "location_information", "contact_information"):
        if isinstance(message.get(key), dict):
            media.append({"type": key.removesuffix("_information"), **message[key]})
    return [{k: v for k, v in m.items() if v is not None} for m in media]


def _reactions(message: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for reaction in message.get("reactions") or []:
        if not isinstance(reaction, dict):
            continue
        key = reaction.get("emoji") or (f"custom:{reaction.get('document_id')}" if reaction.get("document_id") else None)
        if key and isinstance(reaction.get("count"), int):
            out[str(key)] = out.get(str(key), 0) + int(reaction["count"])
    return out


def _expect(value: Any, field: str, kinds: type | tuple[type, ...], what: str) -> None:
    if value is not None and not isinstance(value, kinds):
        raise WrongType(f"field {field!r} is {type(value).__name__}, expected {what}")


def check_field_types(message: dict[str, Any]) -> None:
    """Fields whose type the reader relies on; a wrong one quarantines the message with its name."""
    _expect(message.get("reactions"), "reactions", list, "a list")
    _expect(message.get("forwarded_from"), "forwarded_from", str, "a string")
    _expect(message.get("forwarded_from_id"), "forwarded_from_id", (str, int), "a string")
    poll = message.get("poll")
    _expect(poll, "poll", dict, "an object")
    if isinstance(poll, dict):
        _expect(poll.get("answers"), "poll.answers", list, "a list")


def message_to_post(message: dict[str, Any], channel: str, channel_title: str | None) -> TelegramPost:
    if not isinstance(message.get("id"), int):
        raise ExportUnreadable(f"message has no integer id ({message.get('id')!r})")
    check_field_types(message)
    date = _unixtime(message, "date")
    if date is None:
        raise ExportUnreadable("message has no readable date/date_unixtime")
    text, entities, links = flatten_text(message)
    media = _media(message)
    if not text.strip() and isinstance(message.get("poll"), dict):
        poll = message["poll"]
        options = [str(a.get("text", "")) for a in poll.get("answers", []) if isinstance(a, dict)]
        text = "\n".join([str(poll.get("question", "")), *options])
    forwarded = None
    if message.get("forwarded_from") or message.get("forwarded_from_id"):
        forwarded = {"name": message.get("forwarded_from"), "from_id": message.get("forwarded_from_id")}
        forwarded = {k: v for k, v in forwarded.items() if v}
    reply_to = None
    if isinstance(message.get("reply_to_message_id"), int):
        target = message["reply_to_message_id"]
        reply_to = {"message_id": target, "channel": channel}
        if not channel.isdigit():
            reply_to["url"] = f"https://t.me/{channel}/{target}"
    edited_at = _unixtime(message, "edited") if message.get("edited") else None
    author = message.get("author") or None
    return TelegramPost(
        channel=channel,
        message_id=message["id"],
        date=date,
        text=text,
        channel_title=channel_title,
        edited=edited_at is not None,
        edited_at=edited_at,
        author=str(author) if author else None,
        reactions=_reactions(message),
        forwarded_from=forwarded or None,
        reply_to=reply_to,
        media=media,
        links=links,
        entities=entities,
        extra={k: message[k] for k in ("from", "from_id", "via_bot") if message.get(k)},
    )


def salvage_messages(text: str) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
    """Complete messages before the cut of a truncated export: (header, messages, unreadable chars)."""
    header: dict[str, Any] = {}
    for key in ("name", "type"):
        match = re.search(rf'"{key}"\s*:\s*"((?:[^"\\]|\\.)*)"', text[:4096])
        if match:
            header[key] = json.loads(f'"{match.group(1)}"')
    id_match = re.search(r'"id"\s*:\s*(-?[0-9]+)', text[:4096])
    if id_match and text.find('"id"') < text.find('"messages"'):
        header["id"] = int(id_match.group(1))
    start = text.find('"messages"')
    if start < 0:
        return header, [], len(text)
    pos = text.find("[", start)
    if pos < 0:
        return header, [], len(text) - start
    decoder = json.JSONDecoder()
    messages: list[dict[str, Any]] = []
    pos += 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return header, messages, 0
        try:
            item, pos = decoder.raw_decode(text, pos)
        except ValueError:  # JSONDecodeError, or an integer of over 4300 digits
            return header, messages, len(text) - pos
        if isinstance(item, dict):
            messages.append(item)


def _safe_media(message: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        return _media(message)
    except MESSAGE_ERRORS:
        return []  # the message itself is quarantined when it is read


def _chats(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return [data]
    chats = data.get("chats", {}).get("list") if isinstance(data, dict) and isinstance(data.get("chats"), dict) else None
    if isinstance(chats, list):
        return [c for c in chats if isinstance(c, dict) and isinstance(c.get("messages"), list)]
    raise ExportUnreadable("not a Telegram Desktop export: no top-level messages[] and no chats.list[]")


def _album_ids(messages: list[dict[str, Any]], channel: str) -> dict[int, str]:
    """Desktop exports drop grouped_id; an album shows as consecutive media messages sent in one second."""
    albums: dict[int, str] = {}
    run: list[dict[str, Any]] = []

    def close() -> None:
        if len(run) > 1 and all(isinstance(m.get("id"), int) for m in run) and all(_safe_media(m) for m in run):
            for m in run:
                albums[m["id"]] = f"{channel}/album:{run[0]['id']}"

    for message in messages:
        if (run and message.get("date_unixtime") == run[-1].get("date_unixtime")
                and message.get("from_id") == run[-1].get("from_id") and message.get("date_unixtime")):
            run.append(message)
        else:
            close()
            run = [message]
    close()
    return albums


class TelegramExportConnector:
    def __init__(self, config: TelegramExportSourceConfig):
        self.config = config

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        files = export_files(self.config.path)
        if not files:
            raise SourceConfigError(self.config.name, f"{self.config.path} is not a result.json file or a folder containing exports")
        result = FetchResult()
        newest: dict[str, int] = dict((cursor or {}).get("last_message_ids") or {})
        for path in files:
            self._read_file(path, result, newest)
        # Exports are re-read whole each run (a newer export of the same chat may carry edits);
        # the landing content hash makes that idempotent. The cursor records what was seen.
        result.cursor = {"last_message_ids": newest, "files": len(files)}
        return result

    def _quarantine(self, ref: str, reason: str, payload: str | bytes, check: str = "parse",
                    excerpt: bool = False) -> QuarantinedRecord:
        return quarantine_post(KIND, self.config.name, ref, reason, payload, check, excerpt)

    def _read_file(self, path: Path, result: FetchResult, newest: dict[str, int]) -> None:
        ref = path.name
        try:
            size = path.stat().st_size
            if size > self.config.max_bytes:
                result.quarantined.append(self._quarantine(ref, f"export is {size} bytes, over max_bytes", ""))
                return
            raw = path.read_bytes()
        except OSError as exc:
            raise SourceError(self.config.name, f"export {path} cannot be read: {exc.strerror}") from None
        observed = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        bad_utf8_at: int | None = None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad_utf8_at = exc.start
            text = raw.decode("utf-8-sig", errors="replace")
        # values nested deeper than the bound are cut out before parsing; the messages holding one
        # are quarantined in _read_chat, the others still read
        text, _ = cut_deep_json(text, MAX_JSON_DEPTH)
        try:
            chats = _chats(json.loads(text))
        except ExportUnreadable as exc:
            result.quarantined.append(self._quarantine(ref, str(exc), text, excerpt=True))
            return
        except ValueError as exc:  # invalid JSON (JSONDecodeError), or e.g. an integer of over 4300 digits
            problem = exc if isinstance(exc, json.JSONDecodeError) else json.JSONDecodeError(str(exc), text, 0)
            header, messages, lost = salvage_messages(text)
            if not messages:
                result.quarantined.append(self._quarantine(
                    ref, f"invalid JSON ({problem.msg} at line {problem.lineno} column {problem.colno}); "
                    "no complete message found", text, excerpt=True))
                return
            tail = text[len(text) - lost:] if lost else ""
            result.quarantined.append(self._quarantine(
                f"{ref}#tail", f"export is truncated ({problem.msg} at line {problem.lineno}); kept {len(messages)} complete "
                f"messages, the last {lost} characters are unreadable", tail, excerpt=True))
            chats = [{**header, "messages": messages}]
        for chat in chats:
            self._read_chat(chat, ref, result, newest, observed, bad_utf8_at)

    def _read_chat(self, chat: dict[str, Any], ref: str, result: FetchResult, newest: dict[str, int],
                   observed: datetime, bad_utf8_at: int | None) -> None:
        channel = self.config.channel or str(chat.get("id") or chat.get("name") or ref)
        title = chat.get("name")
        if self.config.outlet is None and title is None:
            title = channel
        posts: list[tuple[TelegramPost, str]] = []
        messages = [m for m in chat["messages"] if isinstance(m, dict)]
        albums = _album_ids(messages, channel)
        for i, message in enumerate(chat["messages"]):
            payload = json.dumps(message, ensure_ascii=False)
            mid = message.get("id") if isinstance(message, dict) else None
            mref = f"{channel}/{mid if isinstance(mid, int | str) else f'#{i}'}"
            if not isinstance(message, dict):
                result.quarantined.append(self._quarantine(mref, f"message is a {type(message).__name__}, not an object", payload))
                continue
            if contains_cut(payload):
                result.quarantined.append(self._quarantine(
                    mref, too_deep_reason(MAX_JSON_DEPTH) + " (the deep value is cut out of this payload; "
                    "its size and sha256 are in its place)", payload, excerpt=True))
                continue
            if message.get("type", "message") != "message":
                continue  # service events (joins, pins, title changes) are not content
            if bad_utf8_at is not None and "\ufffd" in payload:
                result.quarantined.append(self._quarantine(
                    mref, f"message contains bytes that are not valid UTF-8 (first bad byte of {ref} at {bad_utf8_at})",
                    payload, check="encoding"))
                continue
            try:
                post = message_to_post(message, channel, title)
            except ExportUnreadable as exc:
                result.quarantined.append(self._quarantine(mref, str(exc), payload, excerpt=isinstance(exc, WrongType)))
                continue
            except MESSAGE_ERRORS as exc:
                result.quarantined.append(self._quarantine(
                    mref, f"message has an unexpected structure ({type(exc).__name__}: {str(exc)[:300]})", payload,
                    excerpt=True))
                continue
            post.album_id = albums.get(post.message_id)
            posts.append((post, payload))
            newest[channel] = max(newest.get(channel, 0), post.message_id)
        payload_of = {id(p): payload for p, payload in posts}
        by_id = {m["id"]: m for m in messages if isinstance(m.get("id"), int)}
        for post in fold_albums([p for p, _ in posts]):
            payload = payload_of[id(post)]
            try:
                if post.album_message_ids:  # the album's caption-less parts live on in this payload
                    payload = json.dumps([by_id[i] for i in post.album_message_ids if i in by_id], ensure_ascii=False)
                self._land(post, payload, result, observed)
            except MESSAGE_ERRORS as exc:
                result.quarantined.append(self._quarantine(
                    post.external_id, f"message has an unexpected structure ({type(exc).__name__}: {str(exc)[:300]})",
                    payload, excerpt=True))

    def _land(self, post: TelegramPost, payload: str, result: FetchResult, observed: datetime) -> None:
        if not post.text.strip():
            kinds = ", ".join(sorted({str(m.get("type")) for m in post.media})) or "nothing"
            result.quarantined.append(self._quarantine(
                post.external_id, f"post has no text (media only: {kinds})", payload, check="no_text"))
            return
        if post.forwarded_from and "url" not in post.forwarded_from:
            origin = split_post_url(post.forwarded_from.get("name"))
            if origin:
                post.forwarded_from["url"] = f"https://t.me/{origin[0]}/{origin[1]}"
        record = post.to_record(KIND, self.config.name, self.config.outlet, payload)
        result.records.append(record)
        row = post.metrics_row(record.doc_id, observed)
        if row:
            result.post_metrics.append(row)
