"""Telegram parsers and mappers: web preview markup, Desktop exports, TL-JSON and flat dumps."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingestion.errors import SourceError
from ingestion.source_config import (
    TelegramApiSourceConfig,
    TelegramExportSourceConfig,
    TelegramWebSourceConfig,
)
from ingestion.sources.telegram_api import (
    ChannelDirectory,
    TelegramApiConnector,
    channel_id,
    resolve_credentials,
    tl_message_to_post,
)
from ingestion.sources.telegram_common import parse_counter
from ingestion.sources.telegram_export import TelegramExportConnector, salvage_messages
from ingestion.sources.telegram_web import TelegramWebConnector, parse_channel_page
from tests.conftest import SAMPLE_DATA, shared_path
from tests.unit.sources.builders import desktop_export, export_message, tme_page, tme_post


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("987", 987), ("1.2K", 1200), ("3,4M", 3_400_000), ("12.4K", 12_400), ("1B", 1_000_000_000), ("n/a", None)],
)
def test_parse_counter_expands_telegram_abbreviations(raw: str, expected: int | None) -> None:
    assert parse_counter(raw) == expected


# -- telegram_web ----------------------------------------------------------------------------

def test_saved_sample_page_yields_posts_with_views_forward_reply_album_and_preview() -> None:
    page = parse_channel_page((SAMPLE_DATA / "telegram" / "tme_s_diplomatic_wire.html").read_text(), "diplomatic_wire")
    assert (page.title, page.subscribers) == ("Diplomatic Wire Digest", 12_400)
    posts = {p.message_id: p for p in page.posts}
    assert sorted(posts) == [210, 211, 213, 214]
    assert posts[210].views == 1200 and posts[210].date == datetime(2024, 10, 22, 14, 5, 11, tzinfo=UTC)
    assert {e["type"] for e in posts[210].entities} == {"bold", "hashtag"}
    assert posts[211].edited and posts[211].album_message_ids == [211, 212]
    assert [m["type"] for m in posts[211].media] == ["photo", "photo"]
    assert posts[213].forwarded_from == {"name": "Tehran Desk Monitor", "url": "https://t.me/tehran_desk/1450",
                                         "channel": "tehran_desk", "message_id": 1450}
    assert posts[213].link_preview and posts[213].link_preview["site_name"] == "Ministry of Foreign Affairs"
    assert "https://en.mfa.ir/" in posts[213].links
    assert posts[214].reply_to and posts[214].reply_to["message_id"] == 213
    assert posts[214].author == "Desk editor"
    # the reply quote is not part of the post's own text
    assert posts[214].text.startswith("Update: the Kremlin confirmed")


def test_markup_without_expected_nodes_is_quarantined_per_post() -> None:
    broken = '<div class="tgme_widget_message js-widget_message" data-post="caspian_monitor/7"><div>no date here</div></div>'
    page = parse_channel_page(tme_page([tme_post(8, "A normal bulletin about the Caspian summit in Tehran."), broken]),
                              "caspian_monitor")
    assert [p.message_id for p in page.posts] == [8]
    assert page.rejects[0][0] == "caspian_monitor/7" and "no <time datetime>" in page.rejects[0][1]


def test_page_that_is_not_a_channel_preview_fails_the_source(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Sorry, this channel does not exist</p></body></html>")
    connector = TelegramWebConnector(TelegramWebSourceConfig(kind="telegram_web", name="tw", channel="nope", pages=[page]))
    with pytest.raises(SourceError, match=r"not a t\.me/s channel preview"):
        connector.fetch(None)


def test_real_tme_snippets_parse_every_block(shared) -> None:  # type: ignore[no-untyped-def]
    html = shared_path("corpora", "telegram", "tme_web_preview_snippets.html").read_text(encoding="utf-8")
    page = parse_channel_page(html, "tchantest")
    assert page.rejects == []
    assert page.subscribers == 1 and page.title and page.title.startswith("tchan")
    posts = {p.external_id: p for p in page.posts}
    assert len(posts) + len(page.service_message_ids) == html.count("data-post=")
    assert posts["CamaradosDeputados/7334"].views == 1200 and posts["CamaradosDeputados/7334"].edited
    assert posts["tchantest/89"].forwarded_from == {"name": "Some user", "url": "https://t.me/some_user"}
    assert posts["tchantest/20"].reply_to == {"url": "https://t.me/tchantest/19", "message_id": 19,
                                              "channel": "tchantest", "quote": "Video"}
    assert posts["tchantest/84"].album_message_ids == [84, 85, 86, 87]
    assert posts["tchantest/5"].author == "Álvaro Justen" and posts["tchantest/5"].edited
    assert posts["tchantest/11"].text  # a poll's question becomes its text
    assert posts["tchantest/81"].link_preview and posts["tchantest/81"].link_preview["title"] == "Welcome to Python.org"


def test_real_snippets_through_the_connector(shared, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    snippets = shared_path("corpora", "telegram", "tme_web_preview_snippets.html")
    connector = TelegramWebConnector(TelegramWebSourceConfig(kind="telegram_web", name="tchan", channel="tchantest",
                                                             pages=[snippets]))
    result = connector.fetch(None)
    assert result.records and all(r.body for r in result.records)
    assert all(q.check == "no_text" for q in result.quarantined)  # media-only posts, kept with a reason
    assert result.cursor and result.cursor["last_message_id"] == 7334
    assert {m["doc_id"] for m in result.post_metrics} <= {r.doc_id for r in result.records}


# -- telegram_export -------------------------------------------------------------------------

def _export_connector(path: Path, **kw: object) -> TelegramExportConnector:
    return TelegramExportConnector(TelegramExportSourceConfig(kind="telegram_export", name="tx", path=path, **kw))


def test_sample_export_maps_mixed_text_entities_reactions_forwards_and_albums() -> None:
    result = _export_connector(SAMPLE_DATA / "telegram" / "diplomatic_wire_export", channel="diplomatic_wire").fetch(None)
    records = {r.external_id: r for r in result.records}
    assert sorted(records) == ["diplomatic_wire/101", "diplomatic_wire/102", "diplomatic_wire/103", "diplomatic_wire/105"]
    treaty = records["diplomatic_wire/101"]
    assert treaty.published_at == datetime(2025, 1, 17, 12, 42, tzinfo=UTC)  # date_unixtime, not local `date`
    assert treaty.url == "https://t.me/diplomatic_wire/101" and treaty.language == "en"
    assert treaty.metadata["edited"] and treaty.metadata["reactions"] == {"👍": 41, "🤔": 6}
    assert treaty.metadata["links"] == ["http://en.kremlin.ru/events/president/news"]
    assert "Full statement: Kremlin" in treaty.body
    assert records["diplomatic_wire/102"].metadata["reply_to"]["url"] == "https://t.me/diplomatic_wire/101"
    assert records["diplomatic_wire/105"].metadata["forwarded_from"] == {"name": "Tehran Desk Monitor"}
    assert records["diplomatic_wire/103"].metadata["album_message_ids"] == [103, 104]
    assert [q.record_ref for q in result.quarantined] == ["diplomatic_wire/106"]  # video without text
    assert "media only: video_file" in result.quarantined[0].reason


def test_truncated_export_keeps_complete_messages_and_quarantines_the_tail(tmp_path: Path) -> None:
    text = desktop_export([export_message(i, f"Statement {i} of the Iranian foreign ministry on the Oman talks.")
                           for i in range(1, 6)])
    (tmp_path / "result.json").write_text(text[: int(len(text) * 0.7)])
    result = _export_connector(tmp_path).fetch(None)
    assert 2 <= len(result.records) < 5
    tail = [q for q in result.quarantined if q.record_ref == "result.json#tail"]
    assert tail and "truncated" in tail[0].reason and tail[0].payload


def test_invalid_utf8_quarantines_only_the_damaged_message(tmp_path: Path) -> None:
    text = desktop_export([export_message(1, "Clean message about the Kazan summit declaration."),
                           export_message(2, "BROKEN message about the treaty text.")])
    raw = text.encode().replace(b"BROKEN", b"\xff\xfeBROKEN")
    (tmp_path / "result.json").write_bytes(raw)
    result = _export_connector(tmp_path).fetch(None)
    assert [r.external_id for r in result.records] == ["1555000111/1"]
    assert result.quarantined[0].check == "encoding" and result.quarantined[0].record_ref == "1555000111/2"


def test_garbage_file_is_quarantined_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "result.json").write_bytes(bytes(range(256)) * 10)
    result = _export_connector(tmp_path).fetch(None)
    assert result.records == [] and len(result.quarantined) == 1
    assert "invalid JSON" in result.quarantined[0].reason


def test_real_desktop_export(shared) -> None:  # type: ignore[no-untyped-def]
    result = _export_connector(shared_path("corpora", "telegram", "desktop_export_sample.json")).fetch(None)
    assert len(result.records) == 1  # one captioned post; its five videos are album parts
    post = result.records[0]
    assert post.metadata["album_message_ids"] == [3858, 3859, 3860, 3861, 3862, 3863]
    assert post.metadata["reactions"] == {"🔥": 12} and post.metadata["edited"] is True
    assert "https://www.twitch.tv/guz3lka" in post.metadata["links"]
    assert post.language == "ru" and result.quarantined == []


def test_salvage_reads_header_and_messages_before_the_cut() -> None:
    text = desktop_export([export_message(1, "one"), export_message(2, "two")])
    header, messages, lost = salvage_messages(text[:-40])
    assert header["name"] == "Caspian Monitor" and [m["id"] for m in messages] == [1] and lost > 0


# -- telegram_api ----------------------------------------------------------------------------

def test_channel_ids_from_hex_decimal_and_bot_api_forms() -> None:
    assert channel_id("000000004ebd53fa") == 0x4EBD53FA
    assert channel_id(-1001000724666) == 1000724666
    assert channel_id("1234") == 1234 and channel_id("not-an-id") is None


def test_tl_message_maps_utf16_entities_forward_reply_and_reactions() -> None:
    directory = ChannelDirectory({"000000000000007b": {"_": "channel", "id": "000000000000007b", "username": "caspian_monitor",
                                                       "title": "Caspian Monitor"}})
    text = "🇮🇷 Treaty text: link"  # the flag is 4 UTF-16 units
    message = {
        "_": "message", "id": 77, "peer_id": {"_": "peerChannel", "channel_id": "000000000000007b"},
        "date": 1737117720, "edit_date": 1737118680, "message": text, "views": 5100, "forwards": 12,
        "entities": [{"_": "messageEntityTextUrl", "offset": 18, "length": 4, "url": "https://kremlin.ru/"}],
        "fwd_from": {"_": "messageFwdHeader", "from_id": {"_": "peerChannel", "channel_id": "000000000000007b"},
                     "channel_post": 70, "date": 1737110000},
        "reply_to": {"_": "messageReplyHeader", "reply_to_msg_id": 75},
        "reactions": {"_": "messageReactions", "results": [
            {"_": "reactionCount", "count": 6, "reaction": {"_": "reactionEmoji", "emoticon": "🔥"}}]},
        "replies": {"_": "messageReplies", "replies": 3},
    }
    post = tl_message_to_post(message, directory)
    assert post.external_id == "caspian_monitor/77" and post.edited and post.views == 5100
    assert post.entities == [{"type": "text_link", "offset": 16, "length": 4, "url": "https://kremlin.ru/"}]
    assert text[16:20] == "link"
    assert post.forwarded_from and post.forwarded_from["url"] == "https://t.me/caspian_monitor/70"
    assert post.reply_to == {"message_id": 75, "channel": "caspian_monitor", "url": "https://t.me/caspian_monitor/75"}
    assert post.reactions == {"🔥": 6} and post.replies == 3


def test_real_mtproto_sample(shared) -> None:  # type: ignore[no-untyped-def]
    path = shared_path("corpora", "telegram", "mtproto_posts_sample.json")
    data = json.loads(path.read_text())
    result = TelegramApiConnector(TelegramApiSourceConfig(kind="telegram_api", name="mt", dump_path=path)).fetch(None)
    grouped = {p.get("grouped_id") for p in data["posts"].values() if p.get("grouped_id")}
    # every post is a document, an album part folded into its captioned head, or a media-only reject
    album_heads = [r for r in result.records if r.metadata.get("album_message_ids")]
    folded = sum(len(r.metadata["album_message_ids"]) - 1 for r in album_heads)
    assert len(result.records) + folded + len(result.quarantined) == len(data["posts"])
    assert len(album_heads) <= len(grouped)
    assert all(q.check == "no_text" for q in result.quarantined)
    karter = next(r for r in result.records if r.external_id == "karter_info/15610")
    assert karter.metadata["views"] == 272 and karter.metadata["reactions"] == {"🔥": 6, "💩": 4, "😱": 3}
    assert any(r.metadata.get("forwarded_from", {}).get("message_id") == 289 for r in result.records)
    assert sum(1 for r in result.records if r.metadata.get("reply_to")) >= 5
    assert len(result.post_metrics) == len(result.records)


def test_live_collector_uses_cursor_and_fails_clearly_without_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    config = TelegramApiSourceConfig(kind="telegram_api", name="live", channel="caspian_monitor", limit=50)
    for var in ("TELEGRAM_API_ID", "TELEGRAM_API_HASH", "TELEGRAM_SESSION"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(SourceError, match="TELEGRAM_API_ID, TELEGRAM_API_HASH"):
        TelegramApiConnector(config).fetch(None)
    monkeypatch.setenv("TELEGRAM_API_ID", "12345")
    monkeypatch.setenv("TELEGRAM_API_HASH", "abcdef")
    monkeypatch.setenv("TELEGRAM_SESSION", "session-string")
    assert resolve_credentials(config) == (12345, "abcdef", "session-string")

    calls: dict[str, object] = {}

    class FakeMessage:
        def __init__(self, i: int):
            self.i = i

        def to_dict(self) -> dict[str, object]:
            return {"_": "Message", "id": self.i, "peer_id": {"_": "PeerChannel", "channel_id": 123},
                    "date": datetime(2025, 1, 17, 12, self.i, tzinfo=UTC),
                    "message": f"Kremlin readout {self.i}: the presidents discussed the North-South corridor.",
                    "views": 100 * self.i}

    class FakeChannel:
        def to_dict(self) -> dict[str, object]:
            return {"_": "Channel", "id": 123, "username": "caspian_monitor", "title": "Caspian Monitor"}

    class FakeClient:
        def __enter__(self) -> FakeClient:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def get_entity(self, name: str) -> FakeChannel:
            calls["entity"] = name
            return FakeChannel()

        def iter_messages(self, entity: object, min_id: int, limit: int) -> list[FakeMessage]:
            calls["min_id"], calls["limit"] = min_id, limit
            return [FakeMessage(i) for i in (12, 11) if i > min_id]

    def factory(api_id: int, api_hash: str, session: str | None) -> FakeClient:
        calls["credentials"] = (api_id, api_hash, session)
        return FakeClient()

    result = TelegramApiConnector(config, client_factory=factory).fetch({"last_message_id": 10})
    assert calls == {"credentials": (12345, "abcdef", "session-string"), "entity": "caspian_monitor",
                     "min_id": 10, "limit": 50}
    assert [r.external_id for r in result.records] == ["caspian_monitor/12", "caspian_monitor/11"]
    assert result.cursor == {"last_message_id": 12, "channel": "caspian_monitor"}


def test_missing_telethon_is_a_clear_source_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    if importlib.util.find_spec("telethon") is not None:
        pytest.skip("telethon is installed here")
    monkeypatch.setenv("TELEGRAM_API_ID", "1")
    monkeypatch.setenv("TELEGRAM_API_HASH", "h")
    config = TelegramApiSourceConfig(kind="telegram_api", name="live", channel="x")
    with pytest.raises(SourceError, match="optional dependency telethon"):
        TelegramApiConnector(config).fetch(None)


def test_flat_dump_items_with_problems_are_quarantined(tmp_path: Path) -> None:
    items = [
        {"message_id": 1, "sender_id": -1001234567890, "channel": "Вести", "date": "2024-11-12T08:00:00+00:00",
         "text": "Лавров и Аракчи обсудили [договор](https://mid.ru/ru/) о стратегическом партнёрстве."},
        {"message_id": 2, "sender_id": -1001234567890, "channel": "Вести", "date": "not a date", "text": "x"},
        "garbage",
    ]
    (tmp_path / "dump.json").write_text(json.dumps(items, ensure_ascii=False))
    result = TelegramApiConnector(TelegramApiSourceConfig(kind="telegram_api", name="flat", dump_path=tmp_path)).fetch(None)
    assert [r.external_id for r in result.records] == ["1234567890/1"]
    assert result.records[0].metadata["links"] == ["https://mid.ru/ru/"] and result.records[0].language == "ru"
    assert sorted(q.reason.split(": ", 1)[1] for q in result.quarantined) == [
        "item is a str, not an object", "unreadable date 'not a date'"]
