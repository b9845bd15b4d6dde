"""`osint maintain`: compaction gives back the space of deleted rows and changes nothing a reader or a
later run can see; a copy that does not verify leaves the old file untouched."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from ingestion.errors import OsintError
from osint import cli, maintain
from osint.config import load_config
from osint.pipeline import writer
from osint.publish import marts_fingerprint
from osint.warehouse import DataLayout
from tests.conftest import SampleRun, copy_sample_run


def _catalog(path: Path) -> tuple[list[tuple[object, ...]], ...]:
    """What a later run relies on besides rows: constraints, comments, views, sequences."""
    with duckdb.connect(str(path), read_only=True) as con:
        db = con.execute("select current_database()").fetchone()[0]  # type: ignore[index]
        return tuple(con.execute(sql, [db]).fetchall() for sql in (
            "select schema_name, table_name, constraint_type, constraint_text from duckdb_constraints() "
            "where database_name = ? order by all",
            "select schema_name, table_name, comment from duckdb_tables() where database_name = ? order by all",
            "select schema_name, table_name, column_name, comment from duckdb_columns() where database_name = ? "
            "and comment is not null order by all",
            # a view's SQL is re-serialized by the copy (an EXCLUDE list may change order): compare what it gives
            "select schema_name, view_name from duckdb_views() where database_name = ? and not internal order by all",
            "select schema_name, table_name, column_name, data_type from duckdb_columns() where database_name = ? "
            "order by all",
            "select schema_name, sequence_name from duckdb_sequences() where database_name = ? order by all",
        ))


def test_compaction_reclaims_deleted_space_and_keeps_every_row_and_definition(sample_run: SampleRun, tmp_path: Path) -> None:
    config = load_config(copy_sample_run(sample_run, tmp_path))
    layout = DataLayout(config.data_dir)
    with writer(config, "test") as con:
        con.execute("checkpoint")
        base = maintain.database_bytes(layout.warehouse)
        # what a day of re-annotation and rebuilds leaves: a large table written, then dropped, with live
        # data written after it (DuckDB itself truncates free blocks only at the end of its file)
        con.execute("create table raw.scratch as select range as i, md5(range::varchar) as pad from range(1000000)")
        con.execute("checkpoint")
        con.execute("create table raw.written_after as select * from raw.documents")
        con.execute("checkpoint")
        scratch = maintain.database_bytes(layout.warehouse) - base
        con.execute("drop table raw.scratch")
        con.execute("checkpoint")
        marts_before = marts_fingerprint(con)
    catalog_before = _catalog(layout.warehouse)
    size_before = maintain.database_bytes(layout.warehouse)
    assert scratch > 10 * 2**20 and size_before > base + scratch / 2  # the dropped table's blocks are still in the file

    result = CliRunner().invoke(cli.main, ["--config", str(config.config_path), "maintain"])
    assert result.exit_code == 0, result.output
    assert "reclaimed" in result.output

    size_after = maintain.database_bytes(layout.warehouse)
    assert size_after < size_before - scratch / 2, (base, scratch, size_before, size_after)
    assert _catalog(layout.warehouse) == catalog_before
    with writer(config, "test") as con:
        assert marts_fingerprint(con) == marts_before
        # the raw tables keep their keys: a batch recorded twice still conflicts
        batch_id = con.execute("select batch_id from raw.ingest_runs limit 1").fetchone()[0]  # type: ignore[index]
        with pytest.raises(duckdb.ConstraintException):
            con.execute("insert into raw.ingest_runs select * from raw.ingest_runs where batch_id = ?", [batch_id])
    assert not list(layout.warehouse.parent.glob(f"{maintain.FRESH_NAME}*"))


def test_a_copy_that_does_not_verify_leaves_the_old_file(
    sample_run: SampleRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(copy_sample_run(sample_run, tmp_path))
    layout = DataLayout(config.data_dir)
    with writer(config, "test") as con:
        con.execute("checkpoint")
    before = layout.warehouse.read_bytes()
    real = maintain.table_digests

    def corrupted(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, tuple[int, int]]:
        digests = real(con, database)
        if database == "compacted":
            digests["raw.documents"] = (0, 0)
        return digests

    monkeypatch.setattr(maintain, "table_digests", corrupted)
    with pytest.raises(OsintError, match=r"differs .* raw\.documents: old file kept"):
        maintain.compact_warehouse(layout)
    assert layout.warehouse.read_bytes() == before
    assert not list(layout.warehouse.parent.glob(f"{maintain.FRESH_NAME}*"))


def test_nothing_to_compact_before_the_first_run(tmp_path: Path) -> None:
    with pytest.raises(OsintError, match="nothing to compact"):
        maintain.compact_warehouse(DataLayout(tmp_path / "data").ensure())
