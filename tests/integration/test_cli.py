"""CLI surface: help for every subcommand, one-line errors, query output formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from osint.cli import main

OSINT = str(Path(sys.executable).with_name("osint"))
SUBCOMMANDS = ("run", "ingest", "extract", "build", "check", "publish", "status", "query")
JUDGE_SUBCOMMANDS = ("merge", "split", "reject", "undo", "list", "export", "import")


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and "--config" in result.output


@pytest.mark.parametrize("command", JUDGE_SUBCOMMANDS)
def test_every_judge_subcommand_has_help(command: str) -> None:
    result = CliRunner().invoke(main, ["judge", command, "--help"])
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


def test_judge_commands_on_a_warehouse_without_marts(tmp_path: Path) -> None:
    """`osint judge`: one-line errors before anything is built; import, list, undo and export work on
    the raw judgements table (tests/dbt/test_judgements.py applies them to built marts)."""
    cfg = tmp_path / "c.yml"
    cfg.write_text(f"data_dir: {tmp_path / 'data'}\nsources: []\n")
    runner = CliRunner()

    def judge(*args: str) -> Any:
        return runner.invoke(main, ["--config", str(cfg), "judge", *args], env={"OSINT_ANALYST": "analyst-7"})

    merge = judge("merge", "person-a", "person-b")
    assert merge.exit_code == 1 and "run `osint build` first" in merge.output
    assert "0 judgement(s)" in judge("list").output
    csv_in = tmp_path / "in.csv"
    csv_in.write_text(
        "judgement_id,action,actor_id,other_actor_id,other_actor_name,mention_ids,name_forms,fact_type,fact_id,"
        "report_ids,undoes,reason,judged_by,judged_at\n"
        'j-000000000001,merge,person-a,person-b,,,,,,,,"same, person",analyst-1,2026-11-30T10:00:00Z\n'
        'j-000000000002,reject,,,,,,claim,claim-1,"[""r1""]",,wrong speaker,analyst-1,2026-11-30T10:05:00Z\n'
    )
    imported = judge("import", str(csv_in))
    assert imported.exit_code == 0, imported.output
    assert "2 added, 0 already present, 0 rejected" in imported.output
    listed = judge("list")
    assert "merge person-b into person-a" in listed.output and "reject claim claim-1" in listed.output
    undone = judge("undo", "j-000000000001", "--reason", "two people")
    assert undone.exit_code == 0 and "undo j-000000000001 (by analyst-7)" in undone.output
    assert "1 judgement(s)" in judge("list").output and "3 judgement(s)" in judge("list", "--all").output
    csv_out = tmp_path / "out.csv"
    assert "3 judgement(s) written" in judge("export", str(csv_out)).output
    assert csv_out.read_text().splitlines()[1:3] == csv_in.read_text().splitlines()[1:3]
    bad = tmp_path / "bad.csv"
    bad.write_text("judgement_id,action\nj-1,merge\n")
    refused = judge("import", str(bad))
    assert refused.exit_code == 1 and "not a judgements export" in refused.output
