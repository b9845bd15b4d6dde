"""`telegram_api` source: Telegram's own API objects — live via Telethon, or from dumps.

Three shapes map to the same `TelegramPost`:
- TL-JSON dumps, `{"posts": {key: {"_": "message", ...}}, "channels": {id: {"_": "channel", ...}}}`
  (what MTProto clients such as tgfeed persist; ids may be hex strings, dates unix seconds);
- Telethon `Message.to_dict()` objects (`"_": "Message"`, datetimes) — what the live collector
  produces, so live and dumped messages land identically;
- flat message lists `[{message_id, sender_id, text, date, channel}, ...]`, the usual export of
  scraping scripts built on Telethon (e.g. the Russian news-channel corpus).

Telethon is an optional dependency (`uv sync --extra telegram`): this module imports without it
and only the live collector asks for it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingestion.bounds import MAX_JSON_DEPTH, contains_cut, cut_deep_json, too_deep_reason
from ingestion.errors import SourceConfigError, SourceError
from ingestion.records import FetchResult, QuarantinedRecord, utc_now
from ingestion.source_config import TelegramApiSourceConfig
from ingestion.sources.telegram_common import TelegramPost, fold_albums, quarantine_post
from ingestion.timeparse import parse_timestamp

MESSAGE_ERRORS = (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError, OSError, RecursionError)

KIND = "telegram_api"
_HEX_ID = re.compile(r"^[0-9a-f]{16}$")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((https?://[^)\s]+)\)")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_ENTITY_TYPES = {
    "messageentityurl": "url", "messageentitytexturl": "text_link", "messageentitymention": "mention",
    "messageentityhashtag": "hashtag", "messageentitybold": "bold", "messageentityitalic": "italic",
    "messageentitycode": "code", "messageentitypre": "pre", "messageentitystrike": "strikethrough",
    "messageentityunderline": "underline", "messageentityspoiler": "spoiler", "messageentityblockquote": "blockquote",
    "messageentitymentionname": "mention_name", "messageentitycustomemoji": "custom_emoji",
    "messageentityemail": "email", "messageentityphone": "phone", "messageentitycashtag": "cashtag",
    "messageentitybotcommand": "bot_command",
}


class MessageUnreadable(ValueError):
    pass


def _tl(obj: Any) -> str:
    return str(obj.get("_", "")).lower() if isinstance(obj, dict) else ""


def channel_id(value: Any) -> int | None:
    """Numeric channel id from an int, a decimal string, a 16-digit hex string or a -100… peer id."""
    if isinstance(value, int):
        n = value
    elif isinstance(value, str) and _HEX_ID.match(value):
        n = int(value, 16)
    elif isinstance(value, str) and value.lstrip("-").isdigit():
        n = int(value)
    else:
        return None
    if n < 0:  # Bot API style peer id: -100<channel id>
        text = str(-n)
        n = int(text[3:]) if text.startswith("100") and len(text) > 3 else -n
    return n


def _utf16_to_index(text: str, utf16_offsets: Iterable[int]) -> dict[int, int]:
    """Map UTF-16 code-unit offsets (MTProto entities) to Python string indexes."""
    wanted = sorted(set(utf16_offsets))
    mapping: dict[int, int] = {}
    units = 0
    i = 0
    for index, ch in enumerate(text):
        while i < len(wanted) and wanted[i] <= units:
            mapping[wanted[i]] = index
            i += 1
        units += 2 if ord(ch) > 0xFFFF else 1
    for w in wanted[i:]:
        mapping[w] = len(text)
    return mapping


def tl_entities(text: str, raw_entities: Any) -> tuple[list[dict[str, Any]], list[str]]:
    entities: list[dict[str, Any]] = []
    links: list[str] = []
    items = [e for e in raw_entities or [] if isinstance(e, dict)]
    bounds = [int(e.get("offset", 0)) for e in items] + [int(e.get("offset", 0)) + int(e.get("length", 0)) for e in items]
    index = _utf16_to_index(text, bounds)
    for e in items:
        start = index[int(e.get("offset", 0))]
        end = index[int(e.get("offset", 0)) + int(e.get("length", 0))]
        kind = _ENTITY_TYPES.get(_tl(e), _tl(e).removeprefix("messageentity") or "unknown")
        entity: dict[str, Any] = {"type": kind, "offset": start, "length": end - start}
        if e.get("url"):
            entity["url"] = e["url"]
            links.append(str(e["url"]))
        elif kind == "url":
            url = text[start:end]
            links.append(url if url.startswith(("http://", "https://")) else f"https://{url}")
        entities.append(entity)
    return entities, links


def _date(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float | str):
        return parse_timestamp(value)
    return None


def _media(media: Any) -> list[dict[str, Any]]:
    kind = _tl(media)
    if not kind or kind == "messagemediaempty":
        return []
    item: dict[str, Any] = {"type": kind.removeprefix("messagemedia")}
    if kind == "messagemediawebpage":
        page = media.get("webpage") or {}
        item.update({"url": page.get("url"), "site_name": page.get("site_name"), "title": page.get("title")})
    elif kind == "messagemediadocument":
        doc = media.get("document") or {}
        item["mime_type"] = doc.get("mime_type")
        for attr in doc.get("attributes") or []:
            attr_kind = _tl(attr)
            if attr_kind == "documentattributevideo":
                item["type"] = "video"
                item["duration_seconds"] = attr.get("duration")
            elif attr_kind == "documentattributeaudio":
                item["type"] = "voice" if attr.get("voice") else "audio"
            elif attr_kind == "documentattributefilename":
                item["file_name"] = attr.get("file_name")
    elif kind == "messagemediapoll":
        poll = media.get("poll") or {}
        question = poll.get("question")
        if isinstance(question, dict):  # newer layers wrap text in textWithEntities
            question = question.get("text")
        item["question"] = question
        item["options"] = [
            (a.get("text", {}).get("text") if isinstance(a.get("text"), dict) else a.get("text"))
            for a in poll.get("answers") or [] if isinstance(a, dict)
        ]
    return [{k: v for k, v in item.items() if v is not None}]


def _reactions(reactions: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for result in (reactions or {}).get("results") or [] if isinstance(reactions, dict) else []:
        reaction = result.get("reaction") or {}
        key = reaction.get("emoticon") or (f"custom:{reaction.get('document_id')}" if reaction.get("document_id") else None)
        if key and isinstance(result.get("count"), int):
            out[str(key)] = out.get(str(key), 0) + result["count"]
    return out


class ChannelDirectory:
    """Channel id → (username, title) from the dump's `channels` map or Telethon entities."""

    def __init__(self, channels: dict[str, Any] | None = None):
        self._by_id: dict[int, dict[str, Any]] = {}
        for key, value in (channels or {}).items():
            cid = channel_id(value.get("id", key) if isinstance(value, dict) else key)
            if cid is not None and isinstance(value, dict):
                self._by_id[cid] = value

    def add(self, channel: dict[str, Any]) -> None:
        cid = channel_id(channel.get("id"))
        if cid is not None:
            self._by_id[cid] = channel

    def name(self, cid: int | None) -> str | None:
        info = self._by_id.get(cid) if cid is not None else None
        username = info.get("username") if info else None
        return str(username) if username else (str(cid) if cid is not None else None)

    def title(self, cid: int | None) -> str | None:
        info = self._by_id.get(cid) if cid is not None else None
        return str(info["title"]) if info and info.get("title") else None


def tl_message_to_post(message: dict[str, Any], channels: ChannelDirectory, fallback_channel: str | None = None) -> TelegramPost:
    """A TL-JSON / Telethon `message` object → TelegramPost."""
    if _tl(message) not in ("message", "messageservice"):
        raise MessageUnreadable(f"object of type {message.get('_')!r} is not a message")
    if not isinstance(message.get("id"), int):
        raise MessageUnreadable(f"message has no integer id ({message.get('id')!r})")
    peer = message.get("peer_id") or {}
    cid = channel_id(peer.get("channel_id")) if isinstance(peer, dict) else None
    channel = channels.name(cid) or fallback_channel
    if channel is None:
        raise MessageUnreadable("message has no peer_id.channel_id and the source names no channel")
    date = _date(message.get("date"))
    if date is None:
        raise MessageUnreadable(f"unreadable date {message.get('date')!r}")
    text = message.get("message") or ""
    if not isinstance(text, str):
        raise MessageUnreadable(f"message text is a {type(text).__name__}, not a string")
    entities, links = tl_entities(text, message.get("entities"))
    media = _media(message.get("media"))
    preview = None
    if media and media[0]["type"] == "webpage" and media[0].get("url"):
        preview = {k: media[0].get(k) for k in ("url", "site_name", "title") if media[0].get(k)}
        links.append(str(media[0]["url"]))
    if not text.strip() and media and media[0]["type"] == "poll" and media[0].get("question"):
        text = "\n".join([str(media[0]["question"]), *(str(o) for o in media[0].get("options", []) if o)])
    forwarded = None
    fwd = message.get("fwd_from")
    if isinstance(fwd, dict):
        origin = fwd.get("from_id") or {}
        origin_cid = channel_id(origin.get("channel_id")) if isinstance(origin, dict) else None
        origin_channel = channels.name(origin_cid)
        fwd_date = _date(fwd.get("date"))
        forwarded = {
            "name": fwd.get("from_name") or fwd.get("post_author") or channels.title(origin_cid) or origin_channel,
            "channel_id": origin_cid,
            "channel": origin_channel,
            "message_id": fwd.get("channel_post"),
            "date": fwd_date.isoformat() if fwd_date else None,
        }
        if origin_channel and not origin_channel.isdigit() and fwd.get("channel_post"):
            forwarded["url"] = f"https://t.me/{origin_channel}/{fwd['channel_post']}"
        forwarded = {k: v for k, v in forwarded.items() if v is not None}
    reply_to = None
    reply = message.get("reply_to")
    if isinstance(reply, dict) and isinstance(reply.get("reply_to_msg_id"), int):
        reply_to = {"message_id": reply["reply_to_msg_id"], "channel": channel}
        if reply.get("reply_to_top_id"):
            reply_to["top_message_id"] = reply["reply_to_top_id"]
        if not channel.isdigit():
            reply_to["url"] = f"https://t.me/{channel}/{reply['reply_to_msg_id']}"
    replies = message.get("replies")
    edit_date = _date(message.get("edit_date")) if message.get("edit_date") else None
    extra: dict[str, Any] = {}
    if message.get("restriction_reason"):
        extra["restriction_reason"] = message["restriction_reason"]
    if cid is not None:
        extra["channel_id"] = cid
    return TelegramPost(
        channel=channel,
        message_id=message["id"],
        date=date,
        text=text,
        channel_title=channels.title(cid),
        # edit_hide marks edits Telegram does not show (e.g. reactions bot updates); still an edit
        edited=edit_date is not None,
        edited_at=edit_date,
        author=message.get("post_author"),
        views=message.get("views") if isinstance(message.get("views"), int) else None,
        forwards=message.get("forwards") if isinstance(message.get("forwards"), int) else None,
        replies=replies.get("replies") if isinstance(replies, dict) and isinstance(replies.get("replies"), int) else None,
        reactions=_reactions(message.get("reactions")),
        forwarded_from=forwarded,
        reply_to=reply_to,
        media=media,
        album_id=f"{channel}/grouped:{message['grouped_id']}" if message.get("grouped_id") else None,
        link_preview=preview,
        links=links,
        entities=entities,
        extra=extra,
    )


def flat_message_to_post(message: dict[str, Any]) -> TelegramPost:
    """A flat `{message_id, sender_id, text, date, channel}` object → TelegramPost."""
    mid = message.get("message_id", message.get("id"))
    if not isinstance(mid, int):
        raise MessageUnreadable(f"message has no integer message_id ({mid!r})")
    cid = channel_id(message.get("sender_id") or message.get("channel_id") or message.get("peer_id"))
    title = message.get("channel") if isinstance(message.get("channel"), str) else None
    channel = message.get("username") or (str(cid) if cid is not None else None) or title
    if not channel:
        raise MessageUnreadable("message names no channel (channel, sender_id or username)")
    date = _date(message.get("date"))
    if date is None:
        raise MessageUnreadable(f"unreadable date {message.get('date')!r}")
    text = message.get("text") if message.get("text") is not None else message.get("message", "")
    if not isinstance(text, str):
        raise MessageUnreadable(f"text is a {type(text).__name__}, not a string")
    links = [m.group(2) for m in _MD_LINK.finditer(text)]
    links += [u for u in _URL.findall(_MD_LINK.sub(" ", text))]
    extra = {k: message[k] for k in ("category",) if message.get(k) is not None}
    if cid is not None:
        extra["channel_id"] = cid
    return TelegramPost(
        channel=str(channel), message_id=mid, date=date, text=text, channel_title=title,
        views=message.get("views") if isinstance(message.get("views"), int) else None,
        forwards=message.get("forwards") if isinstance(message.get("forwards"), int) else None,
        links=links, extra=extra,
    )


def resolve_credentials(config: TelegramApiSourceConfig) -> tuple[int, str, str | None]:
    """(api_id, api_hash, session string) from an Airflow connection, else environment variables."""
    if config.airflow_conn_id:
        try:
            from airflow.sdk import BaseHook  # lazy: the CLI must not pay for airflow
        except ImportError as exc:  # pragma: no cover - airflow is a core dependency here
            raise SourceConfigError(config.name, f"airflow_conn_id is set but airflow is not importable: {exc}") from None
        try:
            conn = BaseHook.get_connection(config.airflow_conn_id)
        except Exception as exc:  # Airflow raises its own not-found types across versions
            raise SourceConfigError(config.name, f"Airflow connection {config.airflow_conn_id!r} not found: {exc}") from None
        api_id, api_hash = conn.login, conn.password
        session = (conn.extra_dejson or {}).get("session")
    else:
        api_id = os.environ.get(config.api_id_env)
        api_hash = os.environ.get(config.api_hash_env)
        session = os.environ.get(config.session_env)
    missing = [name for name, value in ((config.api_id_env, api_id), (config.api_hash_env, api_hash)) if not value]
    if missing:
        where = f"Airflow connection {config.airflow_conn_id!r} (login/password)" if config.airflow_conn_id else \
            "environment variables " + ", ".join(missing)
        raise SourceConfigError(config.name, f"Telegram API credentials missing: set {where} (from my.telegram.org)")
    if not str(api_id).isdigit():
        raise SourceConfigError(config.name, f"Telegram api_id must be a number, got {api_id!r}")
    return int(str(api_id)), str(api_hash), session


ClientFactory = Callable[[int, str, str | None], Any]


def _telethon_client(api_id: int, api_hash: str, session: str | None) -> Any:
    try:
        from telethon.sessions import StringSession
        from telethon.sync import TelegramClient
    except ImportError:
        raise ImportError("telethon") from None
    return TelegramClient(StringSession(session or ""), api_id, api_hash)


class TelegramApiConnector:
    def __init__(self, config: TelegramApiSourceConfig, client_factory: ClientFactory | None = None):
        self.config = config
        self.client_factory = client_factory or _telethon_client

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        if self.config.dump_path is not None:
            return self._from_dumps(cursor)
        return self._collect_live(cursor)

    # -- live collection -------------------------------------------------------------------
    def _collect_live(self, cursor: dict[str, Any] | None) -> FetchResult:
        if not self.config.channel:
            raise SourceConfigError(self.config.name, "telegram_api needs `channel` (or `dump_path` to read a dump)")
        api_id, api_hash, session = resolve_credentials(self.config)
        try:
            client = self.client_factory(api_id, api_hash, session)
        except ImportError:
            raise SourceConfigError(
                self.config.name,
                "live Telegram API collection needs the optional dependency telethon: "
                "`uv sync --extra telegram` (or set dump_path to read a TL-JSON dump)",
            ) from None
        last_id = int((cursor or {}).get("last_message_id") or 0)
        try:
            with client:
                entity = client.get_entity(self.config.channel)
                chat = entity.to_dict() if hasattr(entity, "to_dict") else dict(entity)
                messages = [
                    m.to_dict() if hasattr(m, "to_dict") else dict(m)
                    for m in client.iter_messages(entity, min_id=last_id, limit=self.config.limit)
                ]
        except SourceError:
            raise
        except Exception as exc:  # Telethon raises many RPC error types; all end this run
            raise SourceError(self.config.name, f"Telegram API: {type(exc).__name__}: {exc}") from None
        directory = ChannelDirectory()
        directory.add(chat)
        result = self._posts_to_result(
            ((m, json.dumps(m, ensure_ascii=False, default=str)) for m in messages), directory,
            self.config.channel, observed=utc_now(),
        )
        newest = max([last_id, *(m.get("id", 0) for m in messages if isinstance(m.get("id"), int))])
        result.cursor = {"last_message_id": newest, "channel": self.config.channel}
        return result

    # -- dumps -------------------------------------------------------------------------------
    def _from_dumps(self, cursor: dict[str, Any] | None) -> FetchResult:
        path = self.config.dump_path
        assert path is not None
        files = sorted(p for p in path.glob("*.json") if p.is_file()) if path.is_dir() else [path]
        if not files or not files[0].exists():
            raise SourceConfigError(self.config.name, f"dump_path {path} is not a JSON file or a folder of JSON files")
        result = FetchResult()
        for file in files:
            self._read_dump(file, result)
        result.cursor = {"files": len(files), "documents": len(result.records)}
        return result

    def _reject(self, ref: str, reason: str, payload: str | bytes, check: str = "parse",
                excerpt: bool = False) -> QuarantinedRecord:
        return quarantine_post(KIND, self.config.name, ref, reason, payload, check, excerpt)

    def _read_dump(self, file: Path, result: FetchResult) -> None:
        ref = file.name
        size = file.stat().st_size
        if size > self.config.max_bytes:
            result.quarantined.append(self._reject(ref, f"dump is {size} bytes, over max_bytes", ""))
            return
        raw = file.read_bytes()
        try:
            # values nested deeper than the bound are cut out; the messages holding one are quarantined
            data = json.loads(cut_deep_json(raw.decode("utf-8-sig"), MAX_JSON_DEPTH)[0])
        except UnicodeDecodeError as exc:
            result.quarantined.append(self._reject(ref, f"not valid UTF-8 at byte {exc.start}",
                                                   raw, "encoding"))
            return
        except json.JSONDecodeError as exc:
            result.quarantined.append(self._reject(
                ref, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", raw))
            return
        except ValueError as exc:  # e.g. an integer of more than 4300 digits
            result.quarantined.append(self._reject(ref, f"invalid JSON: {exc}", raw))
            return
        observed = datetime.fromtimestamp(file.stat().st_mtime, UTC)
        if isinstance(data, dict) and isinstance(data.get("posts"), dict):
            directory = ChannelDirectory(data.get("channels") if isinstance(data.get("channels"), dict) else None)
            items = ((m, json.dumps(m, ensure_ascii=False)) for m in data["posts"].values())
            part = self._posts_to_result(items, directory, self.config.channel, observed)
        elif isinstance(data, list):
            part = self._flat_to_result(data, ref, observed)
        elif isinstance(data, dict) and isinstance(data.get("messages"), list):
            directory = ChannelDirectory()
            for chat in data.get("chats") or []:
                if isinstance(chat, dict):
                    directory.add(chat)
            items = ((m, json.dumps(m, ensure_ascii=False, default=str)) for m in data["messages"])
            part = self._posts_to_result(items, directory, self.config.channel, observed)
        else:
            result.quarantined.append(self._reject(
                ref, "not a TL-JSON dump ({posts, channels}), a {messages} object or a list of messages",
                raw[:65536].decode("utf-8", "replace")))
            return
        result.records.extend(part.records)
        result.quarantined.extend(part.quarantined)
        result.post_metrics.extend(part.post_metrics)

    def _flat_to_result(self, data: list[Any], ref: str, observed: datetime) -> FetchResult:
        if data and all(isinstance(m, dict) and "_" in m for m in data[:5]):
            return self._posts_to_result(((m, json.dumps(m, ensure_ascii=False)) for m in data),
                                         ChannelDirectory(), self.config.channel, observed)
        result = FetchResult()
        for i, message in enumerate(data):
            payload = json.dumps(message, ensure_ascii=False)
            mref = f"{ref}#{i}"
            if not isinstance(message, dict):
                result.quarantined.append(self._reject(mref, f"item is a {type(message).__name__}, not an object", payload))
                continue
            if contains_cut(payload):
                result.quarantined.append(self._reject(mref, too_deep_reason(MAX_JSON_DEPTH), payload, excerpt=True))
                continue
            try:
                post = flat_message_to_post(message)
                self._land(post, payload, result, observed)
            except MessageUnreadable as exc:
                result.quarantined.append(self._reject(mref, str(exc), payload))
            except MESSAGE_ERRORS as exc:
                result.quarantined.append(self._reject(
                    mref, f"message has an unexpected structure ({type(exc).__name__}: {str(exc)[:300]})", payload,
                    excerpt=True))
        return result

    def _posts_to_result(self, items: Iterable[tuple[Any, str]], directory: ChannelDirectory,
                         fallback_channel: str | None, observed: datetime) -> FetchResult:
        result = FetchResult()
        posts: list[TelegramPost] = []
        payload_of: dict[int, str] = {}
        for i, (message, payload) in enumerate(items):
            if not isinstance(message, dict):
                result.quarantined.append(self._reject(f"#{i}", f"item is a {type(message).__name__}, not an object", payload))
                continue
            mref = f"{fallback_channel or '?'}/{message.get('id', f'#{i}')}"
            if contains_cut(payload):
                result.quarantined.append(self._reject(mref, too_deep_reason(MAX_JSON_DEPTH), payload, excerpt=True))
                continue
            try:
                if _tl(message) == "messageservice":
                    continue  # joins, pins, title changes: events, not content
                post = tl_message_to_post(message, directory, fallback_channel)
            except MessageUnreadable as exc:
                result.quarantined.append(self._reject(mref, str(exc), payload))
                continue
            except MESSAGE_ERRORS as exc:
                result.quarantined.append(self._reject(
                    mref, f"message has an unexpected structure ({type(exc).__name__}: {str(exc)[:300]})", payload,
                    excerpt=True))
                continue
            posts.append(post)
            payload_of[id(post)] = payload
        members: dict[str, list[str]] = {}
        for post in posts:
            if post.album_id:
                members.setdefault(post.album_id, []).append(payload_of[id(post)])
        for post in fold_albums(posts):
            payload = payload_of[id(post)]
            if post.album_message_ids and post.album_id:
                payload = "[" + ",".join(members[post.album_id]) + "]"
            try:
                self._land(post, payload, result, observed)
            except MESSAGE_ERRORS as exc:
                result.quarantined.append(self._reject(
                    post.external_id, f"message has an unexpected structure ({type(exc).__name__}: {str(exc)[:300]})",
                    payload, excerpt=True))
        return result

    def _land(self, post: TelegramPost, payload: str, result: FetchResult, observed: datetime) -> None:
        if not post.text.strip():
            kinds = ", ".join(sorted({m["type"] for m in post.media})) or "nothing"
            result.quarantined.append(self._reject(post.external_id, f"post has no text (media only: {kinds})",
                                                   payload, "no_text"))
            return
        record = post.to_record(KIND, self.config.name, self.config.outlet, payload)
        result.records.append(record)
        row = post.metrics_row(record.doc_id, observed)
        if row:
            result.post_metrics.append(row)
