"""Every dbt seed reads as dbt-duckdb reads it: DuckDB's CSV sniffer must find one dialect, so a file keeps one
line ending throughout (a row appended with LF to a CRLF file makes `dbt seed` fail)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

SEEDS = sorted((Path(__file__).resolve().parents[2] / "dbt" / "seeds").glob("*.csv"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_a_seed_has_one_line_ending_and_reads_as_csv(seed: Path) -> None:
    raw = seed.read_bytes()
    lines = raw.split(b"\n")[:-1]  # every line that ends in a line break
    crlf = {line.endswith(b"\r") for line in lines}
    assert len(crlf) <= 1, f"{seed.name}: mixed CRLF and LF line endings"
    header = raw.split(b"\n", 1)[0].decode("utf-8").rstrip("\r").split(",")
    rows = duckdb.sql(f"select count(*) from read_csv('{seed}', header = true, all_varchar = true)").fetchone()
    assert rows is not None and rows[0] > 0
    assert len(duckdb.sql(f"describe select * from read_csv('{seed}', header = true, all_varchar = true)").fetchall()) == len(header)
