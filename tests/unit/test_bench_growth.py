"""The warehouse growth scenario's pure parts (bench/growth.py, bench/report.py): which sizes the ratios
are taken from, which mart tables count as differing, the target, the tables, and the item slices."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bench.growth import differing_tables, settle, size_ratio
from bench.report import evaluate_targets, format_markdown
from bench.result_types import (
    BenchOptions,
    BenchResult,
    DiskSizes,
    GrowthPass,
    GrowthResult,
    HostInfo,
    ScenarioResult,
    StageResult,
    from_json,
    to_json,
)
from bench.rss_corpus import write_items


def _growth(
    rounds: int = 10, after_rounds: list[float] | None = None, after_maintain: float = 110.0
) -> GrowthResult:
    return GrowthResult(
        base_documents=20_000,
        rounds=rounds,
        round_documents=1000,
        full_build_warehouse_mb=100.0,
        warehouse_mb_after_rounds=after_rounds if after_rounds is not None else [150.0, 300.0],
        warehouse_mb_after_maintain=after_maintain,
        mart_rows_full_build={"fct_claims": 10, "dim_actors": 5, "only_full": 1},
        mart_rows_incremental={"fct_claims": 10, "dim_actors": 6, "only_incremental": 0},
    )


def test_ratios_are_the_last_round_and_the_maintained_size_over_the_full_build() -> None:
    growth = _growth()
    settle(growth)
    assert growth.ratio_without_maintain == 3.0  # the last round, not the first
    assert growth.ratio_with_maintain == 1.1
    assert size_ratio(None, 100.0) is None and size_ratio(50.0, 0.0) is None
    assert size_ratio(123.4, 100.0) == 1.234


def test_a_mart_table_differs_by_count_or_by_being_on_one_side_only() -> None:
    full = {"fct_claims": 10, "dim_actors": 5, "only_full": 1}
    incremental = {"fct_claims": 10, "dim_actors": 6, "only_incremental": 0}
    assert differing_tables(full, incremental) == ["dim_actors", "only_full", "only_incremental"]
    assert differing_tables(full, dict(full)) == []
    growth = _growth()
    settle(growth)
    assert growth.mart_tables_differing == ["dim_actors", "only_full", "only_incremental"]


def test_growth_target_is_met_at_or_below_1_2_and_comparable_only_for_10_rounds() -> None:
    def target(growth: GrowthResult) -> tuple[float, bool, bool | None]:
        settle(growth)
        t = evaluate_targets([ScenarioResult(corpus="rss-growth", kind="rss-growth", growth=growth)])[
            "warehouse_growth_ratio"
        ]
        return t.measured, t.met, t.comparable

    assert target(_growth(after_maintain=120.0)) == (1.2, True, True)
    assert target(_growth(after_maintain=121.0)) == (1.21, False, True)
    assert target(_growth(rounds=3, after_maintain=90.0)) == (0.9, True, False)
    unmeasured = GrowthResult(base_documents=1, rounds=10, round_documents=1)  # a run that failed early
    assert "warehouse_growth_ratio" not in evaluate_targets([ScenarioResult(corpus="g", growth=unmeasured)])


def test_growth_tables_show_every_round_and_each_differing_mart(tmp_path: Path) -> None:
    growth = _growth()
    growth.passes = [GrowthPass(documents=1000, sizes=_sizes(mb)) for mb in growth.warehouse_mb_after_rounds]
    growth.maintain = StageResult(
        stage="maintain",
        wall_seconds=4.5,
        detail={},
        process_seconds=6.0,
        peak_rss_mb=300.0,
        cpu_seconds=5.0,
        documents_per_second=6666.7,
        warehouse_duckdb_mb_after=110.0,
    )
    settle(growth)
    result = BenchResult(
        benchmark="b",
        mode="full",
        started_at="2026-12-06T00:00:00+00:00",
        git_revision="x",
        uncommitted_library_changes=[],
        host=HostInfo(cpus=2, python="3.11", platform="linux", duckdb="1"),
        load_average_start=(0.0,),
        options=BenchOptions(
            sizes=[], rss=False, incremental=0, peer_docs=0, peer_chars=0, seed=1, rss_limit=0, profile=[]
        ),
        definitions={},
        runs=[ScenarioResult(corpus="rss-growth", kind="rss-growth", documents=30_000, growth=growth)],
    )
    assert from_json(BenchResult, json.loads(json.dumps(to_json(result)))) == result
    text = format_markdown(result)
    assert "| round 1 | 21,000 |" in text and "| 150.0 | 1.500 |" in text
    assert "| round 2 | 22,000 |" in text and "| 300.0 | 3.000 |" in text
    assert "| dim_actors | 5 | 6 | **no** |" in text
    assert "| only_full | 1 | (absent) | **no** |" in text
    assert "| fct_claims | 10 | 10 | yes |" in text
    assert "| osint maintain | 30,000 | 4.5 (maintain) |" in text and "**110.0** | **1.100** |" in text


def _sizes(warehouse_mb: float) -> DiskSizes:
    return DiskSizes(
        landing_parquet_mb=0.0,
        warehouse_duckdb_mb=warehouse_mb,
        published_duckdb_mb=0.0,
        published_parquet_mb=0.0,
    )


def test_write_items_slices_the_year_in_file_order(tmp_path: Path) -> None:
    year = tmp_path / "year.jsonl.gz"
    with gzip.open(year, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"link": f"https://example.org/{i}"}) + "\n" for i in range(10))
    out = write_items(year, 3, 6, tmp_path / "slice.jsonl")
    links = [json.loads(line)["link"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert links == ["https://example.org/3", "https://example.org/4", "https://example.org/5"]
