"""The DuckLake backend on the local PostgreSQL: each publish a snapshot of the catalog, readers on any
DuckDB client, `osint query --as-of` answering with what an earlier publication said.

Needs the PostgreSQL server on 127.0.0.1:5432 (trust auth); each test creates its own database and
drops it afterwards (tests/conftest.py: postgres_db), and skips when no server answers.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
import yaml
from click.testing import CliRunner

from osint import cli
from osint.config import load_config
from osint.errors import NothingPublishedError
from osint.lake import Lake, attach, open_publication, publication_as_of, publications
from osint.pipeline import publish, writer
from osint.warehouse import DataLayout
from tests.conftest import PG, SampleRun, copy_sample_run

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def _lake_config(config: Path, database: str) -> Path:
    """The sample copy's config, switched to the DuckLake backend on `database`."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["warehouse"] = {
        "backend": "ducklake",
        "catalog": f"postgres:dbname={database} host={PG['host']} port={PG['port']} user={PG['user']}",
    }
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return config


def _objects(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[tuple[str, str]]]:
    """Every table and view of `catalog`.main with its columns and types, in order."""
    rows = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema = 'main' order by table_name, ordinal_position",
        [catalog],
    ).fetchall()
    objects: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in rows:
        objects.setdefault(table, []).append((column, dtype))
    return objects


def test_a_publication_in_the_lake_is_the_duckdb_backends_publication(
    sample_run: SampleRun, tmp_path: Path, postgres_db: str
) -> None:
    config = load_config(_lake_config(copy_sample_run(sample_run, tmp_path), postgres_db))
    result = publish(config)
    assert result.lake_snapshot is not None

    lake = Lake.of(config)
    assert lake is not None
    con = duckdb.connect()
    attach(con, lake, "lake", read_only=True)
    # the publication of the same marts by the default backend: the session's `osint run` of the samples
    con.execute(f"attach '{sample_run.data / 'published' / 'osint.duckdb'}' as single_file (read_only)")
    expected, actual = _objects(con, "single_file"), _objects(con, "lake")
    assert set(actual) == set(expected) and len(expected) > 15, sorted(set(actual) ^ set(expected))
    for name, columns in expected.items():
        assert actual[name] == columns, name
        missing, extra, count = con.execute(
            f'select (select count(*) from (from single_file.main."{name}" except all from lake.main."{name}")), '
            f'(select count(*) from (from lake.main."{name}" except all from single_file.main."{name}")), '
            f'(select count(*) from single_file.main."{name}")'
        ).fetchone()  # type: ignore[misc]
        assert (missing, extra) == (0, 0), f"{name}: {missing} rows missing, {extra} extra of {count}"
    assert con.execute("select count(*) from lake.main.fct_claims").fetchone()[0] > 0  # type: ignore[index]
    # comments come along, for BI tools that show them
    comment = con.execute(
        "select comment from duckdb_tables() where database_name = 'lake' and table_name = 'fct_meetings'"
    ).fetchone()
    assert comment and comment[0]
    # the reader is read-only
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute("create table lake.main.scratch as select 1 as x")
    con.close()


def test_as_of_reads_the_earlier_publication_after_a_later_one_changed_rows(
    sample_run: SampleRun, tmp_path: Path, postgres_db: str
) -> None:
    config_path = _lake_config(copy_sample_run(sample_run, tmp_path), postgres_db)
    config = load_config(config_path)
    first = publish(config)
    lake = Lake.of(config)
    assert lake is not None
    (before,) = publications(lake)
    claim_id, text = duckdb.connect(first.path, read_only=True).execute(
        "select claim_id, claim_text from fct_claims order by claim_id limit 1"
    ).fetchone()  # type: ignore[misc]

    # a later build asserts something else about that claim, and is published
    with writer(config, "test") as con:
        con.execute("update marts.fct_claims set claim_text = 'revised later' where claim_id = ?", [claim_id])
    second = publish(config)
    assert second.lake_snapshot is not None and first.lake_snapshot is not None
    assert second.lake_snapshot > first.lake_snapshot
    assert [p.build_id for p in publications(lake)] == [first.build_id, second.build_id]
    # the second publication wrote only the mart that changed; the others' files serve both snapshots
    old, new = publications(lake)
    assert set(old.info["tables_replaced"]) == set(first.tables) and old.info["tables_unchanged"] == []
    assert new.info["tables_replaced"] == ["fct_claims"]
    assert set(new.info["tables_unchanged"]) == set(first.tables) - {"fct_claims"}

    sql = f"select claim_text from fct_claims where claim_id = '{claim_id}'"
    runner = CliRunner()
    at_first = runner.invoke(cli.main, ["--config", str(config_path), "query", "--as-of",
                                        before.committed_at.isoformat(), "--format", "json", sql])
    assert at_first.exit_code == 0, at_first.output
    assert json.loads(at_first.stdout) == [{"claim_text": text}]
    now = runner.invoke(cli.main, ["--config", str(config_path), "query", "--format", "json", sql])
    assert json.loads(now.stdout) == [{"claim_text": "revised later"}]
    latest, _ = open_publication(lake, datetime.now(UTC) + timedelta(days=1))
    assert latest.execute(sql).fetchall() == [("revised later",)]
    latest.close()
    # a date means the end of that day: today is the second publication
    today = runner.invoke(cli.main, ["--config", str(config_path), "query", "--as-of",
                                     datetime.now(UTC).date().isoformat(), "--format", "json", sql])
    assert json.loads(today.stdout) == [{"claim_text": "revised later"}]
    # before the first publication there is nothing to read, and the message says when the first was
    with pytest.raises(NothingPublishedError, match="first publication"):
        publication_as_of(lake, before.committed_at - timedelta(seconds=1))
    listing = runner.invoke(cli.main, ["--config", str(config_path), "publications"])
    assert listing.exit_code == 0 and first.build_id in listing.output and second.build_id in listing.output


def test_an_unreachable_catalog_fails_the_publish_and_keeps_the_previous_publication(
    sample_run: SampleRun, tmp_path: Path
) -> None:
    config_path = copy_sample_run(sample_run, tmp_path)
    data = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    # port 9 (discard) refuses at once on the test machines: no catalog there
    data["warehouse"] = {"backend": "ducklake", "catalog": "postgres:dbname=nowhere host=127.0.0.1 port=9 password=s3cret"}
    config_path.write_text(yaml.safe_dump(data), encoding="utf-8")
    published = tmp_path / "data" / "published" / "osint.duckdb"
    before = published.read_bytes()
    result = CliRunner().invoke(cli.main, ["--config", str(config_path), "publish"])
    assert result.exit_code == 1
    assert "cannot be attached" in result.output and "s3cret" not in result.output, result.output
    assert published.read_bytes() == before
    assert not list(published.parent.glob(".osint-*"))


def test_as_of_on_the_duckdb_backend_says_how_to_keep_past_publications(sample_run: SampleRun) -> None:
    result = CliRunner().invoke(cli.main, ["--config", str(sample_run.config), "query", "--as-of", "2025-01-17", "select 1"])
    assert result.exit_code == 1
    assert "backend: ducklake" in result.output and "keeps only the current one" in result.output


def test_maintain_expires_publications_past_their_retention_and_keeps_the_newest(
    sample_run: SampleRun, tmp_path: Path, postgres_db: str
) -> None:
    from osint.maintain import expire_lake_publications

    config = load_config(_lake_config(copy_sample_run(sample_run, tmp_path), postgres_db))
    first, second = publish(config), publish(config)
    lake = Lake.of(config)
    assert lake is not None
    assert [p.build_id for p in publications(lake)] == [first.build_id, second.build_id]
    files_before = sum(1 for p in Path(lake.data_path).rglob("*") if p.is_file())
    expired, removed = expire_lake_publications(lake, keep_days=0)  # keep only what is current now
    assert expired >= 1
    assert [p.build_id for p in publications(lake)] == [second.build_id]
    assert sum(1 for p in Path(lake.data_path).rglob("*") if p.is_file()) == files_before - removed
    con, current = open_publication(lake)
    assert current.build_id == second.build_id
    assert con.execute("select count(*) from fct_claims").fetchone()[0] > 0  # type: ignore[index]
    con.close()


def test_the_dbt_project_builds_into_a_ducklake_with_the_same_marts(
    sample_run: SampleRun, tmp_path: Path, postgres_db: str
) -> None:
    """The same dbt project, its `lake` target: models built into a DuckLake on PostgreSQL from the working
    warehouse's raw tables give the marts the DuckDB build gave (columns, types, every row)."""
    from osint.transform import build_marts
    from osint.warehouse import writer_lock

    config = load_config(_lake_config(copy_sample_run(sample_run, tmp_path), postgres_db))
    lake = Lake.of(config)
    assert lake is not None
    layout = DataLayout(config.data_dir)
    with writer_lock(layout, 60, "test"):
        summary = build_marts(layout, lake=lake)
    assert summary.success and summary.nodes.get("error", 0) == 0, summary.failures

    con = duckdb.connect(str(layout.warehouse), read_only=True)  # the DuckDB backend's build of the same raw
    attach(con, lake, "lake", read_only=True)
    query = ("select table_name, column_name, data_type from information_schema.columns where table_catalog = ? "
             "and table_schema = 'marts' order by table_name, ordinal_position")
    expected, actual = con.execute(query, ["warehouse"]).fetchall(), con.execute(query, ["lake"]).fetchall()
    assert actual == expected and len({t for t, _, _ in expected}) >= 15
    for table in sorted({t for t, _, _ in expected}):
        missing, extra = con.execute(
            f'select (select count(*) from (from warehouse.marts."{table}" except all from lake.marts."{table}")), '
            f'(select count(*) from (from lake.marts."{table}" except all from warehouse.marts."{table}"))'
        ).fetchone()  # type: ignore[misc]
        assert (missing, extra) == (0, 0), table
    assert con.execute("select count(*) from lake.marts.fct_claims").fetchone()[0] > 0  # type: ignore[index]
    con.close()
