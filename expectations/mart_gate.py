"""The mart gate: validate every mart of a build before it may be published."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb

from expectations.gx_runtime import gx_context
from expectations.mart_suites import MART_SPECS, MartSpec, build_expectations
from expectations.results import ExpectationOutcome, GateResult, write_report


def read_mart_frames(con: duckdb.DuckDBPyConnection, schema: str, specs: tuple[MartSpec, ...] = MART_SPECS) -> dict[str, Any]:
    """Only the columns the expectations look at, so the gate stays cheap on large marts."""
    existing = {r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = ?", [schema]
    ).fetchall()}
    frames = {}
    for spec in specs:
        if spec.table in existing:
            cols = ", ".join(f'"{c}"' for c in spec.columns)
            frames[spec.table] = con.execute(f'select {cols} from "{schema}"."{spec.table}"').df()
    return frames


def run_mart_gate(
    con: duckdb.DuckDBPyConnection,
    reports_dir: Path,
    schema: str = "marts",
    previous_counts: dict[str, int] | None = None,
    max_shrink: float = 0.5,
    specs: tuple[MartSpec, ...] = MART_SPECS,
) -> GateResult:
    started = time.perf_counter()
    frames = read_mart_frames(con, schema, specs)
    outcomes: list[ExpectationOutcome] = []
    row_counts: dict[str, int] = {}
    ctx = gx_context()
    import great_expectations as gx

    source = ctx.data_sources.add_pandas("marts")
    for spec in specs:
        frame = frames.get(spec.table)
        if frame is None:
            outcomes.append(ExpectationOutcome(spec.table, "expect_table_to_exist", None, False, observed="missing"))
            continue
        row_counts[spec.table] = len(frame)
        prev = (previous_counts or {}).get(spec.table)
        suite = ctx.suites.add(gx.ExpectationSuite(name=f"marts.{spec.table}"))
        for expectation in build_expectations(spec, frames, prev, max_shrink):
            suite.add_expectation(expectation)
        batch = source.add_dataframe_asset(spec.table).add_batch_definition_whole_dataframe("build")
        validation = ctx.validation_definitions.add(
            gx.ValidationDefinition(name=f"validate.{spec.table}", data=batch, suite=suite)
        )
        result = validation.run(
            batch_parameters={"dataframe": frame},
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 10},
        )
        outcomes.extend(_outcomes(spec.table, result))
    gate = GateResult(
        gate="marts",
        success=all(o.success for o in outcomes if o.blocking),
        outcomes=outcomes,
        row_counts=row_counts,
    )
    gate.seconds = time.perf_counter() - started
    write_report(gate, reports_dir)
    return gate


def _outcomes(table: str, result: Any) -> list[ExpectationOutcome]:
    out = []
    for r in result.results:
        cfg = r.expectation_config
        res = r.result or {}
        out.append(
            ExpectationOutcome(
                table=table,
                expectation=cfg.type,
                column=cfg.kwargs.get("column"),
                success=bool(r.success),
                observed=res.get("observed_value"),
                unexpected_count=res.get("unexpected_count"),
                samples=list(res.get("partial_unexpected_list") or [])[:10],
            )
        )
    return out
