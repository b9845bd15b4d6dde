from datetime import UTC, datetime, timedelta, timezone

from ingestion.records import DocumentRecord, content_hash, make_doc_id, to_utc_naive


def test_doc_id_is_stable_and_depends_on_all_three_parts() -> None:
    a = make_doc_id("files", "docs", "a.txt")
    assert a == make_doc_id("files", "docs", "a.txt")
    assert len({a, make_doc_id("rss", "docs", "a.txt"), make_doc_id("files", "other", "a.txt"),
                make_doc_id("files", "docs", "b.txt")}) == 4


def test_content_hash_ignores_whitespace_and_case_but_not_words() -> None:
    assert content_hash("Title", "Some  body\ntext") == content_hash("title", "some body text")
    assert content_hash("Title", "Some body") != content_hash("Title", "Other body")


def test_timestamps_are_stored_as_naive_utc() -> None:
    aware = datetime(2025, 1, 17, 21, 0, tzinfo=timezone(timedelta(hours=3)))
    assert to_utc_naive(aware) == datetime(2025, 1, 17, 18, 0)
    row = DocumentRecord("files", "docs", "x", body="b", published_at=aware).to_row()
    assert row["published_at"] == datetime(2025, 1, 17, 18, 0)
    assert row["doc_id"] == make_doc_id("files", "docs", "x")
    assert to_utc_naive(datetime(2025, 1, 1, tzinfo=UTC)) == datetime(2025, 1, 1)
