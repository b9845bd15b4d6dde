"""`telegram_web` source: a public channel through its t.me/s/<channel> web preview.

The preview shows the newest ~20 posts; `?before=<id>` pages backwards. We walk back until we
reach the last message id stored in the cursor (or `max_pages`), parse each post block, and
keep the channel header (title, subscribers). Saved pages (`pages:`) are read the same way,
which is how the sample config and offline tests use this connector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ingestion.bounds import MAX_HTML_DEPTH, html_depth_exceeded
from ingestion.errors import SourceError
from ingestion.records import FetchResult, QuarantinedRecord, utc_now
from ingestion.source_config import TelegramWebSourceConfig
from ingestion.sources.http import FetchFailed, PoliteClient
from ingestion.sources.telegram_common import (
    TelegramPost,
    fold_albums,
    parse_counter,
    quarantine_post,
    split_post_url,
)
from ingestion.timeparse import parse_timestamp

KIND = "telegram_web"
_DATA_POST = re.compile(r"^([A-Za-z0-9_]+)/([0-9]+)$")
_BG_URL = re.compile(r"url\('([^']+)'\)")
_FORMAT_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
                "s": "strikethrough", "del": "strikethrough", "code": "code", "pre": "pre",
                "tg-spoiler": "spoiler", "blockquote": "blockquote"}


class MarkupChanged(ValueError):
    """A post block lacks a node every post has (id, date): the markup is not what we parse."""


@dataclass
class ChannelPage:
    channel: str
    title: str | None
    username: str | None
    description: str | None
    subscribers: int | None
    posts: list[TelegramPost] = field(default_factory=list)
    rejects: list[tuple[str, str, str]] = field(default_factory=list)  # (ref, reason, block html)
    service_message_ids: list[int] = field(default_factory=list)
    no_posts_marker: bool = False

    @property
    def min_id(self) -> int | None:
        ids = [p.message_id for p in self.posts] + self.service_message_ids
        ids += [int(ref.rsplit("/", 1)[-1]) for ref, _, _ in self.rejects if ref.rsplit("/", 1)[-1].isdigit()]
        return min(ids) if ids else None


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.replace("\u00a0", " ").split())
    return text or None


def message_text(node: LexborNode) -> tuple[str, list[dict[str, Any]], list[str]]:
    """Plain text of a message body with <br> as newlines, plus entities (offsets) and link URLs."""
    parts: list[str] = []
    entities: list[dict[str, Any]] = []
    links: list[str] = []
    length = 0

    def walk(current: LexborNode) -> None:
        nonlocal length
        for child in current.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = (child.text_content or "").replace("\u00a0", " ")
                parts.append(text)
                length += len(text)
            elif tag == "br":
                parts.append("\n")
                length += 1
            elif tag == "i" and "emoji" in (child.attributes.get("class") or ""):
                emoji = child.text(deep=True)
                parts.append(emoji)
                length += len(emoji)
            else:
                start = length
                walk(child)
                span = length - start
                if tag == "a":
                    href = child.attributes.get("href") or ""
                    label = "".join(parts)[start:]
                    if label.startswith("#") or href.startswith("?q=%23"):
                        entities.append({"type": "hashtag", "offset": start, "length": span})
                    elif label.startswith("@"):
                        entities.append({"type": "mention", "offset": start, "length": span, "url": href})
                    elif href:
                        kind = "url" if label.strip() == href or href.startswith(label.strip()) else "text_link"
                        entities.append({"type": kind, "offset": start, "length": span, "url": href})
                        if href.startswith(("http://", "https://")):
                            links.append(href)
                elif tag in _FORMAT_TAGS and span:
                    entities.append({"type": _FORMAT_TAGS[tag], "offset": start, "length": span})

    walk(node)
    raw = "".join(parts)
    stripped = raw.strip()
    if stripped != raw:  # keep entity offsets pointing at the stripped text
        shift = len(raw) - len(raw.lstrip())
        for entity in entities:
            entity["offset"] = max(0, entity["offset"] - shift)
    return stripped, entities, links


def _text_of(node: LexborNode, selector: str) -> str | None:
    found = node.css_first(selector)
    return _clean(found.text()) if found is not None else None


def _media(block: LexborNode) -> tuple[list[dict[str, Any]], list[int]]:
    media: list[dict[str, Any]] = []
    album_ids: list[int] = []
    for node in block.css(".grouped_media_wrap"):
        target = split_post_url((node.attributes.get("href") or "").split("?")[0])
        if target:
            album_ids.append(target[1])
    checks = (
        (".tgme_widget_message_photo_wrap", "photo"),
        (".tgme_widget_message_video_player", "video"),
        (".tgme_widget_message_roundvideo_wrap", "round_video"),
        (".tgme_widget_message_voice_wrap", "voice"),
        (".tgme_widget_message_sticker_wrap", "sticker"),
        (".tgme_widget_message_document_wrap", "document"),
        (".tgme_widget_message_poll", "poll"),
        (".tgme_widget_message_location_wrap", "location"),
        (".message_media_not_supported", "unsupported"),
    )
    for selector, kind in checks:
        for node in block.css(selector):
            item: dict[str, Any] = {"type": kind}
            href = node.attributes.get("href")
            if href:
                item["url"] = href
            if kind == "photo":
                bg = _BG_URL.search(node.attributes.get("style") or "")
                if bg:
                    item["thumbnail_url"] = bg.group(1)
            if kind == "document":
                item["title"] = _text_of(node, ".tgme_widget_message_document_title")
            if kind == "poll":
                item["question"] = _text_of(node, ".tgme_widget_message_poll_question")
                item["options"] = [
                    {"text": _text_of(opt, ".tgme_widget_message_poll_option_text"),
                     "percent": _text_of(opt, ".tgme_widget_message_poll_option_percent")}
                    for opt in node.css(".tgme_widget_message_poll_option")
                ]
            if kind == "location":
                item["url"] = node.attributes.get("href") or item.get("url")
            media.append({k: v for k, v in item.items() if v is not None})
    if len(media) > 1:  # "view in Telegram" placeholders only matter when nothing else is shown
        media = [m for m in media if m["type"] != "unsupported"] or media[:1]
    return media, album_ids


def parse_post(block: LexborNode, channel_title: str | None) -> TelegramPost:
    """One `div.tgme_widget_message[data-post]` block → TelegramPost; MarkupChanged if it is not a post."""
    data_post = block.attributes.get("data-post") or ""
    match = _DATA_POST.match(data_post)
    if not match:
        raise MarkupChanged(f"post block has no usable data-post attribute ({data_post!r})")
    channel, message_id = match.group(1), int(match.group(2))
    time_node = block.css_first(".tgme_widget_message_date time[datetime]") or block.css_first("time[datetime]")
    if time_node is None:
        raise MarkupChanged("post block has no <time datetime> node")
    date = parse_timestamp(time_node.attributes.get("datetime"))
    if date is None:
        raise MarkupChanged(f"unreadable post date {time_node.attributes.get('datetime')!r}")

    text_node = None
    for candidate in block.css(".tgme_widget_message_text"):
        # a reply quote has its own text node inside .tgme_widget_message_reply; skip it
        if candidate.parent is not None and "js-message_reply_text" in (candidate.attributes.get("class") or ""):
            continue
        text_node = candidate
        break
    text, entities, links = message_text(text_node) if text_node is not None else ("", [], [])

    meta = block.css_first(".tgme_widget_message_meta")
    meta_text = (meta.text() if meta else "").replace("\u00a0", " ")
    author_node = block.css_first(".tgme_widget_message_from_author")
    views_node = block.css_first(".tgme_widget_message_views")

    forwarded: dict[str, Any] | None = None
    fwd = block.css_first(".tgme_widget_message_forwarded_from")
    if fwd is not None:
        name_node = fwd.css_first(".tgme_widget_message_forwarded_from_name")
        href = name_node.attributes.get("href") if name_node is not None else None
        forwarded = {"name": _clean((name_node or fwd).text()), "url": href}
        origin = split_post_url(href)
        if origin:
            forwarded.update({"channel": origin[0], "message_id": origin[1]})
        if name_node is None:
            forwarded["name"] = _clean(fwd.text().replace("Forwarded from", ""))
        forwarded = {k: v for k, v in forwarded.items() if v is not None}

    reply_to = None
    reply = block.css_first("a.tgme_widget_message_reply")
    if reply is not None:
        href = reply.attributes.get("href")
        target = split_post_url(href)
        reply_text = reply.css_first(".js-message_reply_text")
        reply_to = {
            "url": href,
            "message_id": target[1] if target else None,
            "channel": target[0] if target else None,
            "quote": _clean(reply_text.text()) if reply_text else None,
        }
        reply_to = {k: v for k, v in reply_to.items() if v is not None}

    preview = None
    preview_node = block.css_first("a.tgme_widget_message_link_preview")
    if preview_node is not None:
        preview = {"url": preview_node.attributes.get("href")}
        for cls, key in (("link_preview_site_name", "site_name"), ("link_preview_title", "title"),
                         ("link_preview_description", "description")):
            node = preview_node.css_first(f".{cls}")
            if node is not None:
                preview[key] = _clean(node.text())
        if preview["url"] and str(preview["url"]).startswith(("http://", "https://")):
            links.append(str(preview["url"]))

    media, album_ids = _media(block)
    if not text:
        poll = next((m for m in media if m["type"] == "poll" and m.get("question")), None)
        if poll:  # a poll's question and options are its text
            text = "\n".join([poll["question"], *(o["text"] for o in poll.get("options", []) if o.get("text"))])
    view_marker = block.attributes.get("data-view") or ""
    album_id = f"{channel}/{min(album_ids)}" if len(album_ids) > 1 else None
    return TelegramPost(
        channel=channel,
        message_id=message_id,
        date=date,
        text=text,
        channel_title=channel_title,
        edited="edited" in meta_text,
        author=_clean(author_node.text()) if author_node else None,
        views=parse_counter(_clean(views_node.text())) if views_node else None,
        forwarded_from=forwarded,
        reply_to=reply_to,
        media=media,
        album_id=album_id,
        album_message_ids=sorted(set(album_ids)) if album_id else [],
        link_preview=preview,
        links=links,
        entities=entities,
        url=f"https://t.me/{channel}/{message_id}",
        extra={"web_view": view_marker} if view_marker else {},
    )


def parse_channel_page(html: str, channel: str) -> ChannelPage:
    """Parse one t.me/s page: channel header and every post block (bad blocks become rejects)."""
    tree = LexborHTMLParser(html)
    title = _meta(tree, "og:title")
    title_node = tree.css_first(".tgme_channel_info_header_title")
    if title_node is not None:
        title = _clean(title_node.text()) or title
    username_node = tree.css_first(".tgme_channel_info_header_username")
    description = _meta(tree, "og:description")
    subscribers = None
    for counter in tree.css(".tgme_channel_info_counter"):
        kind = counter.css_first(".counter_type")
        value = counter.css_first(".counter_value")
        if kind is not None and value is not None and kind.text().strip().startswith("subscriber"):
            subscribers = parse_counter(_clean(value.text()))
    page = ChannelPage(
        channel=channel,
        title=title,
        username=_clean(username_node.text()) if username_node else None,
        description=description,
        subscribers=subscribers,
        no_posts_marker=tree.css_first(".tme_no_messages_found") is not None,
    )
    for block in tree.css("div.tgme_widget_message"):
        ref = block.attributes.get("data-post") or f"{channel}/?"
        if "service_message" in (block.attributes.get("class") or ""):
            # "Channel created", "name changed": events, not content; remembered only for paging
            match = _DATA_POST.match(ref)
            if match:
                page.service_message_ids.append(int(match.group(2)))
            continue
        try:
            page.posts.append(parse_post(block, title))
        except MarkupChanged as exc:
            page.rejects.append((ref, str(exc), block.html or ""))
    return page


def _meta(tree: LexborHTMLParser, prop: str) -> str | None:
    node = tree.css_first(f'meta[property="{prop}"]')
    return _clean(node.attributes.get("content")) if node is not None else None


class TelegramWebConnector:
    def __init__(self, config: TelegramWebSourceConfig):
        self.config = config
        self._page_error: str | None = None

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        last_id = int((cursor or {}).get("last_message_id") or 0)
        if self.config.pages:
            pages = [self._read_saved(path) for path in self.config.pages]
        else:
            pages = self._fetch_pages(last_id)
        return self._result(pages, last_id, cursor)

    def _read_saved(self, path: Path) -> tuple[str, ChannelPage, str]:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise SourceError(self.config.name, f"saved page {path} cannot be read: {exc.strerror}",
                              permanent=isinstance(exc, FileNotFoundError)) from None
        if len(raw) > self.config.max_bytes:
            raise SourceError(self.config.name, f"saved page {path} is {len(raw)} bytes, over max_bytes")
        html = raw.decode("utf-8", errors="replace")
        too_deep = _too_deep(html)
        if too_deep:
            raise SourceError(self.config.name, f"saved page {path} {too_deep}")
        page = parse_channel_page(html, self.config.channel)
        self._check_markup(page, str(path), html)
        return str(path), page, html

    def _page_url(self, before: int | None) -> str:
        base = self.config.base_url.rstrip("/")
        url = f"{base}/s/{quote(self.config.channel)}"
        return f"{url}?before={before}" if before else url

    def _fetch_pages(self, last_id: int) -> list[tuple[str, ChannelPage, str]]:
        pages: list[tuple[str, ChannelPage, str]] = []
        before: int | None = None
        with PoliteClient(self.config, self.config.name) as client:
            for _ in range(self.config.max_pages):
                url = self._page_url(before)
                try:
                    response = client.get(url)
                except FetchFailed as exc:
                    if not pages:
                        raise SourceError(self.config.name, exc.reason if exc.url in exc.reason else str(exc),
                                          permanent=not exc.retryable) from None
                    # older pages failing must not lose the newer ones already read; the cursor
                    # only advances to what was read, so the gap is retried next run
                    pages.append((url, ChannelPage(self.config.channel, None, None, None, None), ""))
                    self._page_error = str(exc)
                    break
                html = response.text()
                too_deep = _too_deep(html)
                if too_deep:
                    if not pages:
                        raise SourceError(self.config.name, f"{url} {too_deep}")
                    pages.append((url, ChannelPage(self.config.channel, None, None, None, None), ""))
                    self._page_error = f"{url} {too_deep}"
                    break
                page = parse_channel_page(html, self.config.channel)
                self._check_markup(page, url, html)
                pages.append((url, page, html))
                oldest = page.min_id
                if oldest is None or oldest <= last_id + 1 or oldest <= 1:
                    break
                if before is not None and oldest >= before:
                    break  # the site ignored ?before=; stop instead of looping
                before = oldest
        return pages

    def _check_markup(self, page: ChannelPage, where: str, html: str) -> None:
        if page.posts or page.rejects or page.service_message_ids or page.no_posts_marker:
            return
        if page.title is None:
            snippet = " ".join(html[:200].split())
            raise SourceError(
                self.config.name,
                f"{where} is not a t.me/s channel preview (no posts, no channel header; starts {snippet!r}) — "
                f"check that @{self.config.channel} is a public channel, or the preview markup changed",
            )

    def _result(
        self, pages: list[tuple[str, ChannelPage, str]], last_id: int, cursor: dict[str, Any] | None
    ) -> FetchResult:
        result = FetchResult()
        observed = utc_now()
        seen: dict[int, TelegramPost] = {}
        payloads: dict[int, str] = {}
        header: ChannelPage | None = None
        for where, page, html in pages:
            if header is None and page.title:
                header = page
            for ref, reason, block_html in page.rejects:
                result.quarantined.append(
                    quarantine_post(KIND, self.config.name, ref, f"{reason} (in {where})", block_html)
                )
            for post in page.posts:
                if post.message_id <= last_id or post.message_id in seen:
                    continue
                seen[post.message_id] = post
                payloads[post.message_id] = html
        posts = fold_albums(sorted(seen.values(), key=lambda p: p.message_id))
        tree_cache: dict[str, LexborHTMLParser] = {}
        for post in posts:
            if header is not None:
                post.extra["channel_subscribers"] = header.subscribers
            block_html = _block_html(tree_cache, payloads[post.message_id], post.external_id)
            if not post.text:
                kinds = ", ".join(sorted({m["type"] for m in post.media})) or "nothing"
                result.quarantined.append(
                    quarantine_post(KIND, self.config.name, post.external_id,
                                    f"post has no text (media only: {kinds})", block_html, check="no_text")
                )
                continue
            record = post.to_record(KIND, self.config.name, self.config.outlet, block_html)
            record.fetched_at = observed
            result.records.append(record)
            row = post.metrics_row(record.doc_id, observed)
            if row:
                result.post_metrics.append(row)
        newest = max([last_id, *(p.message_id for p in seen.values())])
        result.cursor = {
            **(cursor or {}),
            "last_message_id": newest,
            "channel": self.config.channel,
            "channel_title": header.title if header else (cursor or {}).get("channel_title"),
            "subscribers": header.subscribers if header else (cursor or {}).get("subscribers"),
            "subscribers_observed_at": observed.isoformat() if header and header.subscribers is not None else None,
        }
        if self._page_error:
            result.quarantined.append(
                QuarantinedRecord(KIND, self.config.name, reason=f"{self.config.name}: older page failed, "
                                  f"will be retried next run: {self._page_error}", payload="",
                                  record_ref=self._page_url(None), check="fetch")
            )
            # do not skip past a gap we could not read: resume from the newest id only if the
            # pages we did read reach back to the old cursor
            oldest_read = min((p.message_id for p in seen.values()), default=None)
            if oldest_read is not None and oldest_read > last_id + 1:
                result.cursor["last_message_id"] = last_id
        return result


def _too_deep(html: str) -> str | None:
    depth = html_depth_exceeded(html, MAX_HTML_DEPTH)
    if depth is None:
        return None
    return f"nests at least {depth:,} elements deep (limit {MAX_HTML_DEPTH}); not a channel preview, refused before parsing"


def _block_html(cache: dict[str, LexborHTMLParser], html: str, external_id: str) -> str:
    """The post's own markup as its payload (not the whole page)."""
    key = str(id(html))
    tree = cache.get(key)
    if tree is None:
        tree = cache[key] = LexborHTMLParser(html)
    node = tree.css_first(f'div.tgme_widget_message[data-post="{external_id}"]')
    return (node.html or "") if node is not None else ""
