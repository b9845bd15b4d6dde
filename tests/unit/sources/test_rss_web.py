"""RSS/Atom parsing (files and JSONL dumps), article extraction, URL and address guards."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingestion.errors import SourceError
from ingestion.source_config import RssSourceConfig
from ingestion.sources.http import is_public_address
from ingestion.sources.rss import FeedRejected, RssConnector, screen_feed_bytes
from ingestion.sources.web import (
    compress_html,
    decompress_html,
    domain_allowed,
    extract_article,
)
from ingestion.urls import canonical_url
from tests.conftest import SAMPLE_DATA, shared_path
from tests.unit.sources.builders import FIXTURES


def _rss(*paths: Path) -> RssConnector:
    return RssConnector(RssSourceConfig(kind="rss", name="feeds", paths=list(paths)))


def test_sample_rss2_and_atom_entries_have_identity_dates_and_text() -> None:
    result = _rss(SAMPLE_DATA / "rss" / "eurasia_diplomacy_rss2.xml", SAMPLE_DATA / "rss" / "gulf_affairs_atom.xml").fetch(None)
    records = {r.external_id: r for r in result.records}
    assert len(records) == 5 and result.quarantined == []
    treaty = records["eurasia-notes-2025-0117-treaty"]  # guid wins over link
    assert treaty.published_at == datetime(2025, 1, 17, 16, 5, tzinfo=UTC)
    assert "47 articles" in treaty.body and treaty.metadata["summary"].startswith("Presidents Putin")  # content:encoded
    assert treaty.author == "Notes desk" and treaty.outlet == "Eurasia Diplomacy Notes" and treaty.language == "en"
    no_guid = records["https://notes.osint-warehouse.example/eurasia/2025/03/lavrov-araghchi-call?utm_source=rss"]
    assert no_guid.title and no_guid.title.startswith("Lavrov and Araghchi")
    atom = records["tag:osint-warehouse.example,2025:gulf-affairs/2025-04-18-letter"]
    assert atom.published_at == datetime(2025, 4, 18, 11, 10, tzinfo=UTC) and "<p>" not in atom.body


def test_rss_1_0_and_0_91_are_read() -> None:
    result = _rss(FIXTURES / "rss1_rdf.xml", FIXTURES / "rss091.xml").fetch(None)
    by_outlet = {r.outlet: r for r in result.records}
    assert by_outlet["Caspian Summit Watch"].published_at == datetime(2022, 6, 29, 10, 0, tzinfo=UTC)
    assert by_outlet["Old Wire Service"].language == "fr"
    assert by_outlet["Old Wire Service"].metadata["feed_version"] == "rss091n"


def test_entity_declarations_are_refused_without_expansion() -> None:
    data = (FIXTURES / "rss_entity_expansion.xml").read_bytes()
    with pytest.raises(FeedRejected, match="declares XML entities"):
        screen_feed_bytes(data, "hostile")
    with pytest.raises(SourceError, match="every feed failed"):
        _rss(FIXTURES / "rss_entity_expansion.xml").fetch(None)


def test_bad_feed_is_quarantined_while_good_feed_lands() -> None:
    result = _rss(FIXTURES / "html_error_page.html", SAMPLE_DATA / "rss" / "gulf_affairs_atom.xml").fetch(None)
    assert len(result.records) == 2
    [reject] = result.quarantined
    assert "HTML page titled '503 Service Temporarily Unavailable'" in reject.reason and reject.payload.startswith("<!DOCTYPE")


def test_jsonl_dump_lands_items_and_quarantines_broken_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "Putin receives Araghchi", "description": "<p>Talks in the <b>Kremlin</b>.</p>",
                    "link": "https://wire.example/1", "date_published": "2025-04-18 11:00:00+00:00",
                    "source": "https://wire.example/rss", "language": "en-US", "author": None}),
        '{"title": "truncated',
        json.dumps({"title": "Headline only item", "link": "https://wire.example/2", "date_published": "2025-04-18"}),
        json.dumps(["not", "an", "object"]),
    ]
    path = tmp_path / "items.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    result = _rss(path).fetch(None)
    assert [r.external_id for r in result.records] == ["https://wire.example/1", "https://wire.example/2"]
    # the headline opens the body (it carries the item's main fact); the title column keeps it too
    assert result.records[0].body == "Putin receives Araghchi\nTalks in the Kremlin." and result.records[0].outlet == "wire.example"
    assert result.records[0].title == "Putin receives Araghchi" and result.records[0].metadata["body_from"] == "title+text"
    assert result.records[1].metadata["body_from"] == "title"
    assert sorted(q.record_ref or "" for q in result.quarantined) == ["items.jsonl.gz:2", "items.jsonl.gz:4"]


@pytest.mark.parametrize("name", ["rss-parser_guardian.rss", "rss-parser_uolNoticias.rss"])
def test_real_rss_files(name: str) -> None:
    path = shared_path("corpora", "rss", name)
    result = _rss(path).fetch(None)
    items = path.read_text(encoding="utf-8", errors="replace").count("<item>")
    assert len(result.records) == items and result.quarantined == []
    assert all(r.published_at is not None and r.body for r in result.records)  # incl. "Seg, 24 Set 2018" dates
    assert len({r.external_id for r in result.records}) == items


def test_article_extraction_finds_title_author_date_and_body_only() -> None:
    article = extract_article((FIXTURES / "article_treaty.html").read_text(), "https://caspian.example/treaty")
    assert article is not None
    assert article["title"] == "Russia and Iran sign 20-year partnership treaty"
    assert article["author"] == "Lena Marwick" and article["date"] == "2025-01-17"
    assert "47 articles" in article["body"] and "Markets close higher" not in article["body"]
    assert extract_article((FIXTURES / "not_an_article.html").read_text()) is None


def test_compressed_html_round_trips() -> None:
    html = (FIXTURES / "article_treaty.html").read_bytes()
    packed = compress_html(html)
    assert len(packed) < len(html) and decompress_html(packed, len(html)) == html


def test_url_normalization_allowlist_and_private_addresses() -> None:
    assert canonical_url("https://News.example/a?utm_source=tg&id=3#top") == "https://news.example/a?id=3"
    assert domain_allowed("https://www.reuters.com/world/x", ["reuters.com"])
    assert not domain_allowed("https://reuters.com.evil.example/x", ["reuters.com"])
    assert not any(is_public_address(a) for a in ("127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1"))
    assert is_public_address("93.184.216.34")


@pytest.mark.parametrize(
    ("title", "text", "body"),
    [
        ("Talks held", "Moscow hosted talks.", "Talks held\nMoscow hosted talks."),
        ("Talks held", "Talks  held in Moscow on Friday.", "Talks  held in Moscow on Friday."),  # already opens with it
        ("Talks held", "", "Talks held"),
        (None, "Moscow hosted talks.", "Moscow hosted talks."),
    ],
)
def test_headline_opens_the_body_once(title: str | None, text: str, body: str) -> None:
    from ingestion.sources.rss import with_headline

    assert with_headline(title, text, {}) == body
