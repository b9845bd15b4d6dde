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


def test_the_parties_of_a_named_agreement_are_actors_of_the_gazetteer() -> None:
    from extraction.seeds import read_rows, seed_list

    actors = {r["actor_id"] for r in read_rows("actor_gazetteer")}
    missing = {p for r in read_rows("named_agreements") for p in seed_list(r["parties"]) if p not in actors}
    assert not missing
