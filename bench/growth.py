"""Warehouse growth under incremental builds (issue #20): how large is the working warehouse after R
incremental builds, with and without `osint maintain`, against one full build of the same items?

On the first B + R×K items of the RSS year (file order, i.e. by day), each stage in its own measured
subprocess as in every scenario (bench/scenarios.py):
  1. the full build: all B + R×K items landed, extracted, built, gated and published in one go;
  2. a fresh warehouse: the same of the first B items, then R rounds, each landing the next K items
     (only they are fetched, as a scheduled per-source task would) and running every later stage
     again, exactly as the incremental scenario does; then `osint maintain` (the function the CLI
     command calls, in its own measured process) compacts it.
The warehouse DuckDB file (the working warehouse, not the publication) is measured after the full
build, after each round and after maintain. Both warehouses' marts are counted table by table, so an
incremental build that ends with other facts than the full build shows.

All items go through one rss source of the same name both ways, so a document has the same id in
both warehouses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from bench.measure import measure_child, rate, warehouse_mb
from bench.paths import safe_data_dir
from bench.progress import log
from bench.result_types import (
    MAINTAIN,
    GrowthPass,
    GrowthResult,
    ScenarioResult,
    StageReport,
    StageResult,
    from_json,
)
from bench.rss_corpus import write_items
from bench.scenarios import run_pipeline_stages, write_config

SOURCE = "rss_items"


def growth_run(
    run: ScenarioResult, path: Path, work: Path, base: int, rounds: int, per_round: int, profile: set[str]
) -> None:
    """The full build into the scenario's own result; the base build, its rounds and maintain into
    `run.growth`; then the ratios and the mart comparison (a failure keeps what was measured)."""
    label = run.corpus
    total = base + rounds * per_round
    run.kind, run.documents, run.source = "rss-growth", total, f"first {total:,} items of {path}"
    run.landed_via = "rss connector (paths: JSON-lines dump)"
    growth = GrowthResult(base_documents=base, rounds=rounds, round_documents=per_round)
    run.growth = growth

    full = work / label / "full"
    full.mkdir(parents=True, exist_ok=True)
    full_data = safe_data_dir(full / "data")
    config = write_config(
        full / "osint.yml", full_data, [_source(write_items(path, 0, total, full / "items.jsonl"))]
    )
    run_pipeline_stages(f"{label} full", config, full_data, total, [], profile, run)
    growth.full_build_warehouse_mb = warehouse_mb(full_data)
    growth.mart_rows_full_build = mart_row_counts(full_data)

    inc = work / label / "incremental"
    inc.mkdir(parents=True, exist_ok=True)
    data = safe_data_dir(inc / "data")
    growth.base = GrowthPass(documents=base)
    config = write_config(
        inc / "osint-base.yml", data, [_source(write_items(path, 0, base, inc / "base.jsonl"))]
    )
    run_pipeline_stages(f"{label} base", config, data, base, [], profile, growth.base)
    for number in range(1, rounds + 1):
        start = base + (number - 1) * per_round
        items = write_items(path, start, start + per_round, inc / f"round-{number:02d}.jsonl")
        config = write_config(inc / f"osint-round-{number:02d}.yml", data, [_source(items)])
        step = GrowthPass(documents=per_round)
        growth.passes.append(step)
        run_pipeline_stages(f"{label} round {number}", config, data, per_round, [SOURCE], profile, step)
        growth.warehouse_mb_after_rounds.append(warehouse_mb(data))
        log(f"{label}: warehouse after round {number}: {growth.warehouse_mb_after_rounds[-1]:,.1f} MB")

    growth.maintain = measure_maintain(label, config, data, total)
    growth.warehouse_mb_after_maintain = warehouse_mb(data)
    growth.mart_rows_incremental = mart_row_counts(data)
    settle(growth)
    log(
        f"{label}: full build {growth.full_build_warehouse_mb:,.1f} MB; after {rounds} rounds "
        f"{growth.warehouse_mb_after_rounds[-1]:,.1f} MB (x{growth.ratio_without_maintain}), after maintain "
        f"{growth.warehouse_mb_after_maintain:,.1f} MB (x{growth.ratio_with_maintain}); "
        f"marts differing: {growth.mart_tables_differing or 'none'}"
    )


def _source(items: Path) -> dict[str, Any]:
    return {"kind": "rss", "name": SOURCE, "paths": [str(items)]}


def measure_maintain(label: str, config: Path, data_dir: Path, documents: int) -> StageResult:
    """`osint maintain` on the warehouse, measured like a stage (its rate: documents held ÷ seconds)."""
    log(f"{label}: maintain ...")
    args = ["--stage", MAINTAIN, "--config", str(config)]
    payload, usage = measure_child(
        args, data_dir, data_dir.parent / "stage-maintain.json", f"{label} maintain"
    )
    report = from_json(StageReport, payload)
    result = StageResult.measured(report, usage, rate(documents, report.wall_seconds), warehouse_mb(data_dir))
    log(f"{label}: maintain {result.wall_seconds:.1f} s, peak RSS {result.peak_rss_mb:,.0f} MB")
    return result


def mart_row_counts(data_dir: Path) -> dict[str, int]:
    """Rows of each marts.* table of the working warehouse (the tables publish copies)."""
    from osint.publish import MARTS_SCHEMA, mart_tables

    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        return {
            table: int(con.execute(f'select count(*) from {MARTS_SCHEMA}."{table}"').fetchone()[0])  # type: ignore[index]
            for table in mart_tables(con)
        }
    finally:
        con.close()


def size_ratio(size_mb: float | None, full_build_mb: float | None) -> float | None:
    """A warehouse size ÷ the full build's (None when either was not measured)."""
    if size_mb is None or not full_build_mb:
        return None
    return round(size_mb / full_build_mb, 3)


def differing_tables(full: dict[str, int], incremental: dict[str, int]) -> list[str]:
    """The mart tables whose row counts differ, or that only one of the two warehouses has."""
    return sorted(t for t in full.keys() | incremental.keys() if full.get(t) != incremental.get(t))


def settle(growth: GrowthResult) -> None:
    """The ratios and the mart comparison, from what was measured."""
    last = growth.warehouse_mb_after_rounds[-1] if growth.warehouse_mb_after_rounds else None
    growth.ratio_without_maintain = size_ratio(last, growth.full_build_warehouse_mb)
    growth.ratio_with_maintain = size_ratio(
        growth.warehouse_mb_after_maintain, growth.full_build_warehouse_mb
    )
    if growth.mart_rows_full_build is not None and growth.mart_rows_incremental is not None:
        growth.mart_tables_differing = differing_tables(
            growth.mart_rows_full_build, growth.mart_rows_incremental
        )
