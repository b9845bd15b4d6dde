"""Batch gate: per-kind suites on temp table `incoming`, row quarantine, structurally broken batches."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from expectations.batch_gate import screen_batch, validate_batch
from expectations.batch_suites import batch_checks
from expectations.settings import GateSettings
from ingestion.errors import BatchGateError, SourceError
from ingestion.landing import DOCUMENT_SCHEMA
from ingestion.records import DocumentRecord, utc_now

KINDS = ("files", "telegram_web", "telegram_export", "telegram_api", "rss", "web")


def good_record(kind: str, i: int) -> DocumentRecord:
    """A record as that kind's connector produces it (ids, URLs, payload shapes)."""
    if kind.startswith("telegram"):
        return DocumentRecord(
            kind, f"{kind}_src", f"diplomatic_wire/{100 + i}", body=f"Пост номер {i}: переговоры в Москве.",
            url=f"https://t.me/diplomatic_wire/{100 + i}", published_at=datetime(2025, 1, 17, 9, i),
            language="ru", payload=json.dumps({"id": 100 + i, "text": f"Пост номер {i}"}),
        )
    if kind == "files":
        return DocumentRecord(
            kind, f"{kind}_src", f"docs/{i}.md", body=f"Article {i} about the treaty.", title=f"Article {i}",
            published_at=datetime(2024, 7, 9), language="en", payload=f"---\ntitle: Article {i}\n---\nArticle {i}",
        )
    return DocumentRecord(
        kind, f"{kind}_src", f"https://news.example.org/{i}" if kind == "web" else f"guid-{i}",
        body=f"Story {i}: ministers met in Tehran.", title=f"Story {i}", url=f"https://news.example.org/{i}",
        published_at=datetime(2023, 5, 1, 12), language="en-US" if kind == "rss" else "en", payload=f"<item>{i}</item>",
    )


def load_incoming(con: duckdb.DuckDBPyConnection, records: list[DocumentRecord], drop: str | None = None) -> None:
    rows = [r.to_row() for r in records]
    table = pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA)
    if drop:
        table = table.drop_columns([drop])
    con.register("landed", table)
    con.execute("create or replace temp table incoming as select * from landed")
    con.unregister("landed")


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    yield c
    c.close()


@pytest.mark.parametrize("kind", KINDS)
def test_valid_batch_of_every_kind_passes_untouched(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    load_incoming(con, [good_record(kind, i) for i in range(12)])
    assert screen_batch(con, kind, f"{kind}_src") == []
    assert con.execute("select count(*) from incoming").fetchone() == (12,)


def test_future_dated_rows_are_quarantined_with_payload_and_expectation(con: duckdb.DuckDBPyConnection) -> None:
    records = [good_record("rss", i) for i in range(10)]
    records[2].published_at = utc_now() + timedelta(days=30)
    records[7].published_at = datetime(1970, 1, 1)  # epoch 0: broken date parsing
    records[5].published_at = utc_now() + timedelta(hours=2)  # within the clock-skew allowance
    load_incoming(con, records)

    rejected = screen_batch(con, "rss", "rss_src")

    by_ref = {q.record_ref: q for q in rejected}
    assert set(by_ref) == {"guid-2", "guid-7"}
    assert by_ref["guid-2"].check == "expect_column_values_to_be_between:published_at_not_in_future"
    assert by_ref["guid-7"].check == "expect_column_values_to_be_between:published_at_after_1990"
    assert by_ref["guid-2"].payload == "<item>2</item>"  # the original payload, untouched
    assert "rss_src record guid-2" in by_ref["guid-2"].reason and "clock skew" in by_ref["guid-2"].reason
    remaining = {r[0] for r in con.execute("select external_id from incoming").fetchall()}
    assert remaining == {f"guid-{i}" for i in range(10)} - {"guid-2", "guid-7"}


@pytest.mark.parametrize(
    ("kind", "mutate", "check"),
    [
        ("rss", lambda r: setattr(r, "language", "english"), "expect_column_values_to_match_regex:language_iso_639_1"),
        ("web", lambda r: setattr(r, "url", "not a url"), "expect_column_values_to_match_regex:url_format"),
        ("web", lambda r: setattr(r, "url", None), "expect_column_values_to_not_be_null:url_not_null"),
        ("telegram_web", lambda r: setattr(r, "url", "https://evil.example.com/x/1"), "expect_column_values_to_match_regex:url_format"),
        ("telegram_export", lambda r: setattr(r, "external_id", "diplomatic_wire/abc"),
         "expect_column_values_to_match_regex:external_id_is_message_id"),
        ("files", lambda r: setattr(r, "body", "  \n\t "), "expect_column_values_to_be_between:body_length"),
        ("telegram_api", lambda r: setattr(r, "body", "x" * 100_001), "expect_column_values_to_be_between:body_length"),
    ],
)
def test_each_row_check_quarantines_only_the_bad_row(con: duckdb.DuckDBPyConnection, kind: str, mutate, check: str) -> None:
    records = [good_record(kind, i) for i in range(8)]
    mutate(records[3])
    load_incoming(con, records)
    rejected = screen_batch(con, kind, f"{kind}_src")
    assert [q.check for q in rejected] == [check]
    assert rejected[0].record_ref == records[3].external_id
    assert rejected[0].payload == records[3].payload
    assert con.execute("select count(*) from incoming").fetchone() == (7,)


def test_row_without_payload_keeps_the_whole_row_as_json(con: duckdb.DuckDBPyConnection) -> None:
    records = [good_record("web", i) for i in range(6)]
    records[1].payload = None
    records[1].language = "xx"
    load_incoming(con, records)
    (rejected,) = screen_batch(con, "web", "web_src")
    row = json.loads(rejected.payload)
    assert row["body"] == records[1].body and row["url"] == records[1].url and row["language"] == "xx"


def test_duplicate_ids_keep_the_first_copy(con: duckdb.DuckDBPyConnection) -> None:
    records = [good_record("rss", i) for i in range(6)] + [good_record("rss", 4)]
    records[-1].payload = "<item>4 again</item>"
    load_incoming(con, records)
    rejected = screen_batch(con, "rss", "rss_src")
    assert [(q.check, q.payload) for q in rejected] == [
        ("expect_column_values_to_be_unique:doc_id_unique_in_batch", "<item>4 again</item>")
    ]
    assert con.execute("select count(*), count(distinct doc_id) from incoming").fetchone() == (6, 6)


def test_mostly_failing_batch_is_broken_and_left_intact(con: duckdb.DuckDBPyConnection) -> None:
    future = utc_now() + timedelta(days=400)
    records = [good_record("telegram_web", i) for i in range(10)]
    for r in records[:8]:
        r.published_at = future
    load_incoming(con, records)
    with pytest.raises(BatchGateError) as err:
        screen_batch(con, "telegram_web", "telegram_web_src")
    message = str(err.value)
    assert "telegram_web_src" in message
    assert "expect_column_values_to_be_between" in message and "published_at" in message
    assert "8 of 10 rows failed" in message and "diplomatic_wire/100" in message  # an example row
    assert isinstance(err.value, SourceError) and err.value.source == "telegram_web_src"
    assert con.execute("select count(*) from incoming").fetchone() == (10,)  # the load rolls back


def test_bad_fraction_is_configurable(con: duckdb.DuckDBPyConnection) -> None:
    records = [good_record("rss", i) for i in range(10)]
    for r in records[:6]:
        r.language = "klingon"
    load_incoming(con, records)
    lenient = validate_batch(con, "incoming", "rss", "rss_src", settings=GateSettings(max_bad_fraction=0.9))
    strict = validate_batch(con, "incoming", "rss", "rss_src", settings=GateSettings(max_bad_fraction=0.5))
    assert lenient.broken is None and len(lenient.rejected) == 6
    assert strict.broken is not None and "6 of 10 rows failed" in strict.broken


def test_missing_required_column_breaks_the_batch(con: duckdb.DuckDBPyConnection) -> None:
    load_incoming(con, [good_record("files", i) for i in range(3)], drop="body")
    with pytest.raises(BatchGateError) as err:
        screen_batch(con, "files", "files_src")
    assert "expect_table_columns_to_match_set" in str(err.value)
    assert "required column body missing" in str(err.value)


def test_missing_optional_column_only_warns(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    load_incoming(con, [good_record("files", i) for i in range(3)], drop="author")
    verdict = validate_batch(con, "incoming", "files", "files_src", reports_dir=tmp_path)
    assert verdict.broken is None and not verdict.rejected
    assert [w.column for w in verdict.gate.warnings] == ["author"]
    page = Path(verdict.gate.report_path or "").read_text(encoding="utf-8")
    assert "Gate batch:files_src" in page and "PASSED" in page
    assert "batch:files_src" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_suites_have_unique_check_ids_per_kind() -> None:
    for kind in KINDS:
        ids = [c.id for c in batch_checks(kind, "s", GateSettings())]
        assert len(ids) == len(set(ids)), kind
        assert len(ids) >= 18


def test_settings_from_env_override_and_validate() -> None:
    s = GateSettings.from_env({"OSINT_GATE_MAX_SHRINK": "0.2", "OSINT_GATE_FRESHNESS_BLOCKING": "true"})
    assert s.max_shrink == 0.2 and s.freshness_blocking is True
    from ingestion.errors import ConfigError

    with pytest.raises(ConfigError, match="OSINT_GATE_MAX_BAD_FRACTION"):
        GateSettings.from_env({"OSINT_GATE_MAX_BAD_FRACTION": "lots"})
