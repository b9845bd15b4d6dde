"""`osint query` on a publication the real pipeline built: where options may stand, the table and
record layouts, cell widths; and the DuckDB CLI the README documents.

The publication is the session's `samples_publication` (tests/integration/conftest.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from osint.cli import main
from osint.query import run_query
from tests.conftest import REPO_ROOT

BIN = Path(sys.executable).parent
OSINT = str(BIN / "osint")
# a wide query under the default --limit (1000 rows), so every row it returns is printed
WIDE = "select * from dim_actors order by actor_id limit 400"
CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _config(publication: Path) -> str:
    return str(publication.parents[2] / "osint.yml")


def _query(publication: Path, *args: str, columns: int | None = None) -> Result:
    """`osint --config <publication's config> query ARGS`; COLUMNS unset means "not a terminal"."""
    env = {"COLUMNS": None if columns is None else str(columns)}
    return CliRunner().invoke(main, ["--config", _config(publication), "query", *args], env=env)


def _shown(value: Any, max_width: int) -> str:
    """What a cell should read in the table layout: the value on one line, cut with … past max_width."""
    if value is None:
        text = ""
    elif isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    text = CONTROL.sub(" ", text)
    return text if max_width == 0 or len(text) <= max_width else text[: max_width - 1].rstrip() + "…"


def _table(stdout: str) -> tuple[list[str], list[list[str]]]:
    """Split a `header | header` / `---+---` / `cell | cell` table at the separator's `+` marks."""
    lines = stdout.splitlines()
    separator = lines[1]
    assert set(separator) <= {"-", "+"}, stdout[:500]
    marks = [i for i, ch in enumerate(separator) if ch == "+"]
    bounds = list(zip([0, *(m + 1 for m in marks)], [*marks, len(separator)], strict=True))

    def cells(line: str) -> list[str]:
        line = line.ljust(len(separator))
        assert all(line[m] == "|" for m in marks), line
        return [line[a:b] for a, b in bounds]

    return [c.strip() for c in cells(lines[0])], [cells(line) for line in lines[2:]]


def _records(stdout: str) -> list[dict[str, str]]:
    """Read the vertical layout back: `-[ record N ]---` then `column | value` lines (continuations
    have an empty column; an empty value is `column |`)."""
    records: list[dict[str, str]] = []
    last = ""
    for line in stdout.splitlines():
        if line.startswith("-[ record "):
            assert line.startswith(f"-[ record {len(records) + 1} ]"), line
            records.append({})
            continue
        label, sep, value = line.partition(" |")
        assert sep, line
        value = value.removeprefix(" ")
        if label.strip():
            last = label.strip()
            records[-1][last] = value
        else:
            records[-1][last] += "\n" + value
    return records


def test_options_after_the_sql_and_after_a_double_dash(samples_publication: Path) -> None:
    """The README's `osint query -- "$(cat queries/x.sql)" --format csv`, typed into a shell."""
    sql_file = REPO_ROOT / "queries" / "trade_figures_over_time.sql"
    assert sql_file.read_text(encoding="utf-8").startswith("--")
    command = (
        f"{shlex.quote(OSINT)} --config {shlex.quote(_config(samples_publication))} "
        f'query -- "$(cat {shlex.quote(str(sql_file))})" --format csv'
    )
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    columns, rows = run_query(samples_publication, sql_file.read_text(encoding="utf-8"))
    parsed = list(csv.reader(io.StringIO(done.stdout)))
    assert parsed[0] == columns
    assert len(parsed) - 1 == len(rows) > 0


@pytest.mark.parametrize(
    "args",
    [
        ("-- the leading comment is SQL\nselect count(*) as n from dim_actors", "--format", "json"),
        ("--format", "json", "-- the leading comment is SQL\nselect count(*) as n from dim_actors"),
        ("--format=json", "--", "-- the leading comment is SQL\nselect count(*) as n from dim_actors"),
        ("--", "-- the leading comment is SQL\nselect count(*) as n from dim_actors", "--format", "json"),
        ("--limit", "5", "-- the leading comment is SQL\nselect count(*) as n from dim_actors", "--format=json"),
    ],
)
def test_sql_that_starts_with_a_comment_with_options_anywhere(samples_publication: Path, args: Sequence[str]) -> None:
    result = _query(samples_publication, *args)
    assert result.exit_code == 0, result.output
    (n,) = run_query(samples_publication, "select count(*) from dim_actors")[1][0]
    assert json.loads(result.stdout) == [{"n": n}]


def test_option_names_inside_the_sql_text_are_left_alone(samples_publication: Path) -> None:
    sql = "-- pass --format csv for a spreadsheet\nselect '--format csv' as s, '--limit' as t, ' -- x' as u"
    result = _query(samples_publication, sql, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"s": "--format csv", "t": "--limit", "u": " -- x"}]
    # a first comment line that reads like an option is still SQL, and so is one-line SQL with spaces
    for text in ("--limit=3 rows are enough\nselect 7 as n", "--file=notes.sql held this\nselect 7 as n", "-- x --format\nselect 7 as n"):
        commented = _query(samples_publication, "--format", "json", text)
        assert commented.exit_code == 0, commented.output
        assert json.loads(commented.stdout) == [{"n": 7}]
    one_line = _query(samples_publication, "select '-f x' as n", "--format=json")
    assert one_line.exit_code == 0 and json.loads(one_line.stdout) == [{"n": "-f x"}]
    from_file = _query(samples_publication, "--format", "json", "--file", "-")
    assert from_file.exit_code == 2  # --file - reads stdin; CliRunner's is empty: no SQL
    piped = CliRunner().invoke(
        main, ["--config", _config(samples_publication), "query", "--file", "-", "--format", "json"], input=sql
    )
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.stdout) == [{"s": "--format csv", "t": "--limit", "u": " -- x"}]


def test_misplaced_or_misspelt_arguments_fail_with_a_usage_error(samples_publication: Path) -> None:
    typo = _query(samples_publication, "select 1", "--fromat", "csv")
    assert typo.exit_code == 2 and "No such option '--fromat'. Did you mean '--format'?" in typo.output
    unquoted = _query(samples_publication, "select", "count(*)", "from", "dim_actors")
    assert unquoted.exit_code == 2
    assert "one argument" in unquoted.output and "'count(*)'" in unquoted.output
    both = _query(samples_publication, "select 1", "--file", str(REPO_ROOT / "queries" / "trade_figures_over_time.sql"))
    assert both.exit_code == 2 and "not both" in both.output
    dangling = _query(samples_publication, "select 1", "--format")
    assert dangling.exit_code == 2 and "'--format' requires an argument" in dangling.output
    bad_choice = _query(samples_publication, "select 1", "--format", "xml")
    assert bad_choice.exit_code == 2 and "'xml' is not one of" in bad_choice.output
    helped = _query(samples_publication, "select 1", "--help")
    assert helped.exit_code == 0 and "--max-width" in helped.output and "vertical" in helped.output


def test_select_star_prints_readable_columns(samples_publication: Path) -> None:
    """Not a terminal (COLUMNS unset): a table at its natural width, every cell in full up to 60
    characters, numbers right-aligned — no longer every column squeezed to a few characters."""
    columns, rows = run_query(samples_publication, WIDE)
    assert len(columns) > 10 and rows
    result = _query(samples_publication, WIDE)
    assert result.exit_code == 0, result.output
    header, cells = _table(result.stdout)
    assert header == columns
    assert len(cells) == len(rows)
    for got, row in zip(cells, rows, strict=True):
        assert [c.strip() for c in got] == [_shown(v, 60) for v in row]
    counts = columns.index("mention_count")
    for got, row in zip(cells, rows, strict=True):
        assert got[counts].endswith(f"{row[counts]} ") and got[counts].startswith("  ")
    assert any(len(str(v)) > 60 for row in rows for v in row), "no long cell: the elision is not exercised"
    assert any(c.strip().endswith("…") for got in cells for c in got)


def test_max_width_caps_cells(samples_publication: Path) -> None:
    columns, rows = run_query(samples_publication, WIDE)
    narrow = _query(samples_publication, WIDE, "--max-width", "12")
    assert narrow.exit_code == 0, narrow.output
    header, cells = _table(narrow.stdout)
    assert header == [_shown(c, 12) for c in columns]
    for got, row in zip(cells, rows, strict=True):
        assert [c.strip() for c in got] == [_shown(v, 12) for v in row]
    full = _query(samples_publication, WIDE, "--max-width", "0")
    assert full.exit_code == 0, full.output
    for got, row in zip(_table(full.stdout)[1], rows, strict=True):
        assert [c.strip() for c in got] == [_shown(v, 0) for v in row]
    negative = _query(samples_publication, WIDE, "--max-width", "-1")
    assert negative.exit_code == 2


def test_vertical_layout_one_block_per_row(samples_publication: Path) -> None:
    columns, rows = run_query(samples_publication, WIDE)
    result = _query(samples_publication, "--format", "vertical", WIDE)
    assert result.exit_code == 0, result.output
    records = _records(result.stdout)
    assert len(records) == len(rows)
    width = max(len(c) for c in columns)
    for record, row in zip(records, rows, strict=True):
        assert list(record) == columns
        assert [v.rstrip() for v in record.values()] == [_shown(v, 500) for v in row]
    assert all(line.index(" |") == width for line in result.stdout.splitlines() if not line.startswith("-["))


def test_a_table_too_wide_for_the_terminal_turns_vertical(samples_publication: Path) -> None:
    columns, rows = run_query(samples_publication, WIDE)
    narrow = _query(samples_publication, WIDE, columns=80)
    assert narrow.exit_code == 0, narrow.output
    assert "one record per row" in narrow.stderr and "--format table" in narrow.stderr
    records = _records(narrow.stdout)
    assert len(records) == len(rows) and list(records[0]) == columns
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 80  # long values wrap
    assert ["".join(v.split()) for v in records[0].values()] == ["".join(_shown(v, 500).split()) for v in rows[0]]
    forced = _query(samples_publication, WIDE, "--format", "table", columns=80)
    assert forced.exit_code == 0 and forced.stderr == ""
    assert _table(forced.stdout)[0] == columns
    assert max(len(line) for line in forced.stdout.splitlines()) > 80
    roomy = _query(samples_publication, WIDE, columns=2000)
    assert roomy.exit_code == 0 and _table(roomy.stdout)[0] == columns
    small = _query(samples_publication, "select actor_id, mention_count from dim_actors limit 400", columns=80)
    assert small.exit_code == 0 and small.stderr == ""
    assert _table(small.stdout)[0] == ["actor_id", "mention_count"]


def test_cells_are_printed_literally_on_one_line(samples_publication: Path) -> None:
    """Text that looks like console markup stays as it is; a line break does not break the table."""
    sql = "select '[bold]Maria Kovalenko[/bold]' as markup, 'line one' || chr(10) || 'line two' as multi, null as nothing"
    result = _query(samples_publication, sql)
    assert result.exit_code == 0, result.output
    header, cells = _table(result.stdout)
    assert header == ["markup", "multi", "nothing"]
    assert [c.strip() for c in cells[0]] == ["[bold]Maria Kovalenko[/bold]", "line one line two", ""]
    vertical = _query(samples_publication, sql, "--format", "vertical")
    assert _records(vertical.stdout) == [
        {"markup": "[bold]Maria Kovalenko[/bold]", "multi": "line one\nline two", "nothing": ""}
    ]


def test_limit_caps_printed_rows_in_both_layouts(samples_publication: Path) -> None:
    (total,) = run_query(samples_publication, f"select count(*) from ({WIDE})")[1][0]
    assert total > 2
    table = _query(samples_publication, WIDE, "--limit", "2")
    assert table.exit_code == 0 and len(_table(table.stdout)[1]) == 2
    assert f"({total - 2} more rows" in table.stderr
    vertical = _query(samples_publication, WIDE, "--limit", "2", "--format", "vertical")
    assert vertical.exit_code == 0 and len(_records(vertical.stdout)) == 2
    assert f"({total - 2} more rows" in vertical.stderr
    everything = _query(samples_publication, WIDE, "--limit", "2", "--format", "json")
    assert len(json.loads(everything.stdout)) == total


def test_duckdb_cli_reads_the_publication_read_only(samples_publication: Path) -> None:
    """The README's `duckdb -readonly data/published/osint.duckdb`: the CLI is installed with the project."""
    duckdb_cli = BIN / "duckdb"
    assert duckdb_cli.is_file(), f"{duckdb_cli} missing: the duckdb-cli package is a project dependency"
    (n,) = run_query(samples_publication, "select count(*) from dim_actors")[1][0]
    done = subprocess.run(
        [str(duckdb_cli), "-readonly", "-csv", "-noheader", str(samples_publication), "-c", "select count(*) from dim_actors"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(n)
    refused = subprocess.run(
        [str(duckdb_cli), "-readonly", str(samples_publication), "-c", "create table t as select 1"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert refused.returncode != 0 and "read-only" in (refused.stdout + refused.stderr).lower()
