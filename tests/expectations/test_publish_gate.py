"""Write–audit–publish on a real warehouse: every failure class blocks the publish and leaves the
previous publication byte-identical; valid data publishes; landed rows that fail the batch gate
reach raw.quarantine with their original payload and the failed expectation."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from osint.config import PipelineConfig, load_config
from osint.errors import GateFailedError
from osint.pipeline import check_for_publish, fetch_sources, load_batches, publish, writer
from osint.publish import mart_tables, marts_fingerprint, read_manifest
from osint.warehouse import DataLayout
from tests.conftest import SampleRun, copy_sample_run


def write_config(folder: Path, sources: list[dict[str, Any]]) -> PipelineConfig:
    path = folder / "config.yml"
    cfg = {"data_dir": str(folder / "data"), "lock_timeout_seconds": 30, "sources": sources}
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    return load_config(path)


@pytest.fixture(scope="module")
def warehouse(sample_run: SampleRun, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PipelineConfig]:
    """A real build of the bundled sample documents, published once (this module's own copy of the
    session's sample run, tests/conftest.py); its marts saved aside."""
    config = load_config(copy_sample_run(sample_run, tmp_path_factory.mktemp("gate_publish"), lock_timeout=30))
    current = read_manifest(DataLayout(config.data_dir))["current"]
    assert current["gate"]["success"] and current["row_counts"]["fct_mentions"] > 0
    # Saved inside the warehouse, not as a file copy: dbt-duckdb keeps the database open in this
    # process, so a file swapped underneath would never be read again.
    with writer(config, "test snapshot") as con:
        con.execute("create schema test_pristine")
        for table in mart_tables(con):
            con.execute(f"create table test_pristine.{table} as select * from marts.{table}")
    yield config


@pytest.fixture
def config(warehouse: PipelineConfig) -> Iterator[PipelineConfig]:
    yield warehouse
    with writer(warehouse, "test restore") as con:
        con.execute("drop schema marts cascade")
        con.execute("create schema marts")
        for (table,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'test_pristine'"
        ).fetchall():
            con.execute(f"create table marts.{table} as select * from test_pristine.{table}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corrupt(config: PipelineConfig, *statements: str) -> None:
    with writer(config, "test corrupt") as con:
        for sql in statements:
            con.execute(sql)


def rebuild_with(table: str, extra_rows_sql: str) -> list[str]:
    """Append rows to a mart by rebuilding it: dbt's enforced contract constraints (primary key,
    not null) would refuse them, but a buggy model could still produce them."""
    return [
        f"create table marts.{table}__bad as select * from marts.{table} union all by name {extra_rows_sql}",
        f"drop table marts.{table}",
        f"alter table marts.{table}__bad rename to {table}",
    ]


def assert_blocked(config: PipelineConfig, *names: str) -> str:
    """Publish must fail naming `names`; the published file, Parquet link and manifest's current stay."""
    layout = DataLayout(config.data_dir)
    before = sha256(layout.published_db)
    parquet_target = os.readlink(layout.published_parquet)
    current = read_manifest(layout)["current"]
    with pytest.raises(GateFailedError) as err:
        publish(config)
    message = str(err.value)
    for name in names:
        assert name in message, f"{name!r} not in: {message}"
    assert "previous publication kept" in message and "report:" in message
    assert sha256(layout.published_db) == before
    assert os.readlink(layout.published_parquet) == parquet_target
    manifest = read_manifest(layout)
    assert manifest["current"] == current
    attempt = manifest["last_attempt"]
    assert attempt["published"] is False and attempt["gate_success"] is False
    assert attempt["gate_failures"] and Path(attempt["report_path"]).is_file()
    return message


def first_of(config: PipelineConfig, sql: str) -> Any:
    with writer(config, "test read") as con:
        row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def test_duplicate_key_blocks(config: PipelineConfig) -> None:
    actor = first_of(config, "select min(actor_id) from marts.dim_actors")
    corrupt(config, *rebuild_with("dim_actors", f"select * from marts.dim_actors where actor_id = '{actor}'"))
    assert_blocked(config, "dim_actors.actor_id", "expect_column_values_to_be_unique", actor)


def test_orphan_actor_blocks(config: PipelineConfig) -> None:
    corrupt(
        config,
        "update marts.fct_mentions set actor_id = 'person-nobody' where mention_id = (select min(mention_id) from marts.fct_mentions)",
    )
    assert_blocked(config, "fct_mentions.actor_id", "references dim_actors.actor_id", "person-nobody")


def test_out_of_range_figure_blocks(config: PipelineConfig) -> None:
    doc = first_of(config, "select min(doc_id) from marts.dim_documents")
    bad_row = f"""select 'fig-bad' as figure_id, 'national_currency_share' as metric, 140.0 as value, 'percent' as unit,
                         '{doc}' as doc_id, 'over 140 percent of transactions' as source_text, 1 as source_count"""
    corrupt(config, *rebuild_with("fct_trade_figures", bad_row))
    assert_blocked(config, "fct_trade_figures.value", "between 0 and 100", "fig-bad", "140")


def test_emptied_mart_blocks(config: PipelineConfig) -> None:
    published = read_manifest(DataLayout(config.data_dir))["current"]["row_counts"]["fct_mentions"]
    corrupt(config, "delete from marts.fct_mentions")
    message = assert_blocked(config, "fct_mentions", "expect_table_row_count_to_be_between")
    assert f"'previous_publication': {published}" in message or f'"previous_publication": {published}' in message


def test_missing_column_blocks(config: PipelineConfig) -> None:
    corrupt(config, "alter table marts.dim_documents drop column url")
    assert_blocked(config, "dim_documents.url", "expect_column_to_exist")


def test_previously_published_mart_missing_blocks(config: PipelineConfig) -> None:
    corrupt(config, "drop table marts.fct_mentions")
    assert_blocked(config, "fct_mentions", "expect_table_to_exist")


def test_future_dated_documents_in_a_mart_block(config: PipelineConfig) -> None:
    doc = first_of(config, "select min(doc_id) from marts.dim_documents")
    corrupt(config, f"update marts.dim_documents set published_at = timestamp '2099-01-01' where doc_id = '{doc}'")
    assert_blocked(config, "dim_documents.published_at", "now + clock skew", doc)


def test_valid_build_publishes(config: PipelineConfig) -> None:
    layout = DataLayout(config.data_dir)
    before = read_manifest(layout)["current"]["build_id"]
    result = publish(config)
    assert result.gate["success"] and result.build_id != before
    assert Path(result.report_path or "").is_file() and result.report_path.startswith(str(layout.reports))
    with duckdb.connect(str(layout.published_db), read_only=True) as con:
        assert con.execute("select count(*) from fct_mentions").fetchone()[0] == result.row_counts["fct_mentions"]  # type: ignore[index]
    assert read_manifest(layout)["last_attempt"]["published"] is True


def test_a_passed_gate_is_reused_only_on_unchanged_marts(config: PipelineConfig) -> None:
    """The DAG gates in one task and publishes in the next: unchanged marts are not gated twice,
    but marts changed in between are gated again, and a defect introduced then still blocks."""
    result, passed = check_for_publish(config)
    assert result.success and passed is not None
    published = publish(config, passed=passed)
    assert published.gate["reused"] is True and published.gate["summary"] == passed.summary
    assert read_manifest(DataLayout(config.data_dir))["last_attempt"]["gate_reused"] is True

    actor = first_of(config, "select min(actor_id) from marts.dim_actors")
    corrupt(config, *rebuild_with("dim_actors", f"select * from marts.dim_actors where actor_id = '{actor}'"))
    with pytest.raises(GateFailedError, match=r"dim_actors\.actor_id"):
        publish(config, passed=passed)
    assert read_manifest(DataLayout(config.data_dir))["last_attempt"]["gate_reused"] is False


def test_fingerprint_sees_a_changed_value_not_only_counts(config: PipelineConfig) -> None:
    with writer(config, "test fingerprint") as con:
        before = marts_fingerprint(con)
        assert marts_fingerprint(con) == before
        con.execute("update marts.dim_documents set title = coalesce(title, '') || 'x' where doc_id = (select min(doc_id) from marts.dim_documents)")
        assert marts_fingerprint(con) != before


def test_future_dated_landed_rows_are_quarantined_with_payload(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    future = "---\ntitle: From the future\npublished_at: 2099-03-01\n---\nA treaty was signed in Moscow.\n"
    (docs / "future.md").write_text(future, encoding="utf-8")
    for i in range(3):
        (docs / f"ok{i}.md").write_text(f"---\ntitle: Visit {i}\npublished_at: 2024-07-0{i + 1}\n---\nTalks in Tehran {i}.\n")
    config = write_config(tmp_path, [{"kind": "files", "name": "local_docs", "path": str(docs)}])
    fetch_sources(config)
    (loaded,) = load_batches(config)
    assert (loaded.new, loaded.quarantined) == (3, 1)
    with writer(config, "test read") as con:
        rows = con.execute("select record_ref, check_name, reason, payload from raw.quarantine").fetchall()
        titles = {r[0] for r in con.execute("select title from raw.documents").fetchall()}
    assert rows == [
        ("future.md", "expect_column_values_to_be_between:published_at_not_in_future", rows[0][2], future)
    ]
    assert "2099-03-01" in rows[0][2]
    assert titles == {"Visit 0", "Visit 1", "Visit 2"}
    index = json.loads((DataLayout(config.data_dir).reports / "index.json").read_text(encoding="utf-8"))
    assert index[0]["gate"] == "batch:local_docs" and index[0]["success"] is True
