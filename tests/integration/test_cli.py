"""CLI surface: help for every subcommand, one-line errors, query output formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from osint.cli import main

OSINT = str(Path(sys.executable).with_name("osint"))
SUBCOMMANDS = ("run", "ingest", "extract", "build", "check", "publish", "status", "query")


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and "--config" in result.output


def test_bad_config_fails_with_one_line_reason(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.yml"
    cfg.write_text("sources:\n  - {kind: carrier_pigeon, name: x}\n")
    result = subprocess.run([OSINT, "--config", str(cfg), "run"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "carrier_pigeon" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_query_before_anything_is_published(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yml"
    cfg.write_text(f"data_dir: {tmp_path / 'data'}\nsources: []\n")
    result = CliRunner().invoke(main, ["--config", str(cfg), "query", "select 1"])
    assert result.exit_code == 1
    assert "no publication" in result.output


def test_query_formats_on_a_published_file(tmp_path: Path) -> None:
    import duckdb

    published = tmp_path / "data" / "published"
    published.mkdir(parents=True)
    con = duckdb.connect(str(published / "osint.duckdb"))
    con.execute("create table dim_actors as select 'person-x' as actor_id, 'X, Y' as canonical_name")
    con.close()
    cfg = tmp_path / "c.yml"
    cfg.write_text(f"data_dir: {tmp_path / 'data'}\nsources: []\n")
    runner = CliRunner()
    as_json = runner.invoke(main, ["--config", str(cfg), "query", "select * from dim_actors", "--format", "json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.output) == [{"actor_id": "person-x", "canonical_name": "X, Y"}]
    as_csv = runner.invoke(main, ["--config", str(cfg), "query", "select * from dim_actors", "--format", "csv"])
    assert as_csv.output.splitlines() == ["actor_id,canonical_name", 'person-x,"X, Y"']
    bad = runner.invoke(main, ["--config", str(cfg), "query", "select * from nowhere"])
    assert bad.exit_code == 1 and "query failed" in bad.output
    # the published file is opened read-only: writes are refused
    write = runner.invoke(main, ["--config", str(cfg), "query", "create table t as select 1"])
    assert write.exit_code == 1


def test_query_reads_sql_from_a_file(tmp_path: Path) -> None:
    import duckdb

    published = tmp_path / "data" / "published"
    published.mkdir(parents=True)
    con = duckdb.connect(str(published / "osint.duckdb"))
    con.execute("create table dim_actors as select 'person-x' as actor_id")
    con.close()
    cfg = tmp_path / "c.yml"
    cfg.write_text(f"data_dir: {tmp_path / 'data'}\nsources: []\n")
    sql = tmp_path / "q.sql"
    sql.write_text("-- a leading comment, as the files in queries/ have\nselect count(*) as n from dim_actors\n")
    result = CliRunner().invoke(main, ["--config", str(cfg), "query", "--file", str(sql), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"n": 1}]
    missing = CliRunner().invoke(main, ["--config", str(cfg), "query"])
    assert missing.exit_code == 2 and "--file" in missing.output
